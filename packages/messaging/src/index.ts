export { TopicNames } from './topic-names';
export { toEventMessage, fromEventMessage, MalformedEventMessageError, type OutgoingMessage } from './event-message';
export { brokersFromEnv, createKafka, ensureTopics, type KafkaClientOptions } from './kafka-client';
export { KafkaEventPublisher, type EventPublisher } from './kafka-event-publisher';
export { OutboxRelay, type OutboxRelayOptions } from './outbox-relay';
export {
  KafkaEventConsumer,
  type EventBatchHandler,
  type EventBatchResult,
  type KafkaEventConsumerOptions,
  type ParkedEvent,
  type PartitionAssignment,
} from './kafka-event-consumer';
export { Counter, Gauge, MetricsRegistry, PROMETHEUS_CONTENT_TYPE } from './metrics';
export { JsonLogger, silentLogger, errorMessage, type Logger, type LogLevel } from './json-logger';
export { healthHandler, metricsHandler, runHealthChecks, startOpsServer, type HealthCheck, type HealthReport } from './ops-http-server';
export { startRelay, type RunningRelay, type RelayConfig } from './relay-process';
export { runServiceProcess } from './service-process';
export { portFromEnv, wholeNumberFromEnv } from './env-numbers';
export { LeaderElectedRelay, PostgresAdvisoryLeaderLock, RELAY_LEADER_LOCK_KEY, type LeaderLock, type LeaderElectedRelayOptions } from './relay-leadership';
