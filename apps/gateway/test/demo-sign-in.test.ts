import { request as httpRequest } from 'node:http';
import { decodeJwt } from 'jose';
import { DEMO_TOKEN_LIFETIME_SECONDS, isLoopbackHost } from '../src/sign-in/demo-sign-in';
import { createGateway, type RunningGateway } from '../src/server';
import { FakeCommandService, FakeQueryService, trustView } from './fakes';

/**
 * The embedded mode's demo sign-in over real HTTP: offered only when the gateway is told so,
 * listens on a loopback address and the request comes from this computer; the tokens it mints
 * are short-lived and accepted by the same gateway.
 */

const secret = 'demo-sign-in-test-secret';
const queries = new FakeQueryService();
queries.trusts = [trustView('RJ1')];
const clients = { commands: new FakeCommandService(), queries };
const base = { commandServiceUrl: 'http://127.0.0.1:1', queryServiceUrl: 'http://127.0.0.1:1', port: 0, jwtSecret: secret, clients };

let demo: RunningGateway;
let plain: RunningGateway;

beforeAll(async () => {
  demo = await createGateway({ ...base, demoSignIn: true });
  plain = await createGateway(base);
});
afterAll(async () => {
  await demo?.stop();
  await plain?.stop();
});

async function signIn(url: string, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const response = await fetch(`${url}/auth/demo-sign-in`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

async function viewerWith(url: string, token: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ viewer { id name role trustCode trust { code } } }' }),
  });
  return (await response.json()) as { data?: { viewer: unknown }; errors?: unknown[] };
}

/** A raw request, so the Host and proxy headers are exactly what a test says (fetch sets Host itself). */
function rawPost(url: string, headers: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const target = new URL(`${url}/auth/demo-sign-in`);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ role: 'ADMIN' }));
  });
}

it('says it is offered, with the roles', async () => {
  const response = await fetch(`${demo.url}/auth/demo-sign-in`);
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ roles: ['TRUST_EDITOR', 'POLICYMAKER', 'COMMUNITY', 'ADMIN'], expiresInSeconds: 2 * 3600 });
});

it('signs in a trust editor of an existing trust with a two-hour token the gateway accepts', async () => {
  const before = Math.floor(Date.now() / 1000);
  const { status, headers, body } = await signIn(demo.url, { role: 'TRUST_EDITOR', trustCode: 'rj1' });
  expect(status).toBe(200);
  expect(headers.get('cache-control')).toBe('no-store');
  const token = body.token as string;
  const claims = decodeJwt(token);
  expect(claims).toMatchObject({ sub: 'demo-trust-editor-RJ1', role: 'TRUST_EDITOR', trust: 'RJ1', name: 'Demo trust editor (RJ1)' });
  expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(DEMO_TOKEN_LIFETIME_SECONDS);
  expect(claims.iat).toBeGreaterThanOrEqual(before);
  expect(new Date(body.expiresAt as string).getTime()).toBe((claims.exp ?? 0) * 1000);
  expect(await viewerWith(demo.url, token)).toEqual({
    data: { viewer: { id: 'demo-trust-editor-RJ1', name: 'Demo trust editor (RJ1)', role: 'TRUST_EDITOR', trustCode: 'RJ1', trust: { code: 'RJ1' } } },
  });
});

it.each([
  ['POLICYMAKER', 'Demo policymaker'],
  ['community', 'Demo community member'],
  ['admin', 'Demo administrator'],
])('signs in as %s without a trust', async (role, name) => {
  const { status, body } = await signIn(demo.url, { role });
  expect(status).toBe(200);
  expect((await viewerWith(demo.url, body.token as string)).data?.viewer).toMatchObject({ name, role: role.toUpperCase(), trustCode: null });
});

