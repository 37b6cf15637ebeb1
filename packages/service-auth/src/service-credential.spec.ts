import { createHmac } from 'node:crypto';
import { SignJWT } from 'jose';
import {
  ACTOR_CLAIM,
  createServiceCredentialVerifier,
  credentialFromAuthorization,
  InvalidServiceCredentialError,
  SERVICE_AUDIENCE,
  serviceKeyFromEnv,
  signServiceCredential,
} from './service-credential';

const KEY = 'k'.repeat(16) + 'service-key-for-tests-0123456789';
const OTHER_KEY = 'o'.repeat(16) + 'another-key-entirely-0123456789';
const NOW = new Date('2026-03-10T09:00:00.000Z');
const EDITOR = { id: 'editor-1', role: 'TRUST_EDITOR', trustCode: 'RJ1' } as const;
const verify = createServiceCredentialVerifier(KEY);

const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A token with any header and payload, HMAC-signed with `key` (or unsigned). */
function handMade(header: object, payload: object, key: string | undefined = KEY): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${key ? createHmac('sha256', key).update(input).digest('base64url') : ''}`;
}

const iat = Math.floor(NOW.getTime() / 1000);
const goodPayload = { iss: 'longview-gateway', aud: SERVICE_AUDIENCE, iat, exp: iat + 60, [ACTOR_CLAIM]: EDITOR };

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidServiceCredentialError);
    return (error as Error).message;
  }
  throw new Error('expected the credential to be refused');
}

describe('service credentials', () => {
  it('round-trips the actor and the issuer', async () => {
    const token = await signServiceCredential(KEY, { actor: EDITOR, issuer: 'longview-gateway' }, { now: NOW });
    await expect(verify(token, later(59))).resolves.toEqual({ actor: EDITOR, issuer: 'longview-gateway' });
  });

  it('carries an anonymous viewer as a null actor', async () => {
    const token = await signServiceCredential(KEY, { actor: null, issuer: 'longview-gateway' }, { now: NOW });
    await expect(verify(token, NOW)).resolves.toEqual({ actor: null, issuer: 'longview-gateway' });
  });

  it('accepts SYSTEM only from the CLI', async () => {
    const system = { id: 'demo-loader', role: 'SYSTEM' } as const;
    const fromCli = await signServiceCredential(KEY, { actor: system, issuer: 'longview-cli' }, { now: NOW });
    await expect(verify(fromCli, NOW)).resolves.toEqual({ actor: system, issuer: 'longview-cli' });
    const fromGateway = await signServiceCredential(KEY, { actor: system, issuer: 'longview-gateway' }, { now: NOW });
    expect(await refusal(verify(fromGateway, NOW))).toBe('Only longview-cli may issue a SYSTEM credential, not longview-gateway');
  });

  it('refuses an expired credential, with a few seconds of clock tolerance', async () => {
    const token = await signServiceCredential(KEY, { actor: EDITOR, issuer: 'longview-gateway' }, { now: NOW, lifetimeSeconds: 60 });
    await expect(verify(token, later(64))).resolves.toMatchObject({ actor: EDITOR });
    expect(await refusal(verify(token, later(66)))).toBe('The service credential has expired');
  });

  it('refuses one issued in the future', async () => {
    const token = await signServiceCredential(KEY, { actor: EDITOR, issuer: 'longview-gateway' }, { now: later(60) });
    expect(await refusal(verify(token, NOW))).toBe('The service credential is issued in the future');
  });

  it('refuses a credential signed with another key', async () => {
    const token = await signServiceCredential(OTHER_KEY, { actor: EDITOR, issuer: 'longview-gateway' }, { now: NOW });
    expect(await refusal(verify(token, NOW))).toBe('The service credential is not signed with the service key');
  });

  it('refuses alg none and other algorithms', async () => {
    const none = handMade({ alg: 'none', typ: 'JWT' }, goodPayload, undefined);
    expect(await refusal(verify(none, NOW))).toBe('The service credential must be signed with HS256, not none');
    const hs512 = await new SignJWT(goodPayload).setProtectedHeader({ alg: 'HS512' }).sign(new TextEncoder().encode(KEY));
    expect(await refusal(verify(hs512, NOW))).toBe('The service credential must be signed with HS256, not HS512');
    // The same payload signed properly is accepted: the refusals above are about the algorithm.
    await expect(verify(handMade({ alg: 'HS256', typ: 'JWT' }, goodPayload), NOW)).resolves.toMatchObject({ actor: EDITOR });
  });

  it('refuses a tampered payload', async () => {
    const token = await signServiceCredential(KEY, { actor: { id: 'c', role: 'COMMUNITY' }, issuer: 'longview-gateway' }, { now: NOW });
    const [header, , signature] = token.split('.');
    const forged = `${header}.${b64({ ...goodPayload, [ACTOR_CLAIM]: { id: 'c', role: 'ADMIN' } })}.${signature}`;
    expect(await refusal(verify(forged, NOW))).toBe('The service credential is not signed with the service key');
  });

  it('refuses a lifetime longer than five minutes, even while it is fresh', async () => {
    const token = await signServiceCredential(KEY, { actor: EDITOR, issuer: 'longview-gateway' }, { now: NOW, lifetimeSeconds: 301 });
    expect(await refusal(verify(token, NOW))).toBe('The service credential lives 301 s; at most 300 s is accepted');
    const fiveMinutes = await signServiceCredential(KEY, { actor: EDITOR, issuer: 'longview-gateway' }, { now: NOW, lifetimeSeconds: 300 });
    await expect(verify(fiveMinutes, NOW)).resolves.toMatchObject({ actor: EDITOR });
  });

  it('refuses a wrong audience, an unknown issuer, missing claims and bad actors', async () => {
    const sign = (payload: object) => handMade({ alg: 'HS256', typ: 'JWT' }, payload);
    expect(await refusal(verify(sign({ ...goodPayload, aud: 'someone-else' }), NOW))).toMatch(/not for the services/);
    expect(await refusal(verify(sign({ ...goodPayload, iss: 'longview-web' }), NOW))).toMatch(/issuer the services do not accept/);
    const { exp: _exp, ...noExp } = goodPayload;
    expect(await refusal(verify(sign(noExp), NOW))).toBe('The service credential has no "exp" claim');
    const { [ACTOR_CLAIM]: _actor, ...noActor } = goodPayload;
    expect(await refusal(verify(sign(noActor), NOW))).toMatch(/has no lv_actor claim/);
    expect(await refusal(verify(sign({ ...goodPayload, [ACTOR_CLAIM]: { id: 'x', role: 'ROOT' } }), NOW))).toMatch(/has no valid role/);
    expect(await refusal(verify(sign({ ...goodPayload, [ACTOR_CLAIM]: { id: 'x', role: 'TRUST_EDITOR' } }), NOW))).toMatch(/TRUST_EDITOR without a trustCode/);
  });

  it("refuses a user's bearer token (the gateway's dev JWT): another key and no audience", async () => {
    const devSecret = 'd'.repeat(43);
    const userToken = handMade({ alg: 'HS256', typ: 'JWT' }, { sub: 'dev-admin', role: 'ADMIN', iat, exp: iat + 3600 }, devSecret);
    expect(await refusal(verify(userToken, NOW))).toBe('The service credential is not signed with the service key');
    // Even signed with the service key it is not a service credential.
    const sameKey = handMade({ alg: 'HS256', typ: 'JWT' }, { sub: 'dev-admin', role: 'ADMIN', iat, exp: iat + 60 });
    expect(await refusal(verify(sameKey, NOW))).toMatch(/issuer|audience/);
  });

  it('reads the Authorization header: missing, malformed and garbage are refused', async () => {
    const token = await signServiceCredential(KEY, { actor: EDITOR, issuer: 'longview-gateway' }, { now: NOW });
    await expect(credentialFromAuthorization(`Bearer ${token}`, verify, NOW)).resolves.toMatchObject({ actor: EDITOR });
    expect(await refusal(credentialFromAuthorization(undefined, verify, NOW))).toMatch(/^No service credential/);
    expect(await refusal(credentialFromAuthorization(token, verify, NOW))).toBe('The Authorization header must be "Bearer <credential>"');
    expect(await refusal(credentialFromAuthorization('Bearer not-a-jwt', verify, NOW))).toBe('The service credential is not a JWT');
    expect(await refusal(credentialFromAuthorization('Bearer a.b.c', verify, NOW))).toBe('The service credential is not a JWT');
  });

  it('reads the key from LONGVIEW_SERVICE_KEY and refuses a missing or short one', () => {
    expect(serviceKeyFromEnv({ LONGVIEW_SERVICE_KEY: KEY })).toBe(KEY);
    expect(() => serviceKeyFromEnv({})).toThrow(/LONGVIEW_SERVICE_KEY must be set/);
    expect(() => serviceKeyFromEnv({ LONGVIEW_SERVICE_KEY: 'short' })).toThrow('LONGVIEW_SERVICE_KEY is 5 characters long; it must be at least 32');
    expect(() => createServiceCredentialVerifier('short')).toThrow(/at least 32/);
  });
});
