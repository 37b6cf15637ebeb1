import type { Browser } from 'playwright-core';
import { accessibleAtBothWidths, haveChromium as browserAvailable, openBrowserTestBed, signInWithDemo, type BrowserTestBed } from './browser-support';
import { graphqlData } from './support';

jest.setTimeout(240_000);

const haveChromium = browserAvailable();

(haveChromium ? describe : describe.skip)('driver diagrams, in Chromium, against `longview start`', () => {
  let testBed: BrowserTestBed;
  let URL: string;
  let browser: Browser;

  beforeAll(async () => {
    testBed = await openBrowserTestBed('longview-browser-diagrams-');
    URL = testBed.url;
    browser = testBed.browser;
  });
  afterAll(() => testBed?.close());

  it('an editor draws a driver diagram in the workspace form, sees the tree and the text view, and revises it', async () => {
    const { trusts } = await graphqlData<{ trusts: { code: string; interventionCount: number }[] }>(URL, '{ trusts { code interventionCount } }');
    const trust = trusts.filter((t) => t.interventionCount > 0).sort((a, b) => b.code.localeCompare(a.code))[0];
    if (!trust) throw new Error('no trust with interventions in the demo data');

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`${error.message} at ${page.url()}`));

    await signInWithDemo(page, URL, { role: 'Trust editor', trust: trust.code });

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
    await accessibleAtBothWidths(page, { seriousOnly: true, screenshot: 'driver-diagram-form-errors' });

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
    await accessibleAtBothWidths(page, { seriousOnly: true, screenshot: 'driver-diagram-workspace' });
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
    await accessibleAtBothWidths(page, { seriousOnly: true, screenshot: 'driver-diagram-trust-page', scope: '[data-testid="driver-diagrams"]' });
    await page
      .locator('section.app-dd-card', { has: page.getByRole('heading', { name: revisedAim }) })
      .getByTestId('driver-diagram-tree')
      .getByRole('link', { name: interventionTitle })
      .click();
    await page.getByRole('heading', { name: 'Where this sits in the driver diagram' }).waitFor();
    await page.getByTestId('driver-diagram-placements').getByText('A discharge lounge').waitFor();
    await accessibleAtBothWidths(page, {
      seriousOnly: true,
      screenshot: 'driver-diagram-intervention',
      scope: '[data-testid="driver-diagram-placements"]',
    });

    expect(errors).toEqual([]);
    await page.close();
  });
});
