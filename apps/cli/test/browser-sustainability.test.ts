import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { demoSustainabilityCases, generateDemoData } from '../src/demo';
import { AXE, CHROMIUM, CHROMIUM_FLAGS, haveChromium as browserAvailable, startPlatform } from './browser-support';
import { graphqlData } from './support';

/**
 * The sustainability self-assessment in Chromium, against `longview start` with its demo data: a
 * demo team whose confidence the data contradict is shown as a disagreement; then an editor
 * records an assessment through the form (errors first, in the NHS error summary) and sees the
 * team's view set beside the data verdict. axe at 1280 and 320 px.
 */

jest.setTimeout(240_000);

const haveChromium = browserAvailable();
const SCREENSHOTS = path.resolve(__dirname, 'screenshots');

(haveChromium ? describe : describe.skip)('sustainability self-assessment, in Chromium, against `longview start`', () => {
  let dir: string;
  let platform: { child: ChildProcess; url: string; output: () => string };
  let URL: string;
  let browser: Browser;
  const plan = generateDemoData();

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'longview-browser-sustainability-'));
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    platform = await startPlatform(path.join(dir, 'data'));
    URL = platform.url;
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

  async function seriousViolations(page: Page): Promise<string[]> {
    await page.addScriptTag({ content: AXE });
    return page.evaluate(async () => {
      const axe = (
        globalThis as unknown as {
          axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: unknown[] }[] }[] }> };
        }
      ).axe;
      const { violations } = await axe.run('html', { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
    });
  }

  async function axeAtBothWidths(page: Page, name: string) {
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-1280.png`), fullPage: true });
    await page.setViewportSize({ width: 320, height: 900 });
    expect(await seriousViolations(page)).toEqual([]);
    expect(
      await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(320);
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-320.png`), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  }

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
    await axeAtBothWidths(page, 'sustainability-demo');
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
    await page.goto(`${URL}/sign-in`);
    await page.getByLabel('Trust editor').check();
    const trustSelect = page.getByLabel('Trust', { exact: true });
    await trustSelect.locator(`option[value="${target.trustCode}"]`).waitFor({ state: 'attached' });
    await trustSelect.selectOption(target.trustCode);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText(/^Signed in as /).waitFor();

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
    await axeAtBothWidths(page, 'sustainability-form-errors');

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
    await axeAtBothWidths(page, 'sustainability-recorded');
    expect(errors).toEqual([]);
    await page.close();
  });
});
