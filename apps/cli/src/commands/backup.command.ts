import fs from 'node:fs';
import path from 'node:path';
import {
  BackupFileError,
  EventStore,
  RestoreTargetNotEmptyError,
  openBackupFileSink,
  restoreBackupFile,
  verifyBackupFile,
  writeBackup,
  type BackupProgress,
  type BackupSink,
  type Database,
} from '@longview/event-store';
import { ProjectionRunner } from '@longview/query-service';
import { commandUsageError, dataDirFrom, displayPath, parseCommandLine } from '../cli-options';
import { EXPORT_FORMATS, ExportRequestError, readModelTable, writeExport, type ExportFormat } from '../export/data-export';
import { fetchFromPlatform } from '../platform/admin-routes';
import { devJwtSecret } from '../platform/dev-secret';
import {
  DataHeldError,
  distributedUrls,
  holdsEmbeddedData,
  livePlatformHolding,
  openDistributedTarget,
  openEmbeddedTarget,
  redact,
  type StoreTarget,
} from '../platform/store-target';

const WHERE_OPTIONS = {
  data: { type: 'string' },
  distributed: { type: 'boolean' },
  'database-url': { type: 'string' },
  'query-database-url': { type: 'string' },
} as const;

const WHERE_USAGE = `  --data DIR                 embedded data (default .longview/data); a platform running on it is reached
                             through its command-service, never by opening the folder
  --distributed              the distributed databases: --database-url / DATABASE_URL (events) and
                             --query-database-url / QUERY_DATABASE_URL (read models), else the local defaults
  -h, --help                 this text
`;

export const BACKUP = {
  name: 'backup',
  usage: `usage: longview backup --out FILE [--data DIR | --distributed]

Writes a consistent backup of the event log and the command records (idempotency keys) to FILE:
one snapshot, even while the platform runs and takes writes; NDJSON with a header and a SHA-256
checksum line (docs/operations.md). Read models are not in it: restore rebuilds them.

  --out FILE                 the backup file (must not exist)
${WHERE_USAGE}`,
  options: { ...WHERE_OPTIONS, out: { type: 'string' } },
} as const;

export const RESTORE = {
  name: 'restore',
  usage: `usage: longview restore --in FILE [--force] [--data DIR | --distributed]

Verifies FILE's checksum, restores the event log and command records into an empty store in one
transaction, then rebuilds every read model from it. The platform on --data DIR must be stopped.

  --in FILE                  a file written by \`longview backup\`
  --force                    replace a store that is not empty: its contents are first saved to
                             longview-replaced-<time>.ndjson beside FILE, then replaced
${WHERE_USAGE}`,
  options: { ...WHERE_OPTIONS, in: { type: 'string' }, force: { type: 'boolean' } },
} as const;

export const EXPORT = {
  name: 'export',
  usage: `usage: longview export [--format ndjson|csv] [--read-model NAME] [--out FILE] [--data DIR | --distributed]

Writes the event log (default) or a read model's table as NDJSON or CSV, to standard output
unless --out is given; read from one snapshot.

  --format ndjson|csv        default ndjson
  --read-model NAME          a read model (trust-directory, intervention-summary, metric-series,
                             metric-coverage: its main table) or one of its tables (e.g. rm_trust_pending)
  --out FILE                 write there instead of standard output (must not exist)
${WHERE_USAGE}`,
  options: { ...WHERE_OPTIONS, format: { type: 'string' }, 'read-model': { type: 'string' }, out: { type: 'string' } },
} as const;

type Where = { data?: string | undefined; distributed?: boolean | undefined; 'database-url'?: string | undefined; 'query-database-url'?: string | undefined };

const distributedWanted = (v: Where) => v.distributed === true || v['database-url'] !== undefined || v['query-database-url'] !== undefined;

