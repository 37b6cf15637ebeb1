import { isIP } from 'node:net';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { QueryServiceClient } from '../clients/query-service.client';
import { InvalidTokenError, signDevToken, TOKEN_ROLES, type TokenRole } from '../auth';

/**
 * The embedded mode's demo sign-in: the web client signs in as any demo role (and, for a trust
 * editor, any trust) without a token from an identity provider.
 *
 *   GET  /auth/demo-sign-in   200 { roles, expiresInSeconds } when offered, else 404
 *   POST /auth/demo-sign-in   JSON { role, trustCode? } -> 200 { token, expiresAt }
 *
 * It is offered only when the gateway is told so (the embedded platform does; the distributed
 * mode never does) AND the gateway listens on a loopback address AND the request comes from
 * this computer: a loopback peer, a loopback Host header (so a web page that rebinds its DNS
 * name to 127.0.0.1 is refused) and no proxy headers (a local reverse proxy would make remote
 * visitors look local). The POST needs `Content-Type: application/json`, which a cross-site
 * form cannot send and a cross-site script cannot send without a CORS preflight, which this
 * route never grants. Tokens are short-lived and signed with the local key.
 */

export const DEMO_TOKEN_LIFETIME_SECONDS = 2 * 60 * 60;

export interface DemoSignInOptions {
  /** The gateway option `demoSignIn`. */
  readonly enabled: boolean;
  /** The address the gateway listens on. */
  readonly host: string;
  /** The local HS256 key (required when enabled). */
  readonly secret: string | undefined;
  /** To check that a trust editor's trust exists. */
  readonly queries: QueryServiceClient;
  /** The clock (tests). */
  readonly now?: () => Date;
}

interface ErrorBody {
  readonly code: 'BAD_USER_INPUT' | 'NOT_FOUND' | 'UNSUPPORTED_MEDIA_TYPE';
  readonly message: string;
}

const UNAVAILABLE: ErrorBody = {
  code: 'NOT_FOUND',
  message:
    'Demo sign-in is not available here. It is offered only by the embedded platform (npx longview start) to a browser on the same computer. ' +
    'Sign in with an access token from your identity provider instead.',
};

export function demoSignIn(options: DemoSignInOptions): Router {
  const router = express.Router();
  const enabled = options.enabled && isLoopbackHost(options.host);
  const secret = options.secret;
  if (options.enabled && !secret) throw new Error('demoSignIn needs jwtSecret: demo tokens are signed with the local key');
  const now = options.now ?? (() => new Date());

  router.use((req, res, next) => {
    if (!enabled || !fromThisComputer(req)) {
      fail(res, 404, UNAVAILABLE);
      return;
    }
    next();
  });
  router.get('/', (_req, res) => {
    res.json({ roles: TOKEN_ROLES, expiresInSeconds: DEMO_TOKEN_LIFETIME_SECONDS });
  });
  router.post('/', express.json({ limit: '4kb' }), (req, res, next) => {
    void signIn(req, res, secret as string, options.queries, now()).catch(next);
  });
  router.use((_req, res) => {
    res.set('allow', 'GET, POST');
    fail(res, 405, {
      code: 'BAD_USER_INPUT',
      message: 'Use GET to ask whether demo sign-in is offered, or POST { "role": ..., "trustCode": ... } to sign in.',
    });
  });
  // A body that is not JSON (express.json's errors carry a 4xx status) is the caller's mistake; anything else is ours.
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      fail(res, 400, { code: 'BAD_USER_INPUT', message: 'The sign-in request is not valid JSON: send { "role": "TRUST_EDITOR", "trustCode": "RJ1" }.' });
      return;
    }
    next(error);
  });
  return router;
}

async function signIn(req: Request, res: Response, secret: string, queries: QueryServiceClient, now: Date): Promise<void> {
  if (!req.is('application/json')) {
    fail(res, 415, { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the sign-in as JSON (Content-Type: application/json).' });
    return;
  }
  const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as { role?: unknown; trustCode?: unknown };
  const role = roleOf(body.role);
  if (!role) {
    fail(res, 400, { code: 'BAD_USER_INPUT', message: `Choose a role to sign in as: one of ${TOKEN_ROLES.join(', ')}.` });
    return;
  }
  const trustCode = typeof body.trustCode === 'string' && body.trustCode.trim() !== '' ? body.trustCode.trim().toUpperCase() : undefined;
  if (body.trustCode !== undefined && body.trustCode !== null && typeof body.trustCode !== 'string') {
    fail(res, 400, { code: 'BAD_USER_INPUT', message: 'The trust code must be a string, like "RJ1".' });
    return;
  }
  if (role !== 'TRUST_EDITOR' && trustCode) {
    fail(res, 400, { code: 'BAD_USER_INPUT', message: `Only a trust editor signs in for a trust; sign in as ${role} without a trust code.` });
    return;
  }
  if (role === 'TRUST_EDITOR') {
    if (!trustCode) {
      fail(res, 400, { code: 'BAD_USER_INPUT', message: 'Choose the trust a trust editor edits for (its ODS code, like RJ1).' });
      return;
    }
    if (!(await queries.getTrust(trustCode))) {
      fail(res, 400, { code: 'BAD_USER_INPUT', message: `There is no trust with the code ${trustCode}. Choose one from the list of trusts.` });
      return;
    }
  }
  let token: string;
  try {
    token = signDevToken(
      {
        role,
        ...(trustCode ? { trust: trustCode } : {}),
        sub: `demo-${role.toLowerCase().replace(/_/g, '-')}${trustCode ? `-${trustCode}` : ''}`,
        expiresInSeconds: DEMO_TOKEN_LIFETIME_SECONDS,
      },
      secret,
      now,
    );
  } catch (error) {
    if (error instanceof InvalidTokenError) {
      fail(res, 400, { code: 'BAD_USER_INPUT', message: error.message });
      return;
    }
    throw error;
  }
  const expiresAt = new Date((Math.floor(now.getTime() / 1000) + DEMO_TOKEN_LIFETIME_SECONDS) * 1000).toISOString();
  res.set('cache-control', 'no-store').json({ token, expiresAt });
}

function roleOf(value: unknown): TokenRole | undefined {
  if (typeof value !== 'string') return undefined;
  const upper = value.trim().toUpperCase().replace(/-/g, '_');
  return (TOKEN_ROLES as readonly string[]).includes(upper) ? (upper as TokenRole) : undefined;
}

function fail(res: Response, status: number, body: ErrorBody): void {
  res.status(status).set('cache-control', 'no-store').json(body);
}

/** 127.0.0.0/8, ::1 (and the IPv4-mapped form), or the name localhost. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost') return true;
  const v4 = bare.startsWith('::ffff:') ? bare.slice('::ffff:'.length) : bare;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return bare === '::1';
}

function fromThisComputer(req: Request): boolean {
  if (req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined) return false;
  const peer = req.socket.remoteAddress;
  if (!peer || !isLoopbackHost(peer)) return false;
  const hostHeader = req.headers.host;
  if (!hostHeader) return false;
  const hostname = hostHeader.startsWith('[') ? hostHeader.slice(0, hostHeader.indexOf(']') + 1) : (hostHeader.split(':')[0] ?? '');
  return isLoopbackHost(hostname);
}
