import { EventStore } from '@longview/event-store';
import { ProjectionRunner, ReplayAborted } from '@longview/query-service';
import { commandUsageError, parseCommandLine } from '../cli-options';
import { DataHeldError, openStoreTarget, type StoreTarget, type StoreTargetOptions } from '../platform/store-target';

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

Rebuilds read models from the event log beside the live ones, with progress and an ETA; the
platform keeps serving (and applying new events to) the old tables until the new ones have caught
up, then they change places in one transaction. Ctrl-C before that leaves the old ones untouched.

  --projection NAME          a projection to rebuild (repeatable)
  --all                      every projection
${DB_USAGE}`,
  options: { ...DB_OPTIONS, projection: { type: 'string', multiple: true }, all: { type: 'boolean' } },
} as const;

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
    const stop = new AbortController();
    const onInterrupt = () => {
      process.stderr.write('Stopping after this page…\n');
      stop.abort();
    };
    process.once('SIGINT', onInterrupt);
    process.once('SIGTERM', onInterrupt);
    try {
      const result = await runner.replay({
        ...(events ? { store: events } : {}),
        ...(values.all ? {} : { names: values.projection ?? [] }),
        signal: stop.signal,
        onProgress: ({ phase, applied, position, head: now, eventsPerSecond, etaSeconds }) => {
          if (phase === 'switching' || Date.now() - lastPrint < 1000) return;
          lastPrint = Date.now();
          const share = now > 0n ? Number((position * 100n) / now) : 100;
          const eta = etaSeconds === undefined ? '' : `, about ${Math.ceil(etaSeconds)} s to go`;
          process.stdout.write(`  ${applied} events, position ${position} of ${now} (${share}%), ${Math.round(eventsPerSecond)} events/s${eta}\n`);
        },
      });
      process.stdout.write(
        `Replayed ${result.applied} events up to position ${result.position} in ${((Date.now() - started) / 1000).toFixed(1)} s` +
          `; the new read models took over with a ${result.switchPauseMs} ms pause of the feeds` +
          (result.parked > 0 ? `; ${result.parked} parked (see \`longview parked\`)` : '') +
          '.\n',
      );
    } catch (error) {
      if (!(error instanceof ReplayAborted)) throw error;
      process.stderr.write(`longview replay: ${error.message}\n`);
      return 130;
    } finally {
      process.off('SIGINT', onInterrupt);
      process.off('SIGTERM', onInterrupt);
    }
    return 0;
  } finally {
    await target.close();
  }
}

async function openTargetOrSay(command: string, values: StoreTargetOptions): Promise<StoreTarget | undefined> {
  try {
    return await openStoreTarget(values);
  } catch (error) {
    if (!(error instanceof DataHeldError)) throw error;
    process.stderr.write(`longview ${command}: ${error.message}\n`);
    return undefined;
  }
}
