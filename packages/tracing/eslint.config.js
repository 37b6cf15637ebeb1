module.exports = require('@longview/eslint-config');
