import path from 'node:path';
import type { Browser } from 'playwright-core';
import { SCREENSHOTS, axeViolations, haveChromium as browserAvailable, openBrowserTestBed, signInWithDemo, type BrowserTestBed } from './browser-support';
import { graphqlData } from './support';

jest.setTimeout(180_000);

const haveChromium = browserAvailable();

(haveChromium ? describe : describe.skip)('the trust workspace, in Chromium, against `longview start`', () => {
  let testBed: BrowserTestBed;
  let URL: string;
  let browser: Browser;

  beforeAll(async () => {
    testBed = await openBrowserTestBed('longview-browser-workspace-');
    URL = testBed.url;
    browser = testBed.browser;
  });
  afterAll(() => testBed?.close());

  it('an editor signs in, starts an intervention, records a month and sees the verdict change, corrects it, logs a PDSA cycle and completes', async () => {
    const { trusts } = await graphqlData<{ trusts: { code: string; name: string }[] }>(URL, '{ trusts(filter: { kind: ACUTE }) { code name } }');
    const trust = trusts[2];
    if (!trust) throw new Error('no acute trust in the demo data');
    const { series } = await graphqlData<{ series: { observations: { period: string }[] } }>(
      URL,
      `{ series(trustCode: "${trust.code}", metric: "ae-4hr") { observations { period } } }`,
    );
    const last = series.observations[series.observations.length - 1]!.period;
    const [y, m] = last.split('-').map(Number) as [number, number];
    const next = { year: m === 12 ? y + 1 : y, month: m === 12 ? 1 : m + 1 };

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`${error.message} at ${page.url()}`));

    // Sign in with the demo sign-in, as a trust editor.
    await signInWithDemo(page, URL, { role: 'Trust editor', trust: trust.code });

    // The header leads to the workspace: a summary of each measure.
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Your workspace' }).click();
    await page.waitForURL(`${URL}/workspace`);
    const ae = page.locator('section[data-metric="ae-4hr"]');
    await ae.getByTestId('latest').waitFor();
    // The variation and assurance are the Making Data Count icons, named in plain English.
    await ae
      .getByRole('img', { name: /^(Common cause variation|Special cause)/ })
      .first()
      .waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'workspace-1280.png'), fullPage: true });
    expect(await axeViolations(page, { seriousOnly: true })).toEqual([]);
    await page.setViewportSize({ width: 320, height: 900 });
    expect(await axeViolations(page, { seriousOnly: true })).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'workspace-320.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    // Propose (the trust is filled in from the sign-in) and start it in the month after the data.
    await page.getByRole('link', { name: 'Propose an intervention' }).first().click();
    await expect(page.getByLabel('Trust code').inputValue()).resolves.toBe(trust.code);
    await page.getByLabel('Title').fill('Workspace journey: front-door streaming');
    await page.getByLabel('Summary').fill('Streaming walk-in patients to the urgent treatment centre at the front door');
    await page.getByLabel('Category').selectOption('PATIENT_FLOW');
    await page.getByLabel('Systemic change').check();
    const metric = page.getByLabel('Metric for target 1');
    await metric.locator('option[value="ae-4hr"]').waitFor({ state: 'attached' });
    await metric.selectOption('ae-4hr');
    await page.getByLabel('Public').check();
    await page.getByRole('button', { name: 'Propose intervention' }).click();
    await page.waitForURL(/\/interventions\/[0-9a-f-]{36}$/);
    const interventionUrl = page.url();

    await page.getByText('Start it', { exact: true }).click();
    // A mistake is explained in plain English, against the field.
    await page.locator('#start-date').fill('');
    await page.locator('#start-date-month').fill('');
    await page.locator('#start-date-year').fill('');
    await page.getByRole('button', { name: 'Start the intervention' }).click();
    await page.locator('.nhsuk-error-summary').getByRole('link', { name: 'Enter the start date' }).waitFor();
    await page.locator('#start-date').fill('1');
    await page.locator('#start-date-month').fill(String(next.month));
    await page.locator('#start-date-year').fill(String(next.year));
    await page.getByRole('button', { name: 'Start the intervention' }).click();
    await page.getByText('The intervention has been started.').waitFor();
    await page.locator('.nhsuk-tag', { hasText: 'Active' }).first().waitFor();

    // The workspace shows its verdict on A&E: nothing to judge yet.
    await page.goto(`${URL}/workspace`);
    const verdicts = ae.getByTestId('verdicts');
    await verdicts.getByText('Workspace journey: front-door streaming').waitFor();
    await verdicts.getByText('Insufficient data').waitFor();
    const variationBefore = await ae.getByTestId('spc-status').textContent();

    // Record the next month by form: far better than usual.
    await ae.getByRole('link', { name: /^Record a month/ }).click();
    await page.waitForURL(/\/workspace\/record\?metric=ae-4hr$/);
    await expect(page.locator('#period').inputValue()).resolves.toBe(String(next.month));
    await page.getByRole('button', { name: 'Record the month' }).click();
    await page.locator('.nhsuk-error-summary').getByRole('link', { name: 'Enter the value' }).waitFor();
    await page.getByLabel('Value').fill('99.5');
    await page.getByRole('button', { name: 'Record the month' }).click();
    await page.waitForURL(`${URL}/workspace`);
    await page.getByText(/has been recorded for A&E/).waitFor();
    await ae
      .getByTestId('latest')
      .getByText(/^99\.5% in /)
      .waitFor();
    await verdicts.getByText('Not yet evident').waitFor();
    await expect(ae.getByTestId('spc-status').textContent()).resolves.not.toBe(variationBefore);
    await ae.getByText('Chart and monthly data').click();
    await ae.locator('svg').first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'workspace-after-record.png'), fullPage: true });

    // Correct it with a reason: the history shows the old value and the new.
    await ae.getByRole('link', { name: /^Correct a value/ }).click();
    await page.getByLabel('Correct value').fill('88.0');
    await page.getByRole('button', { name: 'Correct the value' }).click();
    await page.locator('.nhsuk-error-summary').getByRole('link', { name: 'Enter why the value is being corrected' }).waitFor();
    await page.getByLabel('Why is it being corrected?').fill('Validated count from the ED system');
    await page.getByRole('button', { name: 'Correct the value' }).click();
    await page.waitForURL(`${URL}/workspace`);
    await ae.getByText('99.5% changed to 88.0% (Validated count from the ED system)', { exact: false }).waitFor();
    await ae
      .getByTestId('latest')
      .getByText(/^88\.0% in .*\(corrected\)$/)
      .waitFor();

    // Log a PDSA cycle, then complete the intervention.
    await page.goto(interventionUrl);
    await page.getByText('Log a plan-do-study-act cycle', { exact: true }).click();
    await page.getByLabel('Plan', { exact: true }).fill('Stream walk-ins at triage for one week');
    await page.getByLabel('Do', { exact: true }).fill('Ran streaming 10:00 to 22:00');
    await page.getByLabel('Study', { exact: true }).fill('Four-hour performance rose for walk-ins');
    await page.getByLabel('Act', { exact: true }).fill('Extend to overnight');
    await page.getByRole('button', { name: 'Log the cycle' }).click();
    await page.getByText('The plan-do-study-act cycle has been logged.').waitFor();
    await page.getByRole('heading', { name: /Cycle 1/ }).waitFor();
    await page.getByText('Complete it', { exact: true }).click();
    await page.getByRole('button', { name: 'Complete the intervention' }).click();
    await page.getByText('The intervention has been completed.').waitFor();
    await page.locator('.nhsuk-tag', { hasText: 'Completed' }).first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'intervention-completed.png'), fullPage: true });
    expect(await axeViolations(page, { seriousOnly: true })).toEqual([]);

    expect(errors).toEqual([]);
    await page.close();
  });
});
