import { createHmac } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Actor } from '@longview/domain';
import { ACTOR_CLAIM, SERVICE_AUDIENCE, signServiceCredential, type ServiceIssuer } from './service-credential';

/**
 * For the services' HTTP tests: the Authorization headers a service must refuse with 401, each
 * named, and a valid one. Real tokens, signed with jose (or by hand where jose refuses to, e.g.
 * alg none), so a test fails if a service believes any of them.
 */

/** `Bearer <valid credential>` for `actor`. SYSTEM is signed by the CLI, anyone else by the gateway. */
export async function authorizationFor(key: string, actor: Actor | null, issuer?: ServiceIssuer): Promise<string> {
  return `Bearer ${await signServiceCredential(key, { actor, issuer: issuer ?? (actor?.role === 'SYSTEM' ? 'longview-cli' : 'longview-gateway') })}`;
}

/** Headers a service must answer 401 to (`undefined` = no header at all). */
export async function refusedAuthorizations(key: string, actor: Actor): Promise<readonly (readonly [string, string | undefined])[]> {
  const now = Math.floor(Date.now() / 1000);
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const payload = { iss: 'longview-gateway', aud: SERVICE_AUDIENCE, iat: now, exp: now + 60, [ACTOR_CLAIM]: actor };
  const otherKey = `${key}-but-another-one`;
  // What the gateway's `longview token` signs for a user: HS256 with the dev JWT secret, Longview's user claims.
  const devJwtSecret = 'a-dev-jwt-secret-that-is-not-the-service-key';
  const userInput = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'dev-admin', role: 'ADMIN', iat: now, exp: now + 3600 })}`;
  const userToken = `${userInput}.${createHmac('sha256', devJwtSecret).update(userInput).digest('base64url')}`;
  return [
    ['no credential', undefined],
    ['an empty header', ''],
    ['not a bearer header', `Basic ${Buffer.from('admin:admin').toString('base64')}`],
    ['garbage', 'Bearer this-is-not-a-jwt'],
    ['expired', `Bearer ${await signServiceCredential(key, { actor, issuer: 'longview-gateway' }, { now: new Date((now - 120) * 1000) })}`],
    ['signed with another key', `Bearer ${await signServiceCredential(otherKey, { actor, issuer: 'longview-gateway' })}`],
    ['alg none', `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`],
    ['HS512', `Bearer ${await new SignJWT(payload).setProtectedHeader({ alg: 'HS512' }).sign(new TextEncoder().encode(key))}`],
    ['a lifetime over 5 minutes', `Bearer ${await signServiceCredential(key, { actor, issuer: 'longview-gateway' }, { lifetimeSeconds: 3600 })}`],
    ["a user's JWT signed with the dev JWT secret", `Bearer ${userToken}`],
    ['SYSTEM signed by the gateway', `Bearer ${await signServiceCredential(key, { actor: { id: 'x', role: 'SYSTEM' }, issuer: 'longview-gateway' })}`],
  ];
}
