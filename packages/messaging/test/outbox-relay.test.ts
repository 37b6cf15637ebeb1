import { HEADERS } from '@longview/contracts';
import { EventStore, type Database, type NewEvent, type StoredEvent } from '@longview/event-store';
import { openFreshPostgresDatabase, testDatabases } from '@longview/event-store/testing';
import type { Kafka } from 'kafkajs';
import { createKafka, ensureTopics } from '../src/kafka-client';
import { KafkaEventPublisher, type EventPublisher } from '../src/kafka-event-publisher';
import { silentLogger } from '../src/json-logger';
import { MetricsRegistry } from '../src/metrics';
import { OutboxRelay } from '../src/outbox-relay';
import { testKafkaBrokers, uniqueTopicNames } from '../src/testing';
import { collectMessages, header } from './kafka-test-helpers';

function observation(n: number, traceparent?: string): NewEvent {
  return {
    type: 'ObservationsRecorded',
    schemaVersion: 2,
    data: { n },
    metadata: { occurredAt: '2024-01-01T00:00:00.000Z', ...(traceparent ? { traceparent } : {}) },
  };
}

/** A publisher that fails while `down` is true, and records what it delivered. */
class FlakyPublisher implements EventPublisher {
  down = false;
  attempts = 0;
  resets = 0;
  readonly delivered: StoredEvent[] = [];
  async publish(events: readonly StoredEvent[]): Promise<void> {
    this.attempts++;
    if (this.down) throw new Error('broker unreachable');
    this.delivered.push(...events);
  }
  async reset(): Promise<void> {
    this.resets++;
  }
  async close(): Promise<void> {}
}

