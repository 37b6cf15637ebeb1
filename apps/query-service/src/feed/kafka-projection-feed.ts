import type { StoredEvent } from '@longview/event-store';
import {
  KafkaEventConsumer,
  type EventBatchResult,
  type KafkaEventConsumerOptions,
  type Logger,
  type MetricsRegistry,
  type TopicNames,
} from '@longview/messaging';

/** What a Kafka feed feeds: the read models' ProjectionRunner or a ConsumerRunner. */
export interface StreamBatchTarget {
  applyStreamBatch(events: readonly StoredEvent[]): Promise<EventBatchResult>;
}

export interface KafkaProjectionFeedOptions {
  /** The client (`createKafka` of @longview/messaging, which owns the Kafka dependency). */
  readonly kafka: KafkaEventConsumerOptions['kafka'];
  readonly topics: TopicNames;
  /** Every query-service instance of one deployment uses the same group (default 'longview-query-service'). */
  readonly groupId?: string;
  readonly logger?: Logger;
  readonly metrics?: MetricsRegistry;
  readonly partitionsConsumedConcurrently?: number;
  readonly sessionTimeoutMs?: number;
}

/**
 * Distributed mode's event feed: a member of a consumer group whose partition batches go to
 * `applyStreamBatch` of the read models (group 'longview-query-service') or of one consumer (its
 * own group): per-stream checkpoints, poison events parked and copied to the dead-letter topic.
 */
export class KafkaProjectionFeed {
  readonly consumer: KafkaEventConsumer;

  constructor(target: StreamBatchTarget, options: KafkaProjectionFeedOptions) {
    this.consumer = new KafkaEventConsumer({
      kafka: options.kafka,
      topics: options.topics,
      groupId: options.groupId ?? 'longview-query-service',
      handler: (events) => target.applyStreamBatch(events),
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
