import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import { createTokenVerifier, signDevToken } from '../src/auth';
import { createGateway, type RunningGateway } from '../src/server';
import { FakeCommandService, FakeQueryService, interventionView } from './fakes';

/**
 * The distributed mode's identity provider: an RS256 key pair generated here, its public key
 * served as a JWKS from 127.0.0.1; the gateway verifies tokens against it with issuer and audience.
 */

const ISSUER = 'https://idp.longview.test/';
const AUDIENCE = 'longview-gateway';
const secret = 'jwks-test-secret';

let privateKey: KeyLike;
let otherKey: KeyLike;
let jwksServer: Server;
let jwksUrl: string;
let jwksRequests = 0;
let gateway: RunningGateway;
let commands: FakeCommandService;
let queries: FakeQueryService;
let keyDir: string;
let publicJwk: JWK;

function token(claims: Record<string, unknown>, options: { key?: KeyLike; issuer?: string; audience?: string; expiresAt?: number; kid?: string } = {}) {
  return new SignJWT({ role: 'TRUST_EDITOR', trust: 'RJ1', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'key-1' })
    .setSubject('idp|alice')
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.expiresAt ?? Math.floor(Date.now() / 1000) + 600)
    .sign(options.key ?? privateKey);
}

async function graphql(query: string, bearer?: string) {
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] },
  };
}

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
  jwksServer = createServer((req, res) => {
    jwksRequests += 1;
    if (req.url !== '/.well-known/jwks.json') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [publicJwk] }));
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/.well-known/jwks.json`;
  commands = new FakeCommandService();
  queries = new FakeQueryService();
  gateway = await createGateway({
    commandServiceUrl: 'http://127.0.0.1:9',
    queryServiceUrl: 'http://127.0.0.1:9',
    port: 0,
    jwtSecret: secret,
    serviceKey: 'jwks-test-service-key-0123456789abcdef',
    jwks: { jwksUrl, issuer: ISSUER, audience: AUDIENCE },
    clients: { commands, queries },
  });
  keyDir = mkdtempSync(join(tmpdir(), 'longview-jwks-'));
});

afterAll(async () => {
  await gateway?.stop();
  await new Promise((resolve) => jwksServer?.close(resolve));
  rmSync(keyDir, { recursive: true, force: true });
});

const START = `mutation { startIntervention(input: { interventionId: "i1", startedOn: "2024-06-01" }) { position } }`;

it('accepts a token signed by a key of the key set, with the configured issuer and audience', async () => {
  queries.interventions = [interventionView('i1')];
  const { status, body } = await graphql(START, await token({}));
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  // The command side also gets the verified name (the token's, else a readable default).
  expect(commands.sent.at(-1)?.actor).toEqual({ id: 'idp|alice', role: 'TRUST_EDITOR', trustCode: 'RJ1', name: 'Trust editor (RJ1)' });
  expect(jwksRequests).toBeGreaterThan(0);
});

it.each([
  ['a wrong issuer', () => token({}, { issuer: 'https://evil.example/' }), /issuer/],
  ['a wrong audience', () => token({}, { audience: 'someone-else' }), /audience/],
  ['an expired token', () => token({}, { expiresAt: Math.floor(Date.now() / 1000) - 3600 }), /expired/],
  ['a key outside the key set (same key id)', () => token({}, { key: otherKey }), /signature/],
  ['a key id the key set does not have', () => token({}, { key: otherKey, kid: 'key-2' }), /No key/],
  ['a token without a Longview role', () => token({ role: 'SUPERUSER' }), /role/],
  ['a token that lives longer than 24 hours', () => token({}, { expiresAt: Math.floor(Date.now() / 1000) + 24 * 3600 + 60 }), /longer than the 24 hours/],
  ['a token expired beyond the 30 s clock tolerance', () => token({}, { expiresAt: Math.floor(Date.now() / 1000) - 31 }), /expired/],
])('rejects %s with 401 UNAUTHENTICATED', async (_name, make, message) => {
  const sentBefore = commands.sent.length;
  const { status, body } = await graphql(
    `
      {
        metrics {
          code
        }
      }
    `,
    await make(),
  );
  expect(status).toBe(401);
  expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  expect(body.errors?.[0]?.message).toMatch(message);
  expect(commands.sent.length).toBe(sentBefore);
});

it('still accepts the local HS256 key next to the key set, and never checks an HS256 token against the key set', async () => {
  const dev = signDevToken({ role: 'ADMIN' }, secret);
  expect(
    (
      await graphql(
        `
          {
            metrics {
              code
            }
          }
        `,
        dev,
      )
    ).status,
  ).toBe(200);
  const forged = signDevToken({ role: 'ADMIN' }, 'not-the-secret');
  expect(
    (
      await graphql(
        `
          {
            metrics {
              code
            }
          }
        `,
        forged,
      )
    ).status,
  ).toBe(401);

  // Key set only: an HS256 token is refused whatever it is signed with.
  const keySetOnly = createTokenVerifier({ jwks: { jwksUrl, issuer: ISSUER, audience: AUDIENCE } });
  await expect(keySetOnly(dev)).rejects.toThrow(/algorithm/);
});

it('reads the key set from a file (LONGVIEW_JWKS_FILE)', async () => {
  const file = join(keyDir, 'jwks.json');
  writeFileSync(file, JSON.stringify({ keys: [publicJwk] }));
  const verify = createTokenVerifier({ jwks: { jwksFile: file, issuer: ISSUER } });
  await expect(verify(await token({ role: 'POLICYMAKER', trust: undefined }))).resolves.toMatchObject({ sub: 'idp|alice', role: 'POLICYMAKER' });
  await expect(verify(await token({}, { issuer: 'https://evil.example/' }))).rejects.toThrow(/issuer/);
  await expect(verify(await token({}, { key: otherKey }))).rejects.toThrow(/signature/);
});
