const { jestConfig } = require('@longview/jest-config');

const base = jestConfig();
// PGlite needs its dynamic imports of Node built-ins rewritten to run under Jest (see the
// transform for why). Any package whose tests open PGlite needs these two settings.
module.exports = {
  ...base,
  transform: {
    ...base.transform,
    '[\\\\/]@electric-sql[\\\\/]pglite[\\\\/]dist[\\\\/].+\\.c?js$': require.resolve('./jest/pglite-dynamic-import.transform.js'),
  },
  transformIgnorePatterns: ['[\\\\/]node_modules[\\\\/](?!@electric-sql[\\\\/]pglite[\\\\/])'],
};
