import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { requireOrSkip } from './support';

/**
 * What the browser tests share: Debian's Chromium and its flags, `longview start` on free ports
 * (the two together as a test bed), axe-core and the check at 1280 and 320 px, and the demo
 * sign-in.
 */

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
/** Screenshots of the pages the tests visit (git-ignored; see apps/web/README.md). */
export const SCREENSHOTS = path.resolve(__dirname, 'screenshots');

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

/** Stops `longview start` as Ctrl+C would, and waits until it has exited. */
export async function stopPlatform(platform: RunningPlatform): Promise<void> {
  if (platform.child.exitCode !== null || platform.child.signalCode !== null) return;
  const exited = new Promise((resolve) => platform.child.once('exit', resolve));
  platform.child.kill('SIGINT');
  await exited;
}

/** Debian's Chromium, headless, for playwright-core to drive. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
}

/** A browser test's world: `longview start` on a data folder of its own (demo data loaded), and a Chromium. */
export interface BrowserTestBed {
  /** The temporary folder the platform's data folder is in (deleted by `close`). */
  readonly dir: string;
  /** The platform's data folder (`--data`). */
  readonly dataDir: string;
  readonly platform: RunningPlatform;
  /** The platform's address, without a trailing slash. */
  readonly url: string;
  readonly browser: Browser;
  /** Closes the browser, stops the platform and deletes the folder. */
  close(): Promise<void>;
}

/**
 * Starts `longview start` in a new temporary folder named from `prefix` and launches Chromium
 * (and makes the screenshots folder). Whatever was started is undone again if a later step fails.
 */
export async function openBrowserTestBed(prefix: string): Promise<BrowserTestBed> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const dataDir = path.join(dir, 'data');
  let platform: RunningPlatform | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    if (platform) await stopPlatform(platform);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    platform = await startPlatform(dataDir);
    browser = await launchChromium();
    return { dir, dataDir, platform, url: platform.url, browser, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The little of axe-core's API and result the tests use (this package compiles without the DOM library). */
interface AxeGlobal {
  run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact?: string | null; nodes: { target: unknown[] }[] }[] }>;
}

export interface AxeScope {
  /** CSS selectors of the parts of the page to check (the whole page when absent). */
  readonly include?: readonly string[];
  /** Only the serious and critical violations (all of them when false or absent). */
  readonly seriousOnly?: boolean;
}

/**
 * axe-core's WCAG 2 A/AA violations on the page as it is now (or in the parts of it given), as
 * "rule (impact): targets", so a failing test says what is wrong and where.
 */
export async function axeViolations(page: Page, { include, seriousOnly = false }: AxeScope = {}): Promise<string[]> {
  // Once a document: axe stays on the page until it navigates.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ content: AXE });
  return page.evaluate(
    async ({ selectors, serious }) => {
      const axe = (globalThis as unknown as { axe: AxeGlobal }).axe;
      const context = selectors ? { include: selectors.map((selector) => [selector]) } : 'html';
      const { violations } = await axe.run(context, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return violations
        .filter((violation) => !serious || violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => `${violation.id} (${violation.impact ?? 'no impact'}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
    },
    { selectors: include ? [...include] : null, serious: seriousOnly },
  );
}

export interface BothWidthsCheck {
  /** The part of the page to check, one CSS selector (the whole page when absent): a feature's own section on a page others fill too. */
  readonly scope?: string;
  /** Only the serious and critical violations (all of them when false or absent). */
  readonly seriousOnly?: boolean;
  /** Saves full-page screenshots `<screenshot>-1280.png` and `<screenshot>-320.png` in SCREENSHOTS. */
  readonly screenshot?: string;
}

/**
 * No axe violations at 1280 px, nor at 320 px, where nothing may be wider than the screen (WCAG
 * reflow); the page is left at 1280 px.
 */
export async function accessibleAtBothWidths(page: Page, { scope, seriousOnly = false, screenshot }: BothWidthsCheck = {}): Promise<void> {
  const axeScope: AxeScope = { seriousOnly, ...(scope ? { include: [scope] } : {}) };
  await page.setViewportSize({ width: 1280, height: 900 });
  expect(await axeViolations(page, axeScope)).toEqual([]);
  if (screenshot) await page.screenshot({ path: path.join(SCREENSHOTS, `${screenshot}-1280.png`), fullPage: true });
  await page.setViewportSize({ width: 320, height: 900 });
  expect(await axeViolations(page, axeScope)).toEqual([]);
  const width = await page.evaluate(
    (selector) =>
      (globalThis as unknown as { document: { querySelector(s: string): { scrollWidth: number } | null } }).document.querySelector(selector)?.scrollWidth ?? 0,
    scope ?? 'html',
  );
  expect(width).toBeLessThanOrEqual(320);
  if (screenshot) await page.screenshot({ path: path.join(SCREENSHOTS, `${screenshot}-320.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Who to sign in as with the demo sign-in, by the role's label on the page; a trust editor names the trust. */
export type DemoSignIn = { readonly role: 'Trust editor'; readonly trust: string } | { readonly role: 'Policymaker' | 'Community member' | 'Administrator' };

/** Chooses the role on the demo sign-in form (and the trust, for a trust editor), once the trust list has loaded. */
export async function chooseDemoRole(page: Page, who: DemoSignIn): Promise<void> {
  await page.getByLabel(who.role, { exact: true }).check();
  if (who.role !== 'Trust editor') return;
  const trustSelect = page.getByLabel('Trust', { exact: true });
  await trustSelect.locator(`option[value="${who.trust}"]`).waitFor({ state: 'attached' });
  await trustSelect.selectOption(who.trust);
}

/**
 * Signs in with the demo sign-in page (opened at `baseUrl` unless the page is on it already, as
 * after the header's "Sign in" link) and resolves with the header's "Signed in as ..." text.
 *
 * It waits until the sign-in page has sent the browser on (to its ?from= page) as well as for the
 * header: the header says "Signed in as" while the page is still refreshing what it shows, and a
 * click made then could be overtaken by the sign-in page's own navigation.
 */
export async function signInWithDemo(page: Page, baseUrl: string, who: DemoSignIn): Promise<string> {
  if (!new URL(page.url()).pathname.startsWith('/sign-in')) await page.goto(`${baseUrl}/sign-in`);
  await chooseDemoRole(page, who);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  const signedInAs = page.getByText(/^Signed in as /);
  await signedInAs.waitFor();
  return (await signedInAs.textContent()) ?? '';
}

/**
 * Scrolls down a screen at a time, as a reader would, so each lazily drawn chart comes near the
 * screen; then brings any chart still waiting onto the screen itself (one whose place moved down
 * as sections above it loaded after the scroll had passed). Gives up after `timeoutMs`.
 */
export async function scrollThrough(page: Page, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const pending = page.locator('[data-lazy="pending"]');
  while (Date.now() < deadline) {
    const atBottom = await page.evaluate(() => {
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
    if (atBottom) break;
  }
  while (Date.now() < deadline && (await pending.count()) > 0) {
    await pending
      .first()
      .scrollIntoViewIfNeeded({ timeout: 2_000 })
      .catch(() => undefined);
    await page.waitForTimeout(100);
  }
}
