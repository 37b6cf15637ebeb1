// Shared Jest preset: ts-jest transpiles each file (type checking is the `typecheck` task's job).
// Tests come in three tiers, one Jest project each, run alone with `jest --selectProjects <tier>`:
// - unit: needs no service (no database, no broker, no platform): every *.spec.ts(x), beside the
//   code, plus the package's `unit` list (files under test/ that need nothing around them);
// - integration: against PostgreSQL and Kafka (or PGlite in-process): test/**/*.test.ts;
// - e2e: the whole platform, or a browser on it: the package's `e2e` list.
// `jest` alone runs all three.
const fs = require('node:fs');

const TIERS = ['unit', 'integration', 'e2e'];

/**
 * @param {{ unit?: string[], e2e?: string[] } & import('jest').Config} [options]
 *   unit, e2e: globs relative to the package (e.g. 'test/codec.test.ts') moved from the
 *   integration tier; the rest overrides the settings of every tier's project.
 * @returns {import('jest').Config}
 */
function jestConfig({ unit = [], e2e = [], ...overrides } = {}) {
  const rootDir = process.cwd();
  const inRoot = (glob) => `<rootDir>/${glob}`;
  // Jest expands <rootDir> only at the start of a glob, so a negated one names the directory itself.
  const not = (glob) => `!${rootDir}/${glob}`;
  const testMatch = {
    unit: [inRoot('**/*.spec.ts?(x)'), ...unit.map(inRoot)],
    integration: [inRoot('test/**/*.test.ts?(x)'), ...unit.map(not), ...e2e.map(not)],
    e2e: e2e.map(inRoot),
  };
  const project = (tier) => ({
    displayName: tier,
    rootDir,
    testEnvironment: 'node',
    roots: ['<rootDir>/src', '<rootDir>/test'].filter((dir) => fs.existsSync(dir.replace('<rootDir>', rootDir))),
    // A tier with no files still exists, so `--selectProjects` finds it in every package.
    testMatch: testMatch[tier].length > 0 ? testMatch[tier] : ['<rootDir>/no-tests-in-this-tier'],
    transform: {
      '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }],
      // PGlite's CommonJS build uses dynamic import() of Node built-ins, which Jest's sandbox
      // rejects without --experimental-vm-modules; this rewrites them (see the transform).
      '[\\\\/]@electric-sql[\\\\/]pglite[\\\\/]dist[\\\\/].+\\.c?js$': require.resolve('./pglite-dynamic-import.transform.js'),
    },
    transformIgnorePatterns: ['[\\\\/]node_modules[\\\\/](?!@electric-sql[\\\\/]pglite[\\\\/])'],
    moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
    // Tests against a database, a broker or a platform share two cores with everything else the
    // suite runs: Jest's 5 s default is then a timing threshold that flakes, not a check.
    testTimeout: tier === 'unit' ? 5_000 : 30_000,
    ...overrides,
  });
  return {
    rootDir,
    projects: TIERS.map(project),
    maxWorkers: 1,
    reporters: ['default', require.resolve('./summary-reporter.js')],
  };
}

module.exports = { jestConfig, TIERS };
