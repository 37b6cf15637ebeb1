import { createHmac } from 'node:crypto';
import { actorFromAuthorization, InvalidTokenError, signDevToken, verifyToken } from './auth';

const secret = 'test-secret';
const now = new Date('2025-01-01T12:00:00Z');

function forge(header: object, payload: object, key = secret): string {
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${input}.${createHmac('sha256', key).update(input).digest('base64url')}`;
}

describe('JWT (HS256)', () => {
  it('verifies a token it signed and yields the actor', () => {
    const token = signDevToken({ role: 'trust-editor', trust: 'RJ1' }, secret, now);
    expect(verifyToken(token, secret, now)).toEqual({
      sub: 'dev-trust_editor-RJ1',
      role: 'TRUST_EDITOR',
      trust: 'RJ1',
      iat: now.getTime() / 1000,
      exp: now.getTime() / 1000 + 12 * 3600,
    });
    expect(actorFromAuthorization(`Bearer ${token}`, secret, undefined, now)).toEqual({ id: 'dev-trust_editor-RJ1', role: 'TRUST_EDITOR', trustCode: 'RJ1' });
  });

  it('is a standard JWT other libraries can read', () => {
    const [header, payload] = signDevToken({ role: 'ADMIN', sub: 'root' }, secret, now).split('.');
    expect(JSON.parse(Buffer.from(header ?? '', 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(JSON.parse(Buffer.from(payload ?? '', 'base64url').toString())).toMatchObject({ sub: 'root', role: 'ADMIN' });
  });

  it('rejects an expired token', () => {
    const token = signDevToken({ role: 'POLICYMAKER', expiresInSeconds: 60 }, secret, now);
    expect(verifyToken(token, secret, new Date(now.getTime() + 59_000)).role).toBe('POLICYMAKER');
    expect(() => verifyToken(token, secret, new Date(now.getTime() + 60_000))).toThrow(/expired/);
  });

  it('rejects a bad signature and a tampered payload', () => {
    const token = signDevToken({ role: 'COMMUNITY' }, secret, now);
    expect(() => verifyToken(token, 'other-secret', now)).toThrow(new InvalidTokenError('Invalid token signature'));
    const [header, , signature] = token.split('.');
    const elevated = Buffer.from(JSON.stringify({ sub: 'x', role: 'ADMIN', exp: 9999999999 })).toString('base64url');
    expect(() => verifyToken(`${header}.${elevated}.${signature}`, secret, now)).toThrow(/signature/);
  });

  it('rejects alg none, malformed tokens and unusable claims', () => {
    const exp = now.getTime() / 1000 + 60;
    expect(() => verifyToken(forge({ alg: 'none' }, { sub: 'x', role: 'ADMIN', exp }), secret, now)).toThrow(/algorithm/);
    expect(() => verifyToken('abc', secret, now)).toThrow(/Malformed/);
    expect(() => verifyToken('a.b.c', secret, now)).toThrow(InvalidTokenError);
    expect(() => verifyToken(forge({ alg: 'HS256' }, { sub: 'x', role: 'ADMIN' }), secret, now)).toThrow(/expiry/);
    expect(() => verifyToken(forge({ alg: 'HS256' }, { sub: 'x', role: 'SYSTEM', exp }), secret, now)).toThrow(/role/);
    expect(() => verifyToken(forge({ alg: 'HS256' }, { sub: 'x', role: 'TRUST_EDITOR', exp }), secret, now)).toThrow(/trust code/);
    expect(verifyToken(forge({ alg: 'HS256' }, { sub: 'x', role: 'COMMUNITY', exp }), secret, now).sub).toBe('x');
  });

  it('refuses to sign a trust editor without a trust or an unknown role', () => {
    expect(() => signDevToken({ role: 'TRUST_EDITOR' }, secret)).toThrow(/trust code/);
    expect(() => signDevToken({ role: 'king' }, secret)).toThrow(/Unknown role/);
  });

  it('without a header the actor is the anonymous actor (or nobody); a non-bearer header is rejected', () => {
    const devActor = { id: 'embedded-dev', role: 'ADMIN' } as const;
    expect(actorFromAuthorization(undefined, secret)).toBeNull();
    expect(actorFromAuthorization(undefined, secret, devActor)).toBe(devActor);
    expect(() => actorFromAuthorization('Basic dXNlcjpwdw==', secret, devActor)).toThrow(/Bearer/);
  });
});