it('explains an unknown role, a missing or unknown trust, a trust for another role and a body that is not JSON', async () => {
  expect(await signIn(demo.url, { role: 'KING' })).toMatchObject({
    status: 400,
    body: { code: 'BAD_USER_INPUT', message: 'Choose a role to sign in as: one of TRUST_EDITOR, POLICYMAKER, COMMUNITY, ADMIN.' },
  });
  expect(await signIn(demo.url, {})).toMatchObject({ status: 400, body: { code: 'BAD_USER_INPUT' } });
  expect(await signIn(demo.url, { role: 'TRUST_EDITOR' })).toMatchObject({
    status: 400,
    body: { message: 'Choose the trust a trust editor edits for (its ODS code, like RJ1).' },
  });
  expect(await signIn(demo.url, { role: 'TRUST_EDITOR', trustCode: 'ZZ9' })).toMatchObject({
    status: 400,
    body: { message: 'There is no trust with the code ZZ9. Choose one from the list of trusts.' },
  });
  expect(await signIn(demo.url, { role: 'TRUST_EDITOR', trustCode: 42 })).toMatchObject({ status: 400, body: { message: /must be a string/ } });
  expect(await signIn(demo.url, { role: 'POLICYMAKER', trustCode: 'RJ1' })).toMatchObject({ status: 400, body: { message: /Only a trust editor/ } });
  expect(await signIn(demo.url, '{"role":', { 'content-type': 'application/json' })).toMatchObject({ status: 400, body: { message: /not valid JSON/ } });
  // A cross-site form can send text/plain without a preflight: refused.
  expect(await signIn(demo.url, JSON.stringify({ role: 'ADMIN' }), { 'content-type': 'text/plain' })).toMatchObject({
    status: 415,
    body: { code: 'UNSUPPORTED_MEDIA_TYPE' },
  });
  expect((await fetch(`${demo.url}/auth/demo-sign-in`, { method: 'DELETE' })).status).toBe(405);
});

it('grants no cross-origin access: no CORS headers, even on a preflight', async () => {
  const preflight = await fetch(`${demo.url}/auth/demo-sign-in`, {
    method: 'OPTIONS',
    headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });
  expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  const { headers } = await signIn(demo.url, { role: 'ADMIN' }, { 'content-type': 'application/json', origin: 'https://evil.example' });
  expect(headers.get('access-control-allow-origin')).toBeNull();
});

it('is 404 for a non-loopback Host (DNS rebinding) and behind a proxy', async () => {
  const port = new URL(demo.url).port;
  expect(await rawPost(demo.url, { host: `localhost:${port}` })).toMatchObject({ status: 200 });
  expect(await rawPost(demo.url, { host: `evil.example:${port}` })).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
  expect(await rawPost(demo.url, { host: `127.0.0.1:${port}`, 'x-forwarded-for': '203.0.113.9' })).toMatchObject({ status: 404 });
  expect(await rawPost(demo.url, { host: `127.0.0.1:${port}`, forwarded: 'for=203.0.113.9' })).toMatchObject({ status: 404 });
});

it('is 404, with a plain explanation, when not enabled (the distributed mode) or when the gateway listens beyond loopback', async () => {
  const get = await fetch(`${plain.url}/auth/demo-sign-in`);
  expect(get.status).toBe(404);
  expect(await get.json()).toEqual({ code: 'NOT_FOUND', message: expect.stringMatching(/^Demo sign-in is not available here\. .*identity provider/) });
  expect((await signIn(plain.url, { role: 'ADMIN' })).status).toBe(404);

  const open = await createGateway({ ...base, host: '0.0.0.0', demoSignIn: true });
  try {
    const port = new URL(open.url).port;
    expect((await signIn(`http://127.0.0.1:${port}`, { role: 'ADMIN' })).status).toBe(404);
  } finally {
    await open.stop();
  }
});

it('needs the local key', async () => {
  await expect(
    createGateway({ ...base, jwtSecret: undefined, jwks: { issuer: 'https://idp.example/', jwksUrl: 'http://127.0.0.1:1/jwks.json' }, demoSignIn: true }),
  ).rejects.toThrow(/demoSignIn needs jwtSecret/);
});

it('knows the loopback addresses', () => {
  for (const host of ['127.0.0.1', '127.8.9.1', '::1', '[::1]', '::ffff:127.0.0.1', 'localhost', 'LOCALHOST'])
    expect([host, isLoopbackHost(host)]).toEqual([host, true]);
  for (const host of ['0.0.0.0', '::', '10.0.0.1', '192.168.1.4', 'evil.example', '128.0.0.1', 'localhost.evil.example']) {
    expect([host, isLoopbackHost(host)]).toEqual([host, false]);
  }
});
