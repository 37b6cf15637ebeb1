// The web client's pure helpers (src/lib/*.spec.ts): unit tier. Pages are checked in a browser (apps/cli/test/browser.test.ts).
module.exports = require('@longview/jest-config').jestConfig();
