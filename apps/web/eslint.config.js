export default (await import('@longview/eslint-config')).default;
