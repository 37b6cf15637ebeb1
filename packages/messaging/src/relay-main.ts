#!/usr/bin/env node
/**
 * The standalone outbox relay: `longview-relay` (or `node packages/messaging/dist/relay-main.js`).
 * Env: DATABASE_URL (the event store), KAFKA_BROKERS, KAFKA_TOPIC_PREFIX (optional),
 * KAFKA_PARTITIONS (default 6), PORT (health/metrics, default 4003). Stops on SIGINT/SIGTERM.
 */
import { brokersFromEnv } from './kafka-client';
import { portFromEnv, wholeNumberFromEnv } from './env-numbers';
import { errorMessage, JsonLogger } from './json-logger';
import { MetricsRegistry } from './metrics';
import { startOpsServer } from './ops-http-server';
import { startRelay } from './relay-process';
import { runServiceProcess } from './service-process';

const logger = new JsonLogger({ service: 'relay' });

async function main(): Promise<{ close(): Promise<void> }> {
  const databaseUrl = process.env['DATABASE_URL'];
  const brokers = brokersFromEnv();
  if (!databaseUrl || !brokers) {
    logger.error('DATABASE_URL and KAFKA_BROKERS must be set');
    process.exit(2);
  }
  let partitions: number;
  let port: number;
  try {
    partitions = wholeNumberFromEnv('KAFKA_PARTITIONS', 6);
    port = portFromEnv('PORT', 4003);
  } catch (error) {
    logger.error(errorMessage(error));
    process.exit(2);
  }
  const metrics = new MetricsRegistry();
  const running = await startRelay({ databaseUrl, brokers, logger, metrics, partitions });
  const ops = await startOpsServer({
    port,
    checks: running.healthChecks,
    metrics,
    extra: () => ({ position: running.relay.position.toString() }),
  });
  logger.info('relay started', { url: ops.url, position: running.relay.position });
  return {
    async close() {
      await running.stop();
      await ops.close();
    },
  };
}

runServiceProcess(logger, main, 'longview-relay');
