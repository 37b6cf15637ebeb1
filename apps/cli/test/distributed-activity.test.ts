/**
 * Subscription.activity in distributed mode: Kafka, PostgreSQL, command-service, two
 * query-service processes (one consumer group) and the gateway as separate processes. A
 * subscriber receives a permitted event and not a forbidden one, and the delivery latency
 * (mutation sent -> row received) is measured and printed. Needs KAFKA_BROKERS and
 * LONGVIEW_TEST_PG_URL; skipped without them, failing under CI=true.
 */
import { randomBytes } from 'node:crypto';
import { signDevToken } from '@longview/gateway';
import { openPostgres } from '@longview/event-store';
import { testKafkaBrokers } from '@longview/messaging/testing';
import { startDistributedPlatform, type DistributedPlatform } from '../src/platform/distributed-platform';
import { latencyLine, PROPOSE, proposalOf, Subscriber } from './activity-support';
import { findRepoRoot, graphqlData } from './support';

const brokers = testKafkaBrokers();
const pgUrl = process.env['LONGVIEW_TEST_PG_URL'];
jest.setTimeout(180_000);

(brokers && pgUrl ? describe : describe.skip)('live activity over graphql-ws (distributed: real Kafka, real PostgreSQL)', () => {
  let platform: DistributedPlatform;
  const databases: string[] = [];
  const saved = { ...process.env };
  let wsUrl: string;
  const token = (claims: { role: string; trust?: string; sub?: string; name?: string }) => signDevToken(claims, platform.jwtSecret);
  const ours = { role: 'TRUST_EDITOR', trust: 'ZD1', sub: 'lead-ZD1', name: 'Sam Jones' };
  const theirs = { role: 'TRUST_EDITOR', trust: 'ZD2', sub: 'lead-ZD2', name: 'Kim Lee' };
  const propose = async (who: typeof ours, sharing: string, title: string) =>
    (
      await graphqlData<{ proposeIntervention: { intervention: { id: string } } }>(platform.gatewayUrl, PROPOSE, proposalOf(who.trust, title, sharing), {
        authorization: `Bearer ${token(who)}`,
      })
    ).proposeIntervention.intervention.id;

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
      gatewayPort: 4760,
      commandPort: 4761,
      queryPort: 4762,
      queryInstancePort: 4772,
      topicPrefix: `act${randomBytes(4).toString('hex')}.`,
      log: () => undefined,
    });
    wsUrl = `${platform.gatewayUrl.replace(/^http/, 'ws')}/graphql`;
    for (const code of ['ZD1', 'ZD2']) {
      await graphqlData(
        platform.gatewayUrl,
        `mutation($input: RegisterTrustInput!) { registerTrust(input: $input) { position } }`,
        { input: { code, name: `${code} Hospitals NHS Trust`, context: { kind: 'ACUTE', region: 'LONDON', beds: 600 }, effectiveFrom: '2020-04-01' } },
        { authorization: `Bearer ${token({ role: 'ADMIN' })}` },
      );
    }
  });
  afterAll(async () => {
    await platform?.stop();
    process.env = saved;
    const admin = await openPostgres(pgUrl ?? '', { max: 1 });
    for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.close();
  });

  it('delivers a permitted event and not a forbidden one, fed from Kafka, and measures the latency', async () => {
    const sub = new Subscriber(wsUrl, token(ours));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const secret = await propose(theirs, 'PRIVATE', 'Their private plan');
    const shared = await propose(theirs, 'PUBLIC', 'Their public plan');
    await sub.arrival((row) => row.interventionId === shared, 30_000);
    expect(sub.rows.map((r) => r.row.interventionId)).toEqual([shared]);
    expect(sub.rows.map((r) => r.row.interventionId)).not.toContain(secret);

    const latencies: number[] = [];
    for (let i = 0; i < 11; i += 1) {
      const title = `Latency probe ${i}`;
      const sent = performance.now();
      const arrived = sub.arrival((row) => row.interventionTitle === title, 30_000);
      await propose(ours, 'PUBLIC', title);
      latencies.push((await arrived) - sent);
    }
    await sub.stop();
    const { median, line } = latencyLine('distributed', latencies);
    console.log(line);
    expect(median).toBeGreaterThan(0);
  });
});
