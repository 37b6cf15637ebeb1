// Shared Jest preset: ts-jest transpiles each file (type checking is the `typecheck` task's job),
// tests live next to the code as *.spec.ts (unit) or under test/ as *.test.ts (integration).
/** @returns {import('jest').Config} */
function jestConfig(overrides = {}) {
  return {
    testEnvironment: 'node',
    roots: ['<rootDir>/src', '<rootDir>/test'].filter((dir) =>
      require('node:fs').existsSync(dir.replace('<rootDir>', process.cwd())),
    ),
    testMatch: ['**/*.spec.ts', '**/*.test.ts'],
    transform: {
      '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }],
      // PGlite's CommonJS build uses dynamic import() of Node built-ins, which Jest's sandbox
      // rejects without --experimental-vm-modules; this rewrites them (see the transform).
      '[\\\\/]@electric-sql[\\\\/]pglite[\\\\/]dist[\\\\/].+\\.c?js$': require.resolve('./pglite-dynamic-import.transform.js'),
    },
    transformIgnorePatterns: ['[\\\\/]node_modules[\\\\/](?!@electric-sql[\\\\/]pglite[\\\\/])'],
    maxWorkers: 1,
    moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
    reporters: ['default', require.resolve('./summary-reporter.js')],
    ...overrides,
  };
}
module.exports = { jestConfig };
