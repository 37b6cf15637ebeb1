import fs from 'node:fs';
import path from 'node:path';
import { signDevToken } from '@longview/gateway';
import type { Browser, Page } from 'playwright-core';
import { SCREENSHOTS, axeViolations, haveChromium as browserAvailable, openBrowserTestBed, signInWithDemo, type BrowserTestBed } from './browser-support';
import { devJwtSecret } from '../src/platform/dev-secret';
import { graphqlData } from './support';
import { DEMO_PROGRAMME_ID, demoDriverDiagrams, generateDemoData } from '../src/demo';

jest.setTimeout(600_000);

const haveChromium = browserAvailable();

/** The client's routes as the build lists them (from apps/web/src/routes.ts). */
const ROUTES_JSON = path.join(path.dirname(require.resolve('@longview/web/package.json')), 'dist', 'routes.json');

/** The little of the browser's globals the tests touch (this package compiles without the DOM library). */
interface BrowserGlobals {
  readonly localStorage: { setItem(key: string, value: string): void };
}

type Who = 'public' | 'editor' | 'diagramEditor';

/**
 * Violations in parts other work owns, allowed here by route and rule only until it lands: the
 * trust page's data tables scroll sideways at 320 px in a region that cannot take the keyboard
 * focus (SeriesTable's .app-table-wrapper; the charts-at-320-px work makes it focusable).
 * Remove a line once its fix is merged.
 */
const OWNED_ELSEWHERE: readonly { route: string; rule: string }[] = [];

/** The pages only a signed-in trust editor can use; the rest are visited without signing in. */
const EDITOR_PAGES = /^\/(workspace|interventions\/new$|interventions\/:id\/adopt$|mentorships\/offer$)/;

