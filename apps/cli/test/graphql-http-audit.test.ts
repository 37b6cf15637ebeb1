import { serverAudits, type AuditResult } from 'graphql-http';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '../src/platform/embedded-platform';

/**
 * The gateway against graphql-http's audits of the GraphQL over HTTP specification: every MUST
 * passes; SHOULD and MAY results that do not are printed (they are choices, e.g. Apollo answers
 * a validation failure with 400 under application/json).
 */

jest.setTimeout(120_000);

let platform: EmbeddedPlatform;

beforeAll(async () => {
  platform = await startEmbeddedPlatform({ gatewayPort: 0, commandPort: 0, queryPort: 0 });
});
afterAll(async () => {
  await platform.stop();
});

it('passes every MUST audit of graphql-http', async () => {
  const results: AuditResult[] = [];
  for (const audit of serverAudits({ url: `${platform.gatewayUrl}/graphql` })) results.push(await audit.fn());
  const failed = results.filter((result) => result.status !== 'ok');
  const lines = failed.map((result) => `${result.status}: ${result.name}${'reason' in result ? ` (${result.reason})` : ''}`);
  console.log(`graphql-http audits: ${results.length - failed.length} of ${results.length} ok\n${lines.join('\n')}`);
  expect(results.length).toBeGreaterThan(30);
  const mustFailures = failed.filter((result) => result.status === 'error' || result.name.startsWith('MUST'));
  expect(mustFailures.map((result) => `${result.name}: ${'reason' in result ? result.reason : ''}`)).toEqual([]);
});
