import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signDevToken } from '../src/auth';
import { HARDENING_DEFAULTS, hardeningConfigFromEnv, type HardeningConfig } from '../src/hardening';
import { createGateway, type RunningGateway } from '../src/server';
import { trustView } from './fakes';

/**
 * The gateway's defences over real HTTP (src/hardening/): query limits, JSON errors for every
 * malformed request, CORS, rate limits, and the id and text checks before anything reaches a
 * service. A fake query service records every call, so "refused" also means "nothing was asked".
 */

const secret = 'hardening-test-secret';
const calls: string[] = [];
let fakeServices: Server;
let serviceUrl: string;
const gateways: RunningGateway[] = [];

async function gatewayWith(hardening: Partial<HardeningConfig> = {}): Promise<RunningGateway> {
  const gateway = await createGateway({
    commandServiceUrl: serviceUrl,
    queryServiceUrl: serviceUrl,
    port: 0,
    jwtSecret: secret,
    serviceKey: 'hardening-test-service-key-0123456789abcdef',
    hardening,
  });
  gateways.push(gateway);
  return gateway;
}

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } | undefined;
}

async function post(gateway: RunningGateway, body: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return answerOf(response);
}

async function answerOf(response: Response): Promise<Answer> {
  const text = await response.text();
  let json: Answer['json'];
  try {
    json = JSON.parse(text) as Answer['json'];
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

const query = (gateway: RunningGateway, document: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  post(gateway, JSON.stringify({ query: document, variables }), headers);

/** The first error's code, after checking the answer is clean JSON without stack or path. */
function codeOf(answer: Answer): unknown {
  expectClean(answer);
  return answer.json?.errors?.[0]?.extensions?.code;
}

function expectClean(answer: Answer): void {
  expect(answer.json).toBeDefined();
  expect(answer.text).not.toMatch(/<html|<!DOCTYPE|stacktrace|\s+at [\w.<>]+ \(|\/work\/|node_modules/i);
}

beforeAll(async () => {
  fakeServices = createServer((req: IncomingMessage, res: ServerResponse) => {
    calls.push(`${req.method} ${req.url}`);
    const body = req.url?.startsWith('/trusts?') ? [trustView('RJ1')] : req.url?.startsWith('/trusts/') ? trustView('RJ1') : null;
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? { code: 'NOT_FOUND', message: 'no' }));
  });
  await new Promise<void>((resolve) => fakeServices.listen(0, '127.0.0.1', resolve));
  serviceUrl = `http://127.0.0.1:${(fakeServices.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const gateway of gateways) await gateway.stop();
  await new Promise((resolve) => fakeServices.close(resolve));
});

beforeEach(() => {
  calls.length = 0;
});

describe('query limits (graphql-armor and the parser)', () => {
  const nested = (levels: number) => `{ trust(code: "RJ1") { ${'peers { trust { '.repeat(levels)}code${' } }'.repeat(levels)} } }`;

  it('refuses an operation deeper than maxDepth, and one of 800 levels, before any call', async () => {
    // A cost limit this high lets the depth rule speak alone (deep queries are costly too).
    const gateway = await gatewayWith({ maxCost: 1e12 });
    expect(await query(gateway, nested(2))).toMatchObject({ status: 200 });
    for (const levels of [HARDENING_DEFAULTS.maxDepth, 800]) {
      calls.length = 0;
      const answer = await query(gateway, nested(levels));
      expect(answer.status).toBe(400);
      expect(codeOf(answer)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(calls).toEqual([]);
    }
    expect((await query(gateway, nested(HARDENING_DEFAULTS.maxDepth / 2))).json?.errors?.[0]?.message).toMatch(/depth limit of 12 exceeded/i);
    expect((await query(gateway, nested(HARDENING_DEFAULTS.maxDepth / 2 - 1))).status).toBe(200);
  });

  it('refuses more aliases than maxAliases, and 10,000 of them', async () => {
    const gateway = await gatewayWith();
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: metrics { code }`).join(' ')} }`;
    expect((await query(gateway, aliases(HARDENING_DEFAULTS.maxAliases))).status).toBe(200);
    const over = await query(gateway, aliases(HARDENING_DEFAULTS.maxAliases + 1));
    expect(over.status).toBe(400);
    expect(codeOf(over)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(over.json?.errors?.[0]?.message).toMatch(/aliases limit of 30/i);
    // 10,000 aliases are 50,000 tokens: the parser stops first.
    const huge = await query(gateway, aliases(10_000));
    expect(huge.status).toBe(400);
    expect(codeOf(huge)).toBe('GRAPHQL_PARSE_FAILED');
    expect(huge.json?.errors?.[0]?.message).toMatch(/more that 5000 tokens/i);
  });

  it('refuses an operation over maxCost', async () => {
    const gateway = await gatewayWith({ maxCost: 20 });
    expect((await query(gateway, '{ metrics { code } }')).status).toBe(200);
    const answer = await query(gateway, '{ trusts { code name region kind context { beds region kind } peers { distance trust { code name } } } }');
    expect(answer.status).toBe(400);
    expect(codeOf(answer)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(answer.json?.errors?.[0]?.message).toMatch(/cost limit of 20/i);
    expect(calls).toEqual([]);
  });

  it('introspection and field suggestions are off when configured so (production), on otherwise', async () => {
    const closed = await gatewayWith({ introspection: false });
    const introspect = await query(closed, '{ __schema { types { name } } }');
    expect(introspect.status).toBe(400);
    expect(codeOf(introspect)).toBe('GRAPHQL_VALIDATION_FAILED');
    const typo = await query(closed, '{ trustz { code } }');
    expect(typo.json?.errors?.[0]?.message).not.toMatch(/did you mean/i);

    const open = await gatewayWith({ introspection: true });
    expect((await query(open, '{ __schema { queryType { name } } }')).json).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    expect((await query(open, '{ trustz { code } }')).json?.errors?.[0]?.message).toMatch(/did you mean .*"trusts"/i);
  });

  it('a subscription over HTTP (it is served over graphql-ws) fails validation, not execution', async () => {
    const answer = await query(await gatewayWith(), 'subscription { activity { position summary } }');
    expect(answer.status).toBe(400);
    expect(codeOf(answer)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(answer.json?.errors?.[0]?.message).toBe(
      'Subscriptions are served over WebSocket (graphql-ws protocol) at this same /graphql address, not over HTTP',
    );
  });

  it('reads its defaults and the production switch from the environment', () => {
    expect(hardeningConfigFromEnv({ NODE_ENV: 'production' }).introspection).toBe(false);
    expect(hardeningConfigFromEnv({}).introspection).toBe(true);
    expect(hardeningConfigFromEnv({ LONGVIEW_INTROSPECTION: 'false' }).introspection).toBe(false);
    expect(hardeningConfigFromEnv({ LONGVIEW_MAX_DEPTH: '7', LONGVIEW_CORS_ORIGINS: 'https://a.example, https://b.example/' })).toMatchObject({
      maxDepth: 7,
      corsOrigins: ['https://a.example', 'https://b.example'],
    });
    expect(() => hardeningConfigFromEnv({ LONGVIEW_MAX_COST: 'lots' })).toThrow(/LONGVIEW_MAX_COST must be a whole number/);
  });
});

describe('malformed requests get a JSON error, never HTML or a stack trace', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await gatewayWith({ maxBodyBytes: 10_000 });
  });

  it('malformed JSON is 400 BAD_REQUEST', async () => {
    for (const body of ['{"query": "{ metrics { code } }"', '{', 'not json', '"just a string"']) {
      const answer = await post(gateway, body);
      expect(answer.status).toBe(400);
      expect(codeOf(answer)).toBe('BAD_REQUEST');
    }
  });

  it('an oversized body is 413 PAYLOAD_TOO_LARGE', async () => {
    const answer = await query(gateway, '{ metrics { code } }', { padding: 'x'.repeat(20_000) });
    expect(answer.status).toBe(413);
    expect(codeOf(answer)).toBe('PAYLOAD_TOO_LARGE');
  });

  it('a body that is not JSON, or no body, is a 4xx', async () => {
    const text = await answerOf(
      await fetch(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{ metrics { code } }' }),
    );
    expect(text.status).toBeGreaterThanOrEqual(400);
    expect(text.status).toBeLessThan(500);
    expectClean(text);
    const empty = await answerOf(await fetch(`${gateway.url}/graphql`, { method: 'POST' }));
    expect(empty.status).toBe(400);
    expectClean(empty);
  });

  it('a persistedQuery body is PERSISTED_QUERY_NOT_SUPPORTED, with or without a query', async () => {
    const extensions = { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } };
    for (const body of [{ extensions }, { query: '{ metrics { code } }', extensions }]) {
      const answer = await post(gateway, JSON.stringify(body));
      // Apollo answers 200 here on purpose: automatic-persisted-query clients then resend the full query.
      expect(answer.status).toBe(200);
      expect(codeOf(answer)).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
      expect(answer.json?.errors?.[0]?.message).toMatch(/Persisted queries are not supported/);
    }
  });

  it('an unknown route is a JSON 404; an over-long URL is a JSON 400, not a bare 431', async () => {
    const missing = await answerOf(await fetch(`${gateway.url}/nope/../etc`));
    expect(missing.status).toBe(404);
    expect(codeOf(missing)).toBe('NOT_FOUND');

    const { port } = new URL(gateway.url);
    const long = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: `/graphql?query=${'x'.repeat(40_000)}` }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(long.status).toBe(400);
    expect(JSON.parse(long.text)).toEqual({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/too large/) });
  });
});

describe('ids and text are checked once, before any resolver or URL', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await gatewayWith();
  });

  it.each([
    ['series(trustCode: "..")', '{ series(trustCode: "..", metric: "ae-4hr") { metric } }', 'trustCode'],
    ['intervention(id: ".")', '{ intervention(id: ".") { id } }', 'id'],
    ['intervention(id: "")', '{ intervention(id: "") { id } }', 'id'],
    ['an id with "/"', '{ intervention(id: "a/../b") { id } }', 'id'],
    ['an id over 200 characters', `{ intervention(id: "${'a'.repeat(201)}") { id } }`, 'id'],
    ['an id with a control character', '{ intervention(id: "a\\tb") { id } }', 'id'],
    ['a trust code that is not an ODS code', '{ trust(code: "rj1") { code } }', 'code'],
    ['a trust code in a filter', '{ interventions(filter: { trustCode: "R J1" }) { totalCount } }', 'filter.trustCode'],
  ])('%s is BAD_USER_INPUT naming the argument', async (_name, document, path) => {
    const answer = await query(gateway, document);
    expect(answer.status).toBe(400);
    expect(codeOf(answer)).toBe('BAD_USER_INPUT');
    expect(answer.json?.errors?.[0]?.extensions?.fields).toEqual([{ path, message: expect.any(String) }]);
    expect(answer.json?.errors?.[0]?.message).toMatch(/not a valid id/);
    expect(calls).toEqual([]);
  });

  it('an id in a variable, and an input field of a mutation, are checked the same way', async () => {
    const byVariable = await query(gateway, 'query($id: ID!) { intervention(id: $id) { id } }', { id: '..' });
    expect(codeOf(byVariable)).toBe('BAD_USER_INPUT');
    const mutation = await query(
      gateway,
      'mutation($input: StartInterventionInput!) { startIntervention(input: $input) { position } }',
      { input: { interventionId: 'x'.repeat(20_000), startedOn: '2025-01-01' } },
      { authorization: `Bearer ${signDevToken({ role: 'ADMIN', sub: 'admin' }, secret)}` },
    );
    expect(codeOf(mutation)).toBe('BAD_USER_INPUT');
    expect(mutation.json?.errors?.[0]?.extensions?.fields).toEqual([{ path: 'interventionId', message: expect.stringMatching(/at most 200/) }]);
    expect(calls).toEqual([]);
  });

  it.each([
    ['a NUL byte in a variable', { search: 'guy\u0000s' }, /Variable \$search contains a NUL/],
    ['a lone surrogate in a variable', { search: 'guy\uD800s' }, /Variable \$search contains a lone UTF-16 surrogate/],
    ['a NUL in a nested variable', { search: 'ok', extra: { deep: ['\u0000'] } }, /Variable \$extra at deep\.0 contains a NUL/],
  ])('%s is BAD_USER_INPUT naming it', async (_name, variables, message) => {
    const answer = await query(gateway, 'query($search: String) { trusts(filter: { search: $search }) { code } }', variables);
    expect(answer.status).toBe(400);
    expect(codeOf(answer)).toBe('BAD_USER_INPUT');
    expect(answer.json?.errors?.[0]?.message).toMatch(message);
    expect(calls).toEqual([]);
  });

  it('a NUL written as an escape in a literal argument is BAD_USER_INPUT naming the argument', async () => {
    const answer = await query(gateway, '{ trusts(filter: { search: "a\\u0000b" }) { code } }');
    expect(codeOf(answer)).toBe('BAD_USER_INPUT');
    expect(answer.json?.errors?.[0]?.message).toMatch(/Argument filter\.search of trusts contains a NUL/);
    expect(answer.json?.errors?.[0]?.extensions?.fields).toEqual([{ path: 'filter.search', message: expect.any(String) }]);
  });

  it('a String argument that ends up in a URL path (metric) cannot be "." or ".." either', async () => {
    for (const metric of ['..', '.', '']) {
      const answer = await query(gateway, 'query($metric: String!) { series(trustCode: "RJ1", metric: $metric) { metric } }', { metric });
      expect(codeOf(answer)).toBe('BAD_USER_INPUT');
    }
    expect(calls).toEqual([]);
  });

  it('valid ids and text pass: emoji, accents, an ODS code', async () => {
    const answer = await query(gateway, '{ trusts(filter: { search: "Guy’s & St Thomas’ 🏥" }) { code } trust(code: "RJ1") { code } }');
    expect(answer.json).toEqual({ data: { trusts: [{ code: 'RJ1' }], trust: { code: 'RJ1' } } });
  });
});

describe('CORS and rate limits', () => {
  it('no allow-list: no Access-Control-Allow-Origin for another origin', async () => {
    const gateway = await gatewayWith({ corsOrigins: [] });
    const answer = await query(gateway, '{ metrics { code } }', {}, { origin: 'https://evil.example' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('an allow-list: allowed origins get the header (and a preflight), others do not', async () => {
    const gateway = await gatewayWith({ corsOrigins: ['https://longview.example'] });
    const allowed = await query(gateway, '{ metrics { code } }', {}, { origin: 'https://longview.example' });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://longview.example');
    const other = await query(gateway, '{ metrics { code } }', {}, { origin: 'https://evil.example' });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${gateway.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://longview.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://longview.example');
  });

  it('per address: the request over the limit is 429 with Retry-After and a JSON error', async () => {
    const gateway = await gatewayWith({ rateLimitPerAddress: 3, rateLimitWindowMs: 60_000 });
    for (let i = 0; i < 3; i++) expect((await query(gateway, '{ metrics { code } }')).status).toBe(200);
    const limited = await query(gateway, '{ metrics { code } }');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(codeOf(limited)).toBe('RATE_LIMITED');
  });

  it('per token: one token over its limit is 429, another token is not', async () => {
    const gateway = await gatewayWith({ rateLimitPerToken: 2 });
    const token = (sub: string) => ({ authorization: `Bearer ${signDevToken({ role: 'COMMUNITY', sub }, secret)}` });
    const alice = token('alice');
    for (let i = 0; i < 2; i++) expect((await query(gateway, '{ metrics { code } }', {}, alice)).status).toBe(200);
    const limited = await query(gateway, '{ metrics { code } }', {}, alice);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(codeOf(limited)).toBe('RATE_LIMITED');
    expect((await query(gateway, '{ metrics { code } }', {}, token('bob'))).status).toBe(200);
  });
});
