import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import type { Actor } from '@longview/domain';

/**
 * Bearer tokens, verified with jose. Two kinds of key:
 * - HS256 with a shared secret: the embedded mode's local key (`longview token` signs with it);
 * - a key set (JWKS) of an identity provider, by URL or file, for the distributed mode: the
 *   token must be signed by one of its keys with an asymmetric algorithm and carry the
 *   configured issuer (and audience, when one is configured).
 * Either way the claims are Longview's: `sub`, `role`, `trust` (for a TRUST_EDITOR), `name`
 * (optional, shown to the user), `exp`. Limits on every token: `exp` is required, a token may
 * live at most MAX_TOKEN_LIFETIME_SECONDS (exp - iat, or exp - now without iat), and clocks
 * may differ by CLOCK_TOLERANCE_SECONDS.
 * The gateway only authenticates (who is this?); the command side authorises.
 */

export const TOKEN_ROLES = ['TRUST_EDITOR', 'POLICYMAKER', 'COMMUNITY', 'ADMIN'] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

/** The longest a token may live: a stolen token is useful for a day at most. */
export const MAX_TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;
/** How far the clocks of the token's issuer and the gateway may disagree. */
export const CLOCK_TOLERANCE_SECONDS = 30;

export interface TokenClaims {
  readonly sub: string;
  readonly role: TokenRole;
  /** ODS code; required for TRUST_EDITOR. */
  readonly trust?: string;
  /** A name to show ("Signed in as ..."); optional. */
  readonly name?: string;
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
  readonly role: string;
  readonly trust?: string;
  readonly sub?: string;
  /** Default: "Demo trust editor (RJ1)" and the like. */
  readonly name?: string;
  /** Default 12 hours; at most MAX_TOKEN_LIFETIME_SECONDS. */
  readonly expiresInSeconds?: number;
}

/**
 * Signs an HS256 token for local use (`longview token`). Synchronous on purpose: jose signs
 * asynchronously (WebCrypto) and the CLI calls this as a plain function, so the few lines of
 * HMAC stay here; every token is verified by jose (the tests check it reads these).
 */
export function signDevToken(options: DevTokenOptions, secret: string, now: Date = new Date()): string {
  const role = normaliseRole(options.role);
  if (!role) throw new InvalidTokenError(`Unknown role "${options.role}"; expected one of ${TOKEN_ROLES.join(', ')}`);
  if (role === 'TRUST_EDITOR' && !options.trust) throw new InvalidTokenError('A TRUST_EDITOR token needs a trust code');
  const lifetime = options.expiresInSeconds ?? 12 * 60 * 60;
  if (!(lifetime > 0) || lifetime > MAX_TOKEN_LIFETIME_SECONDS) {
    throw new InvalidTokenError(`A token may live at most ${MAX_TOKEN_LIFETIME_SECONDS / 3600} hours`);
  }
  const iat = Math.floor(now.getTime() / 1000);
  const claims: TokenClaims = {
    sub: options.sub ?? (options.trust ? `dev-${role.toLowerCase()}-${options.trust}` : `dev-${role.toLowerCase()}`),
    role,
    ...(options.trust ? { trust: options.trust } : {}),
    name: options.name ?? `Demo ${defaultName(role, options.trust).replace(/^./, (c) => c.toLowerCase())}`,
    iat,
    exp: iat + Math.floor(lifetime),
  };
  const signingInput = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}`;
  return `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
}

/** An identity provider's key set and the claims its tokens must carry. */
export interface JwksOptions {
  /** Required `iss`. */
  readonly issuer: string;
  /** Required `aud` (one of them), when given. */
  readonly audience?: string | readonly string[];
  /** The key set's URL (fetched on first use, cached, refetched for an unknown key id)... */
  readonly jwksUrl?: string;
  /** ...or a JSON file holding it (read once). */
  readonly jwksFile?: string;
}

export interface TokenVerifierOptions {
  /** HS256 secret (the embedded mode's local key). */
  readonly secret?: string;
  readonly jwks?: JwksOptions;
}

