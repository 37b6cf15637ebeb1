import { decodeEvent } from '@longview/contracts';
import { EventStore, type Database, type StoredEvent } from '@longview/event-store';
import { interventionSummaryProjection } from './intervention-summary.projection';
import { metricSeriesProjection } from './metric-series.projection';
import type { Projection, ProjectedEvent } from './projection';
import { trustDirectoryProjection } from './trust-directory.projection';

/** Order matters: interventions read trust names that the trust directory writes. */
export const ALL_PROJECTIONS: readonly Projection[] = [trustDirectoryProjection, interventionSummaryProjection, metricSeriesProjection];

const CHECKPOINT_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS rm_checkpoints (projection text PRIMARY KEY, position bigint NOT NULL)`,
  // Per projection and stream: the last stream version applied. The distributed mode's only
  // checkpoint (Kafka partitions interleave streams, so no single global position exists);
  // the embedded mode keeps it too, so `?stream=&minVersion=` works in both.
  `CREATE TABLE IF NOT EXISTS rm_stream_checkpoints (
     projection text NOT NULL,
     stream_id text NOT NULL,
     version integer NOT NULL,
     position bigint NOT NULL,
     PRIMARY KEY (projection, stream_id)
   )`,
  `CREATE INDEX IF NOT EXISTS rm_stream_checkpoints_stream ON rm_stream_checkpoints (stream_id)`,
  // Events that could not be applied, and the later events of their streams waiting behind them.
  `CREATE TABLE IF NOT EXISTS rm_parked (
     stream_id text NOT NULL,
     stream_version integer NOT NULL,
     position bigint NOT NULL,
     event_id text NOT NULL,
     type text NOT NULL,
     schema_version integer NOT NULL,
     data jsonb,
     metadata jsonb NOT NULL,
     recorded_at text NOT NULL,
     error text NOT NULL,
     parked_at timestamptz NOT NULL DEFAULT now(),
     retries integer NOT NULL DEFAULT 0,
     PRIMARY KEY (stream_id, stream_version)
   )`,
];

/** An event that could not be applied (or waits behind one that could not), as `longview parked` lists it. */
export interface ParkedRecord {
  readonly event: StoredEvent;
  readonly error: string;
  readonly parkedAt: string;
  readonly retries: number;
}

/** What one partition batch did. `parked` lists only events parked by this call (for the dead-letter topic). */
export interface StreamBatchResult {
  readonly applied: number;
  readonly skipped: number;
  readonly parked: readonly { readonly event: StoredEvent; readonly error: string }[];
}

export type StreamWaitOutcome = 'reached' | 'timeout' | 'parked';

export interface RetryResult {
  readonly streams: number;
  readonly applied: number;
  readonly stillParked: number;
}

/** Thrown inside a batch transaction when a projection fails without savepoints: redo the batch event by event. */
class ProjectionFailed extends Error {}

interface StreamWaiter {
  readonly streamId: string;
  readonly version: number;
  readonly settle: (outcome: StreamWaitOutcome) => void;
}

/** Advisory lock key of read-model migrations (distinct from the event store's keys). */
const READ_MODEL_MIGRATION_LOCK = 7_341_002;

interface Waiter {
  readonly position: bigint;
  readonly resolve: () => void;
}

/**
 * Applies events to every projection, each batch in ONE transaction together with the
 * projections' checkpoints: an event's effect and the record that it was applied commit
 * together, so a redelivered event changes nothing.
 *
 * Two feeds:
 * - `applyBatch` (embedded mode): events in global order; a projection's checkpoint is one
 *   global position (rm_checkpoints). Stream checkpoints are kept alongside.
 * - `applyStreamBatch` (distributed mode, one Kafka partition batch): per-stream checkpoints
 *   (rm_stream_checkpoints). An event is applied iff its streamVersion is the stored version + 1;
 *   at or below it is a redelivery (skipped); above it is a gap. An event that fails (cannot be
 *   decoded, a projection throws, or a gap) is parked in rm_parked with the error, and every later
 *   event of its stream is parked behind it, so the stream waits in order while all other
 *   streams continue. `retryParked` re-applies a stream's parked events in order.
 */
export class ProjectionRunner {
  private current = 0n;
  private waiters: Waiter[] = [];
  private readonly streamWaiters = new Set<StreamWaiter>();
  private polling = false;
  private pollRequested = false;

  constructor(
    private readonly db: Database,
    readonly projections: readonly Projection[] = ALL_PROJECTIONS,
  ) {}

  async migrate(): Promise<void> {
    // Serialised by an advisory lock: query-service instances starting together would otherwise
    // race on CREATE TABLE IF NOT EXISTS (a duplicate pg_type row).
    await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [READ_MODEL_MIGRATION_LOCK]);
      for (const ddl of [...CHECKPOINT_SCHEMA, ...this.projections.flatMap((p) => p.schema)]) await tx.query(ddl);
      for (const p of this.projections) {
        await tx.query('INSERT INTO rm_checkpoints (projection, position) VALUES ($1, 0) ON CONFLICT DO NOTHING', [p.name]);
      }
      await backfillStreamCheckpoints(tx);
    });
    this.advanceTo(await this.readPosition(this.db));
  }

  /** The position every projection has reached (the lowest checkpoint). */
  get position(): bigint {
    return this.current;
  }

  async applyBatch(events: readonly StoredEvent[]): Promise<void> {
    if (events.length === 0) return;
    const reached = await this.db.transaction(async (tx) => {
      const checkpoints = await this.lockCheckpoints(tx);
      const streamCheckpoints = new StreamCheckpointWrites();
      for (const stored of events) {
        const projected = toProjected(stored);
        for (const projection of this.projections) {
          const checkpoint = checkpoints.get(projection.name) ?? 0n;
          if (stored.globalPosition <= checkpoint) continue; // already applied: redelivery is a no-op
          await projection.apply(tx, projected);
          checkpoints.set(projection.name, stored.globalPosition);
          streamCheckpoints.record(projection.name, stored);
        }
      }
      for (const [name, position] of checkpoints) {
        await tx.query('UPDATE rm_checkpoints SET position = $2 WHERE projection = $1', [name, position.toString()]);
      }
      await streamCheckpoints.write(tx);
      return minOf(checkpoints.values());
    });
    this.advanceTo(reached);
    this.wakeStreamWaiters();
  }

  /**
   * Applies one partition batch (distributed mode) with per-stream checkpoints and parking; see
   * the class comment. Throws only when the database fails (the caller retries the batch).
   */
  async applyStreamBatch(events: readonly StoredEvent[]): Promise<StreamBatchResult> {
    if (events.length === 0) return { applied: 0, skipped: 0, parked: [] };
    let result: StreamBatchResult;
    try {
      // Fast path: the whole batch in one transaction, no savepoints.
      result = await this.db.transaction((tx) => this.applyStreamEvents(tx, events, false, new Map()));
    } catch (error) {
      if (!(error instanceof ProjectionFailed)) throw error;
      // A projection threw: redo the batch with a savepoint per event so only that event is parked.
      result = await this.db.transaction((tx) => this.applyStreamEvents(tx, events, true, new Map()));
    }
    const maxPosition = events.reduce((max, e) => (e.globalPosition > max ? e.globalPosition : max), 0n);
    this.advanceTo(maxPosition);
    this.wakeStreamWaiters();
    return result;
  }

  /** Parked events, oldest stream first, in stream order. */
  async listParked(streamId?: string): Promise<ParkedRecord[]> {
    const { rows } = await this.db.query<ParkedRow>(
      `SELECT * FROM rm_parked ${streamId ? 'WHERE stream_id = $1' : ''} ORDER BY position, stream_version`,
      streamId ? [streamId] : [],
    );
    return rows.map((row) => ({
      event: {
        eventId: row.event_id,
        streamId: row.stream_id,
        streamVersion: row.stream_version,
        globalPosition: BigInt(row.position),
        type: row.type,
        schemaVersion: row.schema_version,
        data: row.data,
        metadata: row.metadata,
        recordedAt: row.recorded_at,
      },
      error: row.error,
      parkedAt: (row.parked_at instanceof Date ? row.parked_at : new Date(row.parked_at)).toISOString(),
      retries: row.retries,
    }));
  }

  /**
   * Re-applies the parked events of `streamId` (every parked stream when omitted), each stream
   * in order and in its own transaction. Events that apply now leave rm_parked; the first that
   * still fails stays parked (retries + 1, new error) with the rest of its stream behind it.
   */
  async retryParked(streamId?: string): Promise<RetryResult> {
    const parked = await this.listParked(streamId);
    const byStream = new Map<string, ParkedRecord[]>();
    for (const record of parked) byStream.set(record.event.streamId, [...(byStream.get(record.event.streamId) ?? []), record]);
    let applied = 0;
    let stillParked = 0;
    for (const [stream, records] of byStream) {
      const ordered = records.sort((a, b) => a.event.streamVersion - b.event.streamVersion);
      const retries = new Map(ordered.map((r) => [r.event.streamVersion, r.retries + 1]));
      const result = await this.db.transaction(async (tx) => {
        await tx.query('DELETE FROM rm_parked WHERE stream_id = $1', [stream]);
        return this.applyStreamEvents(tx, ordered.map((r) => r.event), true, retries);
      });
      applied += result.applied;
      stillParked += result.parked.length;
      const max = ordered.reduce((m, r) => (r.event.globalPosition > m ? r.event.globalPosition : m), 0n);
      this.advanceTo(max);
    }
    this.wakeStreamWaiters();
    return { streams: byStream.size, applied, stillParked };
  }

  /**
   * Resolves once every projection has applied `streamId` up to `version` ('reached'), or the
   * stream is parked below it ('parked'), or after `timeoutMs` ('timeout'). In distributed mode
   * another instance may be the one applying the stream, so waiters are answered from the read
   * database: ONE shared poll (every `pollMs` while anyone waits, and at once after an apply in this
   * process) checks every waiting stream in a single query, so the cost does not grow with the
   * number of waiting requests.
   */
  waitForStream(streamId: string, version: number, timeoutMs: number): Promise<StreamWaitOutcome> {
    return new Promise((resolve) => {
      const waiter: StreamWaiter = {
        streamId,
        version,
        settle: (outcome) => {
          clearTimeout(timer);
          this.streamWaiters.delete(waiter);
          resolve(outcome);
        },
      };
      const timer = setTimeout(() => waiter.settle('timeout'), timeoutMs);
      this.streamWaiters.add(waiter);
      this.wakeStreamWaiters();
    });
  }

  /** How often the shared stream poll runs while requests wait (ms). */
  streamPollMs = 10;

  private wakeStreamWaiters(): void {
    this.pollRequested = true;
    if (this.polling || this.streamWaiters.size === 0) return;
    this.polling = true;
    void this.pollStreams().finally(() => {
      this.polling = false;
    });
  }

  private async pollStreams(): Promise<void> {
    while (this.streamWaiters.size > 0) {
      this.pollRequested = false;
      const streams = [...new Set([...this.streamWaiters].map((w) => w.streamId))];
      try {
        const { rows } = await this.db.query<{ stream_id: string; version: number | null; projections: string; parked_from: number | null }>(
          `SELECT s.stream_id,
                  (SELECT min(version) FROM rm_stream_checkpoints c WHERE c.stream_id = s.stream_id AND c.projection = ANY($2)) AS version,
                  (SELECT count(*) FROM rm_stream_checkpoints c WHERE c.stream_id = s.stream_id AND c.projection = ANY($2)) AS projections,
                  (SELECT min(stream_version) FROM rm_parked p WHERE p.stream_id = s.stream_id) AS parked_from
             FROM unnest($1::text[]) AS s(stream_id)`,
          [streams, this.projections.map((p) => p.name)],
        );
        const state = new Map(
          rows.map((r) => [r.stream_id, { version: Number(r.projections) === this.projections.length ? (r.version ?? 0) : 0, parkedFrom: r.parked_from ?? undefined }]),
        );
        for (const waiter of [...this.streamWaiters]) {
          const s = state.get(waiter.streamId);
          if (!s) continue;
          if (s.version >= waiter.version) waiter.settle('reached');
          else if (s.parkedFrom !== undefined && s.parkedFrom <= waiter.version) waiter.settle('parked');
        }
      } catch {
        // The database is unreachable: keep waiting (each waiter has its own timeout).
      }
      if (this.streamWaiters.size === 0) return;
      if (!this.pollRequested) await new Promise((resolve) => setTimeout(resolve, this.streamPollMs));
    }
  }

  /** The version every projection has applied for `streamId` (0 = none) and the lowest parked version, if any. */
  async streamState(streamId: string): Promise<{ version: number; parkedFrom: number | undefined }> {
    const { rows } = await this.db.query<{ version: number | null; projections: string; parked_from: number | null }>(
      `SELECT (SELECT min(version) FROM rm_stream_checkpoints WHERE stream_id = $1 AND projection = ANY($2)) AS version,
              (SELECT count(*) FROM rm_stream_checkpoints WHERE stream_id = $1 AND projection = ANY($2)) AS projections,
              (SELECT min(stream_version) FROM rm_parked WHERE stream_id = $1) AS parked_from`,
      [streamId, this.projections.map((p) => p.name)],
    );
    const row = rows[0];
    const complete = Number(row?.projections ?? 0) === this.projections.length;
    return { version: complete ? (row?.version ?? 0) : 0, parkedFrom: row?.parked_from ?? undefined };
  }

  /**
   * Distributed mode: other instances move the read models too, so the highest applied position
   * is re-read from the database (for /position, /health and the analytics cache key).
   */
  async refreshPosition(): Promise<bigint> {
    const { rows } = await this.db.query<{ position: string | null }>('SELECT max(position) AS position FROM rm_stream_checkpoints');
    this.advanceTo(BigInt(rows[0]?.position ?? 0));
    return this.current;
  }

  /**
   * Rebuilds the named projections (all when omitted) from the event log in ONE transaction:
   * while it runs, reads are served from the state before the rebuild (MVCC), and consumers
   * applying new events wait on the checkpoint table's lock; they continue from the rebuilt
   * checkpoints once it commits. `store` reads the log; omit it when the log is in the read
   * database itself (embedded mode: it is then read through the same transaction).
   * Rebuilding every projection also clears rm_parked (a poison event is parked again).
   */
  async rebuild(options: {
    store?: EventStore;
    names?: readonly string[];
    batchSize?: number;
    onProgress?: (progress: { applied: number; position: bigint }) => void;
  } = {}): Promise<{ applied: number; position: bigint; parked: number }> {
    const chosen = options.names ? this.projections.filter((p) => options.names?.includes(p.name)) : this.projections;
    const unknown = (options.names ?? []).filter((n) => !this.projections.some((p) => p.name === n));
    if (unknown.length > 0) throw new Error(`Unknown projection(s): ${unknown.join(', ')}; known: ${this.projections.map((p) => p.name).join(', ')}`);
    const chosenNames = chosen.map((p) => p.name);
    const everything = chosen.length === this.projections.length;
    const outcome = await this.db.transaction(async (tx) => {
      await tx.query('LOCK TABLE rm_stream_checkpoints IN EXCLUSIVE MODE');
      await tx.query('LOCK TABLE rm_checkpoints IN EXCLUSIVE MODE');
      for (const p of chosen) for (const table of p.tables) await tx.query(`DELETE FROM ${table}`);
      await tx.query('DELETE FROM rm_stream_checkpoints WHERE projection = ANY($1)', [chosenNames]);
      await tx.query('UPDATE rm_checkpoints SET position = 0 WHERE projection = ANY($1)', [chosenNames]);
      if (everything) await tx.query('DELETE FROM rm_parked');
      const store = options.store ?? new EventStore(tx);
      const runner = new ProjectionRunner(tx, chosen);
      let after = 0n;
      let applied = 0;
      let parked = 0;
      for (;;) {
        const batch = await store.readAll({ after, limit: options.batchSize ?? 1000 });
        if (batch.length === 0) break;
        const result = await runner.applyStreamEvents(tx, batch, true, new Map());
        applied += result.applied;
        parked += result.parked.length;
        after = (batch[batch.length - 1] as StoredEvent).globalPosition;
        await tx.query('UPDATE rm_checkpoints SET position = $2 WHERE projection = ANY($1)', [chosenNames, after.toString()]);
        options.onProgress?.({ applied, position: after });
      }
      return { applied, position: after, parked };
    });
    this.current = await this.readPosition(this.db);
    if (outcome.position > this.current) this.advanceTo(outcome.position);
    this.wakeStreamWaiters();
    return outcome;
  }

  /**
   * The core of the distributed feed, inside `tx`. `withSavepoints` isolates each event, so a
   * projection that throws parks only that event; without them a throw aborts the batch
   * (ProjectionFailed) and the caller redoes it with savepoints. `retries` carries the retry
   * count of events coming back from rm_parked.
   */
  private async applyStreamEvents(
    tx: Database,
    events: readonly StoredEvent[],
    withSavepoints: boolean,
    retries: ReadonlyMap<number, number>,
  ): Promise<StreamBatchResult> {
    const names = this.projections.map((p) => p.name);
    const streams = [...new Set(events.map((e) => e.streamId))];
    // Create missing checkpoint rows first, then lock them all: two instances that briefly both
    // hold a partition during a rebalance serialise on these rows instead of applying twice.
    await tx.query(
      `INSERT INTO rm_stream_checkpoints (projection, stream_id, version, position)
       SELECT p, s, 0, 0 FROM unnest($1::text[]) AS p CROSS JOIN unnest($2::text[]) AS s
       ON CONFLICT DO NOTHING`,
      [names, streams],
    );
    const { rows } = await tx.query<{ projection: string; stream_id: string; version: number }>(
      `SELECT projection, stream_id, version FROM rm_stream_checkpoints
        WHERE projection = ANY($1) AND stream_id = ANY($2) ORDER BY projection, stream_id FOR UPDATE`,
      [names, streams],
    );
    const versions = new Map(rows.map((r) => [`${r.projection}\u0000${r.stream_id}`, r.version]));
    const versionOf = (projection: string, stream: string) => versions.get(`${projection}\u0000${stream}`) ?? 0;
    const parkedRows = await tx.query<{ stream_id: string; from_version: number }>(
      'SELECT stream_id, min(stream_version) AS from_version FROM rm_parked WHERE stream_id = ANY($1) GROUP BY stream_id',
      [streams],
    );
    const parkedFrom = new Map(parkedRows.rows.map((r) => [r.stream_id, r.from_version]));

    const writes = new StreamCheckpointWrites();
    const parked: { event: StoredEvent; error: string }[] = [];
    let applied = 0;
    let skipped = 0;
    const park = async (event: StoredEvent, error: string) => {
      const inserted = await insertParked(tx, event, error, retries.get(event.streamVersion) ?? 0);
      if (inserted) parked.push({ event, error });
      const from = parkedFrom.get(event.streamId);
      if (from === undefined || event.streamVersion < from) parkedFrom.set(event.streamId, event.streamVersion);
    };

    for (const event of events) {
      const pending = names.filter((name) => event.streamVersion > versionOf(name, event.streamId));
      if (pending.length === 0) {
        skipped++; // a redelivery: every projection has it
        continue;
      }
      const blockedBy = parkedFrom.get(event.streamId);
      if (blockedBy !== undefined && blockedBy <= event.streamVersion) {
        // Covers a redelivery of a parked event too (the insert is then a no-op).
        await park(event, blockedBy === event.streamVersion ? 'already parked' : `waiting behind parked version ${blockedBy} of ${event.streamId}`);
        continue;
      }
      const gap = pending.find((name) => event.streamVersion > versionOf(name, event.streamId) + 1);
      if (gap !== undefined) {
        await park(event, `gap: projection ${gap} has ${event.streamId} at version ${versionOf(gap, event.streamId)}, received version ${event.streamVersion}`);
        continue;
      }
      let projected: ProjectedEvent;
      try {
        projected = toProjected(event);
      } catch (error) {
        await park(event, `cannot decode: ${errorText(error)}`);
        continue;
      }
      if (withSavepoints) await tx.query('SAVEPOINT apply_event');
      try {
        for (const projection of this.projections) {
          if (pending.includes(projection.name)) await projection.apply(tx, projected);
        }
      } catch (error) {
        // A deadlock, serialization failure or lost connection says nothing about the event:
        // the whole batch is retried by the feed rather than the event parked.
        if (isTransientDatabaseError(error)) throw error;
        if (!withSavepoints) throw new ProjectionFailed(errorText(error));
        await tx.query('ROLLBACK TO SAVEPOINT apply_event');
        await park(event, `projection failed: ${errorText(error)}`);
        continue;
      }
      if (withSavepoints) await tx.query('RELEASE SAVEPOINT apply_event');
      for (const name of pending) {
        versions.set(`${name}\u0000${event.streamId}`, event.streamVersion);
        writes.record(name, event);
      }
      applied++;
    }
    await writes.write(tx);
    return { applied, skipped, parked };
  }

  /** Empties the named projections (all when omitted) and resets their checkpoints to 0. */
  async reset(names?: readonly string[]): Promise<void> {
    const chosen = names ? this.projections.filter((p) => names.includes(p.name)) : this.projections;
    await this.db.transaction(async (tx) => {
      for (const p of chosen) {
        for (const table of p.tables) await tx.query(`DELETE FROM ${table}`);
        await tx.query('UPDATE rm_checkpoints SET position = 0 WHERE projection = $1', [p.name]);
      }
    });
    this.current = await this.readPosition(this.db);
  }

  /** Resolves once the projections have reached `position`; false on timeout. */
  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.current >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs);
      const waiter: Waiter = {
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve(true);
        },
      };
      this.waiters.push(waiter);
    });
  }

  private advanceTo(position: bigint): void {
    if (position > this.current) this.current = position;
    const ready = this.waiters.filter((w) => w.position <= this.current);
    this.waiters = this.waiters.filter((w) => w.position > this.current);
    for (const w of ready) w.resolve();
  }

  private async lockCheckpoints(tx: Database): Promise<Map<string, bigint>> {
    const { rows } = await tx.query<{ projection: string; position: string }>(
      'SELECT projection, position FROM rm_checkpoints WHERE projection = ANY($1) FOR UPDATE',
      [this.projections.map((p) => p.name)],
    );
    return new Map(rows.map((r) => [r.projection, BigInt(r.position)]));
  }

  private async readPosition(db: Database): Promise<bigint> {
    const { rows } = await db.query<{ position: string }>('SELECT position FROM rm_checkpoints WHERE projection = ANY($1)', [
      this.projections.map((p) => p.name),
    ]);
    return minOf(rows.map((r) => BigInt(r.position)));
  }
}

interface ParkedRow {
  stream_id: string;
  stream_version: number;
  position: string;
  event_id: string;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: StoredEvent['metadata'];
  recorded_at: string;
  error: string;
  parked_at: Date | string;
  retries: number;
}

/** The highest version (and its position) applied per projection and stream in a transaction, written in one statement. */
class StreamCheckpointWrites {
  private readonly latest = new Map<string, { projection: string; stream: string; version: number; position: bigint }>();

  record(projection: string, event: StoredEvent): void {
    const key = `${projection}\u0000${event.streamId}`;
    const seen = this.latest.get(key);
    if (!seen || event.streamVersion > seen.version) {
      this.latest.set(key, { projection, stream: event.streamId, version: event.streamVersion, position: event.globalPosition });
    }
  }

  async write(tx: Database): Promise<void> {
    if (this.latest.size === 0) return;
    const entries = [...this.latest.values()];
    await tx.query(
      `INSERT INTO rm_stream_checkpoints (projection, stream_id, version, position)
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::bigint[])
       ON CONFLICT (projection, stream_id) DO UPDATE
         SET version = GREATEST(rm_stream_checkpoints.version, EXCLUDED.version),
             position = GREATEST(rm_stream_checkpoints.position, EXCLUDED.position)`,
      [entries.map((e) => e.projection), entries.map((e) => e.stream), entries.map((e) => e.version), entries.map((e) => e.position.toString())],
    );
  }
}

/**
 * Read models built before stream checkpoints existed (embedded data from an earlier version):
 * derive them once from the global checkpoints and the log, which sits in the same database in
 * embedded mode, so `?stream=&minVersion=` also works for streams written before the upgrade.
 */
async function backfillStreamCheckpoints(tx: Database): Promise<void> {
  const { rows } = await tx.query<{ needed: boolean }>(
    `SELECT to_regclass('events') IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM rm_stream_checkpoints)
        AND EXISTS (SELECT 1 FROM rm_checkpoints WHERE position > 0) AS needed`,
  );
  if (!rows[0]?.needed) return;
  await tx.query(
    `INSERT INTO rm_stream_checkpoints (projection, stream_id, version, position)
     SELECT c.projection, e.stream_id, max(e.stream_version), max(e.global_position)
       FROM rm_checkpoints c JOIN events e ON e.global_position <= c.position
      GROUP BY c.projection, e.stream_id`,
  );
}

/** Records a parked event; false if it was already parked (a redelivery). */
async function insertParked(tx: Database, event: StoredEvent, error: string, retries: number): Promise<boolean> {
  const { rows } = await tx.query(
    `INSERT INTO rm_parked (stream_id, stream_version, position, event_id, type, schema_version, data, metadata, recorded_at, error, retries)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10, $11)
     ON CONFLICT (stream_id, stream_version) DO NOTHING RETURNING stream_id`,
    [
      event.streamId,
      event.streamVersion,
      event.globalPosition.toString(),
      event.eventId,
      event.type,
      event.schemaVersion,
      JSON.stringify(event.data ?? null),
      JSON.stringify(event.metadata),
      event.recordedAt,
      error.slice(0, 4000),
      retries,
    ],
  );
  return rows.length > 0;
}

/** SQLSTATE classes 08 (connection), 40 (transaction rollback: deadlock, serialization), 53 (resources), 57 (operator intervention). */
function isTransientDatabaseError(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^(08|40|53|57)/.test(code);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function minOf(values: Iterable<bigint>): bigint {
  let min: bigint | undefined;
  for (const v of values) if (min === undefined || v < min) min = v;
  return min ?? 0n;
}

function toProjected(stored: StoredEvent): ProjectedEvent {
  return {
    event: decodeEvent({ type: stored.type, schemaVersion: stored.schemaVersion, data: stored.data }),
    streamId: stored.streamId,
    streamVersion: stored.streamVersion,
    position: stored.globalPosition,
    metadata: stored.metadata,
    recordedAt: stored.recordedAt,
  };
}
