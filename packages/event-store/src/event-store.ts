import { randomUUID } from 'node:crypto';
import { injectTraceHeaders, SpanKind, withSpan } from '@longview/tracing';
import type { Database } from './database';
import { ConcurrencyError, IdempotencyConflictError, isConcurrencyError } from './errors';
import { actorScope } from './idempotency';
import { ADVISORY_LOCK, CONSTRAINT, SCHEMA_SQL, SYSTEM_SCOPE } from './schema';
import type { AppendOptions, AppendResult, CommandRecord, EventMetadata, ExpectedVersion, NewEvent, ReadAllOptions, StoredEvent } from './types';

interface EventRow {
  global_position: string;
  event_id: string;
  stream_id: string;
  stream_version: number;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: EventMetadata;
  recorded_at: Date | string;
}

interface CommandRow {
  command_id: string;
  scope: string;
  command_type: string | null;
  fingerprint: string | null;
  stream_id: string;
  version: number;
  position: string;
  recorded_at: Date | string;
}

/**
 * The lowest position after `after` written by a transaction that is not older than every
 * running one (or the largest bigint when there is none): readers stop just before it.
 */
const SAFE_HORIZON = (after: string) => `COALESCE(
  (SELECT min(h.global_position) FROM events h
    WHERE h.global_position > ${after}
      AND h.transaction_id >= pg_snapshot_xmin(pg_current_snapshot())),
  9223372036854775807)`;

const EVENT_COLUMNS = 'global_position, event_id, stream_id, stream_version, type, schema_version, data, metadata, recorded_at';

/**
 * Append-only event log with per-stream optimistic concurrency, command idempotency and
 * a gap-safe global order. Works on any {@link Database}; pass a transaction handle to
 * make an append part of a larger transaction.
 */
export class EventStore {
  private readonly batches: GroupCommit | undefined;

  /**
   * `groupCommit`: concurrent appends of this process share one transaction (see
   * {@link EventStoreOptions}). Only for a store over a pool or PGlite, never over a
   * transaction handle: a batched append commits on its own.
   */
  private readonly clock: (() => Date) | undefined;

  constructor(
    private readonly db: Database,
    options: EventStoreOptions = {},
  ) {
    this.clock = options.clock;
    this.batches = options.groupCommit ? new GroupCommit(db, options.maxBatchEvents ?? DEFAULT_MAX_BATCH_EVENTS, options.clock) : undefined;
  }

