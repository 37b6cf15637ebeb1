import 'reflect-metadata';
import { Logger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { answerClientErrorsWithJson } from '@longview/contracts';
import type { Database, EventStore } from '@longview/event-store';
import { serviceKeyFromEnv } from '@longview/service-auth';
import { traceHttpRequests } from '@longview/tracing';
import { ConsumerRunner } from './consumers/consumer-runner';
import type { EventConsumer } from './consumers/event-consumer';
import { enabledConsumers } from './consumers/registry';
import { EventLogFollower } from './feed/event-log-follower';
import { rejectMalformedUrl } from './http/malformed-url.middleware';
import { QueryServiceModule } from './query-service.module';
import { ProjectionRunner } from './runner/projection-runner';

export interface RunningQueryService {
  readonly app: INestApplication;
  readonly url: string;
  readonly runner: ProjectionRunner;
  /** The read models' feed in embedded mode (undefined when something else, e.g. Kafka, feeds `runner`). */
  readonly follower: EventLogFollower | undefined;
  /** The consumers that are switched on, each with its own checkpoints. */
  readonly consumers: readonly ConsumerRunner[];
  close(): Promise<void>;
}

export interface QueryServiceOptions {
  readonly database: Database;
  /** Embedded mode: follow this store's global log in-process. */
  readonly followStore?: EventStore;
  readonly port?: number;
  readonly host?: string;
  /** The key of the service credentials every data route needs; default LONGVIEW_SERVICE_KEY. */
  readonly serviceKey?: string;
  readonly logger?: boolean;
  /** Consumers to run (default: the registry's, configured from the environment). */
  readonly consumers?: readonly EventConsumer[];
  /** Follower tuning (tests). */
  readonly follow?: { readonly pollMs?: number; readonly batchSize?: number };
  /** Called before the app listens: mounts extra handlers (distributed mode's /health and /metrics). */
  readonly beforeListen?: (app: INestApplication) => void;
}

/**
 * Starts the query service. With `followStore` (embedded mode) the read models and every consumer
 * follow the event store's global log in-process, each behind its own follower; otherwise
 * something else (the Kafka consumer groups, see distributed.ts) feeds `runner` and `consumers`.
 */
export async function startQueryService(options: QueryServiceOptions): Promise<RunningQueryService> {
  const serviceKey = options.serviceKey ?? serviceKeyFromEnv(process.env);
  const log = new Logger('QueryService');
  const consumers = (options.consumers ?? enabledConsumers()).map(
    (consumer) =>
      new ConsumerRunner(options.database, consumer, {
        onRetry: (attempt, error) => log.warn(`consumer ${consumer.name}: attempt ${attempt} failed, retrying: ${error}`),
      }),
  );
  const runner = new ProjectionRunner(options.database, undefined, { consumers });
  const { stale } = await runner.migrate();
  if (stale.length > 0) log.warn(`read models built by an older version: ${stale.join(', ')}; run \`longview replay --projection NAME\``);

  const store = options.followStore;
  const consumerFollowers = store ? consumers.map((c) => new EventLogFollower(store, c, { ...options.follow, name: c.name })) : [];
  const follower = store ? new EventLogFollower(store, runner, { ...options.follow, onNotify: () => consumerFollowers.forEach((f) => f.notify()) }) : undefined;
  if (follower) {
    await follower.catchUp();
    follower.start();
    // Consumers catch up in the background: a slow webhook must not delay the start.
    for (const f of consumerFollowers) f.start();
  }
  const app = await NestFactory.create(QueryServiceModule.register({ database: options.database, runner, serviceKey }), {
    logger: options.logger === false ? false : ['error', 'warn'],
  });
  // Before the routes: no NUL, lone surrogate or over-long id reaches SQL; 400s, not 22021 or 431.
  app.use(rejectMalformedUrl);
  // A SERVER span per request, in the gateway's trace when it sends a traceparent.
  app.use(traceHttpRequests('query-service'));
  answerClientErrorsWithJson(app.getHttpServer() as import('node:http').Server);
  options.beforeListen?.(app);
  const host = options.host ?? '127.0.0.1';
  await app.listen(options.port ?? 4002, host);
  const address = (app.getHttpServer() as import('node:http').Server).address() as { port: number };
  return {
    app,
    url: `http://${host}:${address.port}`,
    runner,
    follower,
    consumers,
    close: async () => {
      await follower?.stop();
      for (const f of consumerFollowers) await f.stop();
      await app.close();
    },
  };
}
