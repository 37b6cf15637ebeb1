// For the React client: the rules of hooks and the React Compiler's checks (eslint-plugin-react-hooks).
// Added after the shared config: `[...base, ...react]`.
const { defineConfig } = require('eslint/config');
const reactHooks = require('eslint-plugin-react-hooks');

module.exports = defineConfig({
  files: ['**/*.ts', '**/*.tsx'],
  extends: [reactHooks.configs.flat['recommended-latest']],
});
