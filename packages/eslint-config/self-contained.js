// For packages that must stay pure and portable (domain, analytics): they import only their own
// files, by relative path. No npm packages, no node: built-ins, no other @longview packages, so
// they run anywhere (browser, worker, another service) and their tests need nothing around them.
// Added after the shared config: `[...require('@longview/eslint-config'), ...require('@longview/eslint-config/self-contained')]`.
const { defineConfig } = require('eslint/config');

/** Anything that does not start with ./ or ../ (a package name, node:fs, fs, a URL). `\x2F` is `/`, which esquery's regex syntax cannot hold. */
const NOT_RELATIVE = '^(?!\\.\\.?(\\x2F|$))';
const MESSAGE =
  'This package is self-contained: import only its own files, by relative path (no npm packages, no node: built-ins, no other workspace packages).';
const notRelativeLiteral = `Literal[value=/${NOT_RELATIVE}/]`;

module.exports = defineConfig({
  files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],
  // Tests may use dev dependencies (fast-check, jest); only what ships must stay self-contained.
  ignores: ['**/*.spec.ts', '**/*.spec.tsx', '**/*.test.ts', 'test/**'],
  rules: {
    // The typescript-eslint variant also sees `import x = require('...')`; type-only imports count too.
    'no-restricted-imports': 'off',
    '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ regex: NOT_RELATIVE, message: MESSAGE }] }],
    'no-restricted-syntax': [
      'error',
      { selector: `ImportExpression > ${notRelativeLiteral}.source`, message: MESSAGE },
      { selector: `CallExpression[callee.name='require'] > ${notRelativeLiteral}.arguments`, message: MESSAGE },
      { selector: `TSImportType ${notRelativeLiteral}`, message: MESSAGE },
    ],
  },
});
