import { EventStore, type Database, type StoredEvent } from '@longview/event-store';
import { FeedPositionStore } from './feed-position-store';
import { ParkingStore } from './parking-store';
import type { Projection } from './projection';
import { recordVersion } from './read-model-schema';
import { applyPage, chooseProjections, DEFAULT_REBUILD_PAGE } from './rebuild';
import { StreamBatchApplier } from './stream-batch-applier';
import type { StreamCheckpointStore } from './stream-checkpoint-store';

/** The schema a replay builds its read models in, beside the live ones in `public`. */
export const REPLAY_SCHEMA = 'rm_replay';

const PARKED_COLUMNS = 'stream_id, stream_version, position, event_id, type, schema_version, data, metadata, recorded_at, error, parked_at, retries';

export interface ReplayProgress {
  readonly phase: 'catching-up' | 'switching';
  readonly applied: number;
  readonly position: bigint;
  /** The log's head when this progress was measured. */
  readonly head: bigint;
  /** Events a second over the replay so far. */
  readonly eventsPerSecond: number;
  /** Seconds to the head at that rate (undefined before the rate is known). */
  readonly etaSeconds: number | undefined;
}

export interface ReplayOptions {
  /** Reads the log; omit when the log is in the read database itself (embedded mode). */
  readonly store?: EventStore;
  /** Projections to rebuild (all when omitted). */
  readonly names?: readonly string[];
  readonly batchSize?: number;
  readonly onProgress?: (progress: ReplayProgress) => void | Promise<void>;
  /** Aborting stops the replay between pages: the shadow tables are dropped, the live ones untouched. */
  readonly signal?: AbortSignal;
}

export interface ReplayResult {
  readonly applied: number;
  readonly position: bigint;
  readonly parked: number;
  /** How long live writes to the read models waited while the new tables took over (ms). */
  readonly switchPauseMs: number;
}

export class ReplayAborted extends Error {
  constructor() {
    super('The replay was stopped before the switch; the live read models are untouched.');
  }
}

interface Stores {
  readonly checkpoints: StreamCheckpointStore;
  readonly parking: ParkingStore;
  readonly feedPositions: FeedPositionStore;
}

/**
 * Blue/green replay. The chosen projections are rebuilt in the schema rm_replay, with their own
 * checkpoint, parking and feed-position tables, page by page in short transactions (search_path
 * rm_replay, public: the projections' unqualified names resolve to the new tables, the event log
 * to public). Meanwhile the live tables keep serving reads and the feeds and consumers keep
 * applying new events to them. Once the replay is near the head, one transaction locks the live
 * checkpoint tables (feeds wait; reads go on), applies the last events, moves the new tables into
 * public in place of the old ones, carries the checkpoints over and drops rm_replay: readers see
 * the old tables or the new ones, never a mix. Aborting (or a crash) before that leaves public
 * untouched; the next replay drops the leftover schema first. One replay at a time per database.
 */
