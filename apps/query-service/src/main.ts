#!/usr/bin/env node
/**
 * A query-service process of the distributed mode (`node apps/query-service/dist/main.js`).
 * Env: QUERY_DATABASE_URL (read models; falls back to DATABASE_URL), KAFKA_BROKERS,
 * KAFKA_TOPIC_PREFIX, KAFKA_GROUP_ID (default longview-query-service), PORT (default 4002),
 * HOST (default 127.0.0.1), INSTANCE (name in logs), KAFKA_SESSION_TIMEOUT_MS (default 10000),
 * KAFKA_PARTITIONS_CONCURRENTLY (partitions applied in parallel, default 3), LONGVIEW_SERVICE_KEY
 * (required: the key of the service credentials every read carries). Stops on SIGINT/SIGTERM.
 */
import 'reflect-metadata';
import { brokersFromEnv, JsonLogger, portFromEnv, runServiceProcess, wholeNumberFromEnv } from '@longview/messaging';
import { serviceKeyFromEnv } from '@longview/service-auth';
import { startDistributedQueryService } from './distributed';

const instance = process.env['INSTANCE'] ?? `query-${process.pid}`;
const logger = new JsonLogger({ service: 'query-service', instance });

async function main(): Promise<{ close(): Promise<void> }> {
  const databaseUrl = process.env['QUERY_DATABASE_URL'] ?? process.env['DATABASE_URL'];
  const brokers = brokersFromEnv();
  if (!databaseUrl || !brokers) {
    logger.error('QUERY_DATABASE_URL (or DATABASE_URL) and KAFKA_BROKERS must be set');
    process.exit(2);
  }
  let serviceKey: string;
  let numbers: { port: number; sessionTimeoutMs: number | undefined; partitionsConsumedConcurrently: number | undefined };
  try {
    serviceKey = serviceKeyFromEnv(process.env);
    numbers = {
      port: portFromEnv('PORT', 4002),
      sessionTimeoutMs: process.env['KAFKA_SESSION_TIMEOUT_MS']?.trim() ? wholeNumberFromEnv('KAFKA_SESSION_TIMEOUT_MS', 0) : undefined,
      partitionsConsumedConcurrently: process.env['KAFKA_PARTITIONS_CONCURRENTLY']?.trim()
        ? wholeNumberFromEnv('KAFKA_PARTITIONS_CONCURRENTLY', 1, { max: 64 })
        : undefined,
    };
  } catch (error) {
    logger.error((error as Error).message);
    process.exit(2);
  }
  const service = await startDistributedQueryService({
    databaseUrl,
    brokers,
    serviceKey,
    instance,
    logger,
    port: numbers.port,
    ...(process.env['HOST'] ? { host: process.env['HOST'] } : {}),
    ...(process.env['KAFKA_GROUP_ID'] ? { groupId: process.env['KAFKA_GROUP_ID'] } : {}),
    ...(numbers.sessionTimeoutMs !== undefined ? { sessionTimeoutMs: numbers.sessionTimeoutMs } : {}),
    ...(numbers.partitionsConsumedConcurrently !== undefined ? { partitionsConsumedConcurrently: numbers.partitionsConsumedConcurrently } : {}),
  });
  // The line tests and the CLI wait for.
  logger.info('ready', { url: service.url });
  return service;
}

runServiceProcess(logger, main, 'longview-query-service');
