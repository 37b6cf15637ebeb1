import path from 'node:path';
import type { Actor } from '@longview/domain';
import type { CommandServiceClient } from '@longview/gateway';
import {
  demoAdoptions,
  demoDriverDiagrams,
  demoLessons,
  demoMentorships,
  demoProgrammes,
  demoSustainability,
  generateDemoData,
  sendDemoPersonSteps,
  type DemoPlan,
} from '../demo';
import { commandUsageError, dataDirFrom, displayPath, parseCommandLine, portsFrom, PORT_OPTIONS, PORTS_USAGE, UsageError, type Ports } from '../cli-options';
import { sendSteps } from '../platform/demo-loader';
import { cliClients, DEMO_LOADER } from '../platform/service-key';
import { DataInUseError, startEmbeddedPlatform, webDistDir } from '../platform/embedded-platform';
import { startDistributedPlatform } from '../platform/distributed-platform';
import { assertPortsFree, PortInUseError } from '../platform/ports';
import { EventStore, openPostgres } from '@longview/event-store';
import { findRepoRoot } from '../platform/repo-root';
import { startTracing, tracingModeFromEnv, type RunningTracing } from '@longview/tracing';

export const DEMO_SEED = 20161;

export const START = {
  name: 'start',
  usage: `usage: longview start [--data DIR] [--port N] [--command-port N] [--query-port N] [--no-demo] [--dev]
       longview start --distributed [--port N] [--command-port N] [--query-port N] [--no-demo] [--dev]

Starts the whole platform: embedded (one process, PGlite in DIR, the in-process feed), or with
--distributed every app its own process over Kafka and PostgreSQL. The first start loads the
generated demo data through the command path; later starts reuse the data. Ctrl-C stops it.

  --data DIR         embedded data folder (default .longview/data): event log, read models, the dev
                     key (dev-jwt-secret, what \`longview token --data DIR\` signs with), the
                     service key (service-key, for the services' credentials) and, while
                     running, longview-platform.json, through which \`longview import\` finds it
${PORTS_USAGE}  --distributed      Kafka + PostgreSQL (infra/) and separate processes (query instances on N+12, N+13)
  --no-demo          do not load the demo data into an empty log
  --dev              development: traces of every request to the console (LONGVIEW_TRACING=console
                     unless LONGVIEW_TRACING is set; otlp sends them to OTEL_EXPORTER_OTLP_ENDPOINT)
  -h, --help         this text
`,
  options: {
    data: { type: 'string' },
    ...PORT_OPTIONS,
    distributed: { type: 'boolean' },
    'no-demo': { type: 'boolean' },
    dev: { type: 'boolean' },
  },
} as const;

