import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Actor } from '@longview/domain';

/**
 * Bearer tokens: compact JWS, HS256 only, verified with node:crypto against a shared secret.
 * The gateway only authenticates (who is this?); the command side authorises.
 */

export const TOKEN_ROLES = ['TRUST_EDITOR', 'POLICYMAKER', 'COMMUNITY', 'ADMIN'] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

export interface TokenClaims {
  readonly sub: string;
  readonly role: TokenRole;
  /** ODS code; required for TRUST_EDITOR. */
  readonly trust?: string;
  /** Expiry, seconds since the epoch. */
  readonly exp: number;
  readonly iat?: number;
}

/** A token that is malformed, badly signed, expired or carries unusable claims. */
export class InvalidTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTokenError';
  }
}

export interface DevTokenOptions {
  /** Upper snake case, or the CLI's lower kebab case (`trust-editor`). */
  readonly role: TokenRole | string;
  readonly trust?: string;
  readonly sub?: string;
  /** Default 12 hours. */
  readonly expiresInSeconds?: number;
}

/** Signs an HS256 token for local use (`longview token`). */
export function signDevToken(options: DevTokenOptions, secret: string, now: Date = new Date()): string {
  const role = normaliseRole(options.role);
  if (!role) throw new InvalidTokenError(`Unknown role "${options.role}"; expected one of ${TOKEN_ROLES.join(', ')}`);
  if (role === 'TRUST_EDITOR' && !options.trust) throw new InvalidTokenError('A TRUST_EDITOR token needs a trust code');
  const iat = Math.floor(now.getTime() / 1000);
  const claims: TokenClaims = {
    sub: options.sub ?? (options.trust ? `dev-${role.toLowerCase()}-${options.trust}` : `dev-${role.toLowerCase()}`),
    role,
    ...(options.trust ? { trust: options.trust } : {}),
    iat,
    exp: iat + (options.expiresInSeconds ?? 12 * 60 * 60),
  };
  const signingInput = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}`;
  return `${signingInput}.${sign(signingInput, secret)}`;
}

/** Verifies signature, algorithm, expiry and claim shapes. Throws InvalidTokenError. */
export function verifyToken(token: string, secret: string, now: Date = new Date()): TokenClaims {
  const parts = token.split('.');
  if (parts.length !== 3) throw new InvalidTokenError('Malformed token');
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = decodeJson(headerPart);
  if (header.alg !== 'HS256') throw new InvalidTokenError('Unsupported token algorithm; expected HS256');
  const expected = Buffer.from(sign(`${headerPart}.${payloadPart}`, secret));
  const actual = Buffer.from(signaturePart);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) throw new InvalidTokenError('Invalid token signature');
  const payload = decodeJson(payloadPart);
  if (typeof payload.exp !== 'number') throw new InvalidTokenError('Token has no expiry');
  if (payload.exp <= Math.floor(now.getTime() / 1000)) throw new InvalidTokenError('Token has expired');
  if (typeof payload.sub !== 'string' || payload.sub === '') throw new InvalidTokenError('Token has no subject');
  const role = typeof payload.role === 'string' && (TOKEN_ROLES as readonly string[]).includes(payload.role) ? (payload.role as TokenRole) : undefined;
  if (!role) throw new InvalidTokenError('Token has no valid role');
  if (payload.trust !== undefined && typeof payload.trust !== 'string') throw new InvalidTokenError('Token trust must be a string');
  if (role === 'TRUST_EDITOR' && !payload.trust) throw new InvalidTokenError('A TRUST_EDITOR token needs a trust code');
  return {
    sub: payload.sub,
    role,
    exp: payload.exp,
    ...(typeof payload.trust === 'string' ? { trust: payload.trust } : {}),
    ...(typeof payload.iat === 'number' ? { iat: payload.iat } : {}),
  };
}

export function actorFromClaims(claims: TokenClaims): Actor {
  return { id: claims.sub, role: claims.role, ...(claims.trust ? { trustCode: claims.trust } : {}) };
}

/**
 * The actor of a request: from a valid bearer token, else `anonymousActor` (embedded dev mode),
 * else null (public reads only). A present but invalid header throws InvalidTokenError.
 */
export function actorFromAuthorization(
  header: string | undefined,
  secret: string,
  anonymousActor?: Actor,
  now: Date = new Date(),
): Actor | null {
  if (header === undefined || header.trim() === '') return anonymousActor ?? null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw new InvalidTokenError('Authorization header must be "Bearer <token>"');
  return actorFromClaims(verifyToken(match[1], secret, now));
}

function normaliseRole(role: string): TokenRole | undefined {
  const upper = role.trim().toUpperCase().replace(/-/g, '_');
  return (TOKEN_ROLES as readonly string[]).includes(upper) ? (upper as TokenRole) : undefined;
}

function sign(input: string, secret: string): string {
  return createHmac('sha256', secret).update(input).digest('base64url');
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function decodeJson(part: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new InvalidTokenError('Malformed token');
}
