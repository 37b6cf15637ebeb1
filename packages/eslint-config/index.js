// One lint configuration for every package: ESLint flat config, typescript-eslint's
// type-checked rules (each file is checked against the tsconfig.json nearest to it), and
// import-x for import cycles. Packages with extra rules add a piece from this package:
// `@longview/eslint-config/self-contained` (domain, analytics), `@longview/eslint-config/react` (web).
const { defineConfig } = require('eslint/config');
const tseslint = require('typescript-eslint');
const importX = require('eslint-plugin-import-x');

const TS_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];

/** Imports between packages go through the package name, never through a path into its source. */
const crossPackagePaths = { group: ['../../*/src/*', '@longview/*/src/*'], message: 'Import other packages by name, not by path.' };

module.exports = defineConfig(
  { ignores: ['dist/**', 'coverage/**', '**/__generated__/**', 'jest.config.js', 'eslint.config.js'] },
  {
    files: TS_FILES,
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      // Each file is type-checked with the tsconfig.json nearest to it (the package's own).
      parserOptions: { projectService: true },
    },
    plugins: { 'import-x': importX },
    settings: {
      // import-x follows (parses) only files with these extensions; the rest count as leaves.
      'import-x/extensions': ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx', '.mts', '.cts'] },
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json', '.d.ts'] })],
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: [crossPackagePaths] }],
      // Cycles inside a package (index.ts <-> a module it re-exports) make load order matter.
      // Other packages are reached through their built dist/, which a package cannot import back.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // `../../other-package/src/x` bypasses the other package's exports and build.
      'import-x/no-relative-packages': 'error',
      // An async function that satisfies a Promise-returning interface (Nest hooks, kafkajs
      // handlers, platform stop()) without awaiting is normal here; the floating- and
      // misused-promise rules catch the mistakes this one was meant for.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.spec.tsx', '**/*.test.ts', '**/*.test.tsx', 'test/**'],
    rules: {
      // Jest's asymmetric matchers (expect.any, expect.objectContaining, expect.anything) are typed `any`.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      // expect(fake.method).toHaveBeenCalled() passes methods unbound on purpose.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
