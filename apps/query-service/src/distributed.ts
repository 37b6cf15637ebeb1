import { openPostgres, type Database } from '@longview/event-store';
import {
  createKafka,
  healthHandler,
  JsonLogger,
  metricsHandler,
  MetricsRegistry,
  TopicNames,
  type HealthCheck,
  type Logger,
} from '@longview/messaging';
import type { INestApplication } from '@nestjs/common';
import { KafkaProjectionFeed } from './feed/kafka-projection-feed';
import { startQueryService, type RunningQueryService } from './index';

export interface DistributedQueryServiceOptions {
  /** PostgreSQL holding the read models (QUERY_DATABASE_URL). */
  readonly databaseUrl: string;
  readonly brokers: readonly string[];
  readonly topics?: TopicNames;
  readonly groupId?: string;
  readonly port?: number;
  readonly host?: string;
  readonly logger?: Logger;
  /** Instance name in logs and the Kafka client id (e.g. query-1). */
  readonly instance?: string;
  /** Partitions applied in parallel by this instance (default 1; see docs/benchmarks.md for 3). */
  readonly partitionsConsumedConcurrently?: number;
  readonly sessionTimeoutMs?: number;
}

export interface RunningDistributedQueryService extends RunningQueryService {
  readonly feed: KafkaProjectionFeed;
  readonly metrics: MetricsRegistry;
  readonly database: Database;
}

/**
 * One query-service instance of the distributed mode: read models in PostgreSQL, fed by the
 * query-service consumer group; GET /health is ready only when both the database answers and
 * the instance is a member of the group; GET /metrics in Prometheus text.
 */
export async function startDistributedQueryService(options: DistributedQueryServiceOptions): Promise<RunningDistributedQueryService> {
  const instance = options.instance ?? `query-${process.pid}`;
  const logger = options.logger ?? new JsonLogger({ service: 'query-service', instance });
  const metrics = new MetricsRegistry();
  const database = await openPostgres(options.databaseUrl, { max: 8 });
  const topics = options.topics ?? TopicNames.fromEnv();
  const kafka = createKafka({ brokers: options.brokers, clientId: `longview-${instance}`, logger });

  const parkedGauge = metrics.gauge('longview_events_parked', 'Events waiting in rm_parked (poison events and the events behind them)');
  const positionGauge = metrics.gauge('longview_read_model_position', 'Highest global position applied to the read models (any instance)');
  // Set once the service is up; the health check and /health's extra fields read it.
  const started: { feed?: KafkaProjectionFeed } = {};
  const checks: HealthCheck[] = [
    {
      name: 'database',
      check: async () => {
        await database.query('SELECT 1');
        return { ok: true };
      },
    },
    {
      name: 'kafka',
      check: async () => {
        const consumer = started.feed?.consumer;
        if (!consumer?.ready) return { ok: false, detail: consumer?.problem ?? 'not started' };
        const partitions = consumer.assignment.reduce((n, a) => n + a.partitions.length, 0);
        return { ok: true, detail: `member of the consumer group, ${partitions} partition(s)` };
      },
    },
  ];

  const service = await startQueryService({
    database,
    port: options.port ?? 4002,
    ...(options.host ? { host: options.host } : {}),
    beforeListen: (app: INestApplication) => {
      app.use('/health', healthHandler(checks, () => ({ position: service?.runner.position.toString(), instance, assignment: started.feed?.consumer.assignment })));
      app.use('/metrics', metricsHandler(metrics));
    },
  });
  const feed = new KafkaProjectionFeed(service.runner, {
    kafka,
    topics,
    groupId: options.groupId ?? 'longview-query-service',
    logger,
    metrics,
    partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1,
    ...(options.sessionTimeoutMs ? { sessionTimeoutMs: options.sessionTimeoutMs } : {}),
  });
  metrics.onCollect(async () => {
    const { rows } = await database.query<{ n: string }>('SELECT count(*) AS n FROM rm_parked');
    parkedGauge.set(Number(rows[0]?.n ?? 0));
    positionGauge.set(Number(await service.runner.refreshPosition()));
  });
  // Other instances move the read models too: keep /position and the analytics cache key current.
  const refresher = setInterval(() => void service.runner.refreshPosition().catch(() => undefined), 200);
  refresher.unref();
  started.feed = feed;
  await feed.start();
  logger.info('query-service started', { url: service.url, groupId: options.groupId ?? 'longview-query-service', topics: topics.eventTopics });
  return {
    ...service,
    feed,
    metrics,
    database,
    async close() {
      clearInterval(refresher);
      await feed.stop();
      await service.close();
      await database.close();
    },
  };
}
