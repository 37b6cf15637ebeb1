module.exports = require('@longview/jest-config').jestConfig();
