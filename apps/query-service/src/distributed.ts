import { openPostgres, type Database } from '@longview/event-store';
import { createKafka, healthHandler, JsonLogger, metricsHandler, MetricsRegistry, TopicNames, type HealthCheck, type Logger } from '@longview/messaging';
import type { INestApplication } from '@nestjs/common';
import type { EventConsumer } from './consumers/event-consumer';
import { KafkaProjectionFeed } from './feed/kafka-projection-feed';
import { startQueryService, type RunningQueryService } from './embedded';

/**
 * Partitions one instance applies in parallel, each batch in its own transaction. Every projection
 * takes its row locks once per batch in key order, projections apply in a fixed order and the
 * activity feed takes its counter last, so parallel batches wait on each other's rows instead of
 * deadlocking (a deadlock would still only retry the batch). Measured in docs/benchmarks.md.
 */
export const DEFAULT_PARTITIONS_CONCURRENTLY = 3;

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
  /** Partitions applied in parallel by this instance (default DEFAULT_PARTITIONS_CONCURRENTLY). */
  readonly partitionsConsumedConcurrently?: number;
  readonly sessionTimeoutMs?: number;
  /** Consumers to run (default: the registry's, configured from the environment). */
  readonly consumers?: readonly EventConsumer[];
  /** The key of the service credentials every data route needs; default LONGVIEW_SERVICE_KEY. */
  readonly serviceKey?: string;
}

export interface RunningDistributedQueryService extends RunningQueryService {
  readonly feed: KafkaProjectionFeed;
  /** One feed per consumer, each in its own consumer group (`<groupId>.<consumer name>`). */
  readonly consumerFeeds: readonly KafkaProjectionFeed[];
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
  const started: { feed?: KafkaProjectionFeed; consumerFeeds?: readonly KafkaProjectionFeed[] } = {};
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
        const notReady = (started.consumerFeeds ?? []).find((f) => !f.consumer.ready);
        if (notReady) return { ok: false, detail: `consumer group of a consumer: ${notReady.consumer.problem ?? 'not started'}` };
        const partitions = consumer.assignment.reduce((n, a) => n + a.partitions.length, 0);
        return { ok: true, detail: `member of the consumer group, ${partitions} partition(s)` };
      },
    },
  ];

  const service = await startQueryService({
    database,
    ...(options.consumers ? { consumers: options.consumers } : {}),
    port: options.port ?? 4002,
    ...(options.serviceKey ? { serviceKey: options.serviceKey } : {}),
    ...(options.host ? { host: options.host } : {}),
    beforeListen: (app: INestApplication) => {
      app.use(
        '/health',
        healthHandler(checks, () => ({ position: service?.runner.position.toString(), instance, assignment: started.feed?.consumer.assignment })),
      );
      app.use('/metrics', metricsHandler(metrics));
    },
  });
  const groupId = options.groupId ?? 'longview-query-service';
  const feed = new KafkaProjectionFeed(service.runner, {
    kafka,
    topics,
    groupId,
    logger,
    metrics,
    partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? DEFAULT_PARTITIONS_CONCURRENTLY,
    ...(options.sessionTimeoutMs ? { sessionTimeoutMs: options.sessionTimeoutMs } : {}),
  });
  metrics.onCollect(async () => {
    parkedGauge.set(await service.runner.parkedCount());
    positionGauge.set(Number(await service.runner.refreshPosition()));
  });
  // Other instances move the read models too: keep /position and the analytics cache key current.
  const refresher = setInterval(() => void service.runner.refreshPosition().catch(() => undefined), 200);
  refresher.unref();
  // Each consumer is its own group, so it keeps its own offsets and never holds back the read
  // models; its metrics stay out of the read models' (longview_events_consumed_total counts those).
  const consumerFeeds = service.consumers.map(
    (consumer) =>
      new KafkaProjectionFeed(consumer, {
        kafka,
        topics,
        groupId: `${groupId}.${consumer.name}`,
        logger,
        ...(options.sessionTimeoutMs ? { sessionTimeoutMs: options.sessionTimeoutMs } : {}),
      }),
  );
  started.feed = feed;
  started.consumerFeeds = consumerFeeds;
  await feed.start();
  for (const consumerFeed of consumerFeeds) await consumerFeed.start();
  logger.info('query-service started', { url: service.url, groupId, consumers: service.consumers.map((c) => c.name), topics: topics.eventTopics });
  return {
    ...service,
    feed,
    consumerFeeds,
    metrics,
    database,
    async close() {
      clearInterval(refresher);
      for (const consumerFeed of consumerFeeds) await consumerFeed.stop();
      await feed.stop();
      await service.close();
      await database.close();
    },
  };
}
