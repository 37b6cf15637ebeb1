import path from 'node:path';
import { EventStore, openPglite, openPostgres, type Database } from '@longview/event-store';
import { ProjectionRunner } from '@longview/query-service';
import { commandUsageError, dataDirFrom, displayPath, parseCommandLine } from '../cli-options';
import { isAlive, readRunFile } from '../platform/run-file';
import { DEFAULT_EVENTS_DATABASE, DEFAULT_READ_DATABASE } from '../platform/distributed-platform';

const DB_OPTIONS = {
  data: { type: 'string' },
  'database-url': { type: 'string' },
  'query-database-url': { type: 'string' },
} as const;

const DB_USAGE = `  --data DIR                 embedded data (PGlite; the platform holding it must be stopped)
  --database-url URL         the event log (else DATABASE_URL, else the local distributed default)
  --query-database-url URL   the read models (else QUERY_DATABASE_URL, else the local distributed default)
  -h, --help                 this text
`;

export const PARKED = {
  name: 'parked',
  usage: `usage: longview parked [--retry] [--stream ID] [--json] [--data DIR | --database-url URL --query-database-url URL]

Lists the events the query side parked (an event a projection could not apply parks its stream),
with the error; --retry re-applies them in stream order.

  --retry                    re-apply the parked events (of --stream ID only, if given)
  --stream ID                only this stream
  --json                     machine-readable output
${DB_USAGE}`,
  options: { ...DB_OPTIONS, retry: { type: 'boolean' }, stream: { type: 'string' }, json: { type: 'boolean' } },
} as const;

export const REPLAY = {
  name: 'replay',
  usage: `usage: longview replay (--projection NAME ... | --all) [--data DIR | --database-url URL --query-database-url URL]

Rebuilds read models from the event log, with progress.

  --projection NAME          a projection to rebuild (repeatable)
  --all                      every projection
${DB_USAGE}`,
  options: { ...DB_OPTIONS, projection: { type: 'string', multiple: true }, all: { type: 'boolean' } },
} as const;

/** PGlite allows one process per folder: opening one a running platform holds could corrupt it. */
class DataHeldError extends Error {}

interface Target {
  readonly read: Database;
  /** The event log when it lives elsewhere (distributed); undefined = in `read` (embedded). */
  readonly events: Database | undefined;
  readonly describe: string;
  close(): Promise<void>;
}

/**
 * Where the read models are: `--data DIR` (embedded PGlite; the platform must not be running),
 * else QUERY_DATABASE_URL / DATABASE_URL (or the flags), else the local distributed defaults.
 */
async function openTarget(values: { data?: string; 'database-url'?: string; 'query-database-url'?: string }): Promise<Target> {
  if (values.data !== undefined) {
    const dir = dataDirFrom(values.data);
    const holder = readRunFile(dir);
    if (holder && isAlive(holder.pid))
      throw new DataHeldError(`the platform at ${holder.gatewayUrl ?? holder.commandUrl} (pid ${holder.pid}) holds ${displayPath(dir)}: stop it first`);
    const db = await openPglite({ dataDir: dir });
    return { read: db, events: undefined, describe: `embedded data in ${path.relative(process.cwd(), dir) || dir}`, close: () => db.close() };
  }
  const server = `postgres://postgres@127.0.0.1:${process.env['LONGVIEW_PG_PORT'] ?? '54329'}`;
  const readUrl = values['query-database-url'] ?? process.env['QUERY_DATABASE_URL'] ?? `${server}/${DEFAULT_READ_DATABASE}`;
  const eventsUrl = values['database-url'] ?? process.env['DATABASE_URL'] ?? `${server}/${DEFAULT_EVENTS_DATABASE}`;
  const read = await openPostgres(readUrl, { max: 2 });
  const events = await openPostgres(eventsUrl, { max: 2 });
  return {
    read,
    events,
    describe: `read models in ${redact(readUrl)}, events in ${redact(eventsUrl)}`,
    close: async () => {
      await read.close();
      await events.close();
    },
  };
}

