// The codec, catalogue and upcasting tests under test/ are pure: unit tier.
module.exports = require('@longview/jest-config').jestConfig({ unit: ['test/**/*.test.ts'] });
