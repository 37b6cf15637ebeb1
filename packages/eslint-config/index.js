// One lint configuration for every package (ESLint flat config + typescript-eslint).
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  { ignores: ['dist/**', 'coverage/**', '**/__generated__/**', 'jest.config.js', 'eslint.config.js'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: [{ group: ['../../*/src/*', '@longview/*/src/*'], message: 'Import other packages by name, not by path.' }] }],
    },
  },
);
