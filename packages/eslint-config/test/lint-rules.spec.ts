import * as path from 'node:path';
import { ESLint } from 'eslint';

const packages = path.resolve(__dirname, '../..');
const fixtures = path.join(__dirname, 'fixtures');

/**
 * Lints fixture files with a package's real eslint.config.js. ESLint loads config files with
 * import(), which Jest's module sandbox refuses; the configs are CommonJS, so they are required
 * here and passed in as they are.
 */
async function lint(configFile: string, files: readonly string[]): Promise<Record<string, string[]>> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const overrideConfig = require(configFile) as ESLint.Options['overrideConfig'];
  const eslint = new ESLint({ cwd: fixtures, overrideConfigFile: true, overrideConfig });
  const results = await eslint.lintFiles(files.map((f) => path.join(fixtures, f)));
  return Object.fromEntries(results.map((r) => [path.relative(fixtures, r.filePath), r.messages.map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`)]));
}

const SELF_CONTAINED = /self-contained: import only its own files/;
const outsideImports = [
  'node-builtin.ts', // import ... from 'node:fs'
  'bare-builtin.ts', // import ... from 'os'
  'npm-package.ts', // import ... from 'zod'
  'workspace-package.ts', // import type ... from '@longview/domain'
  're-export.ts', // export ... from 'node:fs'
  'dynamic-import.ts', // import('node:fs')
  'require-call.ts', // require('node:fs')
  'type-import.ts', // type T = import('node:fs').Stats
].map((f) => `self-contained/${f}`);

describe.each(['analytics', 'domain'])('packages/%s lint config', (pkg) => {
  const config = path.join(packages, pkg, 'eslint.config.js');

  it('fails a file that imports from outside the package, in every form of import', async () => {
    const messages = await lint(config, outsideImports);
    for (const file of outsideImports) expect({ file, failed: messages[file]?.some((m) => SELF_CONTAINED.test(m)) }).toEqual({ file, failed: true });
  });

  it('passes relative imports of the package’s own files', async () => {
    expect(await lint(config, ['self-contained/relative.ts', 'self-contained/helper.ts'])).toEqual({
      'self-contained/relative.ts': [],
      'self-contained/helper.ts': [],
    });
  });
});

describe('the shared lint config (packages/messaging)', () => {
  const config = path.join(packages, 'messaging', 'eslint.config.js');

  it('leaves other packages free to import node: built-ins', async () => {
    expect(await lint(config, ['base/node-builtin.ts'])).toEqual({ 'base/node-builtin.ts': [] });
  });

  it('applies the type-checked rules (a floating promise fails)', async () => {
    expect(await lint(config, ['base/floating-promise.ts'])).toEqual({
      'base/floating-promise.ts': [expect.stringMatching(/^@typescript-eslint\/no-floating-promises:/)],
    });
  });

  it('rejects a relative import into another package’s source', async () => {
    const messages = await lint(config, ['base/into-another-package.ts']);
    expect(messages['base/into-another-package.ts']).toContainEqual(expect.stringMatching(/^import-x\/no-relative-packages:/));
  });

  it('reports an import cycle, at both ends', async () => {
    expect(await lint(config, ['cycle/registry.ts', 'cycle/describe.ts'])).toEqual({
      'cycle/registry.ts': [expect.stringMatching(/^import-x\/no-cycle:/)],
      'cycle/describe.ts': [expect.stringMatching(/^import-x\/no-cycle:/)],
    });
  });
});
