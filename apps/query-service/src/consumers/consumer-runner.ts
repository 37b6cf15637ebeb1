import type { Database, StoredEvent } from '@longview/event-store';
import { errorText, maxPosition } from '../runner/errors';
import { byStream, ParkingStore, type ParkedRecord, type RetryResult } from '../runner/parking-store';
import { PositionWaiters } from '../runner/position-waiters';
import { toProjected, type ProjectedEvent } from '../runner/projection';
import type { StreamBatchResult } from '../runner/stream-batch-applier';
import { CheckpointWrites, StreamCheckpointStore } from '../runner/stream-checkpoint-store';
import { StreamGate } from '../runner/stream-gate';
import { DEFAULT_RETRY, TransientConsumerError, type EventConsumer, type RetryPolicy } from './event-consumer';

const CONSUMER_SCHEMA = [
  ...new StreamCheckpointStore('consumer_stream_checkpoints', 'consumer').schema,
  ParkingStore.consumerSchema,
  // The embedded feed's place in the global log, per consumer (as rm_checkpoints is for projections).
  `CREATE TABLE IF NOT EXISTS consumer_feed_positions (consumer text PRIMARY KEY, position bigint NOT NULL)`,
];

/** The consumer's far end stayed unavailable through every attempt: the feed gives the batch back and tries again later. */
export class ConsumerUnavailableError extends Error {}

interface Planned {
  readonly event: StoredEvent;
  /** Decoded and of a type the consumer wants: handed to it. */
  readonly deliver?: ProjectedEvent;
}

/**
 * Runs one EventConsumer with the same per-stream rule as the read models (StreamGate): its own
 * checkpoints and parked events, in its own tables. The side effect happens outside any database
 * transaction (a webhook cannot roll back), so the checkpoint is written after it succeeds:
 * at-least-once. A batch is first handed over whole; if it fails permanently, event by event, so
 * only the failing event is parked (its stream waits behind it; other streams go on).
 */
export class ConsumerRunner {
  private readonly checkpoints = new StreamCheckpointStore('consumer_stream_checkpoints', 'consumer');
  private readonly parking: ParkingStore;
  private readonly feed = new PositionWaiters();
  private readonly retry: RetryPolicy;

  constructor(
    private readonly db: Database,
    readonly consumer: EventConsumer,
    options: { retry?: RetryPolicy; onRetry?: (attempt: number, error: string) => void } = {},
  ) {
    this.parking = new ParkingStore('consumer_parked', { column: 'consumer', value: consumer.name });
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.onRetry = options.onRetry;
  }

  /** Told about each transient failure before the next attempt (for logs). */
  private readonly onRetry: ((attempt: number, error: string) => void) | undefined;

  static readonly schema: readonly string[] = CONSUMER_SCHEMA;

  get name(): string {
    return this.consumer.name;
  }

  /** The global position its embedded feed has passed. */
  get position(): bigint {
    return this.feed.position;
  }

