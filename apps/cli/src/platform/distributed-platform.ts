import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openPostgres } from '@longview/event-store';
import { devJwtSecret } from './dev-secret';
import { serviceKey as serviceKeyOf } from './service-key';
import { startRoundRobinProxy } from './round-robin-proxy';
import { ServiceProcess } from './service-process';
import { webDistDir } from './embedded-platform';

export const DEFAULT_EVENTS_DATABASE = 'longview_events';
export const DEFAULT_READ_DATABASE = 'longview_read';

export interface DistributedOptions {
  readonly repoRoot: string;
  readonly gatewayPort?: number;
  readonly commandPort?: number;
  /** The round-robin address of the query-service instances (the gateway's QUERY_SERVICE_URL). */
  readonly queryPort?: number;
  /** First instance's port; the others take the next ones (default 4012, 4013). */
  readonly queryInstancePort?: number;
  readonly queryInstances?: number;
  readonly log?: (line: string) => void;
  /** Topic prefix (tests); default none. */
  readonly topicPrefix?: string;
}

export interface DistributedPlatform {
  readonly gatewayUrl: string;
  readonly commandServiceUrl: string;
  readonly queryServiceUrl: string;
  readonly queryInstanceUrls: readonly string[];
  readonly eventsDatabaseUrl: string;
  readonly readDatabaseUrl: string;
  readonly brokers: string;
  readonly jwtSecret: string;
  /** The key of the service credentials (LONGVIEW_SERVICE_KEY of every process). */
  readonly serviceKey: string;
  readonly processes: readonly ServiceProcess[];
  stop(): Promise<void>;
}

/**
 * `longview start --distributed`: Kafka (infra/kafka, unless KAFKA_BROKERS points at one),
 * PostgreSQL (infra/postgres, unless DATABASE_URL / QUERY_DATABASE_URL are given), then
 * command-service (with the outbox relay), N query-service instances in one consumer group, a
 * round-robin address in front of them, and the gateway serving the web client: each app its
 * own process with prefixed logs. `stop` ends them in reverse order, and Kafka/PostgreSQL too
 * if this call started them.
 */
export async function startDistributedPlatform(options: DistributedOptions): Promise<DistributedPlatform> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((error: unknown) => log(`stop failed: ${String(error)}`));
  };
  try {
    const infra = (dir: string, script: string) =>
      execFileSync('bash', [path.join(options.repoRoot, 'infra', dir, script)], { stdio: ['ignore', 'pipe', 'inherit'] })
        .toString()
        .trim();

    let brokers = process.env['KAFKA_BROKERS'];
    if (!brokers) {
      const pidFile = path.join(options.repoRoot, 'infra/kafka/data/kafka.pid');
      const wasRunning = fs.existsSync(pidFile) && isAlive(Number(fs.readFileSync(pidFile, 'utf8')));
      log('[platform] starting Kafka (infra/kafka/start.sh)…');
      brokers = /KAFKA_BROKERS=(\S+)/.exec(infra('kafka', 'start.sh'))?.[1];
      if (!brokers) throw new Error('infra/kafka/start.sh did not print KAFKA_BROKERS');
      if (!wasRunning) stops.push(async () => void infra('kafka', 'stop.sh'));
    }

    let eventsUrl = process.env['DATABASE_URL'];
    let readUrl = process.env['QUERY_DATABASE_URL'];
    if (!eventsUrl || !readUrl) {
      const port = process.env['LONGVIEW_PG_PORT'] ?? '54329';
      const serverUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
      const wasRunning = await canConnect(serverUrl);
      if (!wasRunning) {
        log('[platform] starting PostgreSQL (infra/postgres/start.sh)…');
        infra('postgres', 'start.sh');
        stops.push(async () => void infra('postgres', 'stop.sh'));
      }
      eventsUrl ??= await ensureDatabase(serverUrl, DEFAULT_EVENTS_DATABASE);
      readUrl ??= await ensureDatabase(serverUrl, DEFAULT_READ_DATABASE);
    }

    const host = '127.0.0.1';
    // The default data folder's keys, so `longview token` and `longview import` (without --data) work with this platform too.
    const defaultDataDir = path.join(options.repoRoot, '.longview', 'data');
    const serviceKey = serviceKeyOf(defaultDataDir);
    const common = { KAFKA_BROKERS: brokers, HOST: host, ...(options.topicPrefix ? { KAFKA_TOPIC_PREFIX: options.topicPrefix } : {}) };
    const command = new ServiceProcess({
      name: 'command',
      script: distMain('@longview/command-service'),
      env: { ...common, LONGVIEW_SERVICE_KEY: serviceKey, DATABASE_URL: eventsUrl, PORT: String(options.commandPort ?? 4001) },
      write: log,
    });
    stops.push(() => command.stop());
    await command.ready;
    const commandServiceUrl = `http://${host}:${options.commandPort ?? 4001}`;

    const instances = options.queryInstances ?? 2;
    const firstPort = options.queryInstancePort ?? 4012;
    const queries = Array.from({ length: instances }, (_, i) => {
      const query = new ServiceProcess({
        name: `query-${i + 1}`,
        script: distMain('@longview/query-service'),
        env: { ...common, LONGVIEW_SERVICE_KEY: serviceKey, QUERY_DATABASE_URL: readUrl, PORT: String(firstPort + i), INSTANCE: `query-${i + 1}` },
        write: log,
      });
      stops.push(() => query.stop());
      return query;
    });
    await Promise.all(queries.map((q) => q.ready));
    const queryInstanceUrls = queries.map((_, i) => `http://${host}:${firstPort + i}`);
    const proxy = await startRoundRobinProxy(queryInstanceUrls, { port: options.queryPort ?? 4002, host });
    stops.push(() => proxy.close());

    const jwtSecret = devJwtSecret(defaultDataDir);
    const web = webDistDir();
    const gatewayPort = options.gatewayPort ?? 4000;
    const gateway = new ServiceProcess({
      name: 'gateway',
      script: distMain('@longview/gateway'),
      env: {
        JWT_SECRET: jwtSecret,
        LONGVIEW_SERVICE_KEY: serviceKey,
        COMMAND_SERVICE_URL: commandServiceUrl,
        QUERY_SERVICE_URL: proxy.url,
        PORT: String(gatewayPort),
        GATEWAY_HOST: host,
        ...(web ? { WEB_DIST_DIR: web } : {}),
      },
      write: log,
      readyLine: /GraphQL at/,
    });
    stops.push(() => gateway.stop());
    await gateway.ready;

    return {
      gatewayUrl: `http://${host}:${gatewayPort}`,
      commandServiceUrl,
      queryServiceUrl: proxy.url,
      queryInstanceUrls,
      eventsDatabaseUrl: eventsUrl,
      readDatabaseUrl: readUrl,
      brokers,
      jwtSecret,
      serviceKey,
      processes: [command, ...queries, gateway],
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** The compiled entry point of a workspace app (`dist/main.js`). */
function distMain(pkg: string): string {
  const file = path.join(path.dirname(require.resolve(`${pkg}/package.json`)), 'dist', 'main.js');
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  return file;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function canConnect(url: string): Promise<boolean> {
  const db = await openPostgres(url, { max: 1 });
  try {
    await db.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await db.close();
  }
}

/** Creates the database if it does not exist; returns its URL. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = await openPostgres(serverUrl, { max: 1 });
  try {
    const { rows } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rows.length === 0)
      await admin.query(`CREATE DATABASE ${name}`).catch((error: unknown) => {
        if (!/already exists/.test(String(error))) throw error;
      });
  } finally {
    await admin.close();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