(haveChromium ? describe : describe.skip)('journeys and every page, in Chromium, against `longview start`', () => {
  let testBed: BrowserTestBed;
  let URL: string;
  let browser: Browser;
  /** An active public intervention of the demo data, and its trust. */
  let shared: { id: string; title: string; trustCode: string };

  beforeAll(async () => {
    testBed = await openBrowserTestBed('longview-browser-journeys-');
    URL = testBed.url;
    browser = testBed.browser;
    // Read without a token: only what the public may see.
    const { interventions } = await graphqlData<{ interventions: { edges: { node: { id: string; title: string; trustCode: string } }[] } }>(
      URL,
      '{ interventions(filter: { status: ACTIVE }, first: 1) { edges { node { id title trustCode } } } }',
    );
    const first = interventions.edges[0]?.node;
    if (!first) throw new Error('no public active intervention in the demo data');
    shared = first;
  });
  afterAll(() => testBed?.close());

  function token(claims: Parameters<typeof signDevToken>[0]): string {
    return signDevToken(claims, devJwtSecret(testBed.dataDir));
  }

  /** A page with the token in its storage (none: the public), collecting script errors. */
  async function openAs(signedIn: string | null): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`${error.message} at ${page.url()}`));
    if (signedIn) {
      await page.goto(`${URL}/`);
      await page.evaluate((t) => (globalThis as unknown as BrowserGlobals).localStorage.setItem('longview.token', t), signedIn);
    }
    return { page, errors };
  }

  /** Waits until the page has settled: no "Loading ..." message left, and the network idle. */
  async function settled(page: Page): Promise<void> {
    await page.locator('h1').first().waitFor();
    await page.waitForLoadState('networkidle');
    await page.waitForFunction(
      () => !/\bLoading\b/.test((globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText),
      null,
      {
        timeout: 30_000,
      },
    );
  }

  it('a policymaker signs in with the demo sign-in, changes the scenario and sees the fan chart change', async () => {
    const { page, errors } = await openAs(null);
    await page.goto(`${URL}/`);
    await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 2, name: 'Sign in with a demo role' }).waitFor();
    expect(await signInWithDemo(page, URL, { role: 'Policymaker' })).toMatch(/^Signed in as .*Policymaker/);

    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Projection' }).click();
    await page.locator('h1', { hasText: 'System-wide projection' }).waitFor();
    const chart = page.locator('figure.app-chart svg[role="img"]').first();
    await chart.waitFor();
    const before = { medians: await chart.locator('path[class*="app-fan__median"]').count(), desc: await chart.locator('desc').textContent() };
    expect(before.medians).toBe(1);

    await page.getByLabel('Trusts adopt interventions of this category').selectOption('PATIENT_FLOW');
    await page.getByLabel('Number of adopting trusts').fill('20');
    await page.getByRole('button', { name: 'Project' }).click();
    await page.waitForURL(/category=PATIENT_FLOW/);
    // A second fan (the scenario) is drawn beside the status quo, and the text alternative says so.
    await chart.locator('path[class*="app-fan__median"]').nth(1).waitFor();
    const after = await chart.locator('desc').textContent();
    expect(after).not.toBe(before.desc);
    expect(await chart.locator('path[class*="app-fan__median"]').count()).toBe(2);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'journey-policymaker-scenario.png'), fullPage: true });
    expect(await axeViolations(page, { seriousOnly: true })).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it.each<[string, () => string | null]>([
    ['an anonymous visitor', () => null],
    ['a community member', () => token({ role: 'COMMUNITY', name: 'Browser reader' })],
  ])('%s reads a public intervention and is offered no editor actions', async (_who, signIn) => {
    const { page, errors } = await openAs(signIn());
    await page.goto(`${URL}/interventions/${shared.id}`);
    await page.locator('h1', { hasText: shared.title }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Summary' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Outcomes' }).waitFor();
    await settled(page);
    expect(await page.getByRole('heading', { name: 'Update this intervention' }).count()).toBe(0);
    for (const action of ['Start the intervention', 'Complete the intervention', 'Abandon the intervention', 'Log the cycle', 'Change sharing']) {
      expect([action, await page.getByRole('button', { name: action }).count()]).toEqual([action, 0]);
    }
    expect(await page.getByRole('link', { name: /^Adopt this intervention/ }).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();

    // The same page for an editor of the intervention's trust does offer them (so the check above can fail).
    const editor = await openAs(token({ role: 'TRUST_EDITOR', trust: shared.trustCode, name: 'Browser editor' }));
    await editor.page.goto(`${URL}/interventions/${shared.id}`);
    await editor.page.getByRole('heading', { name: 'Update this intervention' }).waitFor();
    await editor.page.close();
  });

  it('every page of the client has no serious or critical axe violations at 1280 and 320 px (screenshots of each)', async () => {
    const { routes } = JSON.parse(fs.readFileSync(ROUTES_JSON, 'utf8')) as { routes: string[] };
    expect(routes.length).toBeGreaterThanOrEqual(10);
    const { trusts } = await graphqlData<{ trusts: { code: string }[] }>(URL, '{ trusts(filter: { kind: ACUTE }) { code } }');
    const trustCode = trusts[1]?.code;
    if (!trustCode) throw new Error('no acute trust in the demo data');
    const params: Record<string, string> = { code: trustCode, id: shared.id };
    // Routes whose :id is not an intervention's: the demo's programme and driver diagram (revised by an editor of its trust).
    const diagram = demoDriverDiagrams(generateDemoData())[0]?.step;
    if (!diagram || diagram.type !== 'DefineDriverDiagram') throw new Error('no driver diagram in the demo data');
    const OWN_PARAMS: Record<string, { params: Record<string, string>; who?: Who }> = {
      '/programmes/:id': { params: { id: DEMO_PROGRAMME_ID } },
      '/workspace/driver-diagrams/:id/revise': { params: { id: diagram.data.driverDiagramId }, who: 'diagramEditor' },
    };
    const editorToken = token({ role: 'TRUST_EDITOR', trust: shared.trustCode, name: 'Browser editor' });
    const diagramEditorToken = token({ role: 'TRUST_EDITOR', trust: diagram.data.trustCode, name: 'Browser diagram editor' });
    const pages = { public: await openAs(null), editor: await openAs(editorToken), diagramEditor: await openAs(diagramEditorToken) };

    const found: string[] = [];
    const visits = [
      ...routes.map((route) => ({ route, who: OWN_PARAMS[route]?.who ?? ((EDITOR_PAGES.test(route) ? 'editor' : 'public') as Who) })),
      { route: '/no-such-page', who: 'public' as Who },
    ];
    for (const { route, who } of visits) {
      const address = route.replace(/:([A-Za-z_]+)/g, (_m, name: string) => {
        const value = OWN_PARAMS[route]?.params[name] ?? params[name];
        if (!value) throw new Error(`No sample value for :${name} in ${route}: add one to this test's params`);
        return encodeURIComponent(value);
      });
      const { page } = pages[who];
      const name = route === '/' ? 'home' : route.slice(1).replace(/[/:]+/g, '-');
      for (const width of [1280, 320]) {
        await page.setViewportSize({ width, height: 900 });
        const response = await page.goto(`${URL}${address}`);
        expect([route, response?.status()]).toEqual([route, route === '/no-such-page' ? 404 : 200]);
        await settled(page);
        await page.screenshot({ path: path.join(SCREENSHOTS, `page-${name}-${width}.png`), fullPage: true });
        for (const violation of await axeViolations(page, { seriousOnly: true })) {
          if (OWNED_ELSEWHERE.some((known) => known.route === route && violation.startsWith(`${known.rule} `))) continue;
          found.push(`${route} (${who}) at ${width} px: ${violation}`);
        }
      }
    }
    for (const { page } of Object.values(pages)) await page.close();
    expect(found).toEqual([]);
    expect([...pages.public.errors, ...pages.editor.errors]).toEqual([]);
  });
});