/** `longview backup --out FILE`. */
export async function runBackup(args: readonly string[]): Promise<number> {
  const parsed = parseCommandLine(BACKUP, args);
  if ('exitCode' in parsed) return parsed.exitCode;
  const { values } = parsed;
  if (!values.out) return commandUsageError(BACKUP, 'give --out FILE');
  if (values.data !== undefined && distributedWanted(values)) return commandUsageError(BACKUP, 'give --data DIR or --distributed, not both');
  const out = path.resolve(values.out);
  if (fs.existsSync(out)) return say(BACKUP.name, `${displayPath(out)} already exists; choose another --out FILE (a backup never overwrites one)`);

  const started = Date.now();
  const progress = progressLine('backup');
  try {
    let source: string;
    if (distributedWanted(values)) {
      const target = await openDistributedTarget(values);
      try {
        if (!(await hasEventLog(target.events as Database))) return say(BACKUP.name, `no Longview event log in ${target.describe}`);
        await toFile(out, (sink) => writeBackup(target.events as Database, sink, { onProgress: progress }));
        source = `events in ${redact(distributedUrls(values).events)}`;
      } finally {
        await target.close();
      }
    } else {
      const dir = dataDirFrom(values.data);
      const holder = livePlatformHolding(dir);
      if (holder) {
        // The running platform reads its own snapshot; its writers wait while it runs (PGlite is one connection).
        await toFile(out, (sink) => fetchFromPlatform(holder.commandUrl, '/backup', devJwtSecret(dir), sink));
        source = `the platform at ${holder.gatewayUrl ?? holder.commandUrl} (data ${displayPath(dir)})`;
      } else {
        if (!holdsEmbeddedData(dir)) return say(BACKUP.name, `no Longview data in ${displayPath(dir)}`);
        const target = await openEmbeddedTarget(dir);
        try {
          await toFile(out, (sink) => writeBackup(target.read, sink, { onProgress: progress }));
          source = target.describe;
        } finally {
          await target.close();
        }
      }
    }
    // Read back what was written: a backup is reported only once it is known to restore.
    const { header, sha256, bytes } = await verifyBackupFile(out);
    process.stdout.write(
      `Backed up ${header.events} events and ${header.commands} command records (last position ${header.lastPosition}) from ${source} ` +
        `to ${displayPath(out)}: ${formatBytes(bytes)}, sha256 ${sha256}, ${seconds(started)}.\n`,
    );
    return 0;
  } catch (error) {
    fs.rmSync(out, { force: true });
    if (error instanceof DataHeldError || error instanceof BackupFileError) return say(BACKUP.name, error.message);
    if (error instanceof Error && error.message.startsWith('the platform at')) return say(BACKUP.name, error.message);
    throw error;
  }
}

