import type { Database, StoredEvent } from '@longview/event-store';
import { deliveryContext, extractTraceContext, startSpan, type Context, type Span } from '@longview/tracing';
import { errorText, isTransientDatabaseError } from './errors';
import type { ParkingStore } from './parking-store';
import { toProjected, type Projection, type ProjectedEvent } from './projection';
import { CheckpointWrites, type StreamCheckpointStore } from './stream-checkpoint-store';
import { StreamGate } from './stream-gate';

/** What one batch did. `parked` lists only events parked by this call (for the dead-letter topic). */
export interface StreamBatchResult {
  readonly applied: number;
  readonly skipped: number;
  readonly parked: readonly { readonly event: StoredEvent; readonly error: string }[];
}

/** A batch applied to the read models, with where it left each of its streams. */
export interface AppliedBatch extends StreamBatchResult {
  /** Each stream of the batch: the version every projection has applied once the batch commits. */
  readonly reached: ReadonlyMap<string, number>;
}

/** Thrown inside a batch transaction when a projection fails without savepoints: redo the batch event by event. */
export class ProjectionFailed extends Error {}

/**
 * Applies a batch to the projections inside `tx` by the StreamGate rule, moving their stream
 * checkpoints in the same transaction. `withSavepoints` isolates each event, so a projection that
 * throws parks only that event; without them a throw aborts the batch (ProjectionFailed) and the
 * caller redoes it with savepoints. `retries` carries the retry count of events coming back from
 * rm_parked. Transient database errors are rethrown (the batch is retried, nothing parked).
 */
export class StreamBatchApplier {
  constructor(
    private readonly projections: readonly Projection[],
    private readonly checkpoints: StreamCheckpointStore,
    private readonly parking: ParkingStore,
    /** Spans per applied event (the live feeds); off for rebuilds and replays, which would add spans to old traces. */
    private readonly traced: boolean = true,
  ) {}

  async apply(
    tx: Database,
    events: readonly StoredEvent[],
    options: { withSavepoints: boolean; retries?: ReadonlyMap<number, number>; ignoreParkingOf?: string },
  ): Promise<AppliedBatch> {
    const names = this.projections.map((p) => p.name);
    const streams = [...new Set(events.map((e) => e.streamId))];
    const versions = await this.checkpoints.versions(tx, names, streams, true);
    const parkedFrom = await this.parking.parkedFrom(tx, streams);
    const gate = new StreamGate(names, versions, parkedFrom);
    if (options.ignoreParkingOf !== undefined) gate.unpark(options.ignoreParkingOf);

    const writes = new CheckpointWrites();
    const parked: { event: StoredEvent; error: string }[] = [];
    let applied = 0;
    let skipped = 0;
    const park = async (event: StoredEvent, error: string) => {
      if (await this.parking.insert(tx, event, error, options.retries?.get(event.streamVersion) ?? 0)) parked.push({ event, error });
      gate.parked(event);
    };

    for (const event of events) {
      const decision = gate.decide(event);
      if (decision.kind === 'skip') {
        skipped++;
        continue;
      }
      if (decision.kind === 'park') {
        await park(event, decision.reason);
        continue;
      }
      let projected: ProjectedEvent;
      try {
        projected = toProjected(event);
      } catch (error) {
        await park(event, `cannot decode: ${errorText(error)}`);
        continue;
      }
      if (options.withSavepoints) await tx.query('SAVEPOINT apply_event');
      const span = this.traced ? projectSpan(event, decision.pending) : undefined;
      try {
        for (const projection of this.projections) {
          if (decision.pending.includes(projection.name)) await projection.apply(tx, projected);
        }
      } catch (error) {
        span?.setAttribute('longview.parked', !isTransientDatabaseError(error));
        // A deadlock, serialization failure or lost connection says nothing about the event.
        if (isTransientDatabaseError(error)) throw error;
        if (!options.withSavepoints) throw new ProjectionFailed(errorText(error));
        await tx.query('ROLLBACK TO SAVEPOINT apply_event');
        await park(event, `projection failed: ${errorText(error)}`);
        continue;
      } finally {
        span?.end();
      }
      if (options.withSavepoints) await tx.query('RELEASE SAVEPOINT apply_event');
      gate.applied(event, decision.pending);
      for (const name of decision.pending) writes.record(name, event);
      applied++;
    }
    await this.checkpoints.write(tx, writes);
    return { applied, skipped, parked, reached: new Map(streams.map((stream) => [stream, gate.reached(stream)])) };
  }

  /**
   * One batch in its own transaction: first without savepoints (the fast path), and again with a
   * savepoint per event if a projection threw. `inSameTransaction` runs after the batch, inside it
   * (the embedded feed moves its global position there).
   */
  async applyInTransaction(db: Database, events: readonly StoredEvent[], inSameTransaction?: (tx: Database) => Promise<void>): Promise<AppliedBatch> {
    const run = (withSavepoints: boolean) =>
      db.transaction(async (tx) => {
        const result = await this.apply(tx, events, { withSavepoints });
        await inSameTransaction?.(tx);
        return result;
      });
    try {
      return await run(false);
    } catch (error) {
      if (!(error instanceof ProjectionFailed)) throw error;
      return run(true);
    }
  }
}

/**
 * A span for applying a traced event to the read models: the child of the Kafka consumer's span
 * for its message (distributed mode), or of the append that wrote it (embedded mode's follower,
 * from the event's metadata). Untraced events (imports, demo data, replays of old events) get none.
 */
function projectSpan(event: StoredEvent, projections: readonly string[]): Span | undefined {
  const parent: Context | undefined = deliveryContext(event) ?? metadataContext(event);
  if (!parent) return undefined;
  return startSpan('query-service', `project ${event.type}`, {
    parent,
    attributes: {
      'longview.event_type': event.type,
      'longview.stream_id': event.streamId,
      'longview.global_position': event.globalPosition.toString(),
      'longview.projections': [...projections],
    },
  });
}

function metadataContext(event: StoredEvent): Context | undefined {
  const { traceparent, tracestate } = event.metadata;
  if (typeof traceparent !== 'string') return undefined;
  return extractTraceContext({ traceparent, ...(typeof tracestate === 'string' ? { tracestate } : {}) });
}
