import { decodeEvent } from '@longview/contracts';
import type { LongviewEvent } from '@longview/domain';
import type { Database, EventMetadata, StoredEvent } from '@longview/event-store';

/** An event as projections (and consumers) see it: decoded to the current domain shape, with its place in the log. */
export interface ProjectedEvent {
  readonly event: LongviewEvent;
  readonly eventId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly position: bigint;
  readonly metadata: EventMetadata;
  readonly recordedAt: string;
}

/**
 * One read model. `apply` runs inside the transaction that also moves the checkpoint, so an
 * event's effect and the record that it was applied commit together. It must not throw on a
 * valid event, must ignore event types it does not use, must read and write only its own
 * `tables`, and must be idempotent on its own: applying an event a second time (or the whole
 * log again) leaves its tables as they were.
 */
export interface Projection {
  readonly name: string;
  /**
   * Bumped when `apply` or the tables change meaning: on start the runner rebuilds a projection
   * whose stored version is lower (embedded mode, where the log is in the same database) or
   * leaves it for `longview replay --projection NAME`. Default 1.
   */
  readonly version?: number;
  /** Idempotent DDL for the projection's tables. */
  readonly schema: readonly string[];
  /** Tables emptied when the projection is rebuilt (all of its tables). */
  readonly tables: readonly string[];
  apply(tx: Database, projected: ProjectedEvent): Promise<void>;
  /**
   * Optional: `apply` on each of `events` in turn (they come in log order, and each is one this
   * projection has not had), in fewer statements: a projection that folds the batch in memory
   * reads and writes each of its rows once per batch instead of once per event. It must leave the
   * tables `apply` would, and be as idempotent. The runner's fast path calls it once per batch; the
   * redo after a throw applies event by event with `apply`, so only the failing event is parked.
   */
  applyBatch?(tx: Database, events: readonly ProjectedEvent[]): Promise<void>;
}

/** Decodes a stored event through the contracts (upcasting old versions); throws if it breaks its schema. */
export function toProjected(stored: StoredEvent): ProjectedEvent {
  return {
    event: decodeEvent({ type: stored.type, schemaVersion: stored.schemaVersion, data: stored.data }),
    eventId: stored.eventId,
    streamId: stored.streamId,
    streamVersion: stored.streamVersion,
    position: stored.globalPosition,
    metadata: stored.metadata,
    recordedAt: stored.recordedAt,
  };
}
