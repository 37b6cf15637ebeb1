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

/** An event of a batch the gate let through, with the projections that have not had it. */
interface EventToApply {
  readonly stored: StoredEvent;
  readonly projected: ProjectedEvent;
  readonly pending: readonly string[];
}

/** Thrown inside a batch transaction when a projection fails without savepoints: redo the batch event by event. */
export class ProjectionFailed extends Error {}

/**
 * Applies a batch to the projections inside `tx` by the StreamGate rule, moving their stream
 * checkpoints in the same transaction. Without savepoints (the fast path) the gate decides the
 * whole batch first, then each projection applies its events at once (`applyBatch`), and a throw
 * aborts the batch (ProjectionFailed) for the caller to redo with savepoints. `withSavepoints`
 * applies event by event (`apply`), each under its own savepoint, so a projection that throws
 * parks only that event. `retries` carries the retry count of events coming back from
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
    options: {
      withSavepoints: boolean;
      retries?: ReadonlyMap<number, number>;
      ignoreParkingOf?: string;
      /**
       * The caller is the only writer of these checkpoints (a rebuild holds the tables locked, a
       * replay writes its own copies): they are read, not created and locked row by row first.
       */
      soleWriter?: boolean;
    },
  ): Promise<AppliedBatch> {
    const names = this.projections.map((p) => p.name);
    const streams = [...new Set(events.map((e) => e.streamId))];
    const versions = await this.checkpoints.versions(tx, names, streams, !options.soleWriter);
    const parkedFrom = await this.parking.parkedFrom(tx, streams);
    const gate = new StreamGate(names, versions, parkedFrom);
    if (options.ignoreParkingOf !== undefined) gate.unpark(options.ignoreParkingOf);

    const writes = new CheckpointWrites();
    const parked: { event: StoredEvent; error: string }[] = [];
    let skipped = 0;
    const park = async (event: StoredEvent, error: string) => {
      if (await this.parking.insert(tx, event, error, options.retries?.get(event.streamVersion) ?? 0)) parked.push({ event, error });
      gate.parked(event);
    };

    const toApply: EventToApply[] = [];
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
      const next: EventToApply = { stored: event, projected, pending: decision.pending };
      if (options.withSavepoints && !(await this.applyIsolated(tx, next, park))) continue;
      toApply.push(next);
      // Later events of the stream are decided as if this one has been applied: with savepoints it
      // has; without, the batch is applied below as a whole or not at all (ProjectionFailed).
      gate.applied(event, decision.pending);
      for (const name of decision.pending) writes.record(name, event);
    }
    if (!options.withSavepoints) await this.applyTogether(tx, toApply);
    await this.checkpoints.write(tx, writes);
    return { applied: toApply.length, skipped, parked, reached: new Map(streams.map((stream) => [stream, gate.reached(stream)])) };
  }

  /**
   * The fast path: each projection gets its events of the batch at once (`applyBatch`, in log
   * order; `apply` on each in turn for a projection without it), so a projection that folds in
   * memory writes a row once per batch, not once per event. Projections read and write only their
   * own tables, so applying them one after the other gives the tables that applying event by
   * event does. Any throw aborts the whole batch (the caller redoes it with savepoints).
   */
  private async applyTogether(tx: Database, toApply: readonly EventToApply[]): Promise<void> {
    // Each event's span covers the whole batch's projection work, which its own is part of.
    const spans = this.traced ? toApply.map((e) => projectSpan(e.stored, e.pending)) : [];
    try {
      for (const projection of this.projections) {
        const mine = toApply.filter((e) => e.pending.includes(projection.name)).map((e) => e.projected);
        if (mine.length === 0) continue;
        if (projection.applyBatch) await projection.applyBatch(tx, mine);
        else for (const projected of mine) await projection.apply(tx, projected);
      }
    } catch (error) {
      // Which event failed is not known here: the redo with savepoints finds and parks it.
      for (const span of spans) span?.setAttribute('longview.batch_redone', !isTransientDatabaseError(error));
      // A deadlock, serialization failure or lost connection says nothing about the events.
      if (isTransientDatabaseError(error)) throw error;
      throw new ProjectionFailed(errorText(error));
    } finally {
      for (const span of spans) span?.end();
    }
  }

  /** The redo path: one event under its own savepoint, `apply` per projection; false (and the event parked) if one threw. */
  private async applyIsolated(
    tx: Database,
    { stored, projected, pending }: EventToApply,
    park: (event: StoredEvent, error: string) => Promise<void>,
  ): Promise<boolean> {
    await tx.query('SAVEPOINT apply_event');
    const span = this.traced ? projectSpan(stored, pending) : undefined;
    try {
      for (const projection of this.projections) {
        if (pending.includes(projection.name)) await projection.apply(tx, projected);
      }
    } catch (error) {
      span?.setAttribute('longview.parked', !isTransientDatabaseError(error));
      if (isTransientDatabaseError(error)) throw error;
      await tx.query('ROLLBACK TO SAVEPOINT apply_event');
      await park(stored, `projection failed: ${errorText(error)}`);
      return false;
    } finally {
      span?.end();
    }
    await tx.query('RELEASE SAVEPOINT apply_event');
    return true;
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