  /** Creates the tables if they do not exist. Safe to call concurrently and repeatedly. */
  async migrate(): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [ADVISORY_LOCK.migration]);
      for (const statement of SCHEMA_SQL) await tx.query(statement);
    });
  }

  /**
   * Appends `events` to the end of `streamId` atomically.
   *
   * - `expectedVersion` (default 'any'): a number (0 = must not exist) or 'no_stream';
   *   a mismatch, or losing a race to another writer, throws {@link ConcurrencyError} and
   *   writes nothing.
   * - `commandId`: if this command was already processed in the same idempotency scope (the
   *   sender's, see `idempotencyScope`), nothing is written and the first append's result is
   *   returned with `appended: false` (also when both attempts race); if the id was used for a
   *   command with another `fingerprint`, {@link IdempotencyConflictError} is thrown.
   *   The id is copied into each event's `metadata.commandId` unless one is given.
   * - An empty `events` list only checks `expectedVersion`; it returns the current version,
   *   the stream's last position (0n for none) and `appended: false`.
   */
  async appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    return withSpan(
      'event-store',
      'event-store.append',
      { kind: SpanKind.CLIENT, attributes: { 'db.system.name': 'postgresql', 'longview.stream_id': streamId, 'longview.event_count': events.length } },
      async (span) => {
        const result = await this.appendUntraced(streamId, withTraceContext(events), options);
        span.setAttributes({ 'longview.global_position': result.position.toString(), 'longview.appended': result.appended });
        return result;
      },
    );
  }

  private async appendUntraced(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const expected = options.expectedVersion ?? 'any';
    assertExpectedVersion(expected);
    const { commandId } = options;
    const command: CommandKey | undefined =
      commandId === undefined
        ? undefined
        : {
            commandId,
            scope: options.idempotencyScope ?? actorScope(events[0]?.metadata.actor),
            ...(options.commandType !== undefined ? { commandType: options.commandType } : {}),
            ...(options.fingerprint !== undefined ? { fingerprint: options.fingerprint } : {}),
          };

    // Batched: the command id is looked up inside the batch, once for all of its appends.
    if (this.batches && events.length > 0)
      return this.batches.submit({ streamId, events, expected, command }, () => this.appendAlone(streamId, events, expected, command));
    return this.appendAlone(streamId, events, expected, command);
  }

  /** One append in its own transaction (also the fallback of a batch that failed as a whole). */
  private async appendAlone(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion, command: CommandKey | undefined): Promise<AppendResult> {
    if (command) {
      const previous = await this.findCommand(command.commandId, command.scope);
      if (previous) return idempotentResult(previous, command);
    }

    try {
      return await this.db.transaction((tx) => appendInTransaction(tx, streamId, events, expected, command, recordedAt(this.clock)));
    } catch (error) {
      // A racing attempt of the same command that committed first makes ours fail either
      // on the stream version or on the commands primary key: answer as for a retry.
      if (command && (isConcurrencyError(error) || isUniqueViolation(error))) {
        // Inside a caller's (now aborted) transaction the lookup fails too: report the original error.
        const previous = await this.findCommand(command.commandId, command.scope).catch(() => undefined);
        if (previous) return idempotentResult(previous, command);
      }
      if (isUniqueViolation(error, CONSTRAINT.streamVersionUnique)) {
        const actual = await readStreamVersion(this.db, streamId).catch(() => -1);
        throw new ConcurrencyError(streamId, expected, actual);
      }
      throw error;
    }
  }

  /** All events of a stream in order. `version` is the last event's streamVersion (0 = no stream). */
  async readStream(streamId: string): Promise<{ version: number; events: StoredEvent[] }> {
    const { rows } = await this.db.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 ORDER BY stream_version`, [streamId]);
    const events = rows.map(toStoredEvent);
    return { version: events.at(-1)?.streamVersion ?? 0, events };
  }

  /**
   * Events of all streams with globalPosition > `after`, in global order, at most `limit`.
   *
   * Never skips: a reader that continues from the last position it saw receives every
   * event exactly once, even when transactions commit out of order. Two mechanisms:
   * 1. appends take an advisory lock right before inserting their events, held until
   *    commit, so global positions are handed out in commit order;
   * 2. rows are returned only up to (not including) the lowest position whose writing
   *    transaction is not older than every transaction still running
   *    (`transaction_id >= pg_snapshot_xmin(pg_current_snapshot())`, the filter Emmett uses).
   *    It must be a horizon, not a per-row filter: transaction ids are handed out when a
   *    transaction first writes, not in commit order, so position P+1 can carry an older id
   *    than P. Filtering row by row returned P+1 while hiding P (a committed event) whenever
   *    some transaction with an id between the two was still open, and a reader that moved
   *    its checkpoint to P+1 lost P for good (seen with concurrent appends on PostgreSQL).
   * The price: readers lag behind while any transaction in the cluster is open.
   */
  async readAll(options: ReadAllOptions): Promise<StoredEvent[]> {
    if (!Number.isInteger(options.limit) || options.limit <= 0) {
      throw new RangeError(`readAll limit must be a positive integer, got ${options.limit}`);
    }
    const { rows } = await this.db.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events
        WHERE global_position > $1::bigint
          AND global_position < ${SAFE_HORIZON('$1::bigint')}
        ORDER BY global_position
        LIMIT $2`,
      [options.after.toString(), options.limit],
    );
    return rows.map(toStoredEvent);
  }

  /**
   * The highest position readAll can currently return (0n for an empty log): a consumer
   * whose checkpoint has reached it is caught up.
   */
  async headPosition(): Promise<bigint> {
    const { rows } = await this.db.query<{ global_position: string }>(
      `SELECT global_position FROM events
        WHERE global_position < ${SAFE_HORIZON('0')}
        ORDER BY global_position DESC
        LIMIT 1`,
    );
    return BigInt(rows[0]?.global_position ?? 0);
  }

  /**
   * The recorded outcome of a command processed in `scope` (the sender's, see actorScope;
   * default SYSTEM), or undefined if that scope never used the id.
   */
  async findCommand(commandId: string, scope: string = SYSTEM_SCOPE): Promise<CommandRecord | undefined> {
    const { rows } = await this.db.query<CommandRow>(
      'SELECT command_id, scope, command_type, fingerprint, stream_id, version, position, recorded_at FROM commands WHERE scope = $1 AND command_id = $2',
      [scope, commandId],
    );
    const row = rows[0];
    return row === undefined ? undefined : toCommandRecord(row);
  }
}

