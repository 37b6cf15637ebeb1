import { createHash } from 'node:crypto';
import cors from 'cors';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { HardeningConfig } from './config';

/** An error answered at the HTTP layer, shaped like a GraphQL response so every client reads one format. */
export interface HttpErrorBody {
  readonly errors: readonly [{ readonly message: string; readonly extensions: { readonly code: string } & Record<string, unknown> }];
}

export function httpErrorBody(code: string, message: string, extensions: Record<string, unknown> = {}): HttpErrorBody {
  return { errors: [{ message, extensions: { ...extensions, code } }] };
}

/**
 * The middleware in front of the GraphQL endpoint, in order: CORS from the allow-list, the
 * per-address and per-token rate limits (429 with Retry-After), and the JSON body parser with
 * the size limit. Its errors (malformed JSON, too large) reach `jsonErrorHandler`.
 */
export function graphqlHttpGuards(config: HardeningConfig): RequestHandler[] {
  const allowed = new Set(config.corsOrigins);
  return [
    // No allow-list: no CORS headers at all, so browsers keep other origins out (same origin only).
    cors({ origin: allowed.size === 0 ? false : (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)) }),
    rateLimit({
      windowMs: config.rateLimitWindowMs,
      limit: config.rateLimitPerAddress,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      // The gateway does not trust X-Forwarded-For (no proxy configured): the socket's address counts.
      validate: { xForwardedForHeader: false },
      handler: (_req, res) => {
        res.status(429).json(httpErrorBody('RATE_LIMITED', 'Too many requests from this address; retry after the number of seconds in Retry-After'));
      },
    }),
    rateLimit({
      windowMs: config.rateLimitWindowMs,
      limit: config.rateLimitPerToken,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      validate: { xForwardedForHeader: false },
      skip: (req) => bearerOf(req.headers.authorization) === undefined,
      // A digest of the token, so no token is kept in memory as it was sent.
      keyGenerator: (req) =>
        createHash('sha256')
          .update(bearerOf(req.headers.authorization) ?? '')
          .digest('hex'),
      handler: (_req, res) => {
        res.status(429).json(httpErrorBody('RATE_LIMITED', 'Too many requests with this token; retry after the number of seconds in Retry-After'));
      },
    }),
    express.json({ limit: config.maxBodyBytes }),
    // Apollo's Express integration answers 500 when no parser set req.body (a POST that is not JSON).
    (req, _res, next) => {
      if (!('body' in req)) (req as { body?: unknown }).body = undefined;
      next();
    },
  ];
}

function bearerOf(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)/i.exec(header ?? '');
  return match?.[1];
}

/** Last in the chain for unknown routes: JSON 404, never Express's HTML page. */
export const jsonNotFound: RequestHandler = (req, res) => {
  res.status(404).json(httpErrorBody('NOT_FOUND', `No route for ${req.method} ${req.path.length > 100 ? `${req.path.slice(0, 100)}…` : req.path}`));
};

/**
 * Last error handler: a JSON error, never Express's HTML page with a stack trace and paths.
 * Body-parser errors carry a 4xx `status` and a `type`; anything else is a 500 logged here.
 */
export const jsonErrorHandler: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  if (res.headersSent) return next(error);
  const { status, type } = (error ?? {}) as { status?: unknown; type?: unknown };
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const [code, message] = clientError(status, typeof type === 'string' ? type : '');
    res.status(status).json(httpErrorBody(code, message));
    return;
  }
  console.error('[gateway] unexpected HTTP error', error);
  res.status(500).json(httpErrorBody('INTERNAL_SERVER_ERROR', 'Internal server error'));
};

function clientError(status: number, type: string): [string, string] {
  switch (type) {
    case 'entity.parse.failed':
      return ['BAD_REQUEST', 'The request body is not valid JSON (a GraphQL request is {"query": "...", "variables": {...}})'];
    case 'entity.too.large':
      return ['PAYLOAD_TOO_LARGE', 'The request body is too large'];
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return ['UNSUPPORTED_MEDIA_TYPE', 'The request body must be UTF-8 JSON'];
    default:
      return ['BAD_REQUEST', status === 413 ? 'The request body is too large' : 'The request is malformed'];
  }
}