/** `longview restore --in FILE [--force]`. */
export async function runRestore(args: readonly string[]): Promise<number> {
  const parsed = parseCommandLine(RESTORE, args);
  if ('exitCode' in parsed) return parsed.exitCode;
  const { values } = parsed;
  if (!values.in) return commandUsageError(RESTORE, 'give --in FILE');
  if (values.data !== undefined && distributedWanted(values)) return commandUsageError(RESTORE, 'give --data DIR or --distributed, not both');
  const file = path.resolve(values.in);
  const started = Date.now();
  const progress = progressLine('restore');

  let target: StoreTarget;
  try {
    if (distributedWanted(values)) target = await openDistributedTarget(values);
    else {
      const dir = dataDirFrom(values.data);
      const holder = livePlatformHolding(dir);
      if (holder) throw new DataHeldError(dir, holder, 'stop it first (a restore replaces the event log under it)');
      fs.mkdirSync(dir, { recursive: true });
      target = await openEmbeddedTarget(dir);
    }
  } catch (error) {
    if (error instanceof DataHeldError) return say(RESTORE.name, error.message);
    throw error;
  }
  try {
    const events = target.events ?? target.read;
    const replacedFile = path.join(path.dirname(file), `longview-replaced-${new Date().toISOString().replace(/[:.]/g, '-')}.ndjson`);
    const result = await restoreBackupFile(events, file, {
      ...(values.force ? { force: true, saveReplacedTo: () => openBackupFileSink(replacedFile) } : {}),
      onProgress: progress,
    });
    const { header } = result;
    if (result.replaced)
      process.stderr.write(
        `restore: replaced ${result.replaced.events} events and ${result.replaced.commands} command records (last position ${result.replaced.lastPosition}); ` +
          `they are saved in ${displayPath(replacedFile)} (restore that file to get them back)\n`,
      );
    process.stderr.write(`restore: ${header.events} events and ${header.commands} command records restored; rebuilding the read models…\n`);
    if (target.events) {
      // Restored events are already in the read models once rebuilt: the relay continues after them
      // instead of sending the whole log to Kafka again.
      await target.events.query(
        `DO $$ BEGIN IF to_regclass('relay_checkpoints') IS NOT NULL THEN UPDATE relay_checkpoints SET position = ${BigInt(header.lastPosition).toString()}, updated_at = now(); END IF; END $$`,
      );
    }
    const runner = new ProjectionRunner(target.read);
    await runner.migrate();
    let lastPrint = 0;
    const rebuilt = await runner.rebuild({
      ...(target.events ? { store: new EventStore(target.events) } : {}),
      onProgress: ({ applied, position }) => {
        if (Date.now() - lastPrint < 1000) return;
        lastPrint = Date.now();
        process.stderr.write(`restore: read models ${applied} events applied (position ${position} of ${header.lastPosition})\n`);
      },
    });
    process.stdout.write(
      `Restored ${header.events} events and ${header.commands} command records (last position ${header.lastPosition}, backup of ${header.createdAt}) ` +
        `into ${target.describe}; read models rebuilt from ${rebuilt.applied} events` +
        (rebuilt.parked > 0 ? ` (${rebuilt.parked} parked: see \`longview parked\`)` : '') +
        `; ${seconds(started)}.\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof BackupFileError) return say(RESTORE.name, `${error.message}; nothing was restored`);
    if (error instanceof RestoreTargetNotEmptyError) return say(RESTORE.name, `${error.message}; nothing was restored`);
    throw error;
  } finally {
    await target.close();
  }
}

/** `longview export [--format ndjson|csv] [--read-model NAME] [--out FILE]`. */
export async function runExport(args: readonly string[]): Promise<number> {
  const parsed = parseCommandLine(EXPORT, args);
  if ('exitCode' in parsed) return parsed.exitCode;
  const { values } = parsed;
  const format = values.format ?? 'ndjson';
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) return commandUsageError(EXPORT, `--format must be ndjson or csv, not "${format}"`);
  if (values.data !== undefined && distributedWanted(values)) return commandUsageError(EXPORT, 'give --data DIR or --distributed, not both');
  const readModel = values['read-model'];
  try {
    if (readModel !== undefined) readModelTable(readModel);
  } catch (error) {
    if (error instanceof ExportRequestError) return commandUsageError(EXPORT, error.message);
    throw error;
  }
  const out = values.out === undefined ? undefined : path.resolve(values.out);
  if (out && fs.existsSync(out)) return say(EXPORT.name, `${displayPath(out)} already exists; choose another --out FILE`);
  const request = { format: format as ExportFormat, readModel };

  const run = async (sink: BackupSink): Promise<void> => {
    if (distributedWanted(values)) {
      const target = await openDistributedTarget(values);
      try {
        await writeExport({ events: target.events as Database, read: target.read }, request, sink);
      } finally {
        await target.close();
      }
      return;
    }
    const dir = dataDirFrom(values.data);
    const holder = livePlatformHolding(dir);
    if (holder) {
      const query = new URLSearchParams({ format, ...(readModel !== undefined ? { readModel } : {}) });
      await fetchFromPlatform(holder.commandUrl, `/export?${query.toString()}`, devJwtSecret(dir), sink);
      return;
    }
    if (!holdsEmbeddedData(dir)) throw new ExportRequestError(`no Longview data in ${displayPath(dir)}`);
    const target = await openEmbeddedTarget(dir);
    try {
      await writeExport({ events: target.read, read: target.read }, request, sink);
    } finally {
      await target.close();
    }
  };
  try {
    if (out) await toFile(out, run);
    else await run(stdoutSink());
    return 0;
  } catch (error) {
    if (out) fs.rmSync(out, { force: true });
    if (error instanceof DataHeldError || error instanceof ExportRequestError) return say(EXPORT.name, error.message);
    if (error instanceof Error && error.message.startsWith('the platform at')) return say(EXPORT.name, error.message);
    throw error;
  }
}

async function toFile<T>(file: string, write: (sink: BackupSink) => Promise<T>): Promise<T> {
  const sink = openBackupFileSink(file);
  try {
    return await write(sink);
  } finally {
    await sink.close();
  }
}

function stdoutSink(): BackupSink {
  return {
    write: (chunk) =>
      new Promise((resolve) => {
        if (process.stdout.write(chunk)) resolve();
        else process.stdout.once('drain', () => resolve());
      }),
  };
}

async function hasEventLog(db: Database): Promise<boolean> {
  const { rows } = await db.query<{ t: string | null }>(`SELECT to_regclass('events')::text AS t`);
  return rows[0]?.t != null;
}

/** Progress on stderr, at most once a second, and once at the end of each phase. */
function progressLine(command: string): (p: BackupProgress) => void {
  let last = 0;
  return ({ phase, done, total }) => {
    const now = Date.now();
    if (done < total && now - last < 1000) return;
    last = now;
    const share = total > 0 ? ` (${Math.floor((done * 100) / total)}%)` : '';
    const what = phase === 'verify' ? 'checked' : phase === 'events' ? 'events' : 'command records';
    process.stderr.write(`${command}: ${what} ${done} of ${total}${share}\n`);
  };
}

function say(command: string, message: string): number {
  process.stderr.write(`longview ${command}: ${message}\n`);
  return 1;
}

function seconds(started: number): string {
  return `${((Date.now() - started) / 1000).toFixed(1)} s`;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} kB`;
}
