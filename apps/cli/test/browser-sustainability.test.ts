import type { Browser } from 'playwright-core';
import { demoSustainabilityCases, generateDemoData } from '../src/demo';
import { accessibleAtBothWidths, haveChromium as browserAvailable, openBrowserTestBed, signInWithDemo, type BrowserTestBed } from './browser-support';
import { graphqlData } from './support';

/**
 * The sustainability self-assessment in Chromium, against `longview start` with its demo data: a
 * demo team whose confidence the data contradict is shown as a disagreement; then an editor
 * records an assessment through the form (errors first, in the NHS error summary) and sees the
 * team's view set beside the data verdict. axe at 1280 and 320 px.
 */

jest.setTimeout(240_000);

const haveChromium = browserAvailable();

(haveChromium ? describe : describe.skip)('sustainability self-assessment, in Chromium, against `longview start`', () => {
  let testBed: BrowserTestBed;
  let URL: string;
  let browser: Browser;
  const plan = generateDemoData();

  beforeAll(async () => {
    testBed = await openBrowserTestBed('longview-browser-sustainability-');
    URL = testBed.url;
    browser = testBed.browser;
  });
  afterAll(() => testBed?.close());

  it('shows a demo team’s confidence against data that faded as a disagreement, to anyone', async () => {
    const disagreeing = demoSustainabilityCases(plan).find((c) => c.effect === 'FADING' && c.team === 'confident');
    if (!disagreeing) throw new Error('the demo has no confident team whose intervention faded');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${URL}/interventions/${disagreeing.interventionId}`);
    const comparison = page.getByTestId('sustainability-comparison');
    await comparison.getByText(/The team rates it likely to last \(score 80 of 100/).waitFor();
    expect(await comparison.getAttribute('data-agreement')).toBe('DISAGREE');
    expect(await comparison.textContent()).toMatch(/faded/);
    await page.getByRole('heading', { name: 'Self-assessments over time' }).waitFor();
    // No form for a reader who is not signed in.
    expect(await page.getByRole('button', { name: 'Record self-assessment' }).count()).toBe(0);
    await accessibleAtBothWidths(page, { seriousOnly: true, screenshot: 'sustainability-demo' });
    await page.close();
  });

  it('an editor records an assessment through the form and sees it beside the data verdict', async () => {
    const assessed = new Set(demoSustainabilityCases(plan).map((c) => c.interventionId));
    const proposals = new Map(plan.steps.flatMap((s) => (s.type === 'ProposeIntervention' ? [[s.data.interventionId, s.data] as const] : [])));
    const target = plan.expectations.find(
      (e) =>
        e.effect === 'LASTING' &&
        !assessed.has(e.interventionId) &&
        proposals.get(e.interventionId)?.sharing === 'PUBLIC' &&
        proposals.get(e.interventionId)?.targets.length === 1,
    );
    if (!target) throw new Error('no unassessed lasting public intervention in the demo');
    const { intervention } = await graphqlData<{ intervention: { outcomes: { sustainability: string }[] } }>(
      URL,
      `{ intervention(id: "${target.interventionId}") { outcomes { sustainability } } }`,
    );
    expect(intervention.outcomes.map((o) => o.sustainability)).toEqual(['SUSTAINED']);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await signInWithDemo(page, URL, { role: 'Trust editor', trust: target.trustCode });

    await page.goto(`${URL}/interventions/${target.interventionId}`);
    const comparison = page.getByTestId('sustainability-comparison');
    await comparison.getByText('The team has not recorded a sustainability self-assessment yet', { exact: false }).waitFor();
    expect(await comparison.getAttribute('data-agreement')).toBe('NO_DATA');

    // Sent with no levels chosen: every factor is named in the error summary, linked to its radios.
    const submit = page.getByRole('button', { name: 'Record self-assessment' });
    await submit.click();
    const summary = page.locator('.nhsuk-error-summary');
    await summary.getByRole('link', { name: 'Select a level for benefits beyond helping patients' }).waitFor();
    expect(await summary.getByRole('link').count()).toBe(10);
    await accessibleAtBothWidths(page, { seriousOnly: true, screenshot: 'sustainability-form-errors' });

    // The team doubts it will last: level 1 on every factor (the first radio of each factor carries its id).
    const factors = await page.locator('fieldset .nhsuk-radios').count();
    expect(factors).toBe(10);
    for (let i = 0; i < factors; i++) await page.locator('fieldset .nhsuk-radios').nth(i).getByLabel('Level 1').check();
    await page.getByLabel('Note (optional)').fill('Recorded in the browser test: the team is not sure it will last.');
    await submit.click();
    await page.getByText('Your self-assessment has been recorded.').waitFor();
    await comparison.getByText(/The team rates it at risk of not lasting \(score 0 of 100/).waitFor();
    expect(await comparison.getAttribute('data-agreement')).toBe('DISAGREE');
    expect(await comparison.textContent()).toMatch(/the data say .* sustained its improvement/);
    await page.getByRole('region', { name: 'Self-assessments over time' }).getByText('Recorded in the browser test', { exact: false }).waitFor();
    await accessibleAtBothWidths(page, { seriousOnly: true, screenshot: 'sustainability-recorded' });
    expect(errors).toEqual([]);
    await page.close();
  });
});
