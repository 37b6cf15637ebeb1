import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { SCREENSHOTS, axeViolations, haveChromium as browserAvailable, openBrowserTestBed, scrollThrough, type BrowserTestBed } from './browser-support';
import type { Browser, Page } from 'playwright-core';
import { aeFile, graphqlData, odsFile, requireOrSkip } from './support';

jest.setTimeout(240_000);

const haveChromium = browserAvailable();
const haveData = requireOrSkip(fs.existsSync(aeFile) && fs.existsSync(odsFile), `The NHS open data (${aeFile})`);

const BIN = path.resolve(__dirname, '../bin/longview.js');
/** Two real trusts imported from NHS England's A&E file. */
const IMPORTED = ['RF4', 'RQM'];

/** The codes in the trust table, in order, once the list has loaded (while it loads it shows the last page it had). */
async function codesShown(page: Page): Promise<string[]> {
  await page.locator('[role="status"][aria-busy="false"]').waitFor();
  return page.locator('table tbody tr td:nth-child(2)').allTextContents();
}

(haveChromium && haveData ? describe : describe.skip)('lists that scale and charts at 320 px, in Chromium, against `longview start`', () => {
  let testBed: BrowserTestBed;
  let dir: string;
  let URL: string;
  let browser: Browser;
  let total: number;

  beforeAll(async () => {
    testBed = await openBrowserTestBed('longview-browser-lists-');
    dir = testBed.dir;
    URL = testBed.url;
    browser = testBed.browser;
    // Real trusts beside the demo ones: two trusts' rows of the A&E file, imported as a user would.
    const lines = fs.readFileSync(aeFile, 'utf8').split('\n');
    const small = [lines[0], ...lines.slice(1).filter((l) => IMPORTED.some((code) => l.includes(`"${code}"`)))].join('\n') + '\n';
    const file = path.join(dir, 'ae-two-trusts.csv');
    fs.writeFileSync(file, small);
    await promisify(execFile)(process.execPath, [BIN, 'import', 'ae', '--file', file, '--ods', odsFile, '--data', testBed.dataDir]);
    ({
      trustConnection: { totalCount: total },
    } = await graphqlData<{ trustConnection: { totalCount: number } }>(URL, '{ trustConnection(first: 1) { totalCount } }'));
  });
  afterAll(() => testBed?.close());

  it('pages the trust list with the page in the address: page 2 survives a reload, Back returns to page 1', async () => {
    expect(total).toBeGreaterThan(50);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${URL}/`);
    await page.getByText(`${total} trusts`, { exact: false }).first().waitFor();
    await expect(page.getByRole('status').textContent()).resolves.toMatch(
      new RegExp(`^${total} trusts\\. Showing 1 to 25 \\(page 1 of ${Math.ceil(total / 25)}\\)`),
    );
    const first = await codesShown(page);
    expect(first).toHaveLength(25);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'trust-list-1280.png'), fullPage: true });

    await page.getByRole('navigation', { name: 'Pages of trusts' }).getByRole('link', { name: 'Next page' }).click();
    await page.waitForURL(`${URL}/?page=2`);
    await page
      .getByRole('status')
      .getByText(/Showing 26 to 50/)
      .waitFor();
    const second = await codesShown(page);
    expect(second).toHaveLength(25);
    expect(second.filter((code) => first.includes(code))).toEqual([]);
    await expect(page.getByRole('link', { name: 'Page 2', exact: true }).getAttribute('aria-current')).resolves.toBe('page');

    await page.reload();
    await page
      .getByRole('status')
      .getByText(/Showing 26 to 50/)
      .waitFor();
    await expect(codesShown(page)).resolves.toEqual(second);

    await page.goBack();
    await page.waitForURL(`${URL}/`);
    await page
      .getByRole('status')
      .getByText(/Showing 1 to 25/)
      .waitFor();
    await expect(codesShown(page)).resolves.toEqual(first);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('marks real (imported) and demo trusts and filters by them, the filter kept in the address', async () => {
    const page = await browser.newPage();
    await page.goto(`${URL}/`);
    await page.getByLabel('Data').selectOption('IMPORTED');
    await page.waitForURL(`${URL}/?source=IMPORTED`);
    await page.getByRole('status').getByText('2 trusts match your search').waitFor();
    expect((await codesShown(page)).sort()).toEqual([...IMPORTED].sort());
    expect(await page.locator('table tbody .nhsuk-tag', { hasText: 'Real (imported)' }).count()).toBe(2);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'trust-list-imported.png'), fullPage: true });

    // One match is "1 trust matches", not "1 trust match".
    await page.getByLabel('Search trusts').fill('RF4');
    await page.getByRole('status').getByText('1 trust matches your search').waitFor();
    await page.getByLabel('Search trusts').fill('');

    // A shared link to page 2 of the demo trusts opens as it was left; Back undoes the filter.
    await page.goto(`${URL}/?source=DEMO&page=2`);
    await page
      .getByRole('status')
      .getByText(/Showing 26 to 50/)
      .waitFor();
    await expect(page.getByLabel('Data').inputValue()).resolves.toBe('DEMO');
    const codes = await codesShown(page);
    expect(codes.every((code) => code.startsWith('Z'))).toBe(true);
    expect(await page.locator('table tbody .nhsuk-tag', { hasText: 'Demo (generated)' }).count()).toBe(codes.length);
    await page.getByLabel('Data').selectOption('');
    await page.waitForURL(`${URL}/`);
    await page.goBack();
    await page.waitForURL(`${URL}/?source=DEMO&page=2`);
    await page
      .getByRole('status')
      .getByText(/Showing 26 to 50/)
      .waitFor();

    expect(await axeViolations(page, { seriousOnly: true })).toEqual([]);
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await axeViolations(page, { seriousOnly: true })).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'trust-list-320.png'), fullPage: true });
    await page.close();
  });

  it('draws a trust page’s charts as they come near the screen, readable and accessible at 320 px', async () => {
    // A demo acute trust with many measures.
    const { trusts } = await graphqlData<{ trusts: { code: string; metrics: string[] }[] }>(
      URL,
      '{ trusts(filter: { kind: ACUTE, source: DEMO }) { code metrics } }',
    );
    const picked = trusts.find((t) => t.metrics.length >= 4) ?? trusts[0];
    if (!picked) throw new Error('no demo acute trust');
    // One chart per series the page shows (catalogue metrics and the trust's own local measures).
    const { trust } = await graphqlData<{ trust: { series: { metric: string }[] } }>(URL, `{ trust(code: "${picked.code}") { series { metric } } }`);
    const demo = { code: picked.code, metrics: trust.series.map((s) => s.metric) };

    const page = await browser.newPage({ viewport: { width: 320, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${URL}/trusts/${demo.code}`);
    await page.locator('h2', { hasText: 'Outcomes over time' }).waitFor();
    // Only the charts near the screen are drawn at first.
    await page.locator('[data-lazy="pending"]').first().waitFor({ state: 'attached' });
    const pendingAtFirst = await page.locator('[data-lazy="pending"]').count();
    expect(pendingAtFirst).toBeGreaterThan(0);

    await scrollThrough(page);
    expect(await page.locator('[data-lazy="pending"]').count()).toBe(0);
    // The measures' SPC charts (a funnel plot in a benchmark panel is a figure too).
    const charts = page.locator('figure.app-chart').filter({ hasNot: page.locator('svg title', { hasText: 'Funnel plot' }) });
    expect(await charts.count()).toBe(demo.metrics.length);

    // Each chart sits in a focusable, named region that scrolls sideways; its text is at least 12 px.
    const region = page.getByRole('region', { name: /chart \(scrolls sideways on a narrow screen\)$/ }).first();
    await expect(region.getAttribute('tabindex')).resolves.toBe('0');
    const measures = await page.evaluate(() => {
      const d = (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document;
      const svg = d.querySelector('figure.app-chart svg') as {
        getBoundingClientRect(): { width: number; left: number; right: number };
        querySelectorAll(s: string): ArrayLike<{ getBoundingClientRect(): { left: number; right: number }; textContent: string }>;
      };
      const getStyle = (globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } }).getComputedStyle;
      const box = svg.getBoundingClientRect();
      const ticks = Array.from(svg.querySelectorAll('.app-chart__x-axis .app-chart__tick'));
      const last = ticks[ticks.length - 1]!;
      const lastBox = last.getBoundingClientRect();
      return {
        width: box.width,
        fontSizes: ticks.map((t) => Number.parseFloat(getStyle(t).fontSize)),
        // The SVG draws 1 unit per pixel, so the computed size is the size on screen.
        scale: box.width / Number((svg as unknown as { viewBox: { baseVal: { width: number } } }).viewBox.baseVal.width),
        lastLabel: last.textContent,
        lastInside: lastBox.right <= box.right + 0.5 && lastBox.left >= box.left - 0.5,
        xLabels: ticks.length,
      };
    });
    expect(measures.width).toBeGreaterThanOrEqual(440);
    expect(measures.scale).toBeCloseTo(1, 2);
    expect(Math.min(...measures.fontSizes)).toBeGreaterThanOrEqual(12);
    expect(measures.lastLabel).toMatch(/^[A-Z][a-z]{2} \d{4}$/);
    expect(measures.lastInside).toBe(true);
    expect(measures.xLabels).toBeLessThanOrEqual(6);

    // The icons are named images, and every chart has its table.
    await page
      .getByRole('img', { name: /^(Common cause variation|Special cause)/ })
      .first()
      .waitFor();
    expect(await page.getByText('Show as table').count()).toBe(demo.metrics.length);

    expect(await axeViolations(page, { seriousOnly: true })).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'trust-page-320.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await axeViolations(page, { seriousOnly: true })).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'trust-page-1280.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows an imported trust as real, with its A&E chart', async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 800 } });
    await page.goto(`${URL}/trusts/RF4`);
    await page.locator('h1', { hasText: /BARKING|Barking/ }).waitFor();
    await scrollThrough(page);
    await page.locator('figure.app-chart svg').first().waitFor();
    expect(await axeViolations(page, { seriousOnly: true })).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'trust-page-imported-320.png'), fullPage: true });
    await page.close();
  });
});
