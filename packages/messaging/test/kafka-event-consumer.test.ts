import { HEADERS } from '@longview/contracts';
import type { StoredEvent } from '@longview/event-store';
import type { Kafka } from 'kafkajs';
import { toEventMessage } from '../src/event-message';
import { createKafka, ensureTopics } from '../src/kafka-client';
import { KafkaEventConsumer } from '../src/kafka-event-consumer';
import { silentLogger } from '../src/json-logger';
import { MetricsRegistry } from '../src/metrics';
import { testKafkaBrokers, uniqueGroupId, uniqueTopicNames } from '../src/testing';
import { collectMessages, header } from './kafka-test-helpers';

const brokers = testKafkaBrokers();

function event(streamId: string, streamVersion: number, position: number): StoredEvent {
  return {
    eventId: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
    streamId,
    streamVersion,
    globalPosition: BigInt(position),
    type: 'ObservationsRecorded',
    schemaVersion: 2,
    data: { position },
    metadata: { occurredAt: '2024-01-01T00:00:00.000Z' },
    recordedAt: '2024-01-01T00:00:00.000Z',
  };
}

(brokers ? describe : describe.skip)('KafkaEventConsumer (real broker)', () => {
  let kafka: Kafka;
  beforeAll(() => {
    kafka = createKafka({ brokers: brokers ?? [], clientId: 'consumer-test', logger: silentLogger });
  });

  it('hands every event to the handler in stream order, dead-letters parked and malformed messages, and commits', async () => {
    const topics = uniqueTopicNames();
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, topics.all, 3);
    await admin.disconnect();
    const seriesTopic = topics.forEventType('ObservationsRecorded');
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const sent = Array.from({ length: 40 }, (_, i) => event(`series-S${i % 4}`, Math.floor(i / 4) + 1, i + 1));
    await producer.send({ topic: seriesTopic, acks: -1, messages: [...sent.map(toEventMessage), { key: 'junk', value: 'not json' }] });
    await producer.disconnect();

    const received: StoredEvent[] = [];
    const metrics = new MetricsRegistry();
    const groupId = uniqueGroupId();
    const consumer = new KafkaEventConsumer({
      kafka,
      topics,
      groupId,
      metrics,
      handler: async (events) => {
        received.push(...events);
        // The "projection" cannot handle position 7: park it.
        return { parked: events.filter((e) => e.globalPosition === 7n).map((e) => ({ event: e, error: 'cannot apply 7' })) };
      },
    });
    await consumer.start();
    const deadline = Date.now() + 20000;
    while (received.length < 40 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    await consumer.stop();

    expect(received).toHaveLength(40);
    for (let s = 0; s < 4; s++) {
      expect(received.filter((e) => e.streamId === `series-S${s}`).map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    }
    const dead = await collectMessages(kafka, [topics.deadLetter], 2);
    expect(dead).toHaveLength(2);
    const reasons = dead.map((d) => header(d.message, HEADERS.deadLetterReason)).sort();
    expect(reasons[0]).toMatch(/^Malformed event message/);
    expect(reasons[1]).toBe('cannot apply 7');
    expect(dead.every((d) => header(d.message, HEADERS.deadLetterSourceTopic) === seriesTopic)).toBe(true);
    expect(await metrics.render()).toMatch(/longview_events_consumed_total 41/);

    // Offsets were committed: the same group gets nothing again.
    const admin2 = kafka.admin();
    await admin2.connect();
    const committed = await admin2.fetchOffsets({ groupId, topics: [seriesTopic] });
    const highs = await admin2.fetchTopicOffsets(seriesTopic);
    await admin2.disconnect();
    const sum = (values: string[]) => values.reduce((a, b) => a + Number(b), 0);
    const committedOffset = (partition: number) => committed[0]?.partitions.find((p) => p.partition === partition)?.offset;
    for (const { partition, high } of highs) {
      if (high !== '0') expect(committedOffset(partition)).toBe(high);
    }
    expect(sum(highs.map((h) => h.high))).toBe(41);
  });
});