/**
 * The events with the trace context of the append (its span) in their metadata, unless they carry
 * one already: the relay publishes each event as part of the trace of the command that wrote it.
 * Nothing is added when tracing is off.
 */
function withTraceContext(events: readonly NewEvent[]): readonly NewEvent[] {
  const headers = injectTraceHeaders();
  if (!headers.traceparent) return events;
  return events.map((event) => (typeof event.metadata.traceparent === 'string' ? event : { ...event, metadata: { ...event.metadata, ...headers } }));
}

export interface EventStoreOptions {
  /**
   * Group commit (default off): appends issued while another batch is being written wait for
   * it and are then written together, in one transaction under one position lock. Each append
   * keeps its own expected-version check, idempotency check and answer; one failing does not
   * fail the others. Positions stay gap-free and in commit order.
   */
  groupCommit?: boolean;
  /** Most events written by one batch (default 2000); a larger append is written alone. */
  maxBatchEvents?: number;
  /**
   * The instant recorded with each event (`recordedAt`). Default: the database's clock (`now()`,
   * the writing transaction's start). Only tests set it, to record events on chosen dates (time
   * travel answers from what was recorded up to a date).
   */
  clock?: () => Date;
}

/** The instant to record, or null for the database's own clock. */
function recordedAt(clock: (() => Date) | undefined): string | null {
  return clock ? clock().toISOString() : null;
}

const DEFAULT_MAX_BATCH_EVENTS = 2000;

/** One append waiting for its batch. */
interface PendingAppend {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expected: ExpectedVersion;
  readonly command: CommandKey | undefined;
  readonly alone: () => Promise<AppendResult>;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

type Outcome = { readonly ok: AppendResult } | { readonly error: unknown } | { readonly retry: true };

/**
 * Collects the appends that arrive while a batch is in flight and writes them as the next
 * batch (one at a time, so the batch grows with the load and costs one transaction).
 */
class GroupCommit {
  private queue: PendingAppend[] = [];
  private running = false;

  constructor(
    private readonly db: Database,
    private readonly maxEvents: number,
    private readonly clock: (() => Date) | undefined,
  ) {}

