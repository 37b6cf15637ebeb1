import { signDevToken } from '@longview/gateway';
import type { Browser, Page } from 'playwright-core';
import { accessibleAtBothWidths, haveChromium as browserAvailable, openBrowserTestBed, type BrowserTestBed } from './browser-support';
import { devJwtSecret } from '../src/platform/dev-secret';
import { DEMO_PROGRAMME_ID } from '../src/demo';
import { graphqlData } from './support';

jest.setTimeout(240_000);

const haveChromium = browserAvailable();

/** The little of the browser's globals the tests touch (this package compiles without the DOM library). */
interface BrowserGlobals {
  readonly localStorage: { setItem(key: string, value: string): void };
}

(haveChromium ? describe : describe.skip)('programme pages, in Chromium, against `longview start`', () => {
  let testBed: BrowserTestBed;
  let URL: string;
  let browser: Browser;

  beforeAll(async () => {
    testBed = await openBrowserTestBed('longview-browser-programmes-');
    URL = testBed.url;
    browser = testBed.browser;
  });
  afterAll(() => testBed?.close());

  async function signedInPage(claims: { role: string; trust?: string; name?: string; sub?: string }): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`${error.message} at ${page.url()}`));
    await page.goto(`${URL}/`);
    const token = signDevToken(claims, devJwtSecret(testBed.dataDir));
    await page.evaluate((t) => (globalThis as unknown as BrowserGlobals).localStorage.setItem('longview.token', t), token);
    return { page, errors };
  }

  it('the community reads the demo programme: members, verdicts, pooled effect with its method, portfolio and timeline', async () => {
    const { programme } = await graphqlData<{ programme: { name: string; members: { name: string }[]; interventions: { title: string }[] } }>(
      URL,
      `{ programme(id: "${DEMO_PROGRAMME_ID}") { name members { name } interventions { title } } }`,
    );
    const { page, errors } = await signedInPage({ role: 'COMMUNITY', name: 'Browser neighbour' });
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Programmes' }).click();
    await page.waitForURL(`${URL}/programmes`);
    await page.locator('h1', { hasText: 'Improvement programmes' }).waitFor();
    await accessibleAtBothWidths(page);
    await page.getByRole('link', { name: programme.name }).click();
    await page.waitForURL(`${URL}/programmes/${DEMO_PROGRAMME_ID}`);
    await page.locator('h1', { hasText: programme.name }).waitFor();
    for (const member of programme.members) await page.getByRole('link', { name: member.name, exact: true }).first().waitFor();
    await page
      .getByRole('link', { name: programme.interventions[0]?.title ?? '', exact: true })
      .first()
      .waitFor();
    await page
      .getByText(/^Method: Random effects/i)
      .or(page.getByText(/^Method:/))
      .first()
      .waitFor();
    await page.getByRole('heading', { name: 'Progress at a glance' }).waitFor();
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    // The portfolio's figures as text: the sentence and the tables behind the bars.
    await page.getByText(/^\d+ interventions?: /).waitFor();
    await page.getByText('Show the figures as tables').click();
    await page.getByRole('table', { name: 'Interventions by status at the end of each quarter' }).waitFor();
    // A community member is offered neither joining nor linking.
    expect(await page.getByRole('button', { name: /^Join as/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Link to programme' }).count()).toBe(0);
    await accessibleAtBothWidths(page);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a policymaker creates a programme (errors explained first); a trust editor joins it and links an intervention, and is appointed a coordinator', async () => {
    const { page, errors } = await signedInPage({ role: 'POLICYMAKER', name: 'Browser policymaker', sub: 'browser-policymaker' });
    await page.goto(`${URL}/programmes`);
    await page.getByRole('link', { name: 'Create a programme' }).click();
    await page.locator('h1', { hasText: 'Create a programme' }).waitFor();
    await page.getByRole('button', { name: 'Create programme' }).click();
    const summary = page.locator('.nhsuk-error-summary');
    await summary.getByRole('link', { name: 'Enter a name for the programme' }).waitFor();
    await accessibleAtBothWidths(page);
    await page.getByLabel('Name').fill('Browser elective collaborative');
    await page.getByLabel('Aim').fill('Shorter waits in every member trust, kept for a year.');
    await page.getByLabel('Category').selectOption('ELECTIVE_RECOVERY');
    await page.getByLabel('Outcome measure').selectOption('ae-4hr');
    await page.getByRole('button', { name: 'Create programme' }).click();
    await page.locator('h1', { hasText: 'Browser elective collaborative' }).waitFor();
    const programmeUrl = page.url();
    await page.getByText('No trust has joined yet.').waitFor();

    const { trusts } = await graphqlData<{ trusts: { code: string; name: string; interventions: { totalCount: number } }[] }>(
      URL,
      '{ trusts(filter: { kind: ACUTE }) { code name interventions(first: 1) { totalCount } } }',
    );
    const trust = trusts.find((t) => t.interventions.totalCount > 0);
    if (!trust) throw new Error('no acute demo trust with interventions');
    const editor = await signedInPage({ role: 'TRUST_EDITOR', trust: trust.code, name: 'Browser editor', sub: `browser-editor-${trust.code}` });
    await editor.page.goto(programmeUrl);
    await editor.page.getByRole('button', { name: `Join as ${trust.name}` }).click();
    await editor.page.getByRole('link', { name: trust.name, exact: true }).waitFor();
    await editor.page.getByRole('heading', { name: 'Link an intervention' }).waitFor();
    await editor.page.getByRole('button', { name: 'Link to programme' }).click();
    await editor.page.locator('.nhsuk-error-summary').getByRole('link', { name: 'Select the intervention to link' }).waitFor();
    const select = editor.page.getByLabel('Intervention', { exact: true });
    await select.locator('option').nth(1).waitFor({ state: 'attached' });
    const value = await select.locator('option').nth(1).getAttribute('value');
    await select.selectOption(value ?? '');
    await editor.page.getByRole('button', { name: 'Link to programme' }).click();
    await editor.page.getByText('is now linked to the programme.').waitFor();
    await editor.page
      .locator(`a[href="/interventions/${value ?? ''}"]`)
      .first()
      .waitFor();
    await accessibleAtBothWidths(editor.page);
    // The editor is no coordinator: no appointing, but their own sign-in id to give one.
    expect(await editor.page.getByRole('heading', { name: 'Appoint a coordinator' }).count()).toBe(0);
    const editorId = `browser-editor-${trust.code}`;
    await editor.page.getByText(`Your sign-in id is ${editorId}`).waitFor();

    // The coordinator appoints them: errors explained first, then the programme lists them.
    await page.reload();
    await page.getByRole('heading', { name: 'Appoint a coordinator' }).waitFor();
    await page.getByRole('button', { name: 'Appoint coordinator' }).click();
    const appointErrors = page.locator('.nhsuk-error-summary');
    await appointErrors.getByRole('link', { name: 'Enter the sign-in id of the person to appoint' }).waitFor();
    await appointErrors.getByRole('link', { name: 'Enter their name as the programme should show it' }).waitFor();
    await accessibleAtBothWidths(page);
    await page.getByLabel('Their sign-in id').fill('browser-policymaker');
    await page.getByLabel('Their name, as the programme shows it').fill('Browser policymaker');
    await page.getByRole('button', { name: 'Appoint coordinator' }).click();
    await appointErrors.getByRole('link', { name: 'This person already coordinates the programme' }).waitFor();
    await page.getByLabel('Their sign-in id').fill(editorId);
    await page.getByLabel('Their name, as the programme shows it').fill('Browser editor');
    await page.getByRole('button', { name: 'Appoint coordinator' }).click();
    await page.getByText('Browser editor now coordinates the programme.').waitFor();
    await page.getByText(/^Browser policymaker, Browser editor$/).waitFor();
    // The new coordinator now sees the form themselves.
    await editor.page.reload();
    await editor.page.getByRole('heading', { name: 'Appoint a coordinator' }).waitFor();
    expect([...errors, ...editor.errors]).toEqual([]);
    await editor.page.close();
    await page.close();
  });

  it('the trust workspace shows progress at a glance', async () => {
    const { programme } = await graphqlData<{ programme: { members: { code: string }[] } }>(
      URL,
      `{ programme(id: "${DEMO_PROGRAMME_ID}") { members { code } } }`,
    );
    const code = programme.members[0]?.code ?? '';
    const { page, errors } = await signedInPage({ role: 'TRUST_EDITOR', trust: code, name: 'Workspace editor', sub: `workspace-editor-${code}` });
    await page.goto(`${URL}/workspace`);
    await page.getByRole('heading', { name: 'Progress at a glance' }).waitFor();
    await page.getByRole('heading', { name: 'Programmes' }).waitFor();
    await page.getByRole('link', { name: /patient-flow collaborative$/ }).waitFor();
    await accessibleAtBothWidths(page);
    expect(errors).toEqual([]);
    await page.close();
  });
});
