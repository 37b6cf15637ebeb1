import fs from 'node:fs';
import path from 'node:path';
import { builtWebClientDir } from '../src/platform/embedded-platform';
import { INITIAL_JS_BUDGET, initialChunks, kB, pageBundles } from '../src/bench/web-bundle';

/** The built web client (npm run build) stays within its first-download budget; each page's own code loads when it is opened. */
const dist = builtWebClientDir();

describe('the web client bundle (apps/web/dist, gzip -9)', () => {
  beforeAll(() => {
    if (!fs.existsSync(path.join(dist, '.vite', 'manifest.json')))
      throw new Error(`Build the web client first (npm run build): no ${dist}/.vite/manifest.json`);
  });

  it(`keeps the first download's JavaScript under ${kB(INITIAL_JS_BUDGET)}`, () => {
    const chunks = initialChunks(dist);
    const total = chunks.reduce((sum, chunk) => sum + chunk.gzip, 0);
    // Printed every run, so a change's cost is visible before it reaches the budget.
    console.log(
      [
        `first download: ${kB(total)} gzip (budget ${kB(INITIAL_JS_BUDGET)})`,
        ...chunks.map((chunk) => `  ${chunk.file}: ${kB(chunk.gzip)} (${kB(chunk.bytes)} raw)`),
      ].join('\n'),
    );
    expect(chunks.length).toBeGreaterThanOrEqual(1);
    expect(total).toBeLessThan(INITIAL_JS_BUDGET);
  });

  it('loads every page but the trust list on demand, and graphql-ws with the first subscription', () => {
    const pages = pageBundles(dist);
    console.log(['pages loaded on demand (gzip added to the first download):', ...pages.map((page) => `  ${page.page}: ${kB(page.gzip)}`)].join('\n'));
    const lazy = new Set(pages.map((page) => page.page));
    for (const page of ['src/pages/TrustPage.tsx', 'src/pages/ProjectionPage.tsx', 'src/pages/SignInPage.tsx', 'src/pages/workspace/WorkspacePage.tsx'])
      expect(lazy).toContain(page);
    expect(lazy).not.toContain('src/pages/TrustListPage.tsx');
    const first = initialChunks(dist)
      .map((chunk) => fs.readFileSync(path.join(dist, chunk.file), 'utf8'))
      .join('\n');
    // graphql-ws's protocol name is only in its own code.
    expect(first).not.toContain('graphql-transport-ws');
  });
});