  submit(append: Omit<PendingAppend, 'resolve' | 'reject' | 'alone'>, alone: () => Promise<AppendResult>): Promise<AppendResult> {
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ ...append, alone, resolve, reject });
      if (!this.running) {
        this.running = true;
        // Appends issued in the same turn of the event loop join the first batch.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.write(this.takeBatch());
    } finally {
      this.running = false;
    }
  }

  /**
   * The next batch: in arrival order, up to maxEvents events, at most one append per stream
   * (a second one waits for the next batch and sees the first) and one per command key (a
   * second attempt of the same command finds the first one's answer there).
   */
  private takeBatch(): PendingAppend[] {
    const batch: PendingAppend[] = [];
    const rest: PendingAppend[] = [];
    const keys = new Set<string>();
    const streams = new Set<string>();
    let events = 0;
    for (const append of this.queue) {
      const key = append.command ? `${append.command.scope}\u0000${append.command.commandId}` : undefined;
      const fits = batch.length === 0 || events + append.events.length <= this.maxEvents;
      if (!fits || (key !== undefined && keys.has(key)) || streams.has(append.streamId)) {
        rest.push(append);
        continue;
      }
      if (key !== undefined) keys.add(key);
      streams.add(append.streamId);
      events += append.events.length;
      batch.push(append);
    }
    this.queue = rest;
    return batch;
  }

  private async write(batch: PendingAppend[]): Promise<void> {
    if (batch.length === 1) {
      await settleAlone(batch[0] as PendingAppend);
      return;
    }
    let outcomes: Outcome[];
    try {
      outcomes = await this.db.transaction((tx) => appendBatch(tx, batch, recordedAt(this.clock)));
    } catch {
      // The batch failed as a whole (a duplicate event id, a racing retry of one of its
      // commands, a lost connection): each append is written alone, so only the faulty one
      // reports its error.
      for (const append of batch) await settleAlone(append);
      return;
    }
    const again: PendingAppend[] = [];
    outcomes.forEach((outcome, index) => {
      const append = batch[index] as PendingAppend;
      if ('ok' in outcome) append.resolve(outcome.ok);
      else if ('error' in outcome) append.reject(outcome.error);
      else again.push(append);
    });
    this.queue.unshift(...again);
  }
}

async function settleAlone(append: PendingAppend): Promise<void> {
  try {
    append.resolve(await append.alone());
  } catch (error) {
    append.reject(error);
  }
}

/**
 * Writes a batch of appends in `tx`: one lookup of their command ids, a version claim per
 * append (stream rows locked in stream order, so two batches cannot deadlock), the position
 * lock, then all events in one INSERT and all command records in another. A failed
 * expectation becomes that append's outcome; the others go on.
 */
async function appendBatch(tx: Database, batch: readonly PendingAppend[], at: string | null): Promise<Outcome[]> {
  const outcomes: (Outcome | undefined)[] = batch.map(() => undefined);

  const keyed = batch.flatMap((append, index) => (append.command ? [{ index, command: append.command }] : []));
  if (keyed.length > 0) {
    const { rows } = await tx.query<CommandRow>(
      `SELECT c.command_id, c.scope, c.command_type, c.fingerprint, c.stream_id, c.version, c.position, c.recorded_at
         FROM commands c JOIN unnest($1::text[], $2::text[]) AS k(scope, command_id) ON c.scope = k.scope AND c.command_id = k.command_id`,
      [keyed.map((k) => k.command.scope), keyed.map((k) => k.command.commandId)],
    );
    const found = new Map(rows.map((row) => [`${row.scope}\u0000${row.command_id}`, toCommandRecord(row)]));
    for (const { index, command } of keyed) {
      const record = found.get(`${command.scope}\u0000${command.commandId}`);
      if (record === undefined) continue;
      try {
        outcomes[index] = { ok: idempotentResult(record, command) };
      } catch (error) {
        outcomes[index] = { error };
      }
    }
  }

  const startVersions = await claimBatchVersions(
    tx,
    batch.flatMap((append, index) => (outcomes[index] === undefined ? [{ index, append }] : [])),
    outcomes,
  );
  if (startVersions.size === 0) return outcomes as Outcome[];

  await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [ADVISORY_LOCK.globalPosition]);

  const writing = [...startVersions.keys()].sort((a, b) => a - b);
  const params: unknown[] = [];
  const tuples: string[] = [];
  for (const index of writing) {
    const append = batch[index] as PendingAppend;
    const start = startVersions.get(index) as number;
    append.events.forEach((event, offset) => {
      params.push(...eventParams(event, append.streamId, start + offset + 1, append.command, at));
      tuples.push(eventTuple(tuples.length));
    });
  }
  const { rows } = await tx.query<{ global_position: string; stream_id: string; stream_version: number }>(
    `INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, data, metadata, recorded_at)
     VALUES ${tuples.join(', ')}
     RETURNING global_position, stream_id, stream_version`,
    params,
  );
  const positions = new Map(rows.map((row) => [`${row.stream_id}\u0000${row.stream_version}`, BigInt(row.global_position)]));

  const commandParams: unknown[] = [];
  const commandTuples: string[] = [];
  for (const index of writing) {
    const append = batch[index] as PendingAppend;
    const version = (startVersions.get(index) as number) + append.events.length;
    const position = positions.get(`${append.streamId}\u0000${version}`);
    if (position === undefined) throw new Error(`the insert returned no position for ${append.streamId} version ${version}`);
    outcomes[index] = { ok: { streamId: append.streamId, version, position, appended: true } };
    if (append.command === undefined) continue;
    const c = append.command;
    const p = commandParams.length;
    commandParams.push(c.commandId, c.scope, c.commandType ?? null, c.fingerprint ?? null, append.streamId, version, position.toString());
    commandTuples.push(`($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}, $${p + 7}::bigint)`);
  }
  if (commandTuples.length > 0) {
    await tx.query(
      `INSERT INTO commands (command_id, scope, command_type, fingerprint, stream_id, version, position) VALUES ${commandTuples.join(', ')}`,
      commandParams,
    );
  }
  return outcomes as Outcome[];
}