async function until(condition: () => boolean, timeoutMs = 10000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(testDatabases())('OutboxRelay without a broker ($name)', ({ open }) => {
  let db: Database;
  let store: EventStore;
  beforeEach(async () => {
    db = await open();
    store = new EventStore(db);
    await store.migrate();
  });
  afterEach(() => db.close());

  it('retries the same batch with backoff while the destination is down, and loses nothing', async () => {
    const publisher = new FlakyPublisher();
    const metrics = new MetricsRegistry();
    const relay = new OutboxRelay({ store, database: db, publisher, initialBackoffMs: 10, maxBackoffMs: 40, pollMs: 20, metrics, logger: silentLogger });
    await relay.migrate();
    for (let i = 1; i <= 5; i++) await store.appendToStream(`series-A-${i % 2}`, [observation(i)]);
    publisher.down = true;
    relay.start();
    await until(() => publisher.attempts >= 5);
    expect(relay.healthy).toBe(false);
    expect(relay.position).toBe(0n);
    for (let i = 6; i <= 8; i++) await store.appendToStream('series-B', [observation(i)]);
    publisher.down = false;
    relay.notify();
    await until(() => publisher.delivered.length === 8);
    await relay.stop();
    expect(publisher.delivered.map((e) => (e.data as { n: number }).n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(publisher.resets).toBeGreaterThanOrEqual(4);
    expect(relay.healthy).toBe(true);
    expect(await metrics.render()).toMatch(/longview_events_published_total 8/);
  });

  it('lingers after a wake-up, so appends landing close together are sent in one batch', async () => {
    const publisher = new FlakyPublisher();
    // Reads of the log counted, to know when the relay has found nothing and gone to sleep.
    let reads = 0;
    const counted = Object.create(store) as EventStore;
    counted.readAll = (...args) => {
      reads++;
      return store.readAll(...args);
    };
    // A long linger (the default is 2 ms) so the test does not depend on how fast appends are here.
    // pollMs short enough that a read which found nothing (PostgreSQL's readAll stops below the oldest
    // open transaction of the cluster, which another test's connection may hold) is retried, instead
    // of the relay sleeping past the test's timeout.
    const relay = new OutboxRelay({ store: counted, database: db, publisher, pollMs: 5_000, lingerMs: 2_000 });
    await relay.migrate();
    relay.start();
    await until(() => reads === 1); // its first read found nothing: it sleeps until notified
    await store.appendToStream('series-L-1', [observation(1)]);
    relay.notify();
    await store.appendToStream('series-L-2', [observation(2)]);
    relay.notify();
    await store.appendToStream('series-L-3', [observation(3)]);
    relay.notify();
    await until(() => publisher.delivered.length === 3);
    await relay.stop();
    expect(publisher.attempts).toBe(1);
    expect(publisher.delivered.map((e) => (e.data as { n: number }).n)).toEqual([1, 2, 3]);
  }, 30_000);

  it('resumes from its stored checkpoint in a new process', async () => {
    const first = new FlakyPublisher();
    const relay1 = new OutboxRelay({ store, database: db, publisher: first, batchSize: 2 });
    await relay1.migrate();
    for (let i = 1; i <= 5; i++) await store.appendToStream('series-C', [observation(i)]);
    await relay1.publishNextBatch(); // 1, 2
    await relay1.publishNextBatch(); // 3, 4
    const second = new FlakyPublisher();
    const relay2 = new OutboxRelay({ store, database: db, publisher: second, batchSize: 2 });
    await relay2.migrate();
    expect(relay2.position).toBe(relay1.position);
    await relay2.drain();
    expect(second.delivered.map((e) => (e.data as { n: number }).n)).toEqual([5]);
  });
});

const brokers = testKafkaBrokers();
const pgUrl = process.env['LONGVIEW_TEST_PG_URL'];

(brokers && pgUrl ? describe : describe.skip)('OutboxRelay to Kafka (real broker, PostgreSQL)', () => {
  let kafka: Kafka;
  let db: Database;
  let store: EventStore;
  beforeAll(() => {
    kafka = createKafka({ brokers: brokers ?? [], clientId: 'relay-test', logger: silentLogger });
  });
  beforeEach(async () => {
    db = await openFreshPostgresDatabase(pgUrl ?? '');
    store = new EventStore(db);
    await store.migrate();
  });
  afterEach(() => db.close());

  it('publishes every event keyed by stream id, in stream order, with the contract headers', async () => {
    const topics = uniqueTopicNames();
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, topics.all, 3);
    await admin.disconnect();
    const streams = ['series-RJ1-ae-4hr', 'trust-RJ1', 'intervention-1', 'series-RJ2-ae-4hr'];
    const trace = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const types: Record<string, string> = { series: 'ObservationsRecorded', trust: 'TrustContextChanged', intervention: 'PdsaCycleLogged' };
    for (let i = 0; i < 60; i++) {
      const stream = streams[i % streams.length] as string;
      const type = types[stream.split('-')[0] as string] as string;
      await store.appendToStream(stream, [{ ...observation(i, trace), type }]);
    }
    const publisher = new KafkaEventPublisher(kafka, topics);
    const relay = new OutboxRelay({ store, database: db, publisher, batchSize: 25 });
    await relay.migrate();
    await relay.drain();
    await publisher.close();
    expect(relay.position).toBe(await store.headPosition());

    const received = await collectMessages(kafka, topics.eventTopics, 60);
    expect(received).toHaveLength(60);
    const byStream = new Map<string, { partition: number; versions: number[]; topic: string }>();
    for (const { topic, partition, message } of received) {
      const streamId = message.key?.toString() ?? '';
      expect(header(message, HEADERS.streamId)).toBe(streamId);
      expect(header(message, HEADERS.traceparent)).toBe(trace);
      expect(header(message, HEADERS.eventId)).toMatch(/^[0-9a-f-]{36}$/);
      expect(header(message, HEADERS.schemaVersion)).toBe('2');
      expect(Number(header(message, HEADERS.globalPosition))).toBeGreaterThan(0);
      const entry = byStream.get(streamId) ?? { partition, versions: [], topic };
      expect(entry.partition).toBe(partition); // a stream stays on one partition
      entry.versions.push(Number(header(message, HEADERS.streamVersion)));
      byStream.set(streamId, entry);
    }
    for (const [streamId, { versions, topic }] of byStream) {
      expect(versions).toEqual(Array.from({ length: 15 }, (_, i) => i + 1)); // in order, no duplicates
      expect(topic).toBe(topics.prefix + `longview.events.${streamId.split('-')[0]}`);
    }
  });
});