/** Verifies a bearer token and returns its claims; throws InvalidTokenError. */
export type TokenVerifier = (token: string, now?: Date) => Promise<TokenClaims>;

/** What a key set may sign with: asymmetric algorithms only (an HS256 token is never checked against public keys). */
const KEY_SET_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const secret = options.secret ? new TextEncoder().encode(options.secret) : undefined;
  const keySet = options.jwks ? keySetOf(options.jwks) : undefined;
  const jwks = options.jwks;
  return async (token, now = new Date()) => {
    const alg = algorithmOf(token);
    if (alg === 'HS256' && secret) {
      return claimsOf(
        await verified(() =>
          jwtVerify(token, secret, { algorithms: ['HS256'], requiredClaims: ['exp'], currentDate: now, clockTolerance: CLOCK_TOLERANCE_SECONDS }),
        ),
        now,
      );
    }
    if (keySet && jwks) {
      return claimsOf(
        await verified(() =>
          jwtVerify(token, keySet, {
            algorithms: KEY_SET_ALGORITHMS,
            issuer: jwks.issuer,
            ...(jwks.audience !== undefined ? { audience: typeof jwks.audience === 'string' ? jwks.audience : [...jwks.audience] } : {}),
            requiredClaims: ['exp'],
            currentDate: now,
            clockTolerance: CLOCK_TOLERANCE_SECONDS,
          }),
        ),
        now,
      );
    }
    throw new InvalidTokenError(secret ? 'Unsupported token algorithm; expected HS256' : 'Unsupported token algorithm');
  };
}

/** Verifies an HS256 token against `secret`: algorithm, signature, expiry and claim shapes. Throws InvalidTokenError. */
export function verifyToken(token: string, secret: string, now: Date = new Date()): Promise<TokenClaims> {
  return createTokenVerifier({ secret })(token, now);
}

export function actorFromClaims(claims: TokenClaims): Actor {
  return { id: claims.sub, role: claims.role, ...(claims.trust ? { trustCode: claims.trust } : {}) };
}

/** Who is signed in, as the API shows it (Query.viewer). */
export interface SignedIn {
  readonly actor: Actor;
  /** The token's `name`, else a readable default ("Trust editor (RJ1)"). */
  readonly name: string;
}

/** The readable name of a role (and trust) for a token without a `name` claim. */
export function defaultName(role: TokenRole, trust?: string): string {
  const label = { TRUST_EDITOR: 'Trust editor', POLICYMAKER: 'Policymaker', COMMUNITY: 'Community member', ADMIN: 'Administrator' }[role];
  return trust ? `${label} (${trust})` : label;
}

/**
 * Who a request comes from: a valid bearer token's subject, else null (public reads only, in
 * every mode). A present but invalid header rejects with InvalidTokenError.
 * `verify` is a TokenVerifier, or the HS256 secret.
 */
export async function signedInFromAuthorization(header: string | undefined, verify: TokenVerifier | string, now: Date = new Date()): Promise<SignedIn | null> {
  if (header === undefined || header.trim() === '') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw new InvalidTokenError('Authorization header must be "Bearer <token>"');
  const verifier = typeof verify === 'string' ? createTokenVerifier({ secret: verify }) : verify;
  const claims = await verifier(match[1], now);
  return { actor: actorFromClaims(claims), name: claims.name ?? defaultName(claims.role, claims.trust) };
}

/** The actor of a request (see signedInFromAuthorization); null without a token. */
export async function actorFromAuthorization(header: string | undefined, verify: TokenVerifier | string, now: Date = new Date()): Promise<Actor | null> {
  return (await signedInFromAuthorization(header, verify, now))?.actor ?? null;
}

/**
 * The key set options of the distributed mode from the environment: LONGVIEW_JWKS_URL or
 * LONGVIEW_JWKS_FILE, LONGVIEW_JWT_ISSUER (required with a key set), LONGVIEW_JWT_AUDIENCE
 * (optional, comma-separated). Undefined when no key set is configured.
 */
