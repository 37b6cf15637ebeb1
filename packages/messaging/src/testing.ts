import { randomBytes } from 'node:crypto';
import { brokersFromEnv } from './kafka-client';
import { TopicNames } from './topic-names';

const MISSING_BROKERS_MESSAGE = 'KAFKA_BROKERS is not set: start the broker with `export "$(infra/kafka/start.sh)"` (npm test does this)';
let skipNoticeShown = false;

/**
 * The broker the Kafka tests use, for `describe`:
 *
 *   const brokers = testKafkaBrokers();
 *   (brokers ? describe : describe.skip)('relay against Kafka', () => { ... })
 *
 * Undefined (with a one-time notice) when KAFKA_BROKERS is unset, so a developer without Java
 * can still run the rest. On CI (CI=true) it throws instead, so the suite cannot pass silently
 * without a broker.
 */
export function testKafkaBrokers(): string[] | undefined {
  const brokers = brokersFromEnv();
  if (brokers) return brokers;
  if (process.env['CI'] === 'true') throw new Error(MISSING_BROKERS_MESSAGE);
  if (!skipNoticeShown) {
    skipNoticeShown = true;
    console.warn(`[messaging/testing] Kafka tests skipped: ${MISSING_BROKERS_MESSAGE}`);
  }
  return undefined;
}

/** Topic names no other test (or run) shares: `t<random>.longview.events.*`. */
export function uniqueTopicNames(label = 't'): TopicNames {
  return new TopicNames(`${label}${randomBytes(4).toString('hex')}.`);
}

export function uniqueGroupId(label = 'test'): string {
  return `${label}-${randomBytes(4).toString('hex')}`;
}
