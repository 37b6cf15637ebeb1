module.exports = require('@longview/jest-config').jestConfig({
  // Pure: the demo plan, the A&E importer and `longview spc` on plans and files, no service.
  unit: [
    'test/web-bundle.test.ts',
    'test/demo-data.test.ts',
    'test/demo-domain.test.ts',
    'test/demo-verdicts.test.ts',
    'test/import-ae.test.ts',
    'test/spc-real-data.test.ts',
  ],
  // The whole platform (embedded or distributed) driven through the gateway, or a browser on it.
  e2e: [
    'test/browser.test.ts',
    'test/browser-workspace.test.ts',
    'test/browser-lists.test.ts',
    'test/browser-journeys.test.ts',
    'test/embedded-graphql.test.ts',
    'test/authorisation-table.test.ts',
    'test/visibility-graphql.test.ts',
    'test/distributed-graphql.test.ts',
    'test/demo-analytics-graphql.test.ts',
    'test/import-ae-platform.test.ts',
    'test/fuzz-graphql.test.ts',
    'test/graphql-http-audit.test.ts',
    'test/backup-restore.test.ts',
  ],
});
