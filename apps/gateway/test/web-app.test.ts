import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createGateway, type RunningGateway } from '../src/server';

/**
 * How the gateway serves the built web client (src/web-app/): compression, caching headers and
 * statuses, over real HTTP against a small dist folder shaped as Vite builds it.
 */

const INDEX =
  '<!doctype html><html lang="en-GB"><title>Longview</title><script type="module" src="/assets/index-AbCd1234.js"></script><div id="root"></div></html>';
// Big enough to be worth compressing (the middleware leaves responses under 1 kB alone).
const APP_JS = `export const pages = [${Array.from({ length: 400 }, (_, i) => `"page ${i}"`).join(',')}];\n`;

let webDir: string;
let gateway: RunningGateway;

beforeAll(async () => {
  webDir = mkdtempSync(join(tmpdir(), 'longview-web-app-'));
  writeFileSync(join(webDir, 'index.html'), INDEX);
  writeFileSync(join(webDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(webDir, 'routes.json'), JSON.stringify({ routes: ['/', '/trusts/:code', '/interventions/new', '/interventions/:id', '/evidence'] }));
  mkdirSync(join(webDir, 'assets'));
  writeFileSync(join(webDir, 'assets', 'index-AbCd1234.js'), APP_JS);
  gateway = await createGateway({
    commandServiceUrl: 'http://127.0.0.1:9',
    queryServiceUrl: 'http://127.0.0.1:9',
    port: 0,
    jwtSecret: 'web-app-test',
    serviceKey: 'web-app-test-service-key-0123456789',
    webDistDir: webDir,
  });
});

afterAll(async () => {
  await gateway?.stop();
  rmSync(webDir, { recursive: true, force: true });
});

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  /** The bytes as sent (still compressed, if they were). */
  readonly raw: Buffer;
}

/** A GET with exactly these headers (fetch would ask for compression and undo it itself). */
function get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${gateway.url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, raw: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serving the web client', () => {
  it('compresses text assets with gzip (or brotli) when the browser accepts it', async () => {
    const gzip = await get('/assets/index-AbCd1234.js', { 'accept-encoding': 'gzip' });
    expect(gzip.status).toBe(200);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers.vary).toMatch(/Accept-Encoding/i);
    expect(gunzipSync(gzip.raw).toString('utf8')).toBe(APP_JS);
    expect(gzip.raw.length).toBeLessThan(APP_JS.length / 3);

    const brotli = await get('/assets/index-AbCd1234.js', { 'accept-encoding': 'br, gzip' });
    expect(brotli.headers['content-encoding']).toBe('br');

    const plain = await get('/assets/index-AbCd1234.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.raw.toString('utf8')).toBe(APP_JS);
  });

  it('caches content-hashed assets for a year and makes index.html be checked every time', async () => {
    expect((await get('/assets/index-AbCd1234.js')).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const path of ['/', '/index.html', '/trusts/RJ1', '/no-such-page']) {
      expect([path, (await get(path)).headers['cache-control']]).toEqual([path, 'no-cache']);
    }
    // Not content-hashed: checked each time too.
    expect((await get('/favicon.svg')).headers['cache-control']).toBe('no-cache');
  });

  it("answers the client's routes with index.html (200) and any other path with it and a real 404", async () => {
    for (const path of ['/', '/trusts/RJ1', '/trusts/RJ1/', '/interventions/new', '/interventions/8f1c', '/evidence']) {
      const answer = await get(path, { accept: 'text/html' });
      expect([path, answer.status, answer.headers['content-type']]).toEqual([path, 200, expect.stringMatching(/^text\/html/)]);
      expect(answer.raw.toString('utf8')).toBe(INDEX);
    }
    for (const path of ['/nope', '/trusts', '/trusts/RJ1/interventions', '/evidence/more']) {
      const answer = await get(path, { accept: 'text/html', 'accept-encoding': 'gzip' });
      expect([path, answer.status, answer.headers['content-type']]).toEqual([path, 404, expect.stringMatching(/^text\/html/)]);
      // The client's not-found page: the same HTML, whose router shows "Page not found".
      expect(answer.raw.toString('utf8')).toBe(INDEX);
    }
  });

  it('keeps JSON 404s for missing files and API paths', async () => {
    const missing = await get('/assets/index-Missing1.js');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/application\/json/);
    expect((await get('/graphql/nope')).headers['content-type']).toMatch(/application\/json/);
    // A path with control characters is no page's address: JSON, not the client's page.
    for (const path of ['/%00', '/trusts/%1f', '/x%7F']) {
      const answer = await get(path);
      expect([path, answer.status, answer.headers['content-type']]).toEqual([path, 404, expect.stringMatching(/application\/json/)]);
    }
  });

  it('answers a revalidation of index.html with 304, but never turns a 404 into one', async () => {
    const first = await get('/trusts/RJ1');
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    expect((await get('/trusts/RJ1', { 'if-none-match': etag })).status).toBe(304);
    const missing = await get('/nope');
    expect((await get('/nope', { 'if-none-match': missing.headers.etag as string })).status).toBe(404);
  });
});
