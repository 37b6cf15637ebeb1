import 'reflect-metadata';

// The package's public API. Implementation lives in embedded.ts / distributed.ts, which import
// each other's parts directly (never this file), so there is no import cycle.
export { startQueryService, type QueryServiceOptions, type RunningQueryService } from './embedded';
export { startDistributedQueryService, type DistributedQueryServiceOptions, type RunningDistributedQueryService } from './distributed';
export { EventLogFollower, type GlobalFeedTarget } from './feed/event-log-follower';
export { KafkaProjectionFeed, type KafkaProjectionFeedOptions, type StreamBatchTarget } from './feed/kafka-projection-feed';
export { ProjectionRunner, type ParkedRecord, type RetryResult, type StreamBatchResult, type StreamWaitOutcome } from './runner/projection-runner';
export type { Projection, ProjectedEvent } from './runner/projection';
export { ReplayAborted, REPLAY_SCHEMA, type ReplayProgress, type ReplayResult } from './runner/blue-green-replay';
export { READ_MODELS } from './read-models/registry';
export type { ReadModel } from './read-models/read-model';
export { ReadModelQueries } from './read-models/read-model-queries';
export { CONSUMERS, enabledConsumers } from './consumers/registry';
export { ConsumerRunner } from './consumers/consumer-runner';
export { TransientConsumerError, type ConsumerFactory, type EventConsumer, type RetryPolicy } from './consumers/event-consumer';
export { QueryServiceModule, type QueryServiceDependencies } from './query-service.module';

import { READ_MODELS } from './read-models/registry';
/** @deprecated The projections of READ_MODELS (the registry); kept for callers of the earlier API. */
export const ALL_PROJECTIONS = READ_MODELS.map((m) => m.projection);
