import { EventStore, openPostgres, type AppendOptions, type AppendResult, type Database, type NewEvent } from '@longview/event-store';
import {
  healthHandler,
  JsonLogger,
  metricsHandler,
  MetricsRegistry,
  startRelay,
  TopicNames,
  type Counter,
  type Logger,
  type RunningRelay,
} from '@longview/messaging';
import type { INestApplication } from '@nestjs/common';
import { startCommandService, type RunningService } from './start-command-service';

export interface DistributedCommandServiceOptions {
  /** PostgreSQL holding the event store (DATABASE_URL). */
  readonly databaseUrl: string;
  readonly brokers: readonly string[];
  readonly topics?: TopicNames;
  readonly port?: number;
  readonly host?: string;
  readonly logger?: Logger;
  /** Run the outbox relay in this process (default true); false when a standalone `longview-relay` runs. */
  readonly withRelay?: boolean;
  readonly partitions?: number;
  /** The key service credentials are signed with; default LONGVIEW_SERVICE_KEY. */
  readonly serviceKey?: string;
}

export interface RunningDistributedCommandService extends RunningService {
  readonly relay: RunningRelay | undefined;
  readonly metrics: MetricsRegistry;
  readonly database: Database;
}

/** Counts appended events for /metrics; otherwise the plain store. */
class CountingEventStore extends EventStore {
  constructor(
    database: Database,
    private readonly appended: Counter,
  ) {
    super(database, { groupCommit: true });
  }

  override async appendToStream(streamId: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult> {
    const result = await super.appendToStream(streamId, events, options);
    if (result.appended) this.appended.inc(events.length);
    return result;
  }
}

/**
 * The command side of the distributed mode: the HTTP command API over the PostgreSQL event
 * store, and (by default) the outbox relay in the same process, woken right after each append so
 * publication adds little latency. The relay is not on the request path: an append answers
 * once committed; the relay publishes from the log afterwards and survives this process dying
 * (it resumes from relay_checkpoints).
 */
export async function startDistributedCommandService(options: DistributedCommandServiceOptions): Promise<RunningDistributedCommandService> {
  const logger = options.logger ?? new JsonLogger({ service: 'command-service' });
  const metrics = new MetricsRegistry();
  const database = await openPostgres(options.databaseUrl, { max: 10 });
  const appended = metrics.counter('longview_events_appended_total', 'Events appended to the event store by this process');
  const eventStore = new CountingEventStore(database, appended);
  await eventStore.migrate();
  const relay =
    options.withRelay === false
      ? undefined
      : await startRelay({
          databaseUrl: options.databaseUrl,
          database,
          brokers: options.brokers,
          logger,
          metrics,
          topics: options.topics ?? TopicNames.fromEnv(),
          partitions: options.partitions ?? 6,
        });
  const checks = relay
    ? relay.healthChecks
    : [
        {
          name: 'database',
          check: async () => {
            await database.query('SELECT 1');
            return { ok: true };
          },
        },
      ];
  const service = await startCommandService(
    { eventStore, onAppended: () => relay?.relay.notify() },
    {
      port: options.port ?? 4001,
      ...(options.serviceKey ? { serviceKey: options.serviceKey } : {}),
      ...(options.host ? { host: options.host } : {}),
      beforeListen: (app: INestApplication) => {
        app.use(
          '/health',
          healthHandler(checks, () => ({ published: relay?.relay.position.toString() })),
        );
        app.use('/metrics', metricsHandler(metrics));
      },
    },
  );
  logger.info('command-service started', { url: service.url, relay: relay ? 'in-process' : 'external' });
  return {
    ...service,
    relay,
    metrics,
    database,
    async close() {
      await service.close();
      await relay?.stop();
      await database.close();
    },
  };
}
