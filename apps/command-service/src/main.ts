#!/usr/bin/env node
/**
 * The command-service process of the distributed mode (`node apps/command-service/dist/main.js`).
 * Env: DATABASE_URL (event store), KAFKA_BROKERS, KAFKA_TOPIC_PREFIX, KAFKA_PARTITIONS (default 6),
 * PORT (default 4001), HOST (default 127.0.0.1), LONGVIEW_RELAY=external to leave publication to a
 * standalone `longview-relay`. Stops on SIGINT/SIGTERM.
 */
import 'reflect-metadata';
import { brokersFromEnv, errorMessage, JsonLogger } from '@longview/messaging';
import { startDistributedCommandService } from './distributed';

async function main(): Promise<void> {
  const logger = new JsonLogger({ service: 'command-service' });
  const databaseUrl = process.env['DATABASE_URL'];
  const brokers = brokersFromEnv();
  if (!databaseUrl || !brokers) {
    logger.error('DATABASE_URL and KAFKA_BROKERS must be set');
    process.exit(2);
  }
  const service = await startDistributedCommandService({
    databaseUrl,
    brokers,
    logger,
    port: Number(process.env['PORT'] ?? 4001),
    ...(process.env['HOST'] ? { host: process.env['HOST'] } : {}),
    withRelay: process.env['LONGVIEW_RELAY'] !== 'external',
    partitions: Number(process.env['KAFKA_PARTITIONS'] ?? 6),
  });
  logger.info('ready', { url: service.url });
  const shutdown = async (signal: string) => {
    logger.info('stopping', { signal });
    await service.close().catch((error: unknown) => logger.error('stop failed', { error: errorMessage(error) }));
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

void main().catch((error: unknown) => {
  new JsonLogger({ service: 'command-service' }).error('failed to start', { error: error instanceof Error ? error.stack : String(error) });
  process.exit(1);
});
