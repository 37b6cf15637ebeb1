import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { generateDemoData } from '../src/demo';
import { AXE, CHROMIUM, CHROMIUM_FLAGS, haveChromium as browserAvailable, scrollThrough, startPlatform, type RunningPlatform } from './browser-support';

/**
 * The demo's "improved, but shifted the problem" intervention in the browser: the warning callout,
 * the outcomes grouped by role, and the analytics panels of issue 10 on its trust's page (which
 * chart is shown and why, the benchmark summary, the funnel plot); axe at 1280 and 320 px.
 */

jest.setTimeout(600_000);

const haveChromium = browserAvailable();

interface BrowserGlobals {
  readonly document: { readonly documentElement: { readonly scrollWidth: number } };
}

const showcase = generateDemoData().showcase;

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const axe = (
      globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; nodes: { target: unknown[] }[] }[] }> } }
    ).axe;
    const { violations } = await axe.run('html', { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  });
}

/** axe at 1280 px, then at 320 px with nothing scrolling sideways (WCAG reflow). */
async function accessibleAtBothWidths(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  expect(await axeViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 320, height: 900 });
  expect(await page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  expect(await axeViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 900 });
}

(haveChromium ? describe : describe.skip)('process and balancing measures in the web client (Chromium, `longview start`)', () => {
  let dir: string;
  let platform: RunningPlatform;
  let browser: Browser;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'longview-balancing-'));
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

  it('the demo has an improvement with a balancing concern and a process measure that is a local measure', () => {
    expect(showcase).toBeDefined();
    expect(showcase?.process.localMeasure).toMatch(/^local-/);
  });

  it('shows the balancing concern prominently, with the outcomes grouped by role', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${platform.url}/interventions/${showcase!.balancing.interventionId}`);
    const callout = page.getByTestId('balancing-concern');
    await callout.waitFor({ timeout: 60_000 });
    expect(await callout.textContent()).toMatch(
      /Improved, but the problem may have shifted.*A&E 4-hour performance improved.*Non-elective length of stay shows a concern/,
    );
    await page.getByRole('heading', { name: 'Outcome measures' }).waitFor();
    await page.getByRole('heading', { name: 'Balancing measures' }).waitFor();
    expect(await page.locator('.app-verdict', { hasText: 'the problem may have shifted' }).count()).toBeGreaterThanOrEqual(2);
    await accessibleAtBothWidths(page);
    await page.close();
  });

  it('shows the process measure under its role, named as the trust’s local measure', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${platform.url}/interventions/${showcase!.process.interventionId}`);
    await page.getByRole('heading', { name: 'Process measures' }).waitFor({ timeout: 60_000 });
    await page.getByRole('heading', { name: showcase!.process.name }).first().waitFor();
    await page.close();
  });

  it('the trust page shows its local measures and the analytics panels: chart type and reason, benchmark, funnel plot', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${platform.url}/trusts/${showcase!.process.trustCode}`);
    await page.getByRole('heading', { name: 'Local measures' }).waitFor({ timeout: 60_000 });
    await page.getByText(showcase!.process.name).first().waitFor();
    await scrollThrough(page); // the measures' charts are drawn as they come near the screen
    const ae = page.locator('section', { has: page.getByRole('heading', { name: 'A&E 4-hour performance', exact: true }) });
    await ae.getByText('Chart shown:').waitFor({ timeout: 60_000 });
    await ae.getByText(/compares with other trusts/).click();
    await ae.getByText('Rank', { exact: true }).waitFor();
    await ae.locator('svg title', { hasText: 'Funnel plot of A&E 4-hour performance' }).waitFor({ state: 'attached' });
    await accessibleAtBothWidths(page);
    await page.close();
  });

  it('the evidence page counts the intervention as improved, but shifted the problem', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${platform.url}/evidence?metric=ae-4hr`);
    const shifted = page.getByTestId('shifted-problem');
    await shifted.waitFor({ timeout: 60_000 });
    expect(await shifted.textContent()).toMatch(/^[1-9]\d* of the interventions judged/);
    await page.close();
  });
});
