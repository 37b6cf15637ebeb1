/**
 * The web client's size and speed (not a test; no thresholds): `npm run bench:web`, or after a
 * build `node apps/cli/dist/bench/web-bench.js [--rounds 5]`.
 *
 * Prints the first download's JavaScript and what each page loaded on demand adds (gzip -9),
 * then starts `longview start` on a fresh data folder (demo data, free ports) serving a copy of
 * apps/web/dist with one extra file, a tiny static page (the baseline), and in headless Chromium
 * (/usr/bin/chromium) times, per round and with an empty cache each time, the time to the first
 * meaningful paint of the baseline, the trust list and a trust editor's workspace: from the start
 * of the navigation to the first frame in which the page's heading is shown and no "Loading"
 * message is left (so its data has arrived and been drawn). Ends with JSON lines
 * {"bench","value","unit","baseline","baselineName","ratio"}: the medians, and the first download
 * against its budget.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { signDevToken } from '@longview/gateway';
import { chromium, type Browser } from 'playwright-core';
import { devJwtSecret } from '../platform/dev-secret';
import { builtWebClientDir } from '../platform/embedded-platform';
import { benchLine, flag, median } from './bench-lines';
import { INITIAL_JS_BUDGET, initialChunks, kB, pageBundles } from './web-bundle';

const CHROMIUM = '/usr/bin/chromium';
const BIN = path.resolve(__dirname, '../../bin/longview.js');
const BASELINE =
  '<!doctype html><html lang="en-GB"><meta charset="utf-8"><title>Baseline</title><h1>A static page</h1><p>Served by the same gateway.</p></html>';

/**
 * Runs in the page before its scripts: records `window.__meaningfulPaint` (ms since the
 * navigation started) at the first frame with an h1 and no "Loading" text.
 */
const WATCH_PAINT = `(() => {
  const check = () => {
    const h1 = document.querySelector('h1');
    if (h1 && document.body && !/\\bLoading\\b/.test(document.body.innerText)) { window.__meaningfulPaint = performance.now(); return; }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function start(dataDir: string, webDir: string): Promise<{ child: ChildProcess; url: string }> {
  const ports = [await freePort(), await freePort(), await freePort()].map(String);
  const args = [BIN, 'start', '--data', dataDir, '--port', ports[0] ?? '', '--command-port', ports[1] ?? '', '--query-port', ports[2] ?? ''];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LONGVIEW_WEB_DIST: webDir } });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /Longview is ready in [\d.]+ s: (http:\/\/[^/\s]+)\//.exec(output);
      if (ready?.[1]) resolve({ child, url: ready[1] });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`longview start exited with ${code} before it was ready:\n${output}`)));
  });
}

/** ms to the first meaningful paint of `url`, in a new context (empty cache), signed in with `token` if given. */
async function paintTime(browser: Browser, url: string, token?: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    if (token)
      await context.addInitScript(
        (t) => (globalThis as unknown as { localStorage: { setItem(key: string, value: string): void } }).localStorage.setItem('longview.token', t),
        token,
      );
    await context.addInitScript(WATCH_PAINT);
    const page = await context.newPage();
    await page.goto(url);
    const handle = await page.waitForFunction(() => (globalThis as unknown as { __meaningfulPaint?: number }).__meaningfulPaint, null, { timeout: 60_000 });
    return (await handle.jsonValue()) as number;
  } finally {
    await context.close();
  }
}

export async function runWebBench(options: { rounds: number }, print: (line: string) => void): Promise<void> {
  const dist = builtWebClientDir();
  const initial = initialChunks(dist);
  const initialGzip = initial.reduce((sum, chunk) => sum + chunk.gzip, 0);
  print(`first download (JavaScript, gzip -9): ${kB(initialGzip)}`);
  for (const chunk of initial) print(`  ${chunk.file}: ${kB(chunk.gzip)}`);
  print('each page loaded on demand adds:');
  for (const page of pageBundles(dist)) print(`  ${page.page}: ${kB(page.gzip)}`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'longview-web-bench-'));
  const webDir = path.join(dir, 'web');
  fs.cpSync(dist, webDir, { recursive: true });
  fs.writeFileSync(path.join(webDir, 'baseline.html'), BASELINE);
  const platform = await start(path.join(dir, 'data'), webDir);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const trusts = (await (
      await fetch(`${platform.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ trusts(filter: { kind: ACUTE }) { code } }' }),
      })
    ).json()) as { data: { trusts: { code: string }[] } };
    const trust = trusts.data.trusts[2]?.code;
    if (!trust) throw new Error('no acute trust in the demo data');
    const editor = signDevToken({ role: 'TRUST_EDITOR', trust, name: 'Bench editor' }, devJwtSecret(path.join(dir, 'data')));
    const pages = [
      { name: 'static baseline page', url: `${platform.url}/baseline.html`, token: undefined },
      { name: 'trust list', url: `${platform.url}/`, token: undefined },
      { name: 'workspace', url: `${platform.url}/workspace`, token: editor },
    ];
    // Warm-up rounds, not counted: the server's first answers (query plans, JIT) are slower.
    for (let warm = 0; warm < 2; warm++) for (const page of pages) await paintTime(browser, page.url, page.token);
    const times = new Map<string, number[]>(pages.map((page) => [page.name, []]));
    for (let round = 1; round <= options.rounds; round++) {
      const line: string[] = [];
      for (const page of pages) {
        const ms = await paintTime(browser, page.url, page.token);
        times.get(page.name)?.push(ms);
        line.push(`${page.name} ${ms.toFixed(0)} ms`);
      }
      print(`round ${round}: ${line.join(', ')}`);
    }
    const baseline = median(times.get('static baseline page') ?? []);
    print(
      benchLine(
        'web: first meaningful paint of the trust list (headless Chromium, empty cache)',
        median(times.get('trust list') ?? []),
        'ms',
        baseline,
        'static page',
      ),
    );
    print(
      benchLine(
        'web: first meaningful paint of the workspace (headless Chromium, empty cache)',
        median(times.get('workspace') ?? []),
        'ms',
        baseline,
        'static page',
      ),
    );
    print(benchLine('web: first download JavaScript (gzip -9)', initialGzip / 1000, 'kB', INITIAL_JS_BUDGET / 1000, 'budget'));
  } finally {
    await browser.close();
    const exited = new Promise((resolve) => platform.child.once('exit', resolve));
    platform.child.kill('SIGINT');
    await exited;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  runWebBench({ rounds: flag(args, '--rounds', 5) }, (line) => console.log(line)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
