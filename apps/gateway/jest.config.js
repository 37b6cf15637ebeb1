// The gateway's tests under test/ run it against in-process fakes of the two services: unit tier.
module.exports = require('@longview/jest-config').jestConfig({ unit: ['test/**/*.test.ts'] });
