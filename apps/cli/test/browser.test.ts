import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { graphqlData, requireOrSkip } from './support';

jest.setTimeout(180_000);

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const BIN = path.resolve(__dirname, '../bin/longview.js');
const URL = 'http://localhost:4000';

const haveChromium = requireOrSkip(fs.existsSync(CHROMIUM), `Chromium (${CHROMIUM}, Debian's chromium package)`);

/** Starts `longview start` as a user would, and resolves when it prints that it is ready. */
function startPlatform(dataDir: string): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [BIN, 'start', '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Longview is ready')) resolve({ child, output: () => output });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`longview start exited with ${code} before it was ready:\n${output}`)));
  });
}

(haveChromium ? describe : describe.skip)('the web client, in Chromium, against `longview start`', () => {
  let dir: string;
  let platform: { child: ChildProcess; output: () => string };
  let browser: Browser;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'longview-browser-'));
    platform = await startPlatform(path.join(dir, 'data'));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
  });
  afterAll(async () => {
    await browser?.close();
    if (platform) {
      const exited = new Promise((resolve) => platform.child.once('exit', resolve));
      platform.child.kill('SIGINT');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loads the demo data on first start', async () => {
    const { trusts } = await graphqlData<{ trusts: { code: string }[] }>(URL, '{ trusts { code } }');
    expect(trusts.length).toBeGreaterThanOrEqual(120);
    expect(platform.output()).toMatch(/Demo data loaded/);
  });

  it('finds a trust by name and opens its page', async () => {
    const { trusts } = await graphqlData<{ trusts: { code: string; name: string; kind: string }[] }>(
      URL,
      '{ trusts(filter: { kind: ACUTE }) { code name kind } }',
    );
    const trust = trusts[7];
    if (!trust) throw new Error('no acute trust in the demo data');
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    await page.goto(`${URL}/`);
    await page.getByLabel('Search trusts').fill(trust.name.split(' ')[0] ?? trust.name);
    const link = page.getByRole('link', { name: trust.name, exact: true });
    await link.waitFor();
    await link.click();

    await page.waitForURL(`${URL}/trusts/${trust.code}`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(trust.name);
    // The trust's metrics are drawn: at least one chart and its table.
    await page.locator('svg').first().waitFor();
    expect(await page.locator('table').count()).toBeGreaterThan(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});
