module.exports = require('@longview/jest-config').jestConfig({ globalSetup: '<rootDir>/scripts/codegen-if-stale.js' });
