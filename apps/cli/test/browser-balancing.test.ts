import type { Browser } from 'playwright-core';
import { generateDemoData } from '../src/demo';
import {
  accessibleAtBothWidths,
  haveChromium as browserAvailable,
  openBrowserTestBed,
  scrollThrough,
  type BrowserTestBed,
  type RunningPlatform,
} from './browser-support';

/**
 * The demo's "improved, but shifted the problem" intervention in the browser: the warning callout,
 * the outcomes grouped by role, and the analytics panels of issue 10 on its trust's page (which
 * chart is shown and why, the benchmark summary, the funnel plot); axe at 1280 and 320 px.
 */

jest.setTimeout(600_000);

const haveChromium = browserAvailable();

const showcase = generateDemoData().showcase;

(haveChromium ? describe : describe.skip)('process and balancing measures in the web client (Chromium, `longview start`)', () => {
  let testBed: BrowserTestBed;
  let platform: RunningPlatform;
  let browser: Browser;

  beforeAll(async () => {
    testBed = await openBrowserTestBed('longview-balancing-');
    platform = testBed.platform;
    browser = testBed.browser;
  });
  afterAll(() => testBed?.close());

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
    // Both outcomes' verdicts say so (each is drawn with its own section: wait for the second).
    await page.locator('.app-verdict', { hasText: 'the problem may have shifted' }).nth(1).waitFor();
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
