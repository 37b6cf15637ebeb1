import { createHmac } from 'node:crypto';
import { jwtVerify } from 'jose';
import {
  actorFromAuthorization,
  CLOCK_TOLERANCE_SECONDS,
  defaultName,
  InvalidTokenError,
  jwksOptionsFromEnv,
  MAX_TOKEN_LIFETIME_SECONDS,
  signDevToken,
  signedInFromAuthorization,
  verifyToken,
} from './auth';

const secret = 'test-secret';
const now = new Date('2025-01-01T12:00:00Z');

function forge(header: object, payload: object, key = secret): string {
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${input}.${createHmac('sha256', key).update(input).digest('base64url')}`;
}

describe('JWT (HS256)', () => {
  it('verifies a token it signed and yields the actor', async () => {
    const token = signDevToken({ role: 'trust-editor', trust: 'RJ1' }, secret, now);
    await expect(verifyToken(token, secret, now)).resolves.toEqual({
      sub: 'dev-trust_editor-RJ1',
      role: 'TRUST_EDITOR',
      trust: 'RJ1',
      name: 'Demo trust editor (RJ1)',
      iat: now.getTime() / 1000,
      exp: now.getTime() / 1000 + 12 * 3600,
    });
    await expect(actorFromAuthorization(`Bearer ${token}`, secret, now)).resolves.toEqual({
      id: 'dev-trust_editor-RJ1',
      role: 'TRUST_EDITOR',
      trustCode: 'RJ1',
    });
  });

  it('is a standard JWT other libraries can read', async () => {
    const token = signDevToken({ role: 'ADMIN', sub: 'root' }, secret, now);
    const [header, payload] = token.split('.');
    expect(JSON.parse(Buffer.from(header ?? '', 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(JSON.parse(Buffer.from(payload ?? '', 'base64url').toString())).toMatchObject({ sub: 'root', role: 'ADMIN' });
    const read = await jwtVerify(token, new TextEncoder().encode(secret), { currentDate: now });
    expect(read.protectedHeader.alg).toBe('HS256');
    expect(read.payload).toMatchObject({ sub: 'root', role: 'ADMIN' });
  });

  it('rejects an expired token', async () => {
    const token = signDevToken({ role: 'POLICYMAKER', expiresInSeconds: 60 }, secret, now);
    // 30 seconds of clock tolerance past exp.
    expect((await verifyToken(token, secret, new Date(now.getTime() + 89_000))).role).toBe('POLICYMAKER');
    await expect(verifyToken(token, secret, new Date(now.getTime() + 91_000))).rejects.toThrow(/expired/);
  });

  it('rejects a bad signature and a tampered payload', async () => {
    const token = signDevToken({ role: 'COMMUNITY' }, secret, now);
    await expect(verifyToken(token, 'other-secret', now)).rejects.toThrow(new InvalidTokenError('Invalid token signature'));
    const [header, , signature] = token.split('.');
    const elevated = Buffer.from(JSON.stringify({ sub: 'x', role: 'ADMIN', exp: 9999999999 })).toString('base64url');
    await expect(verifyToken(`${header}.${elevated}.${signature}`, secret, now)).rejects.toThrow(/signature/);
  });

  it('rejects alg none, malformed tokens and unusable claims', async () => {
    const exp = now.getTime() / 1000 + 60;
    await expect(verifyToken(forge({ alg: 'none' }, { sub: 'x', role: 'ADMIN', exp }), secret, now)).rejects.toThrow(/algorithm/);
    await expect(verifyToken('abc', secret, now)).rejects.toThrow(/Malformed/);
    await expect(verifyToken('a.b.c', secret, now)).rejects.toThrow(InvalidTokenError);
    await expect(verifyToken(forge({ alg: 'HS256' }, { sub: 'x', role: 'ADMIN' }), secret, now)).rejects.toThrow(/expiry/);
    await expect(verifyToken(forge({ alg: 'HS256' }, { sub: 'x', role: 'SYSTEM', exp }), secret, now)).rejects.toThrow(/role/);
    await expect(verifyToken(forge({ alg: 'HS256' }, { sub: 'x', role: 'TRUST_EDITOR', exp }), secret, now)).rejects.toThrow(/trust code/);
    expect((await verifyToken(forge({ alg: 'HS256' }, { sub: 'x', role: 'COMMUNITY', exp }), secret, now)).sub).toBe('x');
  });

  it('refuses to sign a trust editor without a trust or an unknown role', () => {
    expect(() => signDevToken({ role: 'TRUST_EDITOR' }, secret)).toThrow(/trust code/);
    expect(() => signDevToken({ role: 'king' }, secret)).toThrow(/Unknown role/);
  });

  it('without a header nobody is signed in (public, read only, in every mode); a non-bearer header is rejected', async () => {
    await expect(actorFromAuthorization(undefined, secret)).resolves.toBeNull();
    await expect(actorFromAuthorization('  ', secret)).resolves.toBeNull();
    await expect(signedInFromAuthorization(undefined, secret)).resolves.toBeNull();
    await expect(actorFromAuthorization('Basic dXNlcjpwdw==', secret)).rejects.toThrow(/Bearer/);
  });

  it('names the viewer from the name claim, else a readable default', async () => {
    const exp = now.getTime() / 1000 + 60;
    const named = forge({ alg: 'HS256' }, { sub: 'a', role: 'TRUST_EDITOR', trust: 'RJ1', name: ' Alice Smith ', exp });
    await expect(signedInFromAuthorization(`Bearer ${named}`, secret, now)).resolves.toEqual({
      actor: { id: 'a', role: 'TRUST_EDITOR', trustCode: 'RJ1' },
      name: 'Alice Smith',
    });
    const unnamed = forge({ alg: 'HS256' }, { sub: 'b', role: 'ADMIN', exp });
    await expect(signedInFromAuthorization(`Bearer ${unnamed}`, secret, now)).resolves.toMatchObject({ name: 'Administrator' });
    await expect(verifyToken(forge({ alg: 'HS256' }, { sub: 'c', role: 'ADMIN', name: 7, exp }), secret, now)).rejects.toThrow(/name/);
    expect(defaultName('TRUST_EDITOR', 'RXH')).toBe('Trust editor (RXH)');
    expect(defaultName('COMMUNITY')).toBe('Community member');
  });
});

describe('token limits: lifetime and clock tolerance', () => {
  const t = now.getTime() / 1000;
  const claims = { sub: 'x', role: 'ADMIN' };

  it('accepts a token of at most 24 hours (exp - iat) and rejects a longer one', async () => {
    expect(MAX_TOKEN_LIFETIME_SECONDS).toBe(24 * 3600);
    expect((await verifyToken(forge({ alg: 'HS256' }, { ...claims, iat: t, exp: t + 24 * 3600 }), secret, now)).sub).toBe('x');
    await expect(verifyToken(forge({ alg: 'HS256' }, { ...claims, iat: t, exp: t + 24 * 3600 + 1 }), secret, now)).rejects.toThrow(
      new InvalidTokenError('Token lives longer than the 24 hours allowed'),
    );
    // An old iat does not help: a year-long token issued long ago is still too long.
    await expect(verifyToken(forge({ alg: 'HS256' }, { ...claims, iat: t - 300 * 86400, exp: t + 65 * 86400 }), secret, now)).rejects.toThrow(/longer/);
  });

  it('without iat, rejects a token that expires more than 24 hours from now (with the clock tolerance)', async () => {
    expect((await verifyToken(forge({ alg: 'HS256' }, { ...claims, exp: t + 24 * 3600 + CLOCK_TOLERANCE_SECONDS }), secret, now)).sub).toBe('x');
    await expect(verifyToken(forge({ alg: 'HS256' }, { ...claims, exp: t + 24 * 3600 + CLOCK_TOLERANCE_SECONDS + 1 }), secret, now)).rejects.toThrow(
      /longer than the 24 hours/,
    );
  });

  it('allows 30 seconds of clock difference on exp, nbf and iat, and no more', async () => {
    expect(CLOCK_TOLERANCE_SECONDS).toBe(30);
    const expired = forge({ alg: 'HS256' }, { ...claims, iat: t - 3600, exp: t - 20 });
    expect((await verifyToken(expired, secret, now)).sub).toBe('x');
    await expect(verifyToken(forge({ alg: 'HS256' }, { ...claims, iat: t - 3600, exp: t - 31 }), secret, now)).rejects.toThrow(/expired/);
    expect((await verifyToken(forge({ alg: 'HS256' }, { ...claims, nbf: t + 25, exp: t + 600 }), secret, now)).sub).toBe('x');
    await expect(verifyToken(forge({ alg: 'HS256' }, { ...claims, nbf: t + 60, exp: t + 600 }), secret, now)).rejects.toThrow(InvalidTokenError);
    expect((await verifyToken(forge({ alg: 'HS256' }, { ...claims, iat: t + 25, exp: t + 600 }), secret, now)).sub).toBe('x');
    await expect(verifyToken(forge({ alg: 'HS256' }, { ...claims, iat: t + 60, exp: t + 600 }), secret, now)).rejects.toThrow(
      new InvalidTokenError('Token was issued in the future'),
    );
  });

  it('refuses to sign a dev token for longer than 24 hours', () => {
    expect(() => signDevToken({ role: 'ADMIN', expiresInSeconds: 24 * 3600 + 1 }, secret, now)).toThrow(/at most 24 hours/);
    expect(() => signDevToken({ role: 'ADMIN', expiresInSeconds: 0 }, secret, now)).toThrow(/at most 24 hours/);
  });
});

describe('key set configuration from the environment', () => {
  it('is absent without a key set, and needs an issuer with one', () => {
    expect(jwksOptionsFromEnv({})).toBeUndefined();
    expect(() => jwksOptionsFromEnv({ LONGVIEW_JWKS_URL: 'http://127.0.0.1:1/jwks.json' })).toThrow(/LONGVIEW_JWT_ISSUER/);
    expect(() => jwksOptionsFromEnv({ LONGVIEW_JWKS_URL: 'http://x/jwks', LONGVIEW_JWKS_FILE: '/k.json', LONGVIEW_JWT_ISSUER: 'i' })).toThrow(/not both/);
  });

  it('reads the URL or file, the issuer and one or more audiences', () => {
    expect(
      jwksOptionsFromEnv({ LONGVIEW_JWKS_URL: 'https://idp.example/jwks', LONGVIEW_JWT_ISSUER: 'https://idp.example/', LONGVIEW_JWT_AUDIENCE: 'longview' }),
    ).toEqual({
      jwksUrl: 'https://idp.example/jwks',
      issuer: 'https://idp.example/',
      audience: 'longview',
    });
    expect(jwksOptionsFromEnv({ LONGVIEW_JWKS_FILE: '/etc/longview/jwks.json', LONGVIEW_JWT_ISSUER: 'idp', LONGVIEW_JWT_AUDIENCE: 'a, b' })).toEqual({
      jwksFile: '/etc/longview/jwks.json',
      issuer: 'idp',
      audience: ['a', 'b'],
    });
  });
});
