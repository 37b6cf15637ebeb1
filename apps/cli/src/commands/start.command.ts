import { parseArgs } from 'node:util';
import path from 'node:path';
import { generateDemoData } from '../demo';
import { dataDirFrom, parseOptions, usageError, UsageError } from '../cli-options';
import { HttpCommandServiceClient } from '@longview/gateway';
import { sendSteps } from '../platform/demo-loader';
import { startEmbeddedPlatform, webDistDir } from '../platform/embedded-platform';

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
  if (values.distributed) {
    process.stderr.write('longview: start --distributed is not available yet (Kafka + PostgreSQL mode is tracked as its own issue).\n');
    return 2;
  }
  const port = values.port === undefined ? 4000 : Number(values.port);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) return usageError('start: --port must be a TCP port number');

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
