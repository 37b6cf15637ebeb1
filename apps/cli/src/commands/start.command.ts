import { parseArgs } from 'node:util';
import path from 'node:path';
import { generateDemoData } from '../demo';
import { dataDirFrom, parseOptions, usageError, UsageError } from '../cli-options';
import { HttpCommandServiceClient } from '@longview/gateway';
import { sendSteps } from '../platform/demo-loader';
import { startEmbeddedPlatform, webDistDir } from '../platform/embedded-platform';
import { startDistributedPlatform } from '../platform/distributed-platform';
import { EventStore, openPostgres } from '@longview/event-store';
import { findRepoRoot } from '../platform/repo-root';

export const DEMO_SEED = 20161;

/** `longview start`: the embedded platform in this process, demo data on the first start. */
export async function runStart(args: readonly string[]): Promise<number> {
  let values;
  try {
    values = parseOptions(() => parseArgs({ args: [...args], strict: true, options: {
      data: { type: 'string' },
      port: { type: 'string' },
      distributed: { type: 'boolean' },
      'no-demo': { type: 'boolean' },
    } }).values);
  } catch (error) {
    if (error instanceof UsageError) return usageError(`start: ${error.message}`);
    throw error;
  }
  const port = values.port === undefined ? 4000 : Number(values.port);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) return usageError('start: --port must be a TCP port number');
  if (values.distributed) {
    if (values.data !== undefined) return usageError('start: --data is for the embedded mode; distributed mode uses DATABASE_URL / QUERY_DATABASE_URL');
    return runStartDistributed(port, Boolean(values['no-demo']));
  }

  const started = Date.now();
  const dataDir = dataDirFrom(values.data as string | undefined);
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(`Longview (embedded) — data in ${path.relative(process.cwd(), dataDir) || dataDir}`);
  const platform = await startEmbeddedPlatform({ dataDir, gatewayPort: port });

  const head = await platform.eventStore.headPosition();
  if (head === 0n && !values['no-demo']) {
    const plan = generateDemoData(DEMO_SEED);
    log(`First start: loading generated demo data (${plan.steps.length} commands)…`);
    const result = await sendSteps(new HttpCommandServiceClient(platform.commandService.url), plan.steps, { idPrefix: `demo-${DEMO_SEED}`, log });
    log(`Demo data loaded: ${result.events} events.`);
  } else {
    log(`Reusing existing data (${head} events in the log).`);
  }
  await platform.queryService.follower?.catchUp();
  if (!webDistDir()) log('Note: the web client is not built (run `npm run build`); the GraphQL API works without it.');
  log(`Longview is ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${platform.gatewayUrl}/  (GraphQL: ${platform.gatewayUrl}/graphql)`);
  log('Press Ctrl-C to stop.');

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  log('Stopping…');
  await platform.stop();
  return 0;
}

/**
 * `longview start --distributed`: every app its own process (see startDistributedPlatform), demo
 * data on the first start, everything stopped on Ctrl-C.
 */
async function runStartDistributed(port: number, noDemo: boolean): Promise<number> {
  const started = Date.now();
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log('Longview (distributed) — Kafka, PostgreSQL, command-service, 2 query-service instances, gateway');
  // Ports follow the gateway's: command-service +1, the query-service address +2, its instances +12, +13.
  const platform = await startDistributedPlatform({
    repoRoot: findRepoRoot(),
    gatewayPort: port,
    commandPort: port + 1,
    queryPort: port + 2,
    queryInstancePort: port + 12,
    log,
  });
  const stopOnSignal = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  try {
    const db = await openPostgres(platform.eventsDatabaseUrl, { max: 1 });
    const head = await new EventStore(db).headPosition().finally(() => db.close());
    if (head === 0n && !noDemo) {
      const plan = generateDemoData(DEMO_SEED);
      log(`[platform] first start: loading generated demo data (${plan.steps.length} commands)…`);
      const result = await sendSteps(new HttpCommandServiceClient(platform.commandServiceUrl), plan.steps, { idPrefix: `demo-${DEMO_SEED}`, log: (l) => log(`[platform] ${l}`) });
      log(`[platform] demo data loaded: ${result.events} events.`);
    } else {
      log(`[platform] reusing existing data (${head} events in the log).`);
    }
    log(`[platform] ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${platform.gatewayUrl}/  (GraphQL: ${platform.gatewayUrl}/graphql)`);
    log(`[platform] command-service ${platform.commandServiceUrl}, query-service ${platform.queryServiceUrl} -> ${platform.queryInstanceUrls.join(', ')}; /health and /metrics on each`);
    log('[platform] press Ctrl-C to stop.');
    await stopOnSignal;
  } finally {
    log('[platform] stopping…');
    await platform.stop();
  }
  return 0;
}
