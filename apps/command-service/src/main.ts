#!/usr/bin/env node
/**
 * The command-service process of the distributed mode (`node apps/command-service/dist/main.js`).
 * Env: DATABASE_URL (event store), KAFKA_BROKERS, KAFKA_TOPIC_PREFIX, KAFKA_PARTITIONS (default 6),
 * PORT (default 4001), HOST (default 127.0.0.1), LONGVIEW_RELAY=external to leave publication to a
 * standalone `longview-relay`, LONGVIEW_SERVICE_KEY (required: the key of the service credentials
 * every command carries). Stops on SIGINT/SIGTERM.
 */
import 'reflect-metadata';
import { brokersFromEnv, JsonLogger, portFromEnv, runServiceProcess, wholeNumberFromEnv } from '@longview/messaging';
import { serviceKeyFromEnv } from '@longview/service-auth';
import { startDistributedCommandService } from './distributed';

const logger = new JsonLogger({ service: 'command-service' });

async function main(): Promise<{ close(): Promise<void> }> {
  const databaseUrl = process.env['DATABASE_URL'];
  const brokers = brokersFromEnv();
  if (!databaseUrl || !brokers) {
    logger.error('DATABASE_URL and KAFKA_BROKERS must be set');
    process.exit(2);
  }
  let serviceKey: string;
  let port: number;
  let partitions: number;
  try {
    serviceKey = serviceKeyFromEnv(process.env);
    port = portFromEnv('PORT', 4001);
    partitions = wholeNumberFromEnv('KAFKA_PARTITIONS', 6);
  } catch (error) {
    logger.error((error as Error).message);
    process.exit(2);
  }
  const service = await startDistributedCommandService({
    databaseUrl,
    brokers,
    serviceKey,
    logger,
    port,
    ...(process.env['HOST'] ? { host: process.env['HOST'] } : {}),
    withRelay: process.env['LONGVIEW_RELAY'] !== 'external',
    partitions,
  });
  logger.info('ready', { url: service.url });
  return service;
}

runServiceProcess(logger, main, 'longview-command-service');
