import { KafkaEventConsumer, type Logger, type MetricsRegistry, type TopicNames } from '@longview/messaging';
import type { Kafka } from 'kafkajs';
import type { ProjectionRunner } from '../projections/projection-runner';

export interface KafkaProjectionFeedOptions {
  readonly kafka: Kafka;
  readonly topics: TopicNames;
  /** Every query-service instance of one deployment uses the same group (default 'longview-query-service'). */
  readonly groupId?: string;
  readonly logger?: Logger;
  readonly metrics?: MetricsRegistry;
  readonly partitionsConsumedConcurrently?: number;
  readonly sessionTimeoutMs?: number;
}

/**
 * Distributed mode's event feed: a member of the query-service consumer group whose partition
 * batches go to `ProjectionRunner.applyStreamBatch` (per-stream checkpoints in the same
 * transaction as the read models; poison events parked, and copied to the dead-letter topic).
 */
export class KafkaProjectionFeed {
  readonly consumer: KafkaEventConsumer;

  constructor(runner: ProjectionRunner, options: KafkaProjectionFeedOptions) {
    this.consumer = new KafkaEventConsumer({
      kafka: options.kafka,
      topics: options.topics,
      groupId: options.groupId ?? 'longview-query-service',
      handler: (events) => runner.applyStreamBatch(events),
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.metrics ? { metrics: options.metrics } : {}),
      ...(options.partitionsConsumedConcurrently ? { partitionsConsumedConcurrently: options.partitionsConsumedConcurrently } : {}),
      ...(options.sessionTimeoutMs ? { sessionTimeoutMs: options.sessionTimeoutMs } : {}),
    });
  }

  start(): Promise<void> {
    return this.consumer.start();
  }

  stop(): Promise<void> {
    return this.consumer.stop();
  }
}
