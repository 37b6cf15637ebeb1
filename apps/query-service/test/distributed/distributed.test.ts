/**
 * The distributed mode against the real broker and the real PostgreSQL: relay -> Kafka ->
 * consumer group -> read models. Skipped (with a notice) without KAFKA_BROKERS or
 * LONGVIEW_TEST_PG_URL; under CI=true a missing broker fails the suite.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { HEADERS } from '@longview/contracts';
import { startDistributedCommandService, type RunningDistributedCommandService } from '@longview/command-service';
import { EventStore, type Database, type StoredEvent } from '@longview/event-store';
import { createKafka, ensureTopics, KafkaEventPublisher, OutboxRelay, silentLogger, type TopicNames } from '@longview/messaging';
import { testKafkaBrokers, uniqueGroupId, uniqueTopicNames } from '@longview/messaging/testing';
import { startDistributedQueryService, type RunningDistributedQueryService } from '../../src/distributed';
import { ActivityDigestConsumer, type ActivityDigest } from '../../src/consumers/activity-digest/activity-digest.consumer';
import { webhookReceiver } from '../../src/consumers/testing/webhook-receiver';
import type { EventConsumer } from '../../src/consumers/event-consumer';
import { ProjectionRunner } from '../../src/runner/projection-runner';
import { appliedEvents, dumpReadModels, freshDatabase, interventionHistory, killed, spawnQueryService, trustRegistered, waitUntil, wire } from './fixtures';
import { TEST_SERVICE_KEY, withCredential } from '../../src/access/testing';

type Kafka = ReturnType<typeof createKafka>;

const brokers = testKafkaBrokers();
const pgUrl = process.env['LONGVIEW_TEST_PG_URL'];
if (brokers && !pgUrl && process.env['CI'] === 'true') throw new Error('LONGVIEW_TEST_PG_URL is not set (CI=true)');
const REPO = path.resolve(__dirname, '../../../..');

jest.setTimeout(180000);

(brokers && pgUrl ? describe : describe.skip)('distributed mode (real Kafka, real PostgreSQL)', () => {
  let kafka: Kafka;
  let topics: TopicNames;
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeAll(() => {
    kafka = createKafka({ brokers: brokers ?? [], clientId: 'distributed-test', logger: silentLogger });
  });
  beforeEach(async () => {
    topics = uniqueTopicNames();
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, topics.all, 6);
    await admin.disconnect();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.warn('cleanup failed', error));
    cleanups.length = 0;
  });

  async function database(): Promise<Database> {
    const created = await freshDatabase(pgUrl ?? '');
    cleanups.push(() => created.drop());
    return created.db;
  }
  async function databaseWithUrl(): Promise<{ url: string; db: Database }> {
    const created = await freshDatabase(pgUrl ?? '');
    cleanups.push(() => created.drop());
    return created;
  }
  async function queryService(
    databaseUrl: string,
    groupId: string,
    instance: string,
    consumers: readonly EventConsumer[] = [],
  ): Promise<RunningDistributedQueryService> {
    const service = await startDistributedQueryService({
      databaseUrl,
      serviceKey: TEST_SERVICE_KEY,
      brokers: brokers ?? [],
      topics,
      groupId,
      port: 0,
      instance,
      logger: silentLogger,
      consumers,
    });
    cleanups.push(() => service.close());
    return service;
  }
  async function commandService(databaseUrl: string): Promise<RunningDistributedCommandService> {
    const service = await startDistributedCommandService({
      databaseUrl,
      brokers: brokers ?? [],
      topics,
      port: 0,
      logger: silentLogger,
      serviceKey: TEST_SERVICE_KEY,
    });
    cleanups.push(() => service.close());
    return service;
  }
  async function command(url: string, type: string, data: unknown): Promise<{ streamId: string; version: number; position: string }> {
    const response = await fetch(
      `${url}/commands/${type}`,
      await withCredential(undefined, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ data }) }),
    );
    if (response.status !== 200) throw new Error(`${type}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { streamId: string; version: number; position: string };
  }

  it('a command is readable through the query API with ?stream=&minVersion=, and /health and /metrics report it', async () => {
    const eventsDb = await databaseWithUrl();
    const readDb = await databaseWithUrl();
    const commands = await commandService(eventsDb.url);
    const query = await queryService(readDb.url, uniqueGroupId('rw'), 'query-rw');
    const accepted = await command(commands.url, 'RegisterTrust', {
      code: 'ZD1',
      name: 'Distributed Trust',
      context: { kind: 'ACUTE', region: 'LONDON' },
      effectiveFrom: '2020-04-01',
    });
    const started = Date.now();
    const response = await fetch(`${query.url}/trusts/ZD1?stream=${accepted.streamId}&minVersion=${accepted.version}&waitMs=10000`, await withCredential());
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ code: 'ZD1', name: 'Distributed Trust' });
    expect(Date.now() - started).toBeLessThan(10000);

    const health = await fetch(`${query.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', checks: { database: { ok: true }, kafka: { ok: true } } });
    expect(((await (await fetch(`${commands.url}/health`)).json()) as { status: string }).status).toBe('ok');
    const commandMetrics = await (await fetch(`${commands.url}/metrics`)).text();
    expect(commandMetrics).toMatch(/^longview_events_appended_total 1$/m);
    expect(commandMetrics).toMatch(/^longview_events_published_total 1$/m);
    const queryMetrics = await (await fetch(`${query.url}/metrics`)).text();
    expect(queryMetrics).toMatch(/^longview_events_consumed_total 1$/m);
    expect(queryMetrics).toMatch(/^longview_events_parked 0$/m);
    expect(queryMetrics).toMatch(/^longview_consumer_lag\{partition="\d",topic="[^"]+"\} 0$/m);

    // A version that does not exist yet times out with 504.
    expect((await fetch(`${query.url}/trusts/ZD1?stream=trust-ZD1&minVersion=2&waitMs=200`, await withCredential())).status).toBe(504);
  });

  it('a query-service killed with SIGKILL in the middle of 10,000 events and restarted ends identical to a clean rebuild', async () => {
    const eventsDb = await database();
    const readDb = await databaseWithUrl();
    const rebuildDb = await database();
    const store = new EventStore(eventsDb);
    await store.migrate();
    const trusts = ['ZK1', 'ZK2', 'ZK3', 'ZK4'];
    for (const code of trusts) await store.appendToStream(`trust-${code}`, [wire(trustRegistered(code))]);
    // 500 interventions of 20 events (proposed + 19 PDSA cycles): applying any event twice would show in its history.
    for (let i = 0; i < 500; i++) {
      const { streamId, events } = interventionHistory(trusts[i % trusts.length] as string, 19);
      await store.appendToStream(streamId, events.map(wire));
    }
    const total = 4 + 500 * 20;
    const timings: string[] = [];
    let mark = Date.now();
    const lap = (what: string) => {
      timings.push(`${what} ${Date.now() - mark} ms`);
      mark = Date.now();
    };
    lap('append');
    const publisher = new KafkaEventPublisher(kafka, topics);
    const relay = new OutboxRelay({ store, database: eventsDb, publisher, batchSize: 2000 });
    await relay.migrate();
    await relay.drain();
    await publisher.close();
    lap('relay');

    const groupId = uniqueGroupId('sigkill');
    const env = {
      QUERY_DATABASE_URL: readDb.url,
      KAFKA_BROKERS: (brokers ?? []).join(','),
      KAFKA_TOPIC_PREFIX: topics.prefix,
      KAFKA_GROUP_ID: groupId,
      INSTANCE: 'victim',
      KAFKA_SESSION_TIMEOUT_MS: '6000',
    };
    const first = await spawnQueryService(env);
    cleanups.push(async () => first.child.kill('SIGKILL'));
    await waitUntil('the first instance to apply 1,000 events', async () => (await appliedEvents(readDb.db)) >= 1000, 60000, 10);
    first.child.kill('SIGKILL');
    await killed(first.child);
    const appliedAtKill = await appliedEvents(readDb.db);
    lap('first instance until SIGKILL');
    expect(appliedAtKill).toBeLessThan(total); // killed in the middle, or the test proves nothing

    const second = await spawnQueryService({ ...env, INSTANCE: 'restarted' });
    cleanups.push(async () => {
      second.child.kill('SIGTERM');
      await killed(second.child);
    });
    await waitUntil(`all ${total} events applied after the restart`, async () => (await appliedEvents(readDb.db)) === total, 120000, 200);
    lap('restart until caught up');

    // The clean rebuild: the embedded path (global order from the log) into a third database.
    const rebuild = new ProjectionRunner(rebuildDb);
    await rebuild.migrate();
    for (let after = 0n; ;) {
      const batch: StoredEvent[] = await store.readAll({ after, limit: 2000 });
      if (batch.length === 0) break;
      await rebuild.applyBatch(batch);
      after = (batch[batch.length - 1] as StoredEvent).globalPosition;
    }
    lap('clean rebuild');
    const [actual, expected] = [await dumpReadModels(readDb.db), await dumpReadModels(rebuildDb)];
    expect(actual['rm_interventions']).toHaveLength(500);
    expect(actual).toEqual(expected);
    expect((await readDb.db.query('SELECT 1 FROM rm_parked')).rows).toHaveLength(0);
    console.log(
      `SIGKILL test: killed after ${appliedAtKill} of ${total} events; restarted instance finished; read models identical to the rebuild (${timings.join(', ')})`,
    );
  });

  it('two instances split the partitions, and one takes over all of them when the other stops', async () => {
    const eventsDb = await databaseWithUrl();
    const readDb = await databaseWithUrl();
    const commands = await commandService(eventsDb.url);
    const groupId = uniqueGroupId('pair');
    const a = await queryService(readDb.url, groupId, 'query-a');
    const b = await queryService(readDb.url, groupId, 'query-b');
    const partitionsOf = (s: RunningDistributedQueryService) => s.feed.consumer.assignment.flatMap((t) => t.partitions.map((p) => `${t.topic}/${p}`));
    // Settled = both own partitions, none twice, all of them (assignments change during a rebalance).
    const settled = () => {
      const [x, y] = [partitionsOf(a), partitionsOf(b)];
      return x.length > 0 && y.length > 0 && x.length + y.length === topics.eventTopics.length * 6;
    };
    await waitUntil('both instances to hold partitions', async () => settled(), 60000);
    const [pa, pb] = [partitionsOf(a), partitionsOf(b)];
    expect(pa.filter((p) => pb.includes(p))).toEqual([]);
    expect(pa.length + pb.length).toBe(topics.eventTopics.length * 6);

    const codes = Array.from({ length: 30 }, (_, i) => `ZP${i}`);
    const last = await Promise.all(
      codes.map((code) =>
        command(commands.url, 'RegisterTrust', { code, name: `Pair ${code}`, context: { kind: 'ACUTE', region: 'LONDON' }, effectiveFrom: '2020-04-01' }),
      ),
    );
    await waitUntil('every trust visible', async () => (await readDb.db.query('SELECT 1 FROM rm_trusts')).rows.length === 30);
    const consumedBy = async (s: RunningDistributedQueryService) => Number(/^longview_events_consumed_total (\d+)/m.exec(await s.metrics.render())?.[1] ?? 0);
    expect(await consumedBy(a)).toBeGreaterThan(0);
    expect(await consumedBy(b)).toBeGreaterThan(0);
    expect((await consumedBy(a)) + (await consumedBy(b))).toBe(30);
    // Either instance answers read-your-writes for a stream the other applied.
    const sample = last[0] as { streamId: string; version: number };
    expect((await fetch(`${a.url}/trusts/ZP0?stream=${sample.streamId}&minVersion=${sample.version}`, await withCredential())).status).toBe(200);
    expect((await fetch(`${b.url}/trusts/ZP0?stream=${sample.streamId}&minVersion=${sample.version}`, await withCredential())).status).toBe(200);

    await b.close();
    await waitUntil('instance a to own every partition', async () => partitionsOf(a).length === topics.eventTopics.length * 6, 60000);
    for (const code of codes.slice(0, 10)) {
      await command(commands.url, 'UpdateTrustContext', { code, context: { kind: 'ACUTE', region: 'LONDON', beds: 321 }, effectiveFrom: '2024-04-01' });
    }
    await waitUntil(
      'the updates applied by the remaining instance',
      async () => (await readDb.db.query("SELECT 1 FROM rm_trusts WHERE (context->>'beds')::int = 321")).rows.length === 10,
    );
  });

  it('a poison event is parked (and dead-lettered) while other streams advance; its stream waits behind it', async () => {
    const eventsDb = await databaseWithUrl();
    const readDb = await databaseWithUrl();
    const commands = await commandService(eventsDb.url);
    const query = await queryService(readDb.url, uniqueGroupId('poison'), 'query-poison');
    await command(commands.url, 'RegisterTrust', { code: 'ZX1', name: 'Poisoned', context: { kind: 'ACUTE', region: 'LONDON' }, effectiveFrom: '2020-04-01' });
    // Written behind the command side's back: data that breaks its contract.
    const store = new EventStore(eventsDb.db);
    await store.appendToStream('trust-ZX1', [
      { type: 'TrustContextChanged', schemaVersion: 1, data: { code: 'ZX1', context: 'not a context' }, metadata: { occurredAt: '2026-01-01T00:00:00.000Z' } },
    ]);
    // A valid event behind it (the command side itself would now refuse to fold this stream).
    const behind = await store.appendToStream('trust-ZX1', [
      wire({ type: 'TrustContextChanged', data: { code: 'ZX1', context: { kind: 'ACUTE', region: 'LONDON', beds: 100 }, effectiveFrom: '2024-04-01' } }),
    ]);
    commands.relay?.relay.notify();
    const other = await command(commands.url, 'RegisterTrust', {
      code: 'ZX2',
      name: 'Healthy',
      context: { kind: 'ACUTE', region: 'LONDON' },
      effectiveFrom: '2020-04-01',
    });

    expect((await fetch(`${query.url}/trusts/ZX2?stream=${other.streamId}&minVersion=${other.version}`, await withCredential())).status).toBe(200);
    await waitUntil('two parked events', async () => (await query.runner.listParked()).length === 2);
    const parked = await query.runner.listParked();
    expect(parked.map((p) => [p.event.streamId, p.event.streamVersion])).toEqual([
      ['trust-ZX1', 2],
      ['trust-ZX1', 3],
    ]);
    expect(parked[0]?.error).toMatch(/cannot decode: Cannot decode TrustContextChanged/);
    expect(parked[1]?.error).toMatch(/waiting behind parked version 2/);
    const waited = await fetch(`${query.url}/trusts/ZX1?stream=trust-ZX1&minVersion=${behind.version}`, await withCredential());
    expect(waited.status).toBe(504);
    expect(await waited.text()).toMatch(/parked/);
    expect(await query.metrics.render()).toMatch(/^longview_events_parked 2$/m);

    const dlq = kafka.consumer({ groupId: uniqueGroupId('dlq'), maxWaitTimeInMs: 100 });
    await dlq.connect();
    await dlq.subscribe({ topics: [topics.deadLetter], fromBeginning: true });
    const reasons: string[] = [];
    await dlq.run({ eachMessage: async ({ message }) => void reasons.push(message.headers?.[HEADERS.deadLetterReason]?.toString() ?? '') });
    await waitUntil('two dead letters', async () => reasons.length >= 2, 20000);
    await dlq.disconnect();
    expect(reasons.sort()).toEqual([expect.stringMatching(/^cannot decode/), expect.stringMatching(/^waiting behind/)]);
  });

  it('runs a consumer as its own consumer group: digests reach the webhook, a refused one parks for that consumer only', async () => {
    const receiver = await webhookReceiver<ActivityDigest>((digest) => (digest.trustCode === 'ZR2' ? 422 : 200));
    cleanups.push(() => receiver.close());
    const eventsDb = await databaseWithUrl();
    const readDb = await databaseWithUrl();
    const commands = await commandService(eventsDb.url);
    const query = await queryService(readDb.url, uniqueGroupId('digest'), 'query-digest', [new ActivityDigestConsumer({ webhookUrl: receiver.url })]);
    expect(query.consumerFeeds).toHaveLength(1);
    const za = await command(commands.url, 'RegisterTrust', {
      code: 'ZR1',
      name: 'Digest Trust',
      context: { kind: 'ACUTE', region: 'LONDON' },
      effectiveFrom: '2020-04-01',
    });
    await command(commands.url, 'RegisterTrust', {
      code: 'ZR2',
      name: 'Refused Trust',
      context: { kind: 'ACUTE', region: 'LONDON' },
      effectiveFrom: '2020-04-01',
    });
    await command(commands.url, 'UpdateTrustContext', { code: 'ZR1', context: { kind: 'ACUTE', region: 'LONDON', beds: 12 }, effectiveFrom: '2024-04-01' });
    await waitUntil('both ZR1 events in digests', async () => receiver.received.flatMap((d) => (d.trustCode === 'ZR1' ? d.events : [])).length >= 2, 30000);
    await waitUntil('the refused digest parked', async () => (await query.runner.listParked()).length === 1, 30000);
    const [parked] = await query.runner.listParked();
    expect(parked).toMatchObject({ consumer: 'activity-digest', event: { streamId: 'trust-ZR2', streamVersion: 1 } });
    expect((await readDb.db.query('SELECT 1 FROM rm_parked')).rows).toHaveLength(0);
    expect((await fetch(`${query.url}/trusts/ZR2?stream=trust-ZR2&minVersion=1`, await withCredential())).status).toBe(200);
    expect((await fetch(`${query.url}/trusts/ZR1?stream=${za.streamId}&minVersion=2`, await withCredential())).status).toBe(200);
    expect((await fetch(`${query.url}/health`)).status).toBe(200);
    // The read models' consumption counter counts the read models' group only.
    expect(await query.metrics.render()).toMatch(/^longview_events_consumed_total 3$/m);
  });

  it('loses nothing when the broker is stopped and restarted during a stream of commands', async () => {
    if ((brokers ?? [])[0] !== '127.0.0.1:19092') {
      console.warn('broker restart test skipped: it restarts the broker of infra/kafka (127.0.0.1:19092) only');
      return;
    }
    const eventsDb = await databaseWithUrl();
    const readDb = await databaseWithUrl();
    const commands = await commandService(eventsDb.url);
    const query = await queryService(readDb.url, uniqueGroupId('outage'), 'query-outage');
    const total = 150;
    const sent: { streamId: string; version: number }[] = [];
    const sending = (async () => {
      for (let i = 0; i < total; i++) {
        sent.push(
          await command(commands.url, 'RegisterTrust', {
            code: `ZB${i}`,
            name: `Outage ${i}`,
            context: { kind: 'ACUTE', region: 'LONDON' },
            effectiveFrom: '2020-04-01',
          }),
        );
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
    })();
    await waitUntil('some commands sent', async () => sent.length >= 30, 30000, 20);
    // Asynchronously: the services in this process keep taking commands while the broker is down.
    const script = (name: string) => promisify(execFile)('bash', [path.join(REPO, 'infra/kafka', name)], { timeout: 120000 });
    await script('stop.sh');
    const stoppedAt = sent.length;
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const healthWhileDown = await fetch(`${commands.url}/health`);
    const sentWhileDown = sent.length - stoppedAt;
    await script('start.sh');
    const restartedAt = Date.now();
    await sending;
    expect(stoppedAt).toBeLessThan(total);
    expect(sentWhileDown).toBeGreaterThan(10); // commands kept being accepted during the outage
    expect(healthWhileDown.status).toBe(503);
    await waitUntil(
      `all ${total} trusts visible after the outage`,
      async () => (await readDb.db.query('SELECT 1 FROM rm_trusts')).rows.length === total,
      120000,
      250,
    );
    const lastOne = sent[sent.length - 1] as { streamId: string; version: number };
    expect((await fetch(`${query.url}/trusts/ZB${total - 1}?stream=${lastOne.streamId}&minVersion=1`, await withCredential())).status).toBe(200);
    expect(commands.relay?.relay.position).toBe(await new EventStore(eventsDb.db).headPosition());
    expect((await query.runner.listParked()).length).toBe(0);
    console.log(
      `broker outage: ${sentWhileDown} commands accepted in the first 2 s of the outage; all ${total} readable ${Date.now() - restartedAt} ms after the broker was back`,
    );
  });
});
