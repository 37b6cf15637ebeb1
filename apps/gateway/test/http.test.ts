import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServiceCredentialVerifier, type VerifiedServiceCredential } from '@longview/service-auth';
import { signDevToken } from '../src/auth';
import { HttpQueryServiceClient } from '../src/clients/query-service.client';
import { createGateway, type RunningGateway } from '../src/server';
import { evidenceView, interventionView, projectionView, trustView } from './fakes';

/**
 * The gateway over real HTTP: real fetch clients talking to a tiny fake command service and
 * query service on 127.0.0.1, auth from the Authorization header, and the static web app. The
 * fake services check each request's service credential with the real verifier.
 */

interface Received {
  readonly method: string;
  readonly url: string;
  readonly body: unknown;
  /** What the request's service credential says, or why it was refused. */
  readonly credential: VerifiedServiceCredential | string;
}

const secret = 'http-test-secret';
const serviceKey = 'http-test-service-key-0123456789abcdef';
const verifyCredential = createServiceCredentialVerifier(serviceKey);
const received: Received[] = [];
let answer: (request: Received) => { status: number; body: unknown } = () => ({ status: 404, body: { code: 'NOT_FOUND', message: 'no' } });

let fakeServices: Server;
let serviceUrl: string;
let gateway: RunningGateway;
let bareGateway: RunningGateway;
let webDir: string;

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

beforeAll(async () => {
  // One fake process plays both services: POST /commands/* and the query GETs.
  fakeServices = createServer((req: IncomingMessage, res: ServerResponse) => {
    void readBody(req).then(async (body) => {
      const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      const credential = await verifyCredential(token).catch((error: Error) => error.message);
      const request = { method: req.method ?? 'GET', url: req.url ?? '/', body, credential };
      received.push(request);
      const { status, body: responseBody } = answer(request);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(responseBody));
    });
  });
  await new Promise<void>((resolve) => fakeServices.listen(0, '127.0.0.1', resolve));
  serviceUrl = `http://127.0.0.1:${(fakeServices.address() as AddressInfo).port}`;

  webDir = mkdtempSync(join(tmpdir(), 'longview-web-'));
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Longview</title><div id="root"></div>');
  mkdirSync(join(webDir, 'assets'));
  writeFileSync(join(webDir, 'assets', 'app.js'), 'console.log("app")');

  gateway = await createGateway({
    commandServiceUrl: serviceUrl,
    queryServiceUrl: `${serviceUrl}/`,
    port: 0,
    jwtSecret: secret,
    serviceKey,
    webDistDir: webDir,
  });
  bareGateway = await createGateway({ commandServiceUrl: serviceUrl, queryServiceUrl: serviceUrl, port: 0, jwtSecret: secret, serviceKey });
});

afterAll(async () => {
  await gateway?.stop();
  await bareGateway?.stop();
  await new Promise((resolve) => fakeServices?.close(resolve));
  rmSync(webDir, { recursive: true, force: true });
});

beforeEach(() => {
  received.length = 0;
});