/** `longview parked [--retry] [--stream ID] [--json]`: lists parked events; --retry re-applies them in stream order. */
export async function runParked(args: readonly string[]): Promise<number> {
  const parsed = parseCommandLine(PARKED, args);
  if ('exitCode' in parsed) return parsed.exitCode;
  const { values } = parsed;
  const target = await openTargetOrSay(PARKED.name, values);
  if (!target) return 1;
  try {
    const runner = new ProjectionRunner(target.read);
    await runner.migrate();
    if (values.retry) {
      const result = await runner.retryParked(values.stream);
      process.stdout.write(`Retried ${result.streams} stream(s): ${result.applied} event(s) applied, ${result.stillParked} still parked.\n`);
    }
    const parked = await runner.listParked(values.stream);
    if (values.json) {
      process.stdout.write(`${JSON.stringify(parked, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`);
      return 0;
    }
    if (parked.length === 0) {
      process.stdout.write(`No parked events (${target.describe}).\n`);
      return 0;
    }
    process.stdout.write(`${parked.length} parked event(s) (${target.describe}):\n`);
    for (const p of parked) {
      process.stdout.write(
        `  ${p.event.streamId} v${p.event.streamVersion}  ${p.event.type} v${p.event.schemaVersion}  position ${p.event.globalPosition}  parked ${p.parkedAt}  retries ${p.retries}\n    ${p.error}\n`,
      );
    }
    process.stdout.write('Retry with: npx longview parked --retry [--stream ID]\n');
    return 0;
  } finally {
    await target.close();
  }
}

/** `longview replay --projection NAME | --all`: rebuilds read models from the event log, with progress. */
export async function runReplay(args: readonly string[]): Promise<number> {
  const parsed = parseCommandLine(REPLAY, args);
  if ('exitCode' in parsed) return parsed.exitCode;
  const { values } = parsed;
  if (!values.all && !values.projection?.length) return commandUsageError(REPLAY, 'give --projection NAME (repeatable) or --all');
  const target = await openTargetOrSay(REPLAY.name, values);
  if (!target) return 1;
  try {
    const runner = new ProjectionRunner(target.read);
    await runner.migrate();
    const known = runner.projections.map((p) => p.name);
    const unknown = (values.projection ?? []).filter((n) => !known.includes(n));
    if (unknown.length > 0) return commandUsageError(REPLAY, `unknown projection ${unknown.join(', ')}; known: ${known.join(', ')}`);
    const events = target.events ? new EventStore(target.events) : undefined;
    const head = await (events ?? new EventStore(target.read)).headPosition();
    process.stdout.write(`Replaying ${values.all ? 'every projection' : values.projection?.join(', ')} from the log (head ${head}; ${target.describe})…\n`);
    const started = Date.now();
    let lastPrint = 0;
    const result = await runner.rebuild({
      ...(events ? { store: events } : {}),
      ...(values.all ? {} : { names: values.projection ?? [] }),
      onProgress: ({ applied, position }) => {
        if (Date.now() - lastPrint < 1000) return;
        lastPrint = Date.now();
        const share = head > 0n ? Number((position * 100n) / head) : 100;
        process.stdout.write(`  ${applied} events, position ${position} of ${head} (${share}%)\n`);
      },
    });
    process.stdout.write(
      `Replayed ${result.applied} events up to position ${result.position} in ${((Date.now() - started) / 1000).toFixed(1)} s` +
        (result.parked > 0 ? `; ${result.parked} parked (see \`longview parked\`)` : '') +
        '.\n',
    );
    return 0;
  } finally {
    await target.close();
  }
}

async function openTargetOrSay(command: string, values: Parameters<typeof openTarget>[0]): Promise<Target | undefined> {
  try {
    return await openTarget(values);
  } catch (error) {
    if (!(error instanceof DataHeldError)) throw error;
    process.stderr.write(`longview ${command}: ${error.message}\n`);
    return undefined;
  }
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
