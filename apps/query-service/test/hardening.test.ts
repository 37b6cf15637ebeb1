import { request as httpRequest } from 'node:http';
import type { ErrorBody } from '@longview/contracts';
import { EventStore, type Database } from '@longview/event-store';
import { testDatabases } from '@longview/event-store/testing';
import { startQueryService, type RunningQueryService } from '../src';
import { TEST_SERVICE_KEY, withCredential } from '../src/access/testing';

/**
 * Every answer of query-service is a JSON ErrorBody, whatever arrives: a NUL or lone surrogate
 * in a path or query parameter (PostgreSQL would refuse it with 22021: a 500), an id too long,
 * an unknown route, an over-long URL (Node's bare 431), a malformed body. No stack, no paths.
 */
describe.each(testDatabases())('query-service answers bad requests with a JSON ErrorBody on $name', ({ open }) => {
  let db: Database;
  let service: RunningQueryService;

  beforeAll(async () => {
    db = await open();
    const store = new EventStore(db);
    await store.migrate();
    service = await startQueryService({ database: db, followStore: store, port: 0, logger: false, consumers: [], serviceKey: TEST_SERVICE_KEY });
  });
  afterAll(async () => {
    await service.close();
    await db.close();
  });

  const get = async (path: string, init: RequestInit = {}): Promise<{ status: number; body: ErrorBody }> => {
    const response = await fetch(`${service.url}${path}`, await withCredential(undefined, init));
    const text = await response.text();
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(text).not.toMatch(/<html|\s+at [\w.<>]+ \(|\/work\/|node_modules/i);
    return { status: response.status, body: JSON.parse(text) as ErrorBody };
  };

  it.each([
    ['a NUL in a path parameter', '/trusts/RJ%00'],
    ['a NUL in a query parameter', '/trusts?search=guy%00s'],
    ['a lone surrogate in a path parameter (not UTF-8)', '/interventions/%ED%A0%80'],
    ['a lone surrogate in a query parameter', '/trusts?search=%ED%A0%80'],
    ['a NUL in a batch of codes', '/trusts?codes=RJ1,R%00'],
    ['an id over 200 characters', `/interventions/${'a'.repeat(201)}`],
    ['a control character in an id', '/interventions/a%0Ab'],
  ])('%s is 400 BAD_USER_INPUT', async (_name, path) => {
    const answer = await get(path);
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('BAD_USER_INPUT');
  });

  it('good values still pass: an unknown trust is a 404, a search with accents and emoji is a list', async () => {
    expect(await get('/trusts/RZZ9')).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    const search = await fetch(`${service.url}/trusts?search=${encodeURIComponent('Guy’s 🏥')}`, await withCredential());
    expect(search.status).toBe(200);
    expect(await search.json()).toEqual([]);
  });

  it('an unknown route is 404 NOT_FOUND; a bad query value is the route’s own ErrorBody', async () => {
    expect(await get('/nope')).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    expect(await get('/evidence?metric=nope')).toMatchObject({ status: 400, body: { code: 'BAD_USER_INPUT' } });
  });

  it('a malformed JSON body is 400', async () => {
    const answer = await get('/trusts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{bad' });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('BAD_USER_INPUT');
  });

  it('an over-long URL is a JSON 400, not a bare 431', async () => {
    const { port } = new URL(service.url);
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: `/trusts?codes=${'RJ1,'.repeat(10_000)}` }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/too large/) });
  });
});
