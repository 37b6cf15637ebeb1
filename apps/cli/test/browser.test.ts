import { signDevToken } from '@longview/gateway';
import {
  axeViolations,
  chooseDemoRole,
  haveChromium as browserAvailable,
  openBrowserTestBed,
  type BrowserTestBed,
  type RunningPlatform,
} from './browser-support';
import type { Browser, Page } from 'playwright-core';
import { devJwtSecret } from '../src/platform/dev-secret';
import { graphqlData } from './support';

jest.setTimeout(180_000);

const haveChromium = browserAvailable();

/** The little of the browser's globals the tests touch (this package compiles without the DOM library). */
interface BrowserGlobals {
  readonly localStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  readonly document: { readonly documentElement: { readonly scrollWidth: number } };
}

/** Waits for the page's h1 to contain `text`: right after a navigation the old page's heading may still be there. */
async function headingShows(page: Page, text: string): Promise<void> {
  await page.locator('h1', { hasText: text }).waitFor();
}

(haveChromium ? describe : describe.skip)('the web client, in Chromium, against `longview start`', () => {
  let testBed: BrowserTestBed;
  let platform: RunningPlatform;
  let URL: string;
  let browser: Browser;

  beforeAll(async () => {
    testBed = await openBrowserTestBed('longview-browser-');
    platform = testBed.platform;
    URL = testBed.url;
    browser = testBed.browser;
  });
  afterAll(() => testBed?.close());

  it('loads the demo data on first start', async () => {
    const { trusts } = await graphqlData<{ trusts: { code: string }[] }>(URL, '{ trusts { code } }');
    expect(trusts.length).toBeGreaterThanOrEqual(120);
    expect(platform.output()).toMatch(/Demo data loaded/);
  });

  it('finds a trust by name and opens its page', async () => {
    const { trusts } = await graphqlData<{ trusts: { code: string; name: string; kind: string }[] }>(
      URL,
      '{ trusts(filter: { kind: ACUTE }) { code name kind } }',
    );
    const trust = trusts[7];
    if (!trust) throw new Error('no acute trust in the demo data');
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    await page.goto(`${URL}/`);
    await page.getByLabel('Search trusts').fill(trust.name.split(' ')[0] ?? trust.name);
    const link = page.getByRole('link', { name: trust.name, exact: true });
    await link.waitFor();
    await link.click();

    await page.waitForURL(`${URL}/trusts/${trust.code}`);
    await headingShows(page, trust.name);
    // The trust's metrics are drawn as they come near the screen: at least one chart and its table.
    await page.locator('h2', { hasText: 'Outcomes over time' }).scrollIntoViewIfNeeded();
    await page.locator('figure.app-chart svg').first().waitFor();
    // The chart's table is drawn with it, after the page's own: wait for a second table, not just count.
    await page.locator('table').nth(1).waitFor({ state: 'attached' });
    expect(errors).toEqual([]);
    await page.close();
  });

  /** The trust a trust editor signs in for: an acute trust of the demo data. */
  async function acuteTrust(): Promise<{ code: string; name: string }> {
    const { trusts } = await graphqlData<{ trusts: { code: string; name: string }[] }>(URL, '{ trusts(filter: { kind: ACUTE }) { code name } }');
    const trust = trusts[3];
    if (!trust) throw new Error('no acute trust in the demo data');
    return trust;
  }

  it('signs in as a trust editor from the header, proposes an intervention, and signs out', async () => {
    const trust = await acuteTrust();
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`${error.message} ${error.stack} at ${page.url()}`));

    await page.goto(`${URL}/`);
    await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Sign in' }).click();
    await page.waitForURL(`${URL}/sign-in?from=%2F`);
    await page.getByRole('heading', { level: 2, name: 'Sign in with a demo role' }).waitFor();
    // Mistakes are explained in the NHS error summary, which takes the focus.
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const summary = page.locator('.nhsuk-error-summary');
    await summary.getByRole('link', { name: 'Select who to sign in as' }).waitFor();
    expect(await summary.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    await page.getByLabel('Access token').fill('not-a-token');
    await page.getByRole('button', { name: 'Sign in with this token' }).click();
    await summary.getByRole('link', { name: /^This access token was not accepted/ }).waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as BrowserGlobals).localStorage.getItem('longview.token'))).toBeNull();
    await page.getByLabel('Access token').fill('');
    await chooseDemoRole(page, { role: 'Trust editor', trust: trust.code });
    expect(await axeViolations(page)).toEqual([]);
    // 320 px wide (WCAG reflow): nothing scrolls sideways.
    await page.setViewportSize({ width: 320, height: 900 });
    expect(await page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 1024, height: 900 });

    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(`${URL}/`);
    const signedInAs = page.getByText(/^Signed in as /);
    await signedInAs.waitFor();
    expect(await signedInAs.textContent()).toBe(`Signed in as Demo trust editor (${trust.code}) (Trust editor, ${trust.name})`);
    expect(await axeViolations(page, { include: ['header'] })).toEqual([]);

    // Propose: the trust code starts as the editor's own.
    await page.getByRole('link', { name: 'Propose an intervention' }).click();
    await expect(page.getByLabel('Trust code').inputValue()).resolves.toBe(trust.code);
    await page.getByLabel('Title').fill('Signed-in discharge lounge');
    await page.getByLabel('Summary').fill('A lounge for patients waiting for transport, so beds free up before noon');
    await page.getByLabel('Category').selectOption('PATIENT_FLOW');
    await page.getByLabel('Systemic change').check();
    const metric = page.getByLabel('Metric for target 1');
    await metric.locator('option[value="ae-4hr"]').waitFor({ state: 'attached' });
    await metric.selectOption('ae-4hr');
    await page.getByLabel('Public').check();
    await page.getByRole('button', { name: 'Propose intervention' }).click();
    await page.waitForURL(/\/interventions\/[0-9a-f-]{36}$/);
    await headingShows(page, 'Signed-in discharge lounge');

    // Sign out: public again, and the token is gone.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Sign in' }).waitFor();
    expect(await page.getByText(/^Signed in as /).count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as BrowserGlobals).localStorage.getItem('longview.token'))).toBeNull();
    await headingShows(page, 'Signed-in discharge lounge');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a click made while the sign-in page is still refreshing is not overtaken by its return to the ?from= page', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // Hold the sign-in page's own refetch (its trust list, asked again with the new token), so that the
    // header already says "Signed in as" while the page is still refreshing what it shows.
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    // Hold the Projection page's code too, until after the refresh: the address changes at once, but the
    // sign-in page stays on screen (and mounted) until the new page can be drawn. On a loaded machine
    // that is what happened, and the sign-in page still went to its ?from= page.
    let releaseChunk = () => {};
    const chunkReleased = new Promise<void>((resolve) => (releaseChunk = resolve));
    let chunkAsked = () => {};
    const chunkRequested = new Promise<void>((resolve) => (chunkAsked = resolve));
    await page.route(/\/assets\/ProjectionPage-[^/]*\.js$/, async (route) => {
      chunkAsked();
      await chunkReleased;
      await route.continue().catch(() => undefined);
    });
    await page.route('**/graphql', async (route) => {
      const request = route.request();
      const operation = (request.postDataJSON() as { operationName?: string } | null)?.operationName;
      if (operation === 'TrustList' && request.headers()['authorization']) await released;
      // The request may have been given up meanwhile (its page was left).
      await route.continue().catch(() => undefined);
    });
    await page.goto(`${URL}/sign-in?from=%2Flessons`);
    await chooseDemoRole(page, { role: 'Policymaker' });
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText(/^Signed in as /).waitFor();
    expect(page.url()).toBe(`${URL}/sign-in?from=%2Flessons`);

    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Projection' }).click();
    await page.waitForURL(`${URL}/projection`);
    await chunkRequested;
    const refreshed = page.waitForResponse(
      (response) => (response.request().postDataJSON() as { operationName?: string } | null)?.operationName === 'TrustList',
    );
    release();
    // Once the refresh is over, the sign-in page used to go to its ?from= page (/lessons) regardless.
    await refreshed;
    await page.waitForTimeout(500);
    releaseChunk();
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    expect(page.url()).toBe(`${URL}/projection`);
    await page.locator('h1', { hasText: 'System-wide projection' }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a trust editor adopts a demo intervention, saying what was adapted, and the lineage links both ways', async () => {
    const { intervention } = await graphqlData<{ intervention: { trustCode: string; adoptedFrom: { id: string; title: string; trustCode: string } } }>(
      URL,
      '{ intervention(id: "demo-adoption-1") { trustCode adoptedFrom { id title trustCode } } }',
    );
    const source = intervention.adoptedFrom;
    const { trusts } = await graphqlData<{ trusts: { code: string; name: string }[] }>(URL, '{ trusts(filter: { kind: ACUTE }) { code name } }');
    const adopter = trusts.find((t) => t.code !== source.trustCode && t.code !== intervention.trustCode);
    if (!adopter) throw new Error('no other acute trust in the demo data');
    const token = signDevToken({ role: 'TRUST_EDITOR', trust: adopter.code, name: 'Browser adopter' }, devJwtSecret(testBed.dataDir));
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${URL}/`);
    await page.evaluate((t) => (globalThis as unknown as BrowserGlobals).localStorage.setItem('longview.token', t), token);

    // The source's page shows the demo's adoption of it in the lineage, and offers to adopt.
    await page.goto(`${URL}/interventions/${source.id}`);
    const lineage = page.getByRole('figure', { name: 'Adoption lineage' });
    await lineage.waitFor();
    expect(await lineage.getByRole('link').count()).toBeGreaterThanOrEqual(1);
    await page.getByRole('link', { name: `Adopt this intervention at ${adopter.name}` }).click();
    await page.waitForURL(`${URL}/interventions/${source.id}/adopt`);

    // Nothing is sent without saying what was adapted; the error summary says so in plain English.
    await page.getByRole('button', { name: 'Adopt intervention' }).click();
    await page.locator('.nhsuk-error-summary').getByRole('link', { name: 'Say what your trust changed to fit its own context' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('What did you change to fit your trust?').fill('Run by our site team on weekdays first');
    await page.getByRole('button', { name: 'Adopt intervention' }).click();

    await page.waitForURL(/\/interventions\/[0-9a-f-]{36}$/);
    await page.getByText('Your adoption has been proposed. It is linked to the intervention it came from.').waitFor();
    await headingShows(page, source.title);
    await page.getByText('Run by our site team on weekdays first').waitFor();
    await page.getByRole('link', { name: source.title }).first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a community member comments on a public demo intervention, retracts it, and reads the lessons library', async () => {
    const { lesson } = await graphqlData<{ lesson: { title: string; intervention: { id: string; title: string } } }>(
      URL,
      '{ lesson(id: "demo-lesson-1") { title intervention { id title } } }',
    );
    const token = signDevToken({ role: 'COMMUNITY', name: 'Browser neighbour' }, devJwtSecret(testBed.dataDir));
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${URL}/`);
    await page.evaluate((t) => (globalThis as unknown as BrowserGlobals).localStorage.setItem('longview.token', t), token);

    await page.goto(`${URL}/interventions/${lesson.intervention.id}`);
    await headingShows(page, lesson.intervention.title);
    await page.getByText('What did not last is as useful to others as what did.').first().waitFor();
    await page.getByRole('heading', { name: lesson.title }).waitFor();
    // The demo's hidden comment is gone for a community member; the other one shows, as text.
    await page.getByText('Thank you for being open about what did not last.', { exact: false }).waitFor();
    expect(await page.getByText('named and sacked', { exact: false }).count()).toBe(0);
    // A community member may not share a lesson, nor endorse one.
    expect(await page.getByRole('button', { name: 'Share lesson' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Endorse/ }).count()).toBe(0);

    // An empty comment is not sent; the error summary says why.
    await page.getByRole('button', { name: 'Post comment' }).click();
    await page.locator('.nhsuk-error-summary').getByRole('link', { name: 'Enter your comment' }).waitFor();
    const body = 'Our ward tried this too: <b>not bold</b>, and it faded after six months.';
    await page.getByLabel('Add a comment').fill(body);
    await page.getByRole('button', { name: 'Post comment' }).click();
    const mine = page.locator('[data-comment-id]').filter({ hasText: 'Browser neighbour' });
    await mine.getByText(body, { exact: true }).waitFor();
    expect(await page.locator('[data-comment-id] b').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await mine.getByRole('button', { name: 'Retract your comment' }).click();
    await mine.waitFor({ state: 'detached' });
    expect(await page.getByText(body, { exact: true }).count()).toBe(0);

    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Lessons' }).click();
    await page.waitForURL(`${URL}/lessons`);
    await page.getByRole('heading', { level: 2, name: lesson.title }).waitFor();
    expect(await page.locator('[data-lesson-id]').count()).toBeGreaterThanOrEqual(1);
    await page.locator('[data-lesson-id]').first().getByRole('link').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('an expired token in the browser signs out with a message, and the public page still shows', async () => {
    const trust = await acuteTrust();
    // Issued three hours ago for one hour, with the platform's own key: only its age is wrong.
    const expired = signDevToken(
      { role: 'TRUST_EDITOR', trust: trust.code, expiresInSeconds: 3600 },
      devJwtSecret(testBed.dataDir),
      new Date(Date.now() - 3 * 3600 * 1000),
    );
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${URL}/`);
    await page.evaluate((token) => (globalThis as unknown as BrowserGlobals).localStorage.setItem('longview.token', token), expired);

    await page.goto(`${URL}/trusts/${trust.code}`);
    const notice = page.getByText('Your sign-in has expired or is not valid; you have been signed out.');
    await notice.waitFor();
    await headingShows(page, trust.name);
    await page.locator('svg').first().waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as BrowserGlobals).localStorage.getItem('longview.token'))).toBeNull();
    await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Sign in' }).waitFor();
    expect(await page.getByText('Sorry, we could not load').count()).toBe(0);
    expect(await axeViolations(page, { include: ['header', '.app-session-notice'] })).toEqual([]);

    // The old address of the token page leads to the sign-in page.
    await page.goto(`${URL}/access`);
    await page.waitForURL(`${URL}/sign-in`);
    expect(errors).toEqual([]);
    await page.close();
  });
});
