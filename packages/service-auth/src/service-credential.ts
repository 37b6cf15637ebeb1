import { webcrypto } from 'node:crypto';
import { decodeProtectedHeader, errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { ROLES, type Actor } from '@longview/domain';

/**
 * Service credentials: how the command and query services know who a request is for.
 *
 * The gateway (for the signed-in user, or null for a public viewer) and the CLI (as SYSTEM)
 * sign a short-lived HS256 JWT with the key the services share (LONGVIEW_SERVICE_KEY) and
 * send it as `Authorization: Bearer <credential>`. The services believe nothing else: not a
 * body, not a query string. A user's token from the gateway's identity provider is not a
 * service credential (other key, no `aud` of the services) and is refused.
 */

/** Who may sign a credential. Only the CLI may speak for SYSTEM. */
export const SERVICE_ISSUERS = ['longview-gateway', 'longview-cli'] as const;
export type ServiceIssuer = (typeof SERVICE_ISSUERS)[number];

export const SERVICE_AUDIENCE = 'longview-services';

/** The private claim holding the actor (or null: an anonymous, public viewer). */
export const ACTOR_CLAIM = 'lv_actor';

export const DEFAULT_LIFETIME_SECONDS = 60;
/** Longest lifetime (exp - iat) a service accepts: a stolen credential is of little use for long. */
export const MAX_LIFETIME_SECONDS = 5 * 60;
/** Clock skew allowed between the signer and the service. */
export const CLOCK_TOLERANCE_SECONDS = 5;
/** Shortest key accepted (characters): an HS256 key shorter than its 256-bit hash is weak. */
export const MIN_KEY_LENGTH = 32;

export const SERVICE_KEY_ENV = 'LONGVIEW_SERVICE_KEY';

export interface ServiceCredentialClaims {
  readonly actor: Actor | null;
  readonly issuer: ServiceIssuer;
}

export interface VerifiedServiceCredential {
  readonly actor: Actor | null;
  readonly issuer: ServiceIssuer;
}

export type ServiceCredentialVerifier = (token: string, now?: Date) => Promise<VerifiedServiceCredential>;

/** A credential that is missing, malformed, badly signed, expired or says something it may not. */
export class InvalidServiceCredentialError extends Error {
  override name = 'InvalidServiceCredentialError';
}

/** Signs a service credential for `actor` (null = anonymous public viewer). */
export async function signServiceCredential(
  key: string,
  claims: ServiceCredentialClaims,
  options: { readonly lifetimeSeconds?: number; readonly now?: Date } = {},
): Promise<string> {
  const lifetime = options.lifetimeSeconds ?? DEFAULT_LIFETIME_SECONDS;
  if (!(lifetime > 0)) throw new RangeError('A service credential needs a lifetime of more than 0 seconds');
  if (!(SERVICE_ISSUERS as readonly string[]).includes(claims.issuer)) throw new RangeError(`Unknown service credential issuer "${claims.issuer}"`);
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return new SignJWT({ [ACTOR_CLAIM]: claims.actor })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(claims.issuer)
    .setAudience(SERVICE_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + lifetime)
    .sign(await signingKey(key));
}

/** Each key imported once (a process signs with one or two), not on every credential. */
const signingKeys = new Map<string, Promise<webcrypto.CryptoKey>>();
function signingKey(key: string): Promise<webcrypto.CryptoKey> {
  let imported = signingKeys.get(key);
  if (!imported) {
    imported = webcrypto.subtle.importKey('raw', keyBytes(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    signingKeys.set(key, imported);
  }
  return imported;
}

/** A verifier for credentials signed with `key`: HS256 only, audience and issuer checked, at most MAX_LIFETIME_SECONDS long. */
export function createServiceCredentialVerifier(key: string): ServiceCredentialVerifier {
  // Imported once, not on every request (jose would import raw bytes each time).
  const secret = webcrypto.subtle.importKey('raw', keyBytes(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  return async (token, now = new Date()) => {
    if (typeof token !== 'string' || token.split('.').length !== 3) throw new InvalidServiceCredentialError('The service credential is not a JWT');
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw new InvalidServiceCredentialError('The service credential is not a JWT');
    }
    if (alg !== 'HS256') throw new InvalidServiceCredentialError(`The service credential must be signed with HS256, not ${alg ?? 'no algorithm'}`);
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await secret, {
        algorithms: ['HS256'],
        audience: SERVICE_AUDIENCE,
        issuer: [...SERVICE_ISSUERS],
        requiredClaims: ['exp', 'iat'],
        // Also refuses an `iat` in the future.
        maxTokenAge: MAX_LIFETIME_SECONDS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        currentDate: now,
      }));
    } catch (error) {
      throw new InvalidServiceCredentialError(reasonOf(error));
    }
    const { iat, exp } = payload as { iat: number; exp: number };
    if (exp - iat > MAX_LIFETIME_SECONDS) {
      throw new InvalidServiceCredentialError(`The service credential lives ${exp - iat} s; at most ${MAX_LIFETIME_SECONDS} s is accepted`);
    }
    const issuer = payload.iss as ServiceIssuer;
    if (!Object.hasOwn(payload, ACTOR_CLAIM))
      throw new InvalidServiceCredentialError(`The service credential has no ${ACTOR_CLAIM} claim (use null for a public viewer)`);
    const actor = actorOf(payload[ACTOR_CLAIM]);
    if (actor?.role === 'SYSTEM' && issuer !== 'longview-cli') {
      throw new InvalidServiceCredentialError(`Only longview-cli may issue a SYSTEM credential, not ${issuer}`);
    }
    return { actor, issuer };
  };
}

/**
 * The credential in an `Authorization` header, verified. A missing header is an error too: a
 * public request still carries a credential (with a null actor), so nothing is anonymous by accident.
 */
export async function credentialFromAuthorization(
  header: string | undefined,
  verify: ServiceCredentialVerifier,
  now?: Date,
): Promise<VerifiedServiceCredential> {
  if (header === undefined || header.trim() === '') {
    throw new InvalidServiceCredentialError('No service credential: send Authorization: Bearer <credential> signed with the service key');
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw new InvalidServiceCredentialError('The Authorization header must be "Bearer <credential>"');
  return verify(match[1], now);
}

/** The service key from LONGVIEW_SERVICE_KEY; throws a clear error when it is missing or too short. */
export function serviceKeyFromEnv(env: Readonly<Record<string, string | undefined>>): string {
  const key = env[SERVICE_KEY_ENV]?.trim();
  if (!key) throw new Error(`${SERVICE_KEY_ENV} must be set: the key the gateway, the CLI and the services share to sign and check service credentials`);
  assertServiceKey(key, SERVICE_KEY_ENV);
  return key;
}

/** Throws when `key` is too short to be a service key. */
export function assertServiceKey(key: string, what = 'The service key'): void {
  if (key.length < MIN_KEY_LENGTH) throw new Error(`${what} is ${key.length} characters long; it must be at least ${MIN_KEY_LENGTH}`);
}

function keyBytes(key: string): Uint8Array {
  if (typeof key !== 'string') throw new TypeError('The service key must be a string');
  assertServiceKey(key);
  return new TextEncoder().encode(key);
}

function actorOf(value: unknown): Actor | null {
  if (value === null) return null;
  const bad = (why: string) => new InvalidServiceCredentialError(`The service credential's actor ${why}`);
  if (typeof value !== 'object' || Array.isArray(value)) throw bad('must be an object or null');
  const { id, role, trustCode, name } = value as Record<string, unknown>;
  if (typeof id !== 'string' || id === '') throw bad('has no id');
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) throw bad(`has no valid role (one of ${ROLES.join(', ')})`);
  if (trustCode !== undefined && (typeof trustCode !== 'string' || trustCode === '')) throw bad('has a trustCode that is not a non-empty string');
  if (role === 'TRUST_EDITOR' && trustCode === undefined) throw bad('is a TRUST_EDITOR without a trustCode');
  if (name !== undefined && (typeof name !== 'string' || name === '' || name.length > 200)) throw bad('has a name that is not 1-200 characters of text');
  return { id, role: role as Actor['role'], ...(typeof trustCode === 'string' ? { trustCode } : {}), ...(typeof name === 'string' ? { name } : {}) };
}

function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) {
    return error.claim === 'iat' ? 'The service credential was issued too long ago' : 'The service credential has expired';
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return 'The service credential has an issuer the services do not accept';
    if (error.claim === 'aud') return `The service credential is not for the services (audience must be ${SERVICE_AUDIENCE})`;
    if (error.claim === 'iat' && error.reason === 'check_failed') return 'The service credential is issued in the future';
    if (error.reason === 'missing') return `The service credential has no "${error.claim}" claim`;
    return `The service credential's "${error.claim}" claim is not valid`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The service credential is not signed with the service key';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'The service credential must be signed with HS256';
  return 'The service credential is malformed';
}
