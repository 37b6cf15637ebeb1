import type { LongviewEvent } from '@longview/domain';
import type { Database, EventMetadata } from '@longview/event-store';

/** An event as projections see it: decoded to the current domain shape, with its place in the log. */
export interface ProjectedEvent {
  readonly event: LongviewEvent;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly position: bigint;
  readonly metadata: EventMetadata;
  readonly recordedAt: string;
}

/**
 * One read model. `apply` runs inside the transaction that also moves the checkpoint, so an
 * event's effect and the record that it was applied commit together. It must not throw on a
 * valid event, and must ignore event types it does not use.
 */
export interface Projection {
  readonly name: string;
  /** Idempotent DDL for the projection's tables. */
  readonly schema: readonly string[];
  /** Tables emptied when the projection is rebuilt. */
  readonly tables: readonly string[];
  apply(tx: Database, projected: ProjectedEvent): Promise<void>;
}
