// The gateway's tests under test/ run it against in-process fakes of the two services: unit tier.
module.exports = require('@longview/jest-config').jestConfig({ globalSetup: '<rootDir>/scripts/codegen-if-stale.js', unit: ['test/**/*.test.ts'] });
