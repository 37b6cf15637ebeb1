import { EventStore, type Database, type StoredEvent } from '@longview/event-store';
import type { FeedPositionStore } from './feed-position-store';
import type { ParkingStore } from './parking-store';
import type { Projection } from './projection';
import { recordVersion } from './read-model-schema';
import { ProjectionFailed, StreamBatchApplier, type StreamBatchResult } from './stream-batch-applier';
import type { StreamCheckpointStore } from './stream-checkpoint-store';

export interface RebuildOptions {
  /** Reads the log; omit when the log is in the read database itself (embedded mode). */
  readonly store?: EventStore;
  /** Projections to rebuild (all when omitted). */
  readonly names?: readonly string[];
  readonly batchSize?: number;
  readonly onProgress?: (progress: { applied: number; position: bigint }) => void;
}

export interface RebuildResult {
  readonly applied: number;
  readonly position: bigint;
  readonly parked: number;
}

/** The chosen projections, or an error naming the unknown ones. */
export function chooseProjections(all: readonly Projection[], names: readonly string[] | undefined): Projection[] {
  const unknown = (names ?? []).filter((n) => !all.some((p) => p.name === n));
  if (unknown.length > 0) throw new Error(`Unknown projection(s): ${unknown.join(', ')}; known: ${all.map((p) => p.name).join(', ')}`);
  return names ? all.filter((p) => names.includes(p.name)) : [...all];
}

/**
 * Rebuilds projections from the event log in ONE transaction: while it runs, reads are served from
 * the state before the rebuild (MVCC), and feeds applying new events wait on the checkpoint tables'
 * locks; they continue from the rebuilt checkpoints once it commits. Rebuilding every projection
 * also clears rm_parked (a poison event is parked again).
 */
export async function rebuildProjections(
  db: Database,
  all: readonly Projection[],
  stores: { checkpoints: StreamCheckpointStore; parking: ParkingStore; feedPositions: FeedPositionStore },
  options: RebuildOptions,
): Promise<RebuildResult> {
  const chosen = chooseProjections(all, options.names);
  const names = chosen.map((p) => p.name);
  return db.transaction(async (tx) => {
    await tx.query(`LOCK TABLE ${stores.checkpoints.table} IN EXCLUSIVE MODE`);
    await tx.query('LOCK TABLE rm_checkpoints IN EXCLUSIVE MODE');
    for (const p of chosen) for (const table of p.tables) await tx.query(`DELETE FROM ${table}`);
    await stores.checkpoints.deleteOwners(tx, names);
    await stores.feedPositions.set(tx, names, 0n);
    if (chosen.length === all.length) await stores.parking.deleteAll(tx);
    const store = options.store ?? new EventStore(tx);
    const applier = new StreamBatchApplier(chosen, stores.checkpoints, stores.parking, false);
    let after = 0n;
    let applied = 0;
    let parked = 0;
    for (;;) {
      const batch = await store.readAll({ after, limit: options.batchSize ?? DEFAULT_REBUILD_PAGE });
      if (batch.length === 0) break;
      const result = await applyPage(tx, applier, batch);
      applied += result.applied;
      parked += result.parked.length;
      after = (batch[batch.length - 1] as StoredEvent).globalPosition;
      await stores.feedPositions.set(tx, names, after);
      options.onProgress?.({ applied, position: after });
    }
    for (const p of chosen) await recordVersion(tx, p);
    return { applied, position: after, parked };
  });
}

/** Events per page of a rebuild: large enough to amortise the per-page statements, small enough to bound memory. */
export const DEFAULT_REBUILD_PAGE = 5000;

/**
 * One page of a rebuild or replay: first without a savepoint per event (two statements per event
 * fewer), inside one savepoint for the page; if a projection throws, the page is rolled back to it
 * and applied again event by event, so only the failing event is parked. The caller is the only
 * writer of the checkpoints it moves (rebuildProjections locks the tables; replayBesideLive writes
 * its own), so they are not locked row by row.
 */
export async function applyPage(tx: Database, applier: StreamBatchApplier, batch: readonly StoredEvent[]): Promise<StreamBatchResult> {
  await tx.query('SAVEPOINT rebuild_page');
  try {
    const result = await applier.apply(tx, batch, { withSavepoints: false, soleWriter: true });
    await tx.query('RELEASE SAVEPOINT rebuild_page');
    return result;
  } catch (error) {
    if (!(error instanceof ProjectionFailed)) throw error;
    await tx.query('ROLLBACK TO SAVEPOINT rebuild_page');
    return applier.apply(tx, batch, { withSavepoints: true, soleWriter: true });
  }
}

/** Empties the chosen projections and resets their checkpoints (global and per stream). */
export async function resetProjections(
  db: Database,
  all: readonly Projection[],
  stores: { checkpoints: StreamCheckpointStore; feedPositions: FeedPositionStore },
  names: readonly string[] | undefined,
): Promise<void> {
  const chosen = chooseProjections(all, names);
  await db.transaction(async (tx) => {
    for (const p of chosen) for (const table of p.tables) await tx.query(`DELETE FROM ${table}`);
    await stores.checkpoints.deleteOwners(
      tx,
      chosen.map((p) => p.name),
    );
    await stores.feedPositions.set(
      tx,
      chosen.map((p) => p.name),
      0n,
    );
  });
}
