import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import readline from 'node:readline';
import type { Database, Dialect } from './database';
import { EventStore } from './event-store';
import { ADVISORY_LOCK } from './schema';

/**
 * A backup of the event store: one JSON document per line (NDJSON), UTF-8, '\n' line ends.
 *
 *   {"header":{"format":"longview-event-store-backup","version":1,"createdAt":…,"source":"postgres","events":N,"commands":M,"lastPosition":"P"}}
 *   {"event":{"position":"1","eventId":…,"streamId":…,"streamVersion":1,"type":…,"schemaVersion":1,"data":{…},"metadata":{…},"recordedAt":…}}
 *   … every event in global order, then every command record …
 *   {"command":{"commandId":…,"scope":…,"commandType":…,"fingerprint":…,"streamId":…,"version":1,"position":"1","recordedAt":…}}
 *   {"end":{"sha256":"<hex>","events":N,"commands":M}}
 *
 * The last line's sha256 covers every byte before it. The header's counts and last position are
 * those of the snapshot the backup was read from, so a restore can check it got everything. The
 * `streams` table is not written: it is derived from the events (each stream's highest version).
 */
export const BACKUP_FORMAT = 'longview-event-store-backup';
export const BACKUP_FORMAT_VERSION = 1;

export interface BackupHeader {
  readonly format: typeof BACKUP_FORMAT;
  readonly version: number;
  readonly createdAt: string;
  /** The engine the backup was read from (a backup restores into either). */
  readonly source: Dialect;
  readonly events: number;
  readonly commands: number;
  /** Highest global position in the backup ('0' when there are no events). */
  readonly lastPosition: string;
}

export interface BackupEvent {
  readonly position: string;
  readonly eventId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: unknown;
  /** ISO-8601 with microseconds, UTC: the store's own precision. */
  readonly recordedAt: string;
}

export interface BackupCommand {
  readonly commandId: string;
  readonly scope: string;
  readonly commandType: string | null;
  readonly fingerprint: string | null;
  readonly streamId: string;
  readonly version: number;
  readonly position: string;
  readonly recordedAt: string;
}

/** Where backup text goes; `write` resolves when the chunk may be followed by the next (back-pressure). */
export interface BackupSink {
  write(chunk: string): Promise<void>;
}

export interface BackupProgress {
  readonly phase: 'verify' | 'events' | 'commands';
  readonly done: number;
  readonly total: number;
}

export interface BackupOptions {
  /** Rows read per query (default 1000): memory use is bounded by one batch, not the log. */
  readonly batchSize?: number;
  readonly onProgress?: (progress: BackupProgress) => void;
  /** Default: the current time. */
  readonly now?: () => Date;
}

export interface BackupSummary {
  readonly header: BackupHeader;
  readonly sha256: string;
  readonly bytes: number;
}

/** A backup file that is not one, is incomplete, or was changed after it was written. Nothing was restored. */
export class BackupFileError extends Error {
  override name = 'BackupFileError';
}

/** Restore was asked to write into a store that already holds events or commands. Nothing was written. */
export class RestoreTargetNotEmptyError extends Error {
  override name = 'RestoreTargetNotEmptyError';

  constructor(readonly existing: StoreContents) {
    super(
      `the target already holds ${existing.events} event(s) (last position ${existing.lastPosition}) and ${existing.commands} command record(s); ` +
        'restore only writes into an empty store (give --force to replace its contents: they are saved to a backup file first)',
    );
  }
}

export interface StoreContents {
  readonly events: number;
  readonly commands: number;
  readonly lastPosition: string;
}

