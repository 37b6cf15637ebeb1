import { Kafka, logLevel, type Admin, type LogEntry } from 'kafkajs';
import type { Logger } from './json-logger';

export interface KafkaClientOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly logger: Logger;
}

/** `KAFKA_BROKERS` (comma-separated host:port) as a list; undefined when unset or empty. */
export function brokersFromEnv(env: NodeJS.ProcessEnv = process.env): string[] | undefined {
  const list = (env['KAFKA_BROKERS'] ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b !== '');
  return list.length > 0 ? list : undefined;
}

/** A kafkajs client whose own log lines go through our structured logger (WARN and above). */
export function createKafka(options: KafkaClientOptions): Kafka {
  const log = options.logger.child({ component: 'kafkajs' });
  return new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    logLevel: logLevel.WARN,
    // Reconnect attempts while the broker is down are retried by our own loops; keep kafkajs' short.
    retry: { initialRetryTime: 100, maxRetryTime: 2000, retries: 5 },
    logCreator:
      () =>
      ({ level, log: entry }: LogEntry) => {
        const { message, ...fields } = entry;
        log.log(level === logLevel.ERROR ? 'error' : level === logLevel.WARN ? 'warn' : 'info', String(message), fields);
      },
  });
}

/**
 * Creates the topics that are missing and waits until every partition has a leader. kafkajs'
 * `waitForLeaders` only retries LEADER_NOT_AVAILABLE, while a KRaft broker right after a create
 * can answer UNKNOWN_TOPIC_OR_PARTITION (tulios/kafkajs#1222; see infra/kafka/README.md).
 */
export async function ensureTopics(admin: Admin, topics: readonly string[], numPartitions: number, timeoutMs = 20000): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((t) => !existing.has(t));
  if (missing.length > 0) {
    try {
      await admin.createTopics({ waitForLeaders: false, topics: missing.map((topic) => ({ topic, numPartitions, replicationFactor: 1 })) });
    } catch (error) {
      // Another process created them at the same moment: fine.
      if (!(error instanceof Error && /already exists/i.test(error.message))) throw error;
    }
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const meta = await admin.fetchTopicMetadata({ topics: [...topics] });
      const ready = meta.topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0 && p.partitionErrorCode === 0));
      if (ready && meta.topics.length === topics.length) return;
    } catch (error) {
      if (!(error as { retriable?: boolean }).retriable) throw error;
    }
    if (Date.now() > deadline) throw new Error(`topics ${topics.join(', ')}: partitions without a leader after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