export async function replayBesideLive(db: Database, all: readonly Projection[], stores: Stores, options: ReplayOptions): Promise<ReplayResult> {
  const chosen = chooseProjections(all, options.names);
  const names = chosen.map((p) => p.name);
  const everything = chosen.length === all.length;
  const batchSize = options.batchSize ?? DEFAULT_REBUILD_PAGE;
  const started = Date.now();
  let applied = 0;
  let parked = 0;
  let after = 0n;

  const inShadow = <T>(fn: (tx: Database) => Promise<T>): Promise<T> =>
    db.transaction(async (tx) => {
      await tx.query(`SET LOCAL search_path TO ${REPLAY_SCHEMA}, public`);
      return fn(tx);
    });
  const headOf = async (tx: Database): Promise<bigint> => (options.store ?? new EventStore(tx)).headPosition();
  const report = async (phase: ReplayProgress['phase'], head: bigint): Promise<void> => {
    if (!options.onProgress) return;
    const seconds = (Date.now() - started) / 1000;
    const eventsPerSecond = seconds > 0 ? applied / seconds : 0;
    const remaining = head > after ? Number(head - after) : 0;
    await options.onProgress({
      phase,
      applied,
      position: after,
      head,
      eventsPerSecond,
      etaSeconds: eventsPerSecond > 0 ? remaining / eventsPerSecond : undefined,
    });
  };
  /** Applies one page after `after` in `tx` (search_path on the shadow); false when the log has no more. */
  const applier = new StreamBatchApplier(chosen, stores.checkpoints, stores.parking, false);
  const page = async (tx: Database): Promise<boolean> => {
    const batch = await (options.store ?? new EventStore(tx)).readAll({ after, limit: batchSize });
    if (batch.length === 0) return false;
    const result = await applyPage(tx, applier, batch);
    applied += result.applied;
    parked += result.parked.length;
    after = (batch[batch.length - 1] as StoredEvent).globalPosition;
    await stores.feedPositions.set(tx, names, after);
    return true;
  };

  await dropShadow(db);
  try {
    await db.query(`CREATE SCHEMA ${REPLAY_SCHEMA}`);
    await inShadow(async (tx) => {
      for (const ddl of [FeedPositionStore.schema, ...stores.checkpoints.schema, ParkingStore.projectionSchema, ...chosen.flatMap((p) => p.schema)]) {
        await tx.query(ddl);
      }
      await stores.feedPositions.ensure(tx, names);
      // A stream parked for the projections not rebuilt waits for the rebuilt ones too (their checkpoints stay in step).
      if (!everything) await tx.query(`INSERT INTO ${REPLAY_SCHEMA}.rm_parked (${PARKED_COLUMNS}) SELECT ${PARKED_COLUMNS} FROM public.rm_parked`);
    });

    // Catch up, page by page, while the live tables serve.
    for (;;) {
      if (options.signal?.aborted) throw new ReplayAborted();
      const more = await inShadow(page);
      if (!more) break;
      await report('catching-up', await headOf(db));
    }
    if (options.signal?.aborted) throw new ReplayAborted();

    // The switch: live feeds wait on the checkpoint tables while the last events are applied and the tables change places.
    let switchPauseMs = 0;
    await db.transaction(async (tx) => {
      const locked = Date.now();
      await tx.query(`LOCK TABLE public.${stores.checkpoints.table}, public.rm_checkpoints IN EXCLUSIVE MODE`);
      await tx.query(`SET LOCAL search_path TO ${REPLAY_SCHEMA}, public`);
      while (await page(tx));
      await tx.query('SET LOCAL search_path TO public');
      for (const p of chosen) {
        for (const table of p.tables) {
          await tx.query(`DROP TABLE IF EXISTS public.${table}`);
          await tx.query(`ALTER TABLE ${REPLAY_SCHEMA}.${table} SET SCHEMA public`);
        }
      }
      const { table: checkpoints, ownerColumn: owner } = stores.checkpoints;
      const columns = `${owner}, stream_id, version, position`;
      await tx.query(`DELETE FROM public.${checkpoints} WHERE ${owner} = ANY($1)`, [names]);
      await tx.query(`INSERT INTO public.${checkpoints} (${columns}) SELECT ${columns} FROM ${REPLAY_SCHEMA}.${checkpoints}`);
      if (everything) await tx.query('DELETE FROM public.rm_parked');
      await tx.query(`INSERT INTO public.rm_parked (${PARKED_COLUMNS}) SELECT ${PARKED_COLUMNS} FROM ${REPLAY_SCHEMA}.rm_parked ON CONFLICT DO NOTHING`);
      await tx.query(
        `UPDATE public.rm_checkpoints live SET position = shadow.position
           FROM ${REPLAY_SCHEMA}.rm_checkpoints shadow WHERE live.projection = shadow.projection`,
      );
      for (const p of chosen) await recordVersion(tx, p);
      await tx.query(`DROP SCHEMA ${REPLAY_SCHEMA} CASCADE`);
      switchPauseMs = Date.now() - locked;
    });
    await report('switching', after);
    return { applied, position: after, parked, switchPauseMs };
  } catch (error) {
    await dropShadow(db).catch(() => undefined);
    throw error;
  }
}

/** Drops what an aborted or crashed replay left behind. */
async function dropShadow(db: Database): Promise<void> {
  await db.query(`DROP SCHEMA IF EXISTS ${REPLAY_SCHEMA} CASCADE`);
}
