/**
 * `longview start --distributed` end to end: Kafka, PostgreSQL, command-service, two
 * query-service processes and the gateway; a GraphQL mutation becomes visible through GraphQL.
 * Needs KAFKA_BROKERS and LONGVIEW_TEST_PG_URL (npm test provides both); skipped without them,
 * failing under CI=true.
 */
import { randomBytes } from 'node:crypto';
import { signDevToken } from '@longview/gateway';
import { openPostgres } from '@longview/event-store';
import { testKafkaBrokers } from '@longview/messaging/testing';
import { startDistributedPlatform, type DistributedPlatform } from '../src/platform/distributed-platform';
import { findRepoRoot, graphql, graphqlData } from './support';

const brokers = testKafkaBrokers();
const pgUrl = process.env['LONGVIEW_TEST_PG_URL'];
jest.setTimeout(120000);

(brokers && pgUrl ? describe : describe.skip)('longview start --distributed (real Kafka, real PostgreSQL, separate processes)', () => {
  let platform: DistributedPlatform;
  const databases: string[] = [];
  const lines: string[] = [];
  const saved = { ...process.env };

  beforeAll(async () => {
    const admin = await openPostgres(pgUrl ?? '', { max: 1 });
    const urls: string[] = [];
    for (const kind of ['events', 'read']) {
      const name = `lv_test_${kind}_${randomBytes(5).toString('hex')}`;
      await admin.query(`CREATE DATABASE ${name}`);
      databases.push(name);
      const url = new URL(pgUrl ?? '');
      url.pathname = `/${name}`;
      urls.push(url.toString());
    }
    await admin.close();
    process.env['DATABASE_URL'] = urls[0];
    process.env['QUERY_DATABASE_URL'] = urls[1];
    process.env['KAFKA_BROKERS'] = (brokers ?? []).join(',');
    platform = await startDistributedPlatform({
      repoRoot: findRepoRoot(),
      gatewayPort: 4300,
      commandPort: 4301,
      queryPort: 4302,
      queryInstancePort: 4312,
      topicPrefix: `cli${randomBytes(4).toString('hex')}.`,
      log: (line) => lines.push(line),
    });
  });
  afterAll(async () => {
    await platform?.stop();
    process.env = saved;
    const admin = await openPostgres(pgUrl ?? '', { max: 1 });
    for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.close();
  });

  it('runs each app as its own process with prefixed JSON logs, and a mutation becomes visible through GraphQL', async () => {
    expect(platform.processes.map((p) => p.running)).toEqual([true, true, true, true]);
    expect(lines.some((l) => /^\[command\s*\] \{"time":/.test(l))).toBe(true);
    expect(lines.some((l) => /^\[query-1\s*\] \{.*"msg":"joined consumer group"/.test(l))).toBe(true);
    expect(lines.some((l) => /^\[query-2\s*\] \{.*"msg":"joined consumer group"/.test(l))).toBe(true);

    const token = signDevToken({ role: 'admin' }, platform.jwtSecret);
    const auth = { authorization: `Bearer ${token}` };
    const started = Date.now();
    const result = await graphqlData<{ registerTrust: { position: string; trust: { code: string; name: string } } }>(
      platform.gatewayUrl,
      `mutation($input: RegisterTrustInput!) { registerTrust(input: $input) { position trust { code name } } }`,
      { input: { code: 'ZW1', name: 'Wharfside Distributed NHS Trust', context: { kind: 'ACUTE', region: 'LONDON', beds: 300 }, effectiveFrom: '2020-04-01' } },
      auth,
    );
    expect(result.registerTrust.trust).toEqual({ code: 'ZW1', name: 'Wharfside Distributed NHS Trust' });
    const read = await graphql<{ trust: { name: string; context: { beds: number } } | null }>(
      platform.gatewayUrl,
      `
        {
          trust(code: "ZW1") {
            name
            context {
              beds
            }
          }
        }
      `,
      {},
      auth,
    );
    expect(read.data?.trust).toEqual({ name: 'Wharfside Distributed NHS Trust', context: { beds: 300 } });
    console.log(`distributed GraphQL: mutation + read took ${Date.now() - started} ms`);

    // No token: public and read only; and the distributed mode never offers the demo sign-in.
    const anonymous = await graphql(
      platform.gatewayUrl,
      `
        mutation {
          registerTrust(input: { code: "ZW2", name: "Anonymous NHS Trust", context: { kind: ACUTE, region: LONDON } }) {
            position
          }
        }
      `,
    );
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const demo = await fetch(`${platform.gatewayUrl}/auth/demo-sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"role":"ADMIN"}',
    });
    expect(demo.status).toBe(404);

    for (const url of [platform.commandServiceUrl, ...platform.queryInstanceUrls]) {
      const health = await fetch(`${url}/health`);
      expect(health.status).toBe(200);
      expect(await (await fetch(`${url}/metrics`)).text()).toMatch(/^# TYPE longview_/m);
    }
  });

  it("consumes every aggregate's topic: a mentorship offer and a lesson are read back through the query service", async () => {
    // ZW1 is registered by the test above. Mentorship and lessons have their own Kafka topics.
    const editor = { authorization: `Bearer ${signDevToken({ role: 'TRUST_EDITOR', trust: 'ZW1', name: 'Wharfside lead' }, platform.jwtSecret)}` };
    await graphqlData(
      platform.gatewayUrl,
      `mutation { offerMentorship(input: { categories: [PATIENT_FLOW], metrics: [], capacity: 2 }) { position } }`,
      {},
      editor,
    );
    const offers = await graphqlData<{ myMentorshipOffers: { capacity: number }[] }>(platform.gatewayUrl, `{ myMentorshipOffers { capacity } }`, {}, editor);
    expect(offers.myMentorshipOffers).toEqual([{ capacity: 2 }]);
    await graphqlData(
      platform.gatewayUrl,
      `mutation { shareLesson(input: { title: "Hand over ownership early", body: "The ward teams kept it going", sharing: PUBLIC }) { position } }`,
      {},
      editor,
    );
    const lessons = await graphqlData<{ lessons: { totalCount: number } }>(platform.gatewayUrl, `{ lessons { totalCount } }`, {}, editor);
    expect(lessons.lessons.totalCount).toBe(1);
  });
});