/** `longview start`: the embedded platform in this process, demo data on the first start. */
export async function runStart(args: readonly string[]): Promise<number> {
  const parsed = parseCommandLine(START, args);
  if ('exitCode' in parsed) return parsed.exitCode;
  const { values } = parsed;
  let ports: Ports;
  try {
    ports = portsFrom(values);
  } catch (error) {
    if (error instanceof UsageError) return commandUsageError(START, error.message);
    throw error;
  }
  try {
    tracingModeFromEnv(process.env);
  } catch (error) {
    return commandUsageError(START, (error as Error).message);
  }
  try {
    if (values.distributed) {
      if (values.data !== undefined)
        return commandUsageError(START, '--data is for the embedded mode; distributed mode uses DATABASE_URL / QUERY_DATABASE_URL');
      // The apps' processes inherit the environment: each traces as LONGVIEW_TRACING says.
      if (values.dev && !process.env['LONGVIEW_TRACING']) process.env['LONGVIEW_TRACING'] = 'console';
      return await runStartDistributed(ports, Boolean(values['no-demo']));
    }
    return await runStartEmbedded(dataDirFrom(values.data), ports, Boolean(values['no-demo']), Boolean(values.dev));
  } catch (error) {
    // The two ways a start fails that the user fixes with a flag: one line, no stack trace.
    if (error instanceof PortInUseError || error instanceof DataInUseError) {
      process.stderr.write(`longview start: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

async function runStartEmbedded(dataDir: string, ports: Ports, noDemo: boolean, dev: boolean): Promise<number> {
  const started = Date.now();
  const log = (line: string) => process.stdout.write(`${line}\n`);
  // Checked before anything starts: a misspelt LONGVIEW_TRACING is a usage error, not a stack trace.
  const tracingMode = tracingModeFromEnv(process.env, dev ? 'console' : 'off');
  let tracing: RunningTracing | undefined;
  log(`Longview (embedded) — data in ${displayPath(dataDir)}`);
  const platform = await startEmbeddedPlatform({ dataDir, gatewayPort: ports.gateway, commandPort: ports.command, queryPort: ports.query });
  try {
    const head = await platform.eventStore.headPosition();
    if (head === 0n && !noDemo) {
      const plan = generateDemoData(DEMO_SEED);
      log(`First start: loading generated demo data (${plan.steps.length} commands)…`);
      const { commands } = cliClients({ commandUrl: platform.commandService.url, queryUrl: platform.queryService.url }, platform.serviceKey, DEMO_LOADER);
      const result = await sendSteps(commands, plan.steps, { idPrefix: `demo-${DEMO_SEED}`, log });
      const urls = { commandUrl: platform.commandService.url, queryUrl: platform.queryService.url };
      const people = await sendDemoPeople((actor) => cliClients(urls, platform.serviceKey, actor).commands, plan);
      log(`Demo data loaded: ${result.events + people} events.`);
    } else {
      log(`Reusing existing data (${head} events in the log).`);
    }
    await platform.queryService.follower?.catchUp();
    // After the demo data: its thousands of commands would bury the console in spans.
    tracing = startTracing({ serviceName: 'longview', mode: tracingMode });
    if (tracing.enabled)
      log(`Tracing: every request's spans go to ${tracing.mode === 'otlp' ? 'the OTLP endpoint (OTEL_EXPORTER_OTLP_ENDPOINT)' : 'the console'}.`);
    if (!webDistDir()) log('Note: the web client is not built (run `npm run build`); the GraphQL API works without it.');
    log(`Longview is ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${platform.gatewayUrl}/  (GraphQL: ${platform.gatewayUrl}/graphql)`);
    log(
      `command-service ${platform.commandService.url}, query-service ${platform.queryService.url}; run file ${path.join(displayPath(dataDir), 'longview-platform.json')}`,
    );
    log('Press Ctrl-C to stop.');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    log('Stopping…');
  } finally {
    await platform.stop();
    await tracing?.shutdown();
  }
  return 0;
}

/**
 * `longview start --distributed`: every app its own process (see startDistributedPlatform), demo
 * data on the first start, everything stopped on Ctrl-C.
 */
async function runStartDistributed(ports: Ports, noDemo: boolean): Promise<number> {
  const started = Date.now();
  const log = (line: string) => process.stdout.write(`${line}\n`);
  // The query-service instances sit behind the query port, on the gateway's +12, +13.
  const queryInstancePort = ports.gateway + 12;
  await assertPortsFree('127.0.0.1', [
    { port: ports.gateway, service: 'gateway', flag: '--port' },
    { port: ports.command, service: 'command-service', flag: '--command-port' },
    { port: ports.query, service: 'query-service', flag: '--query-port' },
    { port: queryInstancePort, service: 'query-service instance 1', flag: '--port' },
    { port: queryInstancePort + 1, service: 'query-service instance 2', flag: '--port' },
  ]);
  log('Longview (distributed) — Kafka, PostgreSQL, command-service, 2 query-service instances, gateway');
  const platform = await startDistributedPlatform({
    repoRoot: findRepoRoot(),
    gatewayPort: ports.gateway,
    commandPort: ports.command,
    queryPort: ports.query,
    queryInstancePort,
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
      const { commands } = cliClients({ commandUrl: platform.commandServiceUrl, queryUrl: platform.queryServiceUrl }, platform.serviceKey, DEMO_LOADER);
      const result = await sendSteps(commands, plan.steps, {
        idPrefix: `demo-${DEMO_SEED}`,
        log: (l) => log(`[platform] ${l}`),
      });
      const urls = { commandUrl: platform.commandServiceUrl, queryUrl: platform.queryServiceUrl };
      const people = await sendDemoPeople((actor) => cliClients(urls, platform.serviceKey, actor).commands, plan);
      log(`[platform] demo data loaded: ${result.events + people} events.`);
    } else {
      log(`[platform] reusing existing data (${head} events in the log).`);
    }
    log(`[platform] ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${platform.gatewayUrl}/  (GraphQL: ${platform.gatewayUrl}/graphql)`);
    log(
      `[platform] command-service ${platform.commandServiceUrl}, query-service ${platform.queryServiceUrl} -> ${platform.queryInstanceUrls.join(', ')}; /health and /metrics on each`,
    );
    log('[platform] press Ctrl-C to stop.');
    await stopOnSignal;
  } finally {
    log('[platform] stopping…');
    await platform.stop();
  }
  return 0;
}

/** The demo's acts by people (mentorship, adoption, lessons and comments, the programme), each sent as the person who does it; returns the events written. */
async function sendDemoPeople(clientFor: (actor: Actor) => CommandServiceClient, plan: DemoPlan): Promise<number> {
  const idPrefix = `demo-${DEMO_SEED}`;
  const mentorship = await sendDemoPersonSteps(clientFor, demoMentorships(plan), { idPrefix, kind: 'mentorship' });
  const adoption = await sendDemoPersonSteps(clientFor, demoAdoptions(plan), { idPrefix, kind: 'adoption' });
  const lessons = await sendDemoPersonSteps(clientFor, demoLessons(plan), { idPrefix, kind: 'lesson' });
  const programmes = await sendDemoPersonSteps(clientFor, demoProgrammes(plan), { idPrefix, kind: 'programme' });
  const sustainability = await sendDemoPersonSteps(clientFor, demoSustainability(plan), { idPrefix, kind: 'sustainability' });
  const diagrams = await sendDemoPersonSteps(clientFor, demoDriverDiagrams(plan), { idPrefix, kind: 'driver-diagram' });
  return mentorship + adoption + lessons + programmes + sustainability + diagrams;
}
