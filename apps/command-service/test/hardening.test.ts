import { request as httpRequest } from 'node:http';
import type { ErrorBody } from '@longview/contracts';
import { EventStore, type Database } from '@longview/event-store';
import { testDatabases } from '@longview/event-store/testing';
import { authorizationFor } from '@longview/service-auth/testing';
import { startCommandService, type RunningService } from '../src';

const SERVICE_KEY = 'hardening-test-service-key-0123456789abcdef';
const ADMIN = { id: 'hardening-admin', role: 'ADMIN' } as const;

/**
 * Every answer of command-service is a JSON ErrorBody, whatever arrives: malformed JSON, a body
 * too large, an unknown route, an over-long URL, a NUL or lone surrogate in a command's data (which
 * PostgreSQL would refuse with 22021 in the middle of an append). No stack traces, no paths.
 */

const REGISTER = { code: 'ZH1', name: 'Hardening NHS Trust', context: { kind: 'ACUTE', region: 'LONDON' }, effectiveFrom: '2020-04-01' };

describe.each(testDatabases())('command-service answers bad requests with a JSON ErrorBody on $name', ({ open }) => {
  let db: Database;
  let store: EventStore;
  let service: RunningService;

  beforeAll(async () => {
    db = await open();
    store = new EventStore(db);
    await store.migrate();
    service = await startCommandService({ eventStore: store }, { port: 0, logger: false, serviceKey: SERVICE_KEY });
  });
  afterAll(async () => {
    await service.close();
    await db.close();
  });

  const send = async (path: string, body: string, contentType = 'application/json'): Promise<{ status: number; text: string; body: ErrorBody }> => {
    const response = await fetch(`${service.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': contentType, authorization: await authorizationFor(SERVICE_KEY, ADMIN) },
      body,
    });
    const text = await response.text();
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(text).not.toMatch(/<html|\s+at [\w.<>]+ \(|\/work\/|node_modules/i);
    return { status: response.status, text, body: JSON.parse(text) as ErrorBody };
  };

  it('malformed JSON is 400 BAD_USER_INPUT', async () => {
    for (const body of ['{bad', '{"data": ', '[1,']) {
      expect(await send('/commands/RegisterTrust', body)).toMatchObject({
        status: 400,
        body: { code: 'BAD_USER_INPUT', message: expect.stringMatching(/JSON/) },
      });
    }
  });

  it('a body over the limit is 413 with an ErrorBody', async () => {
    const answer = await send('/commands/RecordObservations', JSON.stringify({ data: { padding: 'x'.repeat(6 * 1024 * 1024) } }));
    expect(answer).toMatchObject({ status: 413, body: { code: 'BAD_USER_INPUT', message: 'The request body is too large' } });
  });

  it('an unknown route is 404 NOT_FOUND', async () => {
    expect(await send('/nope', '{}')).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
  });

  it.each([
    ['a NUL in a string', { ...REGISTER, name: 'Hardening\u0000 Trust' }, 'name', /NUL/],
    ['a lone surrogate', { ...REGISTER, name: 'Hardening \uD83D Trust' }, 'name', /lone UTF-16 surrogate/],
    ['a NUL in a nested string', { ...REGISTER, context: { ...REGISTER.context, kind: 'ACUTE\u0000' } }, 'context.kind', /NUL/],
  ])('%s in the data is 400 naming the field, and nothing is appended', async (_name, data, path, problem) => {
    const before = await store.headPosition();
    const answer = await send('/commands/RegisterTrust', JSON.stringify({ data }));
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(problem),
      fields: [{ path, message: expect.stringMatching(problem) }],
    });
    expect(await store.headPosition()).toBe(before);
  });

  it('the same command without the bad character is accepted (the check is not a blanket refusal)', async () => {
    const response = await fetch(`${service.url}/commands/RegisterTrust`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: await authorizationFor(SERVICE_KEY, ADMIN) },
      body: JSON.stringify({ data: { ...REGISTER, name: 'Hardening NHS Trust 🏥' } }),
    });
    expect(response.status).toBe(200);
  });

  it('an over-long URL is a JSON 400, not a bare 431', async () => {
    const { port } = new URL(service.url);
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: `/commands/${'x'.repeat(40_000)}` }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