  async migrate(): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const ddl of CONSUMER_SCHEMA) await tx.query(ddl);
      await tx.query('INSERT INTO consumer_feed_positions (consumer, position) VALUES ($1, 0) ON CONFLICT DO NOTHING', [this.name]);
    });
    const { rows } = await this.db.query<{ position: string }>('SELECT position FROM consumer_feed_positions WHERE consumer = $1', [this.name]);
    this.feed.advanceTo(BigInt(rows[0]?.position ?? 0));
  }

  /** Embedded feed: events in global order; its feed position moves with the checkpoints. */
  async applyBatch(events: readonly StoredEvent[]): Promise<StreamBatchResult> {
    if (events.length === 0) return { applied: 0, skipped: 0, parked: [] };
    const reached = maxPosition(events);
    const result = await this.process(events, {}, async (tx) => {
      await tx.query('UPDATE consumer_feed_positions SET position = GREATEST(position, $2) WHERE consumer = $1', [this.name, reached.toString()]);
    });
    this.feed.advanceTo(reached);
    return result;
  }

  /** Kafka feed: one partition batch (the consumer's own group). */
  applyStreamBatch(events: readonly StoredEvent[]): Promise<StreamBatchResult> {
    if (events.length === 0) return Promise.resolve({ applied: 0, skipped: 0, parked: [] });
    return this.process(events, {});
  }

  listParked(streamId?: string): Promise<ParkedRecord[]> {
    return this.parking.list(this.db, streamId);
  }

  /** Hands a stream's parked events to the consumer again, in order; those that still fail stay parked (retries + 1). */
  async retryParked(streamId?: string): Promise<RetryResult> {
    const streams = byStream(await this.listParked(streamId));
    let applied = 0;
    let stillParked = 0;
    for (const [stream, records] of streams) {
      const retries = new Map(records.map((r) => [r.event.streamVersion, r.retries + 1]));
      const result = await this.process(
        records.map((r) => r.event),
        { retries, retryStream: stream },
      );
      applied += result.applied;
      stillParked += result.parked.length;
    }
    return { streams: streams.size, applied, stillParked };
  }

  private async process(
    events: readonly StoredEvent[],
    options: { retries?: ReadonlyMap<number, number>; retryStream?: string },
    inSameTransaction?: (tx: Database) => Promise<void>,
  ): Promise<StreamBatchResult> {
    const streams = [...new Set(events.map((e) => e.streamId))];
    const versions = await this.checkpoints.versions(this.db, [this.name], streams, false);
    const parkedFrom = await this.parking.parkedFrom(this.db, streams);
    const newGate = () => {
      const gate = new StreamGate([this.name], new Map(versions), new Map(parkedFrom), 'consumer');
      if (options.retryStream !== undefined) gate.unpark(options.retryStream);
      return gate;
    };

    // First the whole batch in one hand-over.
    const whole = this.plan(events, newGate());
    let outcome: { handled: Planned[]; parked: { event: StoredEvent; error: string }[]; skipped: number };
    try {
      await this.withRetries(whole.handled.flatMap((p) => (p.deliver ? [p.deliver] : [])));
      outcome = whole;
    } catch (error) {
      if (error instanceof ConsumerUnavailableError) throw error;
      // A permanent failure somewhere in the batch: again event by event, parking only the failing one.
      outcome = await this.oneByOne(events, newGate());
    }

    const writes = new CheckpointWrites();
    for (const p of outcome.handled) writes.record(this.name, p.event);
    const parked: { event: StoredEvent; error: string }[] = [];
    await this.db.transaction(async (tx) => {
      if (options.retryStream !== undefined) await this.parking.deleteStream(tx, options.retryStream);
      for (const p of outcome.parked) {
        if (await this.parking.insert(tx, p.event, p.error, options.retries?.get(p.event.streamVersion) ?? 0)) parked.push(p);
      }
      await this.checkpoints.write(tx, writes);
      await inSameTransaction?.(tx);
    });
    return { applied: outcome.handled.length, skipped: outcome.skipped, parked };
  }

  /** What the gate lets through, assuming every delivery succeeds. */
  private plan(events: readonly StoredEvent[], gate: StreamGate): { handled: Planned[]; parked: { event: StoredEvent; error: string }[]; skipped: number } {
    const handled: Planned[] = [];
    const parked: { event: StoredEvent; error: string }[] = [];
    let skipped = 0;
    for (const event of events) {
      const planned = this.planOne(event, gate);
      if (planned === 'skip') skipped++;
      else if ('error' in planned) parked.push(planned);
      else handled.push(planned);
    }
    return { handled, parked, skipped };
  }

  private planOne(event: StoredEvent, gate: StreamGate): 'skip' | Planned | { event: StoredEvent; error: string } {
    const decision = gate.decide(event);
    if (decision.kind === 'skip') return 'skip';
    if (decision.kind === 'park') {
      gate.parked(event);
      return { event, error: `consumer ${this.name}: ${decision.reason}` };
    }
    let projected: ProjectedEvent;
    try {
      projected = toProjected(event);
    } catch (error) {
      gate.parked(event);
      return { event, error: `consumer ${this.name}: cannot decode: ${errorText(error)}` };
    }
    gate.applied(event, [this.name]);
    const wanted = !this.consumer.types || this.consumer.types.includes(projected.event.type);
    return wanted ? { event, deliver: projected } : { event };
  }

  private async oneByOne(
    events: readonly StoredEvent[],
    gate: StreamGate,
  ): Promise<{ handled: Planned[]; parked: { event: StoredEvent; error: string }[]; skipped: number }> {
    const handled: Planned[] = [];
    const parked: { event: StoredEvent; error: string }[] = [];
    let skipped = 0;
    for (const event of events) {
      const planned = this.planOne(event, gate);
      if (planned === 'skip') {
        skipped++;
        continue;
      }
      if ('error' in planned) {
        parked.push(planned);
        continue;
      }
      try {
        await this.withRetries(planned.deliver ? [planned.deliver] : []);
        handled.push(planned);
      } catch (error) {
        if (error instanceof ConsumerUnavailableError) throw error;
        // planOne let the gate assume success; parked from this version, the rest of the stream waits behind it.
        gate.parked(event);
        parked.push({ event, error: `consumer ${this.name} failed: ${errorText(error)}` });
      }
    }
    return { handled, parked, skipped };
  }

  /** Hands `events` over, retrying transient failures with capped exponential backoff. */
  private async withRetries(events: readonly ProjectedEvent[]): Promise<void> {
    if (events.length === 0) return;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.consumer.handle(events);
        return;
      } catch (error) {
        if (!(error instanceof TransientConsumerError)) throw error;
        if (attempt >= this.retry.attempts) {
          throw new ConsumerUnavailableError(`consumer ${this.name}: still failing after ${attempt} attempts: ${errorText(error)}`);
        }
        this.onRetry?.(attempt, errorText(error));
        await new Promise((resolve) => setTimeout(resolve, Math.min(this.retry.maxDelayMs, this.retry.initialDelayMs * 2 ** (attempt - 1))));
      }
    }
  }
}