const RECORDED_AT_TEXT = `to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

interface EventRow {
  global_position: string;
  event_id: string;
  stream_id: string;
  stream_version: number;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: unknown;
  recorded_at: string;
}

interface CommandRow {
  command_id: string;
  scope: string;
  command_type: string | null;
  fingerprint: string | null;
  stream_id: string;
  version: number;
  position: string;
  recorded_at: string;
}

/**
 * Writes a backup of the events and command records as they are at one instant: everything is
 * read in one REPEATABLE READ, READ ONLY transaction, so appends that commit meanwhile are not
 * in it (and are not blocked on PostgreSQL; PGlite is one connection, so its writers wait).
 */
export async function writeBackup(db: Database, sink: BackupSink, options: BackupOptions = {}): Promise<BackupSummary> {
  return db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    return writeSnapshot(tx, sink, options);
  });
}

/** The backup of what `tx` sees; the caller owns the transaction (and its consistency). */
async function writeSnapshot(tx: Database, sink: BackupSink, options: BackupOptions): Promise<BackupSummary> {
  const batchSize = options.batchSize ?? 1000;
  const contents = await readContents(tx);
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    version: BACKUP_FORMAT_VERSION,
    createdAt: (options.now?.() ?? new Date()).toISOString(),
    source: tx.dialect,
    events: contents.events,
    commands: contents.commands,
    lastPosition: contents.lastPosition,
  };
  const hash = createHash('sha256');
  let bytes = 0;
  const emit = async (lines: string[]) => {
    if (lines.length === 0) return;
    const chunk = lines.join('');
    hash.update(chunk);
    bytes += Buffer.byteLength(chunk);
    await sink.write(chunk);
  };
  await emit([line({ header })]);

  let done = 0;
  await pageEvents(tx, batchSize, async (events) => {
    await emit(events.map((event) => line({ event })));
    done += events.length;
    options.onProgress?.({ phase: 'events', done, total: header.events });
  });
  if (done !== header.events) throw new Error(`read ${done} events, expected ${header.events}: the snapshot changed under the backup`);
  done = 0;
  await pageCommands(tx, batchSize, async (commands) => {
    await emit(commands.map((command) => line({ command })));
    done += commands.length;
    options.onProgress?.({ phase: 'commands', done, total: header.commands });
  });
  if (done !== header.commands) throw new Error(`read ${done} command records, expected ${header.commands}: the snapshot changed under the backup`);

  const sha256 = hash.digest('hex');
  const end = line({ end: { sha256, events: header.events, commands: header.commands } });
  bytes += Buffer.byteLength(end);
  await sink.write(end);
  return { header, sha256, bytes };
}

/**
 * Every event in global order, a batch at a time, from one REPEATABLE READ snapshot (for
 * exports: the same rows a backup taken at that instant holds).
 */
export async function forEachEventInSnapshot(
  db: Database,
  onBatch: (events: readonly BackupEvent[]) => Promise<void>,
  options: { batchSize?: number } = {},
): Promise<StoreContents> {
  return db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const contents = await readContents(tx);
    await pageEvents(tx, options.batchSize ?? 1000, onBatch);
    return contents;
  });
}

async function readContents(tx: Database): Promise<StoreContents> {
  const { rows } = await tx.query<{ events: string; last: string | null; commands: string }>(
    'SELECT (SELECT count(*) FROM events) AS events, (SELECT max(global_position) FROM events) AS last, (SELECT count(*) FROM commands) AS commands',
  );
  const row = rows[0];
  return { events: Number(row?.events ?? 0), commands: Number(row?.commands ?? 0), lastPosition: row?.last ?? '0' };
}

async function pageEvents(tx: Database, batchSize: number, onBatch: (events: readonly BackupEvent[]) => Promise<void>): Promise<void> {
  let after = '0';
  for (;;) {
    const { rows } = await tx.query<EventRow>(
      `SELECT global_position, event_id, stream_id, stream_version, type, schema_version, data, metadata, ${RECORDED_AT_TEXT} AS recorded_at
         FROM events WHERE global_position > $1::bigint ORDER BY global_position LIMIT $2`,
      [after, batchSize],
    );
    const last = rows.at(-1);
    if (!last) return;
    await onBatch(
      rows.map((r) => ({
        position: r.global_position,
        eventId: r.event_id,
        streamId: r.stream_id,
        streamVersion: r.stream_version,
        type: r.type,
        schemaVersion: r.schema_version,
        data: r.data,
        metadata: r.metadata,
        recordedAt: r.recorded_at,
      })),
    );
    after = last.global_position;
  }
}

async function pageCommands(tx: Database, batchSize: number, onBatch: (commands: readonly BackupCommand[]) => Promise<void>): Promise<void> {
  let after: [string, string, string] = ['-1', '', ''];
  for (;;) {
    const { rows } = await tx.query<CommandRow>(
      `SELECT command_id, scope, command_type, fingerprint, stream_id, version, position, ${RECORDED_AT_TEXT} AS recorded_at
         FROM commands WHERE (position, scope, command_id) > ($1::bigint, $2, $3)
        ORDER BY position, scope, command_id LIMIT $4`,
      [...after, batchSize],
    );
    const last = rows.at(-1);
    if (!last) return;
    await onBatch(
      rows.map((r) => ({
        commandId: r.command_id,
        scope: r.scope,
        commandType: r.command_type,
        fingerprint: r.fingerprint,
        streamId: r.stream_id,
        version: r.version,
        position: r.position,
        recordedAt: r.recorded_at,
      })),
    );
    after = [last.position, last.scope, last.command_id];
  }
}

function line(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}

export interface VerifiedBackup {
  readonly header: BackupHeader;
  readonly sha256: string;
  readonly bytes: number;
}

/**
 * Reads a backup file end to end and checks it without writing anything: the checksum, the
 * header, every line's shape, global order, and that the counts match the header.
 */
export async function verifyBackupFile(file: string, options: { onProgress?: (progress: BackupProgress) => void } = {}): Promise<VerifiedBackup> {
  const reader = new BackupReader(file);
  let events = 0;
  for await (const record of reader.records()) {
    if ('event' in record) {
      events += 1;
      if (events % 1000 === 0) options.onProgress?.({ phase: 'verify', done: events, total: reader.header?.events ?? 0 });
    }
  }
  const header = reader.requireComplete();
  options.onProgress?.({ phase: 'verify', done: events, total: header.events });
  return { header, sha256: reader.sha256, bytes: reader.bytes };
}

type BackupRecord = { event: BackupEvent } | { command: BackupCommand };

/** Streams a backup file's records, validating as it goes; the checksum is known once records() is exhausted. */
class BackupReader {
  header: BackupHeader | undefined;
  sha256 = '';
  bytes = 0;
  private ended = false;
  private readonly hash: Hash = createHash('sha256');

  constructor(private readonly file: string) {}

  async *records(): AsyncGenerator<BackupRecord> {
    const input = openForReading(this.file);
    const lines = readline.createInterface({ input, crlfDelay: Infinity });
    let lineNo = 0;
    let events = 0;
    let commands = 0;
    let lastPosition = 0n;
    const fail = (message: string): never => {
      throw new BackupFileError(`${this.file} line ${lineNo}: ${message}`);
    };
    try {
      for await (const text of lines) {
        lineNo += 1;
        if (this.ended) {
          if (text === '') continue;
          fail('there is more after the checksum line: the file was changed or two files were joined');
        }
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch {
          fail('not a JSON line: this is not a Longview backup, or it was damaged');
        }
        if (lineNo === 1) {
          this.header = parseHeader(value, fail);
          this.hash.update(`${text}\n`);
          this.bytes += Buffer.byteLength(text) + 1;
          continue;
        }
        const record = value as Record<string, unknown>;
        if (isObject(record) && isObject(record['end'])) {
          const end = record['end'];
          this.sha256 = this.hash.digest('hex');
          if (end['sha256'] !== this.sha256)
            fail(`checksum mismatch (file says ${String(end['sha256'])}, contents give ${this.sha256}): the file was changed after it was written`);
          if (end['events'] !== events || end['commands'] !== commands)
            fail(`the checksum line counts ${String(end['events'])} events and ${String(end['commands'])} commands, the file holds ${events} and ${commands}`);
          const header = this.header as BackupHeader;
          if (header.events !== events || header.commands !== commands)
            fail(`the header announces ${header.events} events and ${header.commands} commands, the file holds ${events} and ${commands}`);
          if (BigInt(header.lastPosition) !== lastPosition) fail(`the header's last position is ${header.lastPosition}, the last event's is ${lastPosition}`);
          this.ended = true;
          this.bytes += Buffer.byteLength(text) + 1;
          continue;
        }
        this.hash.update(`${text}\n`);
        this.bytes += Buffer.byteLength(text) + 1;
        if (isObject(record) && isObject(record['event'])) {
          if (commands > 0) fail('an event after the command records: the file is out of order');
          const event = parseEvent(record['event'], fail);
          const position = BigInt(event.position);
          if (position <= lastPosition) fail(`event position ${event.position} does not follow ${lastPosition}: the file is out of order`);
          lastPosition = position;
          events += 1;
          yield { event };
        } else if (isObject(record) && isObject(record['command'])) {
          commands += 1;
          yield { command: parseCommand(record['command'], fail) };
        } else {
          fail('expected an "event", "command" or "end" line');
        }
      }
    } finally {
      lines.close();
      input.destroy();
    }
    if (lineNo === 0) throw new BackupFileError(`${this.file} is empty: not a Longview backup`);
  }

  /** The header, once records() has run to the end; throws when the checksum line never came. */
  requireComplete(): BackupHeader {
    if (!this.ended || !this.header)
      throw new BackupFileError(`${this.file} ends before its checksum line: it is incomplete (was the backup interrupted?) and cannot be restored`);
    return this.header;
  }
}

function openForReading(file: string): fs.ReadStream {
  try {
    fs.accessSync(file, fs.constants.R_OK);
  } catch {
    throw new BackupFileError(`cannot read ${file}: no such file, or no permission`);
  }
  return fs.createReadStream(file, { encoding: 'utf8' });
}

type Fail = (message: string) => never;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const POSITION = /^[1-9][0-9]{0,18}$/;

function parseHeader(value: unknown, fail: Fail): BackupHeader {
  const header = isObject(value) ? value['header'] : undefined;
  if (!isObject(header) || header['format'] !== BACKUP_FORMAT)
    return fail(`not a Longview backup (the first line must be its header, format "${BACKUP_FORMAT}")`);
  if (header['version'] !== BACKUP_FORMAT_VERSION)
    return fail(`backup format version ${String(header['version'])} is not supported (this version reads ${BACKUP_FORMAT_VERSION})`);
  const { events, commands, lastPosition, createdAt, source } = header;
  if (!Number.isInteger(events) || !Number.isInteger(commands) || typeof lastPosition !== 'string' || !/^[0-9]+$/.test(lastPosition))
    return fail('the header lacks its event and command counts or last position');
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_FORMAT_VERSION,
    createdAt: String(createdAt),
    source: source === 'pglite' ? 'pglite' : 'postgres',
    events: events as number,
    commands: commands as number,
    lastPosition,
  };
}

function parseEvent(e: Record<string, unknown>, fail: Fail): BackupEvent {
  const ok =
    typeof e['position'] === 'string' &&
    POSITION.test(e['position']) &&
    typeof e['eventId'] === 'string' &&
    typeof e['streamId'] === 'string' &&
    Number.isInteger(e['streamVersion']) &&
    (e['streamVersion'] as number) >= 1 &&
    typeof e['type'] === 'string' &&
    Number.isInteger(e['schemaVersion']) &&
    'data' in e &&
    isObject(e['metadata']) &&
    typeof e['recordedAt'] === 'string';
  if (!ok) return fail('an event line lacks a field (position, eventId, streamId, streamVersion, type, schemaVersion, data, metadata, recordedAt)');
  return e as unknown as BackupEvent;
}

function parseCommand(c: Record<string, unknown>, fail: Fail): BackupCommand {
  const nullableString = (v: unknown) => v === null || typeof v === 'string';
  const ok =
    typeof c['commandId'] === 'string' &&
    typeof c['scope'] === 'string' &&
    nullableString(c['commandType']) &&
    nullableString(c['fingerprint']) &&
    typeof c['streamId'] === 'string' &&
    Number.isInteger(c['version']) &&
    typeof c['position'] === 'string' &&
    /^[0-9]+$/.test(c['position']) &&
    typeof c['recordedAt'] === 'string';
  if (!ok) return fail('a command line lacks a field (commandId, scope, commandType, fingerprint, streamId, version, position, recordedAt)');
  return c as unknown as BackupCommand;
}

export interface RestoreOptions {
  /** Replace a store that already holds events or commands (default: refuse). */
  readonly force?: boolean;
  /**
   * Where the contents being replaced are saved first (a backup of them, taken inside the
   * restoring transaction). Required with `force` when the store is not empty: nothing is lost.
   */
  readonly saveReplacedTo?: () => BackupSink & { close(): Promise<void> };
  /** Rows per INSERT (default 500). */
  readonly batchSize?: number;
  readonly onProgress?: (progress: BackupProgress) => void;
}

export interface RestoreSummary {
  readonly header: BackupHeader;
  readonly sha256: string;
  /** What the store held before, when it was replaced (--force); undefined when it was empty. */
  readonly replaced: (StoreContents & { savedTo: BackupSummary }) | undefined;
}

/**
 * Restores a backup file into `db`'s event store:
 * 1. the whole file is verified first (verifyBackupFile); a bad file writes nothing;
 * 2. then, in ONE transaction holding the event tables exclusively: an empty store is filled
 *    (a non-empty one is refused, or with `force` first saved through `saveReplacedTo` and
 *    emptied), events keep their ids and global positions, command records their scopes and
 *    fingerprints (so retried commands still answer as before), stream versions are derived,
 *    the position sequence continues after the last restored event; the file is hashed again
 *    while it is read and the transaction rolls back if it changed since step 1.
 * Read models are not touched: rebuild them from the restored log afterwards.
 */
export async function restoreBackupFile(db: Database, file: string, options: RestoreOptions = {}): Promise<RestoreSummary> {
  const verified = await verifyBackupFile(file, options.onProgress ? { onProgress: options.onProgress } : {});
  const { header } = verified;
  await new EventStore(db).migrate();
  const batchSize = options.batchSize ?? 500;
  return db.transaction(async (tx) => {
    await tx.query('LOCK TABLE events, streams, commands IN ACCESS EXCLUSIVE MODE');
    await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [ADVISORY_LOCK.globalPosition]);
    const existing = await readContents(tx);
    let replaced: RestoreSummary['replaced'];
    if (existing.events > 0 || existing.commands > 0) {
      if (!options.force) throw new RestoreTargetNotEmptyError(existing);
      if (!options.saveReplacedTo) throw new Error('restore with force into a non-empty store needs somewhere to save the replaced contents');
      const sink = options.saveReplacedTo();
      const savedTo = await writeSnapshot(tx, sink, {});
      await sink.close();
      replaced = { ...existing, savedTo };
      await tx.query('DELETE FROM commands');
      await tx.query('DELETE FROM streams');
      await tx.query('DELETE FROM events');
    }

    const reader = new BackupReader(file);
    let events: BackupEvent[] = [];
    let commands: BackupCommand[] = [];
    let eventsDone = 0;
    let commandsDone = 0;
    for await (const record of reader.records()) {
      if ('event' in record) {
        events.push(record.event);
        if (events.length >= batchSize) {
          await insertEvents(tx, events);
          eventsDone += events.length;
          events = [];
          options.onProgress?.({ phase: 'events', done: eventsDone, total: header.events });
        }
      } else {
        commands.push(record.command);
        if (commands.length >= batchSize) {
          await insertCommands(tx, commands);
          commandsDone += commands.length;
          commands = [];
          options.onProgress?.({ phase: 'commands', done: commandsDone, total: header.commands });
        }
      }
    }
    await insertEvents(tx, events);
    options.onProgress?.({ phase: 'events', done: eventsDone + events.length, total: header.events });
    await insertCommands(tx, commands);
    options.onProgress?.({ phase: 'commands', done: commandsDone + commands.length, total: header.commands });
    reader.requireComplete();
    if (reader.sha256 !== verified.sha256) throw new BackupFileError(`${file} changed while it was being restored; nothing was restored`);

    await tx.query('INSERT INTO streams (stream_id, version) SELECT stream_id, max(stream_version) FROM events GROUP BY stream_id');
    // The next append continues after the last restored position (is_called = false: 1 is next on an empty log).
    await tx.query(
      `SELECT setval(pg_get_serial_sequence('events', 'global_position'), GREATEST((SELECT max(global_position) FROM events), 1), (SELECT count(*) > 0 FROM events))`,
    );
    return { header, sha256: verified.sha256, replaced };
  });
}

async function insertEvents(tx: Database, events: readonly BackupEvent[]): Promise<void> {
  if (events.length === 0) return;
  const params: unknown[] = [];
  const tuples = events.map((e, i) => {
    params.push(
      e.position,
      e.eventId,
      e.streamId,
      e.streamVersion,
      e.type,
      e.schemaVersion,
      JSON.stringify(e.data ?? null),
      JSON.stringify(e.metadata),
      e.recordedAt,
    );
    const p = i * 9;
    return `($${p + 1}::bigint, $${p + 2}, $${p + 3}, $${p + 4}::integer, $${p + 5}, $${p + 6}::integer, $${p + 7}::jsonb, $${p + 8}::jsonb, $${p + 9}::timestamptz)`;
  });
  await tx.query(
    `INSERT INTO events (global_position, event_id, stream_id, stream_version, type, schema_version, data, metadata, recorded_at) VALUES ${tuples.join(', ')}`,
    params,
  );
}

async function insertCommands(tx: Database, commands: readonly BackupCommand[]): Promise<void> {
  if (commands.length === 0) return;
  const params: unknown[] = [];
  const tuples = commands.map((c, i) => {
    params.push(c.commandId, c.scope, c.commandType, c.fingerprint, c.streamId, c.version, c.position, c.recordedAt);
    const p = i * 8;
    return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}::integer, $${p + 7}::bigint, $${p + 8}::timestamptz)`;
  });
  await tx.query(
    `INSERT INTO commands (command_id, scope, command_type, fingerprint, stream_id, version, position, recorded_at) VALUES ${tuples.join(', ')}`,
    params,
  );
}

/**
 * A sink writing to a file: honours back-pressure, and `close()` flushes the file to disk
 * (fsync) before it resolves, so a backup reported as written survives a power loss.
 */
export function openBackupFileSink(file: string): BackupSink & { close(): Promise<void> } {
  const fd = fs.openSync(file, 'wx');
  const stream = fs.createWriteStream(file, { fd, autoClose: false });
  let failed: Error | undefined;
  stream.on('error', (error) => {
    failed = error;
  });
  return {
    write(chunk: string): Promise<void> {
      if (failed) return Promise.reject(failed);
      return new Promise((resolve) => {
        if (stream.write(chunk)) resolve();
        else stream.once('drain', () => resolve());
      });
    },
    async close(): Promise<void> {
      await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      if (failed) throw failed;
    },
  };
}
