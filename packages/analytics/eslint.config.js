module.exports = [...require('@longview/eslint-config'), ...require('@longview/eslint-config/self-contained')];
