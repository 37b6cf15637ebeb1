import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Database, EventStore } from '@longview/event-store';
import { EventLogFollower } from './feed/event-log-follower';
import { ProjectionRunner } from './projections/projection-runner';
import { QueryServiceModule } from './query-service.module';

export { EventLogFollower } from './feed/event-log-follower';
export { KafkaProjectionFeed, type KafkaProjectionFeedOptions } from './feed/kafka-projection-feed';
export {
  ALL_PROJECTIONS,
  ProjectionRunner,
  type ParkedRecord,
  type RetryResult,
  type StreamBatchResult,
  type StreamWaitOutcome,
} from './projections/projection-runner';
export { startDistributedQueryService, type DistributedQueryServiceOptions, type RunningDistributedQueryService } from './distributed';
export type { Projection, ProjectedEvent } from './projections/projection';
export { ReadModelQueries } from './queries/read-model.queries';
export { QueryServiceModule, type QueryServiceDependencies } from './query-service.module';

export interface RunningQueryService {
  readonly app: INestApplication;
  readonly url: string;
  readonly runner: ProjectionRunner;
  readonly follower: EventLogFollower | undefined;
  close(): Promise<void>;
}

/**
 * Starts the query service. With `followStore` (embedded mode) it follows the event store's
 * global log in-process; otherwise something else (the Kafka consumer) feeds `runner`.
 */
export async function startQueryService(
  options: {
    database: Database;
    followStore?: EventStore;
    port?: number;
    host?: string;
    logger?: boolean;
    /** Called before the app listens: mounts extra handlers (distributed mode's /health and /metrics). */
    beforeListen?: (app: INestApplication) => void;
  },
): Promise<RunningQueryService> {
  const runner = new ProjectionRunner(options.database);
  await runner.migrate();
  const follower = options.followStore ? new EventLogFollower(options.followStore, runner) : undefined;
  if (follower) {
    await follower.catchUp();
    follower.start();
  }
  const app = await NestFactory.create(QueryServiceModule.register({ database: options.database, runner }), {
    logger: options.logger === false ? false : ['error', 'warn'],
  });
  options.beforeListen?.(app);
  const host = options.host ?? '127.0.0.1';
  await app.listen(options.port ?? 4002, host);
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    url: `http://${host}:${address.port}`,
    runner,
    follower,
    close: async () => {
      await follower?.stop();
      await app.close();
    },
  };
}
