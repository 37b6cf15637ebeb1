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
      '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', isolatedModules: true, diagnostics: false }],
    },
    moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
    reporters: ['default', require.resolve('./summary-reporter.js')],
    ...overrides,
  };
}
module.exports = { jestConfig };