/** An HS256 token with exactly these claims (no name, no iat), as an identity provider might issue. */
function forgeHs256(claims: object): string {
  const input = `${Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

async function graphql(base: string, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: Record<string, unknown> | null; errors?: { extensions?: Record<string, unknown> }[] },
  };
}

const propose = `mutation($input: ProposeInterventionInput!) { proposeIntervention(input: $input) { position intervention { id title } } }`;
const proposeInput = {
  trustCode: 'RJ1',
  title: 'SDEC',
  summary: 'Same-day emergency care',
  category: 'PATIENT_FLOW',
  approach: 'SYSTEMIC',
  targets: [{ metric: 'ae-4hr', direction: 'INCREASE' }],
  sharing: 'PUBLIC',
};

function serveProposal(): void {
  answer = ({ method, url }) => {
    if (method === 'POST' && url === '/commands/ProposeIntervention') {
      return { status: 200, body: { streamId: 'intervention-x', version: 1, position: '42', events: ['InterventionProposed'] } };
    }
    const match = /^\/interventions\/([^?]+)\?minPosition=42&stream=intervention-x&minVersion=1$/.exec(url);
    if (method === 'GET' && match?.[1]) return { status: 200, body: interventionView(decodeURIComponent(match[1]), { title: 'SDEC' }) };
    return { status: 404, body: { code: 'NOT_FOUND', message: `no route ${url}` } };
  };
}

it('serves /health', async () => {
  const response = await fetch(`${gateway.url}/health`);
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ status: 'ok' });
  expect(gateway.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
});

it('reads through the query service over HTTP, with query parameters and 404 -> null', async () => {
  answer = ({ url }) =>
    url.startsWith('/trusts?') ? { status: 200, body: [trustView('RJ1')] } : { status: 404, body: { code: 'NOT_FOUND', message: 'Trust not found' } };
  const { status, body } = await graphql(
    gateway.url,
    `
      {
        trusts(filter: { region: LONDON, search: "guy's" }) {
          code
          region
        }
        trust(code: "RZZ9") {
          code
        }
      }
    `,
  );
  expect(status).toBe(200);
  expect(body).toEqual({ data: { trusts: [{ code: 'RJ1', region: 'LONDON' }], trust: null } });
  expect(received.map((request) => `${request.method} ${request.url}`).sort()).toEqual(['GET /trusts/RZZ9', 'GET /trusts?search=guy%27s&region=LONDON']);

  // A code that is not an ODS code never reaches a URL.
  received.length = 0;
  const bad = await graphql(gateway.url, '{ trust(code: "R 1") { code } }');
  expect(bad.status).toBe(400);
  expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(received).toEqual([]);
});

it('analytics over HTTP: evidence with its query parameters, and a 400 from the query service is BAD_USER_INPUT', async () => {
  answer = ({ url }) => {
    if (url === '/evidence?metric=ae-4hr&category=PATIENT_FLOW') return { status: 200, body: evidenceView('ae-4hr', 'PATIENT_FLOW', { k: 0 }) };
    if (url.startsWith('/evidence?metric=nope')) return { status: 400, body: { code: 'BAD_USER_INPUT', message: 'Unknown metric nope' } };
    return { status: 404, body: { code: 'NOT_FOUND', message: `no route ${url}` } };
  };
  const ok = await graphql(
    gateway.url,
    `
      {
        evidence(metric: "ae-4hr", category: "PATIENT_FLOW") {
          metric
          category
          k
          pooledEffect
          verdicts {
            sustainability
            count
          }
        }
      }
    `,
  );
  expect(ok.body.errors).toBeUndefined();
  expect(ok.body.data?.evidence).toMatchObject({ metric: 'ae-4hr', category: 'PATIENT_FLOW', k: 0, pooledEffect: null });
  expect((ok.body.data?.evidence as { verdicts: unknown[] }).verdicts).toHaveLength(6);

  const bad = await graphql(
    gateway.url,
    `
      {
        evidence(metric: "nope") {
          k
        }
      }
    `,
  );
  expect(bad.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: [] });
  expect(received.map((request) => request.url)).toEqual(['/evidence?metric=ae-4hr&category=PATIENT_FLOW', '/evidence?metric=nope']);
});

it('HttpQueryServiceClient: analytics routes, 404 -> null, and the read-your-writes parameters', async () => {
  answer = ({ url }) =>
    url.startsWith('/projection?')
      ? { status: 200, body: projectionView({ metric: 'ae-4hr' }) }
      : { status: 404, body: { code: 'NOT_FOUND', message: `no route ${url}` } };
  const client = new HttpQueryServiceClient(serviceUrl, { serviceKey }).forViewer(null);
  const rw = { minPosition: '9', stream: 'series-RJ1-ae-4hr', minVersion: 3 };
  expect(await client.getSeriesSpc('RJ1', 'ae 4hr', rw)).toBeNull();
  expect(await client.getInterventionOutcomes('i/1')).toBeNull();
  expect(await client.getTrustPeers('RJ1', 3)).toBeNull();
  expect(
    await client.getProjection({ metric: 'ae-4hr', region: 'LONDON', category: 'DIGITAL', adopters: 4, similarTo: 'RJ1', draws: 200, seed: 5 }),
  ).toMatchObject({
    metric: 'ae-4hr',
  });
  expect(received.map((request) => request.url)).toEqual([
    '/series/RJ1/ae%204hr/spc?minPosition=9&stream=series-RJ1-ae-4hr&minVersion=3',
    '/interventions/i%2F1/outcomes',
    '/trusts/RJ1/peers?limit=3',
    '/projection?metric=ae-4hr&region=LONDON&draws=200&seed=5&category=DIGITAL&adopters=4&similarTo=RJ1',
  ]);
});

it('HttpQueryServiceClient: batch reads by codes and ids, split into calls of at most 200 keys', async () => {
  answer = ({ url }) => {
    const parsed = new URL(url, 'http://x');
    if (parsed.pathname === '/trusts')
      return {
        status: 200,
        body: (parsed.searchParams.get('codes') ?? '')
          .split(',')
          .filter((code) => code !== 'NOPE')
          .map((code) => trustView(code)),
      };
    const ids = (parsed.searchParams.get('ids') ?? '').split(',');
    return { status: 200, body: { items: ids.map((id) => interventionView(id)), totalCount: ids.length, hasNextPage: false, endCursor: null } };
  };
  const policymaker = { id: 'pm', role: 'POLICYMAKER' } as const;
  const client = new HttpQueryServiceClient(serviceUrl, { serviceKey }).forViewer(policymaker);
  expect((await client.getTrusts(['RJ1', 'NOPE', 'RXH'], { minPosition: '5' })).map((trust) => trust.code)).toEqual(['RJ1', 'RXH']);
  expect(await client.getTrusts([])).toEqual([]);
  const ids = Array.from({ length: 450 }, (_, i) => `id-${i}`);
  expect((await client.getInterventions(ids)).map((intervention) => intervention.id)).toEqual(ids);
  const urls = received.map((request) => request.url);
  expect(urls[0]).toBe('/trusts?codes=RJ1%2CNOPE%2CRXH&minPosition=5');
  expect(urls.slice(1).map((url) => new URL(url, 'http://x').searchParams.get('ids')?.split(',').length)).toEqual([200, 200, 50]);
  expect(urls.slice(1).every((url) => url.startsWith('/interventions?ids='))).toBe(true);
  // Every read carries the bound viewer's credential.
  expect(received.map((request) => request.credential)).toEqual(received.map(() => ({ actor: policymaker, issuer: 'longview-gateway' })));
});

it('a signed-in mutation sends the command with the actor in its service credential and reads back at the returned position', async () => {
  serveProposal();
  const token = signDevToken({ role: 'TRUST_EDITOR', trust: 'RJ1', sub: 'alice' }, secret);
  const { body } = await graphql(gateway.url, propose, { input: proposeInput }, token);
  expect(body.errors).toBeUndefined();
  expect(body.data?.proposeIntervention).toMatchObject({ position: '42', intervention: { title: 'SDEC' } });
  const [command, read] = received;
  expect(command).toMatchObject({
    method: 'POST',
    url: '/commands/ProposeIntervention',
    body: { data: { ...proposeInput, interventionId: expect.any(String) } },
  });
  const alice = { actor: { id: 'alice', role: 'TRUST_EDITOR', trustCode: 'RJ1' }, issuer: 'longview-gateway' };
  // The actor is in the credential only, for the write and for the read-back.
  expect(command?.body).not.toHaveProperty('actor');
  // The command side also gets the name from the verified token (recorded as a mentor's or author's name).
  expect(command?.credential).toEqual({ ...alice, actor: { ...alice.actor, name: 'Demo trust editor (RJ1)' } });
  expect(read?.credential).toEqual(alice);
  const id = (command?.body as { data: { interventionId: string } }).data.interventionId;
  expect(read?.url).toBe(`/interventions/${id}?minPosition=42&stream=intervention-x&minVersion=1`);
});

it('command-service error bodies become GraphQL error codes', async () => {
  const fields = [{ path: 'targets.0.metric', message: 'Unknown metric' }];
  answer = () => ({ status: 400, body: { code: 'BAD_USER_INPUT', message: 'Invalid ProposeIntervention', fields } });
  const token = signDevToken({ role: 'ADMIN' }, secret);
  const bad = await graphql(gateway.url, propose, { input: proposeInput }, token);
  expect(bad.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', fields });

  answer = () => ({ status: 409, body: { code: 'CONFLICT', message: 'Stream version moved on' } });
  const conflict = await graphql(gateway.url, propose, { input: proposeInput }, token);
  expect(conflict.body.errors?.[0]?.extensions).toEqual({ code: 'CONFLICT' });

  answer = () => ({ status: 502, body: 'not json at all' });
  const broken = await graphql(gateway.url, propose, { input: proposeInput }, token);
  expect(broken.body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
});

it('anonymous mutations are UNAUTHENTICATED; expired or badly signed tokens are rejected with 401', async () => {
  serveProposal();
  const anonymous = await graphql(gateway.url, propose, { input: proposeInput });
  expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

  const expired = signDevToken({ role: 'ADMIN' }, secret, new Date(Date.now() - 24 * 3600 * 1000));
  const late = await graphql(
    gateway.url,
    `
      {
        metrics {
          code
        }
      }
    `,
    {},
    expired,
  );
  expect(late.status).toBe(401);
  expect(late.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

  const forged = signDevToken({ role: 'ADMIN' }, 'someone-elses-secret');
  const wrong = await graphql(gateway.url, propose, { input: proposeInput }, forged);
  expect(wrong.status).toBe(401);
  expect(wrong.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  expect(received).toEqual([]);

  // Public reads need no token.
  const publicRead = await graphql(
    gateway.url,
    `
      {
        metrics {
          code
        }
      }
    `,
  );
  expect(publicRead.status).toBe(200);
  expect((publicRead.body.data?.metrics as unknown[]).length).toBeGreaterThan(5);

  // A public viewer's reads still carry a credential, one with no actor.
  answer = () => ({ status: 200, body: [trustView('RJ1')] });
  const trusts = await graphql(
    gateway.url,
    `
      {
        trusts {
          code
        }
      }
    `,
  );
  expect(trusts.body.data).toEqual({ trusts: [{ code: 'RJ1' }] });
  expect(received).toEqual([expect.objectContaining({ url: '/trusts', credential: { actor: null, issuer: 'longview-gateway' } })]);
});

it('Query.viewer: who the token names, with its name claim or a readable default; null without a token', async () => {
  const viewer = `{ viewer { id name role trustCode } }`;
  expect((await graphql(gateway.url, viewer)).body).toEqual({ data: { viewer: null } });
  const named = signDevToken({ role: 'TRUST_EDITOR', trust: 'RJ1', sub: 'alice', name: 'Alice Smith' }, secret);
  expect((await graphql(gateway.url, viewer, {}, named)).body).toEqual({
    data: { viewer: { id: 'alice', name: 'Alice Smith', role: 'TRUST_EDITOR', trustCode: 'RJ1' } },
  });
  expect((await graphql(gateway.url, viewer, {}, signDevToken({ role: 'POLICYMAKER' }, secret))).body).toEqual({
    data: { viewer: { id: 'dev-policymaker', name: 'Demo policymaker', role: 'POLICYMAKER', trustCode: null } },
  });
  // A token without a name claim (an identity provider's) gets a readable default.
  const unnamed = forgeHs256({ sub: 'idp|42', role: 'TRUST_EDITOR', trust: 'RXH', exp: Math.floor(Date.now() / 1000) + 600 });
  expect((await graphql(gateway.url, viewer, {}, unnamed)).body).toEqual({
    data: { viewer: { id: 'idp|42', name: 'Trust editor (RXH)', role: 'TRUST_EDITOR', trustCode: 'RXH' } },
  });
  expect(received).toEqual([]);
});

it('serves the web app with SPA fallback, leaving /graphql and missing assets alone', async () => {
  const root = await fetch(`${gateway.url}/`);
  expect(root.status).toBe(200);
  expect(await root.text()).toContain('<div id="root">');

  const deepLink = await fetch(`${gateway.url}/trusts/RJ1/interventions`, { headers: { accept: 'text/html' } });
  expect(deepLink.status).toBe(200);
  expect(deepLink.headers.get('content-type')).toMatch(/text\/html/);
  expect(await deepLink.text()).toContain('<title>Longview</title>');

  const asset = await fetch(`${gateway.url}/assets/app.js`);
  expect(asset.status).toBe(200);
  expect(await asset.text()).toBe('console.log("app")');
  expect((await fetch(`${gateway.url}/assets/missing.js`)).status).toBe(404);

  const viaGet = await fetch(`${gateway.url}/graphql?query=${encodeURIComponent('{ metrics { code } }')}`, {
    headers: { 'apollo-require-preflight': 'true' },
  });
  expect(viaGet.status).toBe(200);
  expect(await viaGet.json()).toMatchObject({ data: { metrics: expect.any(Array) } });

  // Without a web dir there is no fallback.
  expect((await fetch(`${bareGateway.url}/trusts/RJ1`)).status).toBe(404);
});

it('stop() closes the port', async () => {
  const extra = await createGateway({ commandServiceUrl: serviceUrl, queryServiceUrl: serviceUrl, port: 0, jwtSecret: secret, serviceKey });
  expect((await fetch(`${extra.url}/health`)).status).toBe(200);
  await extra.stop();
  await expect(fetch(`${extra.url}/health`)).rejects.toThrow();
});
