import type { Browser } from 'playwright-core';
import { axeViolations, haveChromium as browserAvailable, openBrowserTestBed, type BrowserTestBed, type RunningPlatform } from './browser-support';
import { graphqlData } from './support';

jest.setTimeout(300_000);

const haveChromium = browserAvailable();
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const spoken = (date: string) => `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;

/**
 * The "As of" field of the evidence and intervention pages, in Chromium, against `longview start`
 * with the demo data (all recorded today): as of today the page says so and shows the evidence;
 * as of yesterday nothing was known yet; a future date is refused beside the field.
 */
(haveChromium ? describe : describe.skip)('time travel in the web client', () => {
  let testBed: BrowserTestBed;
  let platform: RunningPlatform;
  let browser: Browser;
  const today = new Date().toISOString().slice(0, 10);
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    testBed = await openBrowserTestBed('longview-browser-asof-');
    platform = testBed.platform;
    browser = testBed.browser;
  });
  afterAll(() => testBed?.close());

  it('shows the evidence as of a date, says so, refuses a future date, and reads at 320 px', async () => {
    const page = await browser.newPage();
    await page.goto(`${platform.url}/evidence?metric=ae-4hr&asOf=${today}`);
    await page.getByText(`Showing what was known on ${spoken(today)}`).waitFor();
    await page.locator('h2', { hasText: 'A&E 4-hour performance' }).waitFor();
    await page.getByText(/^Across \d+ interventions/).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('As of (optional)').fill(yesterday);
    await page.getByRole('button', { name: 'Show as of this date' }).click();
    await page.getByText(`Showing what was known on ${spoken(yesterday)}`).waitFor();
    expect(page.url()).toContain(`asOf=${yesterday}`);
    await page.getByText(/have enough data before and after their start to be pooled yet/).waitFor();

    await page.getByLabel('As of (optional)').fill('2999-01-01');
    await page.getByRole('button', { name: 'Show as of this date' }).click();
    await page.getByText('The date must be today or in the past').waitFor();
    expect(page.url()).toContain(`asOf=${yesterday}`);

    await page.getByRole('link', { name: 'Show what is known now' }).click();
    await page.getByText(/^Across \d+ interventions/).waitFor();
    expect(page.url()).not.toContain('asOf');

    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto(`${platform.url}/evidence?metric=ae-4hr&asOf=${today}`);
    await page.getByText(`Showing what was known on ${spoken(today)}`).waitFor();
    // The As of field and the notice fit the width (the rest of the page is the evidence page's own).
    for (const part of [page.locator('form', { has: page.getByLabel('As of (optional)') }), page.locator('.nhsuk-warning-callout')]) {
      const box = await part.boundingBox();
      expect((box?.x ?? 0) + (box?.width ?? 999)).toBeLessThanOrEqual(320);
    }
    await page.close();
  });

  it('shows an intervention and its outcomes as of a date, and nothing before it was recorded', async () => {
    const data = await graphqlData<{ interventions: { edges: { node: { id: string; title: string } }[] } }>(
      `${platform.url}/graphql`,
      `{ interventions(first: 1) { edges { node { id title } } } }`,
    );
    const first = data.interventions.edges[0]?.node;
    if (!first) throw new Error('the demo has no public intervention');
    const page = await browser.newPage();
    await page.goto(`${platform.url}/interventions/${first.id}?asOf=${today}`);
    await page.locator('h1', { hasText: first.title }).waitFor();
    await page.getByText(`Showing what was known on ${spoken(today)}`).waitFor();
    await page.locator('h2', { hasText: 'Outcomes' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${platform.url}/interventions/${first.id}?asOf=${yesterday}`);
    await page.getByText(`Nothing was known about this intervention on ${spoken(yesterday)}`).waitFor();
    await page.close();
  });
});
