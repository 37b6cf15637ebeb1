import { EventStore, openPostgres, type Database } from '@longview/event-store';
import type { Kafka } from 'kafkajs';
import { createKafka, ensureTopics } from './kafka-client';
import { KafkaEventPublisher } from './kafka-event-publisher';
import { errorMessage, JsonLogger, type Logger } from './json-logger';
import { MetricsRegistry } from './metrics';
import type { HealthCheck } from './ops-http-server';
import { OutboxRelay } from './outbox-relay';
import { LeaderElectedRelay, PostgresAdvisoryLeaderLock } from './relay-leadership';
import { TopicNames } from './topic-names';

export interface RelayConfig {
  readonly databaseUrl: string;
  readonly brokers: readonly string[];
  readonly topics?: TopicNames;
  readonly partitions?: number;
  readonly logger?: Logger;
  readonly metrics?: MetricsRegistry;
  /** An already open event-store database (the command-service shares its pool); else one is opened. */
  readonly database?: Database;
}

export interface RunningRelay {
  readonly relay: OutboxRelay;
  /** The relay publishes only while this instance leads (one leader per event store). */
  readonly leadership: LeaderElectedRelay;
  readonly kafka: Kafka;
  readonly healthChecks: readonly HealthCheck[];
  stop(): Promise<void>;
}

/**
 * Wires a relay for a process: database, Kafka client, topics (created with `partitions`,
 * default 6, retried until the broker answers), checkpoint table, loop. Used by the standalone
 * `longview-relay` and inside command-service's distributed entry point.
 */
export async function startRelay(config: RelayConfig): Promise<RunningRelay> {
  const logger = config.logger ?? new JsonLogger({ service: 'relay' });
  const metrics = config.metrics ?? new MetricsRegistry();
  const topics = config.topics ?? TopicNames.fromEnv();
  const database = config.database ?? (await openPostgres(config.databaseUrl, { max: 3 }));
  const store = new EventStore(database);
  await store.migrate();
  const kafka = createKafka({ brokers: config.brokers, clientId: 'longview-relay', logger });
  const publisher = new KafkaEventPublisher(kafka, topics);
  const relay = new OutboxRelay({ store, database, publisher, logger, metrics });
  await relay.migrate();

  // Topics are created in the background so a relay started before the broker still starts;
  // its sends fail (and back off) until then, auto-creation is the broker's fallback.
  const admin = kafka.admin();
  let topicsReady = false;
  void (async () => {
    for (let attempt = 1; !topicsReady; attempt++) {
      try {
        await admin.connect();
        await ensureTopics(admin, topics.all, config.partitions ?? 6);
        topicsReady = true;
        logger.info('topics ready', { topics: topics.all });
      } catch (error) {
        logger.warn('could not create topics yet', { error: errorMessage(error), attempt });
        await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 200 * attempt)));
      }
    }
  })();
  // Any number of instances may run; a PostgreSQL advisory lock picks the one that publishes.
  const leadership = new LeaderElectedRelay(relay, new PostgresAdvisoryLeaderLock(config.databaseUrl), { logger });
  leadership.start();

  const healthChecks: HealthCheck[] = [
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
        await admin.connect();
        const cluster = await admin.describeCluster();
        const ok = relay.healthy && cluster.brokers.length > 0;
        return ok ? { ok, detail: `${cluster.brokers.length} broker(s)` } : { ok, detail: relay.lastFailure ?? 'no brokers' };
      },
    },
  ];
  return {
    relay,
    leadership,
    kafka,
    healthChecks,
    async stop() {
      topicsReady = true;
      await leadership.stop();
      await publisher.close();
      await admin.disconnect().catch(() => undefined);
      if (!config.database) await database.close();
    },
  };
}