/**
 * The version claims of a batch (one append per stream) in three statements: the existing
 * stream rows locked in stream order (so two batches cannot deadlock) and read, the expectations
 * checked here, then one UPDATE for the existing streams and one INSERT for the new ones. A
 * failed expectation becomes that append's outcome. Returns each writing append's version before it.
 */
async function claimBatchVersions(
  tx: Database,
  claims: readonly { index: number; append: PendingAppend }[],
  outcomes: (Outcome | undefined)[],
): Promise<Map<number, number>> {
  const startVersions = new Map<number, number>();
  if (claims.length === 0) return startVersions;
  const { rows } = await tx.query<{ stream_id: string; version: number }>(
    'SELECT stream_id, version FROM streams WHERE stream_id = ANY($1::text[]) ORDER BY stream_id FOR UPDATE',
    [claims.map((c) => c.append.streamId)],
  );
  const current = new Map(rows.map((row) => [row.stream_id, row.version]));
  const updates: { index: number; streamId: string; version: number }[] = [];
  const inserts: { index: number; streamId: string; version: number }[] = [];
  for (const { index, append } of claims) {
    const version = current.get(append.streamId);
    const { expected } = append;
    const matches = expected === 'any' || (expected === 'no_stream' || expected === 0 ? version === undefined : version === expected);
    if (!matches) {
      outcomes[index] = { error: new ConcurrencyError(append.streamId, expected, version ?? 0) };
      continue;
    }
    startVersions.set(index, version ?? 0);
    (version === undefined ? inserts : updates).push({ index, streamId: append.streamId, version: (version ?? 0) + append.events.length });
  }
  if (updates.length > 0) {
    await tx.query('UPDATE streams s SET version = v.version FROM unnest($1::text[], $2::int[]) AS v(stream_id, version) WHERE s.stream_id = v.stream_id', [
      updates.map((u) => u.streamId),
      updates.map((u) => u.version),
    ]);
  }
  if (inserts.length > 0) {
    inserts.sort((a, b) => compareText(a.streamId, b.streamId));
    // A stream created by a concurrent writer since the read above is not inserted: that append lost the race.
    const { rows: created } = await tx.query<{ stream_id: string }>(
      `INSERT INTO streams (stream_id, version) SELECT * FROM unnest($1::text[], $2::int[]) ON CONFLICT (stream_id) DO NOTHING RETURNING stream_id`,
      [inserts.map((i) => i.streamId), inserts.map((i) => i.version)],
    );
    const made = new Set(created.map((row) => row.stream_id));
    const lost = inserts.filter((i) => !made.has(i.streamId));
    if (lost.length > 0) {
      const { rows: now } = await tx.query<{ stream_id: string; version: number }>('SELECT stream_id, version FROM streams WHERE stream_id = ANY($1::text[])', [
        lost.map((i) => i.streamId),
      ]);
      const actual = new Map(now.map((row) => [row.stream_id, row.version]));
      for (const { index, streamId } of lost) {
        const append = claims.find((c) => c.index === index)?.append as PendingAppend;
        startVersions.delete(index);
        if (append.expected === 'any') {
          // 'any' never fails: it goes on in the next batch, after the stream's creator.
          outcomes[index] = { retry: true };
          continue;
        }
        outcomes[index] = { error: new ConcurrencyError(streamId, append.expected, actual.get(streamId) ?? 0) };
      }
    }
  }
  return startVersions;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The eight parameters of one events row (see eventTuple); `at` null = the database's now(). */
function eventParams(event: NewEvent, streamId: string, version: number, command: CommandKey | undefined, at: string | null): unknown[] {
  const metadata: EventMetadata =
    command !== undefined && event.metadata.commandId === undefined ? { ...event.metadata, commandId: command.commandId } : event.metadata;
  return [
    event.eventId ?? randomUUID(),
    streamId,
    version,
    event.type,
    event.schemaVersion,
    // Serialised here: node-postgres would turn a top-level JS array into a PostgreSQL array.
    JSON.stringify(event.data ?? null),
    JSON.stringify(metadata),
    at,
  ];
}

function eventTuple(row: number): string {
  const p = row * 8;
  return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}::jsonb, $${p + 7}::jsonb, COALESCE($${p + 8}::timestamptz, now()))`;
}

async function appendInTransaction(
  tx: Database,
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedVersion,
  command: CommandKey | undefined,
  at: string | null,
): Promise<AppendResult> {
  if (events.length === 0) return checkWithoutWriting(tx, streamId, expected);

  const startVersion = await claimStreamVersions(tx, streamId, events.length, expected);

  // Held from here to commit: positions (bigserial) are handed out in commit order, so a
  // reader can never see position N+1 committed while N is still in flight.
  await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [ADVISORY_LOCK.globalPosition]);

  const params: unknown[] = [];
  const tuples = events.map((event, index) => {
    params.push(...eventParams(event, streamId, startVersion + index + 1, command, at));
    return eventTuple(index);
  });
  const { rows } = await tx.query<{ global_position: string }>(
    `INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, data, metadata, recorded_at)
     VALUES ${tuples.join(', ')}
     RETURNING global_position`,
    params,
  );
  const position = rows.reduce((max, row) => {
    const value = BigInt(row.global_position);
    return value > max ? value : max;
  }, 0n);
  const version = startVersion + events.length;

  if (command !== undefined) {
    await tx.query(
      'INSERT INTO commands (command_id, scope, command_type, fingerprint, stream_id, version, position) VALUES ($1, $2, $3, $4, $5, $6, $7::bigint)',
      [command.commandId, command.scope, command.commandType ?? null, command.fingerprint ?? null, streamId, version, position.toString()],
    );
  }
  return { streamId, version, position, appended: true };
}

/**
 * Moves the stream row to its new version, checking the expectation. The row update
 * locks the row, so a concurrent append to the same stream waits for us and then fails
 * its own version check; the unique (stream_id, stream_version) constraint backs this up.
 * Returns the version before the append.
 */
async function claimStreamVersions(tx: Database, streamId: string, count: number, expected: ExpectedVersion): Promise<number> {
  if (expected === 'any') {
    const { rows } = await tx.query<{ version: number }>(
      `INSERT INTO streams (stream_id, version) VALUES ($1, $2)
       ON CONFLICT (stream_id) DO UPDATE SET version = streams.version + EXCLUDED.version
       RETURNING version`,
      [streamId, count],
    );
    return requireRow(rows).version - count;
  }
  if (expected === 'no_stream' || expected === 0) {
    const { rows } = await tx.query<{ version: number }>(
      'INSERT INTO streams (stream_id, version) VALUES ($1, $2) ON CONFLICT (stream_id) DO NOTHING RETURNING version',
      [streamId, count],
    );
    if (rows.length === 0) throw new ConcurrencyError(streamId, expected, await readStreamVersion(tx, streamId));
    return 0;
  }
  const { rows } = await tx.query<{ version: number }>('UPDATE streams SET version = $3 WHERE stream_id = $1 AND version = $2 RETURNING version', [
    streamId,
    expected,
    expected + count,
  ]);
  if (rows.length === 0) throw new ConcurrencyError(streamId, expected, await readStreamVersion(tx, streamId));
  return expected;
}

async function checkWithoutWriting(tx: Database, streamId: string, expected: ExpectedVersion): Promise<AppendResult> {
  const { rows } = await tx.query<{ stream_version: number; global_position: string }>(
    'SELECT stream_version, global_position FROM events WHERE stream_id = $1 ORDER BY stream_version DESC LIMIT 1',
    [streamId],
  );
  const version = rows[0]?.stream_version ?? 0;
  const matches = expected === 'any' || (expected === 'no_stream' ? version === 0 : version === expected);
  if (!matches) throw new ConcurrencyError(streamId, expected, version);
  return { streamId, version, position: BigInt(rows[0]?.global_position ?? 0), appended: false };
}

async function readStreamVersion(db: Database, streamId: string): Promise<number> {
  const { rows } = await db.query<{ version: number }>('SELECT version FROM streams WHERE stream_id = $1', [streamId]);
  return rows[0]?.version ?? 0;
}

/** A command as the idempotency check sees it. */
interface CommandKey {
  commandId: string;
  scope: string;
  commandType?: string;
  fingerprint?: string;
}

/** The first answer for a retry of the same command; a conflict when the id was used for another one. */
function idempotentResult(record: CommandRecord, command: CommandKey): AppendResult {
  assertSameCommand(record, command);
  return { streamId: record.streamId, version: record.version, position: record.position, appended: false };
}

/**
 * Throws when `record` was written for a different command than `command`. Rows recorded
 * without a fingerprint (older stores, callers that give none) cannot be compared: they replay.
 */
export function assertSameCommand(record: CommandRecord, command: { commandId: string; fingerprint?: string }): void {
  if (record.fingerprint === undefined || command.fingerprint === undefined || record.fingerprint === command.fingerprint) return;
  throw new IdempotencyConflictError(command.commandId, record.commandType, record.streamId);
}

function assertExpectedVersion(expected: ExpectedVersion): void {
  if (typeof expected === 'number' && (!Number.isInteger(expected) || expected < 0)) {
    throw new RangeError(`expectedVersion must be a non-negative integer, 'no_stream' or 'any', got ${expected}`);
  }
}

/** PostgreSQL unique_violation (23505), optionally on one named constraint. Both adapters expose `code`/`constraint`. */
function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint: violated } = error as { code?: unknown; constraint?: unknown };
  return code === '23505' && (constraint === undefined || violated === constraint);
}

function requireRow<R>(rows: R[]): R {
  const row = rows[0];
  if (row === undefined) throw new Error('expected the statement to return a row');
  return row;
}

function toCommandRecord(row: CommandRow): CommandRecord {
  return {
    commandId: row.command_id,
    scope: row.scope,
    ...(row.command_type !== null ? { commandType: row.command_type } : {}),
    ...(row.fingerprint !== null ? { fingerprint: row.fingerprint } : {}),
    streamId: row.stream_id,
    version: row.version,
    position: BigInt(row.position),
    recordedAt: toIsoString(row.recorded_at),
  };
}

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    globalPosition: BigInt(row.global_position),
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    recordedAt: toIsoString(row.recorded_at),
  };
}

function toIsoString(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}