export function jwksOptionsFromEnv(env: NodeJS.ProcessEnv): JwksOptions | undefined {
  const jwksUrl = env.LONGVIEW_JWKS_URL?.trim() || undefined;
  const jwksFile = env.LONGVIEW_JWKS_FILE?.trim() || undefined;
  if (!jwksUrl && !jwksFile) return undefined;
  if (jwksUrl && jwksFile) throw new Error('Set one of LONGVIEW_JWKS_URL and LONGVIEW_JWKS_FILE, not both');
  const issuer = env.LONGVIEW_JWT_ISSUER?.trim();
  if (!issuer) throw new Error('LONGVIEW_JWT_ISSUER must be set with a key set (LONGVIEW_JWKS_URL or LONGVIEW_JWKS_FILE)');
  const audiences = (env.LONGVIEW_JWT_AUDIENCE ?? '')
    .split(',')
    .map((audience) => audience.trim())
    .filter((audience) => audience !== '');
  return {
    issuer,
    ...(audiences.length > 0 ? { audience: audiences.length === 1 ? audiences[0] : audiences } : {}),
    ...(jwksUrl ? { jwksUrl } : {}),
    ...(jwksFile ? { jwksFile } : {}),
  };
}

function keySetOf(options: JwksOptions) {
  if (options.jwksUrl) return createRemoteJWKSet(new URL(options.jwksUrl));
  if (options.jwksFile) return createLocalJWKSet(JSON.parse(readFileSync(options.jwksFile, 'utf8')) as JSONWebKeySet);
  throw new Error('A key set needs jwksUrl or jwksFile');
}

function algorithmOf(token: string): string | undefined {
  if (token.split('.').length !== 3) throw new InvalidTokenError('Malformed token');
  try {
    return decodeProtectedHeader(token).alg;
  } catch {
    throw new InvalidTokenError('Malformed token');
  }
}

/** jose's errors, in the words the API has always used. */
async function verified(verify: () => Promise<{ payload: JWTPayload }>): Promise<JWTPayload> {
  try {
    return (await verify()).payload;
  } catch (error) {
    throw new InvalidTokenError(reasonOf(error));
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'Token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'exp') return 'Token has no expiry';
    if (error.claim === 'iss') return 'Token issuer is not accepted';
    if (error.claim === 'aud') return 'Token audience is not accepted';
    return `Token claim "${error.claim}" is not valid`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'Invalid token signature';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'Unsupported token algorithm';
  if (error instanceof errors.JWKSNoMatchingKey) return 'No key of the key set matches the token';
  if (error instanceof errors.JWKSTimeout) return 'The key set could not be fetched in time';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid || error instanceof errors.JOSENotSupported) return 'Malformed token';
  return 'Invalid token';
}

function claimsOf(payload: JWTPayload, now: Date): TokenClaims {
  if (typeof payload.exp !== 'number') throw new InvalidTokenError('Token has no expiry');
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (typeof payload.iat === 'number' && payload.iat > nowSeconds + CLOCK_TOLERANCE_SECONDS) throw new InvalidTokenError('Token was issued in the future');
  // Without iat, the lifetime left is what counts.
  const issuedAt = typeof payload.iat === 'number' ? payload.iat : nowSeconds;
  if (payload.exp - issuedAt > MAX_TOKEN_LIFETIME_SECONDS + (typeof payload.iat === 'number' ? 0 : CLOCK_TOLERANCE_SECONDS)) {
    throw new InvalidTokenError(`Token lives longer than the ${MAX_TOKEN_LIFETIME_SECONDS / 3600} hours allowed`);
  }
  if (payload.name !== undefined && (typeof payload.name !== 'string' || payload.name.trim() === ''))
    throw new InvalidTokenError('Token name must be a non-empty string');
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
    ...(typeof payload.name === 'string' ? { name: payload.name.trim() } : {}),
    ...(typeof payload.iat === 'number' ? { iat: payload.iat } : {}),
  };
}

function normaliseRole(role: string): TokenRole | undefined {
  const upper = role.trim().toUpperCase().replace(/-/g, '_');
  return (TOKEN_ROLES as readonly string[]).includes(upper) ? (upper as TokenRole) : undefined;
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
