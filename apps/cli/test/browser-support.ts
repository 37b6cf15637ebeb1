import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { requireOrSkip } from './support';
import type { Page } from 'playwright-core';

/** What the browser tests share: Debian's Chromium and its flags, axe-core, and `longview start` on free ports. */

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const BIN = path.resolve(__dirname, '../bin/longview.js');
export const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Whether Chromium is here (skipped with a message when not; a failure under CI=true). */
export const haveChromium = () => requireOrSkip(fs.existsSync(CHROMIUM), `Chromium (${CHROMIUM}, Debian's chromium package)`);

/** A port nobody listens on now (the OS picks it), so the test never needs the default 4000-4002. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface RunningPlatform {
  readonly child: ChildProcess;
  readonly url: string;
  readonly output: () => string;
}

/** Starts `longview start` as a user would, and resolves with its address when it prints that it is ready. */
export async function startPlatform(dataDir: string): Promise<RunningPlatform> {
  const [gateway, command, query] = [await freePort(), await freePort(), await freePort()];
  const args = [BIN, 'start', '--data', dataDir, '--port', String(gateway), '--command-port', String(command), '--query-port', String(query)];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /Longview is ready in [\d.]+ s: (http:\/\/[^/\s]+)\//.exec(output);
      if (ready?.[1]) resolve({ child, url: ready[1], output: () => output });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`longview start exited with ${code} before it was ready:\n${output}`)));
  });
}

/** Scrolls down a screen at a time, so each lazily drawn chart comes near the screen. */
export async function scrollThrough(page: Page): Promise<void> {
  for (let i = 0; i < 80; i++) {
    const done = await page.evaluate(() => {
      const w = globalThis as unknown as {
        scrollBy(x: number, y: number): void;
        innerHeight: number;
        scrollY: number;
        document: { body: { scrollHeight: number } };
      };
      w.scrollBy(0, w.innerHeight);
      return w.scrollY + w.innerHeight >= w.document.body.scrollHeight - 2;
    });
    await page.waitForTimeout(50);
    if (done && (await page.locator('[data-lazy="pending"]').count()) === 0) return;
  }
}
