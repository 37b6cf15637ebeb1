import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AXE, CHROMIUM, CHROMIUM_FLAGS, haveChromium as browserAvailable, startPlatform, type RunningPlatform } from './browser-support';
import { graphqlData } from './support';

jest.setTimeout(240_000);

const haveChromium = browserAvailable();
const SCREENSHOTS = path.resolve(__dirname, 'screenshots');

/** What the page's scripts see (this package is compiled without the DOM library). */
interface PageGlobals {
  readonly document: { querySelector(selector: string): { readonly scrollWidth: number } | null };
}

/** axe-core's serious and critical WCAG 2 A/AA violations on the page, as "rule: targets". */
async function seriousViolations(page: Page, scope: string): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async (context) => {
    const axe = (
      globalThis as unknown as {
        axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: unknown[] }[] }[] }> };
      }
    ).axe;
    const { violations } = await axe.run(context, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  }, scope);
}

/**
 * axe at 1280 and at 320 px, and nothing wider than the screen at 320 px, over `scope`: the whole
 * page for the pages this feature owns, its own section on pages other features fill too.
 */
async function checkBothWidths(page: Page, name: string, scope = 'html'): Promise<void> {
  expect(await seriousViolations(page, scope)).toEqual([]);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-1280.png`), fullPage: true });
  await page.setViewportSize({ width: 320, height: 900 });
  expect(await seriousViolations(page, scope)).toEqual([]);
  expect(
    await page.evaluate((selector) => (globalThis as unknown as PageGlobals).document.querySelector(selector)?.scrollWidth ?? 0, scope),
  ).toBeLessThanOrEqual(320);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-320.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

(haveChromium ? describe : describe.skip)('driver diagrams, in Chromium, against `longview start`', () => {
  let dir: string;
  let platform: RunningPlatform;
  let URL: string;
  let browser: Browser;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'longview-browser-diagrams-'));
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

  it('an editor draws a driver diagram in the workspace form, sees the tree and the text view, and revises it', async () => {
    const { trusts } = await graphqlData<{ trusts: { code: string; interventionCount: number }[] }>(URL, '{ trusts { code interventionCount } }');
    const trust = trusts.filter((t) => t.interventionCount > 0).sort((a, b) => b.code.localeCompare(a.code))[0];
    if (!trust) throw new Error('no trust with interventions in the demo data');

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`${error.message} at ${page.url()}`));

    await page.goto(`${URL}/sign-in`);
    await page.getByLabel('Trust editor').check();
    const trustSelect = page.getByLabel('Trust', { exact: true });
    await trustSelect.locator(`option[value="${trust.code}"]`).waitFor({ state: 'attached' });
    await trustSelect.selectOption(trust.code);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText(/^Signed in as /).waitFor();

    await page.goto(`${URL}/workspace`);
    await page.getByRole('heading', { name: 'Driver diagrams' }).waitFor();
    await page.getByRole('link', { name: 'Define a driver diagram' }).click();
    await page.getByRole('heading', { name: 'Define a driver diagram' }).waitFor();

    // Sending it empty: the error summary, each error against its field.
    await page.getByRole('button', { name: 'Define the driver diagram' }).click();
    const summary = page.locator('.nhsuk-error-summary');
    await summary.getByRole('link', { name: 'Enter the aim: what will improve, by how much, by when' }).waitFor();
    await summary.getByRole('link', { name: 'Enter the primary driver 1' }).waitFor();
    await expect(page.locator('#aim-error').textContent()).resolves.toMatch(/Enter the aim/);
    await checkBothWidths(page, 'driver-diagram-form-errors');

    // Drawing it: aim and measure, a primary driver with a secondary driver and a change idea tested by an intervention.
    const aim = 'Raise 4-hour performance from 72% to 85% by March 2027, browser journey';
    await page.locator('#aim').fill(aim);
    await page.locator('#measure option[value="ae-4hr"]').waitFor({ state: 'attached' });
    await page.locator('#measure').selectOption('ae-4hr');
    await page.locator('#primaryDrivers-0-text').fill('Patients move out of the department on time');
    await page.locator('#primaryDrivers-0-secondaryDrivers-0-text').fill('Beds are free by noon');
    await page.locator('#primaryDrivers-0-secondaryDrivers-0-changeIdeas-0-text').fill('A discharge lounge');
    const firstIntervention = page.locator('#primaryDrivers-0-secondaryDrivers-0-changeIdeas-0-interventionIds');
    await firstIntervention.check();
    const interventionTitle =
      (await page.locator('label[for="primaryDrivers-0-secondaryDrivers-0-changeIdeas-0-interventionIds"]').textContent())?.trim() ?? '';
    expect(interventionTitle).not.toBe('');
    // Rows are added and removed.
    await page.getByRole('button', { name: 'Add a change idea to secondary driver 1 of primary driver 1' }).click();
    await page.getByRole('button', { name: 'Remove change idea 2 of secondary driver 1' }).click();
    await expect(page.locator('#primaryDrivers-0-secondaryDrivers-0-changeIdeas-1-text').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Add a primary driver' }).click();
    await page.locator('#primaryDrivers-1-text').fill('Staff have time to plan discharge');
    await page.getByRole('button', { name: 'Remove secondary driver 1 of primary driver 2' }).click();
    await page.getByLabel('Shared with NHS trusts and policymakers').check();
    await page.getByRole('button', { name: 'Define the driver diagram' }).click();

    // Back in the workspace: the tree and the text view.
    await page.waitForURL(/\/workspace(\?.*)?$/);
    await page.getByText('Your driver diagram has been defined.').waitFor();
    const card = page.locator('section.app-dd-card', { has: page.getByRole('heading', { name: aim }) });
    await card.waitFor();
    const tree = card.getByTestId('driver-diagram-tree');
    await tree.getByText('Patients move out of the department on time').waitFor();
    await expect(tree.getByText('Beds are free by noon').isVisible()).resolves.toBe(true);
    await expect(tree.getByRole('link', { name: interventionTitle }).isVisible()).resolves.toBe(true);
    await expect(tree.getByText('Staff have time to plan discharge').isVisible()).resolves.toBe(true);
    // Left to right: the primary driver's box is to the right of the aim's.
    const aimBox = await tree.locator('.app-dd-node--aim').boundingBox();
    const primaryBox = await tree.locator('.app-dd-node--primary').first().boundingBox();
    expect(primaryBox!.x).toBeGreaterThan(aimBox!.x + aimBox!.width - 1);
    // The tree's region takes the keyboard (it scrolls sideways when wider than the page).
    await expect(card.getByRole('region', { name: /Driver diagram drawn as a tree/ }).getAttribute('tabindex')).resolves.toBe('0');
    await card.getByText('Text view', { exact: false }).first().click();
    const text = card.getByTestId('driver-diagram-text');
    await text.getByText('Change idea: A discharge lounge').waitFor();
    await expect(text.getByRole('link', { name: interventionTitle }).isVisible()).resolves.toBe(true);
    await checkBothWidths(page, 'driver-diagram-workspace');
    // At 320 px the tree is stacked: the primary driver sits below the aim.
    await page.setViewportSize({ width: 320, height: 900 });
    const narrowAim = await tree.locator('.app-dd-node--aim').boundingBox();
    const narrowPrimary = await tree.locator('.app-dd-node--primary').first().boundingBox();
    expect(narrowPrimary!.y).toBeGreaterThan(narrowAim!.y + narrowAim!.height - 1);
    await page.setViewportSize({ width: 1280, height: 900 });

    // Revise it: the history keeps both versions.
    await card.getByRole('link', { name: /Revise this driver diagram/ }).click();
    await page.getByRole('heading', { name: 'Revise a driver diagram' }).waitFor();
    await expect(page.locator('#aim').inputValue()).resolves.toBe(aim);
    const revisedAim = `${aim}, revised`;
    await page.locator('#aim').fill(revisedAim);
    await page.locator('#note').fill('Aim restated after the first PDSA cycles');
    await page.getByRole('button', { name: 'Save the revision' }).click();
    await page.getByText('Your driver diagram has been revised.').waitFor();
    const revised = page.locator('section.app-dd-card', { has: page.getByRole('heading', { name: revisedAim }) });
    await revised.getByText(/History \(2 versions\)/).click();
    await revised.getByText(/Aim restated after the first PDSA cycles/).waitFor();

    // The trust page shows it to others too (TRUSTS-level), and the intervention says where it sits.
    await page.goto(`${URL}/trusts/${trust.code}`);
    await page.locator('section.app-dd-card', { has: page.getByRole('heading', { name: revisedAim }) }).waitFor();
    await checkBothWidths(page, 'driver-diagram-trust-page', '[data-testid="driver-diagrams"]');
    await page
      .locator('section.app-dd-card', { has: page.getByRole('heading', { name: revisedAim }) })
      .getByTestId('driver-diagram-tree')
      .getByRole('link', { name: interventionTitle })
      .click();
    await page.getByRole('heading', { name: 'Where this sits in the driver diagram' }).waitFor();
    await page.getByTestId('driver-diagram-placements').getByText('A discharge lounge').waitFor();
    await checkBothWidths(page, 'driver-diagram-intervention', '[data-testid="driver-diagram-placements"]');

    expect(errors).toEqual([]);
    await page.close();
  });
});
