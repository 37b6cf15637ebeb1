import type { Database, StoredEvent } from '@longview/event-store';
import { ConsumerRunner } from '../consumers/consumer-runner';
import { enabledConsumers } from '../consumers/registry';
import { READ_MODELS } from '../read-models/registry';
import { maxPosition } from './errors';
import { FeedPositionStore } from './feed-position-store';
import { byStream, ParkingStore, type ParkedRecord, type RetryResult } from './parking-store';
import { PositionWaiters } from './position-waiters';
import type { Projection } from './projection';
import type { ReadProgress } from './read-progress';
import { logIsHere, migrateReadModels } from './read-model-schema';
import { replayBesideLive, type ReplayOptions, type ReplayResult } from './blue-green-replay';
import { rebuildProjections, resetProjections, type RebuildOptions, type RebuildResult } from './rebuild';
import { StreamBatchApplier, type AppliedBatch } from './stream-batch-applier';
import { StreamCheckpointStore } from './stream-checkpoint-store';
import { StreamWaiters, type StreamState, type StreamWaitOutcome } from './stream-waiters';

export type { ParkedRecord, RetryResult } from './parking-store';
export type { StreamBatchResult } from './stream-batch-applier';
export type { StreamWaitOutcome } from './stream-waiters';

/**
 * The read models' runner, as the feeds, the HTTP layer and `longview parked`/`replay` see it.
 * A facade over small parts with one job each: the stream checkpoints and the StreamGate rule
 * (StreamBatchApplier), parking (ParkingStore), the embedded feed's global position
 * (FeedPositionStore), read-your-writes (PositionWaiters, StreamWaiters) and rebuilds.
 *
 * Both feeds apply by the same rule (per-stream checkpoints, a poison event parked with its stream
 * behind it while every other stream goes on), each batch in ONE transaction with the checkpoints:
 * - `applyBatch` (embedded): events in global order; also moves the global feed position, so
 *   `?minPosition=` means "the feed has passed this position".
 * - `applyStreamBatch` (distributed: one Kafka partition batch).
 */
export class ProjectionRunner implements ReadProgress {
  private readonly checkpoints = new StreamCheckpointStore('rm_stream_checkpoints', 'projection');
  private readonly parking = new ParkingStore('rm_parked');
  /** Every consumer's parked events, including consumers not switched on in this process. */
  private readonly consumerParking = new ParkingStore('consumer_parked', { column: 'consumer' });
  private readonly feedPositions = new FeedPositionStore();
  private readonly applier: StreamBatchApplier;
  private readonly positions = new PositionWaiters();
  private readonly streams: StreamWaiters;
  private readonly consumers: readonly ConsumerRunner[];

  constructor(
    private readonly db: Database,
    readonly projections: readonly Projection[] = READ_MODELS.map((m) => m.projection),
    /** Consumers `retryParked` hands their parked events to (default: those switched on in the environment). */
    options: { consumers?: readonly ConsumerRunner[] } = {},
  ) {
    this.applier = new StreamBatchApplier(projections, this.checkpoints, this.parking);
    this.streams = new StreamWaiters(
      db,
      projections.map((p) => p.name),
    );
    this.consumers = options.consumers ?? enabledConsumers().map((consumer) => new ConsumerRunner(db, consumer));
  }

  private get names(): string[] {
    return this.projections.map((p) => p.name);
  }

  /**
   * Creates the tables. A projection built by an older `version` is rebuilt from the log when the
   * log is in this database (embedded mode); otherwise it is returned in `stale` and waits for
   * `longview replay --projection NAME`.
   */
  async migrate(): Promise<{ stale: readonly string[] }> {
    const { stale } = await migrateReadModels(this.db, this.projections, this.checkpoints, this.feedPositions);
    for (const ddl of ConsumerRunner.schema) await this.db.query(ddl);
    for (const consumer of this.consumers) await consumer.migrate();
    const rebuildHere = stale.length > 0 && (await logIsHere(this.db));
    if (rebuildHere) await this.rebuild({ names: stale });
    this.positions.advanceTo(await this.feedPositions.lowest(this.db, this.names));
    return { stale: rebuildHere ? [] : stale };
  }

  /** The global position every projection's feed has passed (embedded), or the highest applied (distributed). */
  get position(): bigint {
    return this.positions.position;
  }

  /** How often the shared stream poll runs while requests wait (ms). */
  get streamPollMs(): number {
    return this.streams.pollMs;
  }

  set streamPollMs(ms: number) {
    this.streams.pollMs = ms;
  }

  /** Embedded feed: a batch of the global log. Throws only when the database fails (the follower retries). */
  async applyBatch(events: readonly StoredEvent[]): Promise<AppliedBatch> {
    if (events.length === 0) return { applied: 0, skipped: 0, parked: [], reached: new Map() };
    const reached = maxPosition(events);
    const result = await this.applier.applyInTransaction(this.db, events, (tx) => this.feedPositions.advance(tx, this.names, reached));
    this.positions.advanceTo(reached);
    this.streams.reached(result.reached);
    return result;
  }

  /** Distributed feed: one partition batch. Throws only when the database fails (the consumer retries the batch). */
  async applyStreamBatch(events: readonly StoredEvent[]): Promise<AppliedBatch> {
    if (events.length === 0) return { applied: 0, skipped: 0, parked: [], reached: new Map() };
    const result = await this.applier.applyInTransaction(this.db, events);
    this.positions.advanceTo(maxPosition(events));
    this.streams.reached(result.reached);
    return result;
  }

  /** Parked events of the read models, then of every consumer (`consumer` set); each oldest stream first. */
  async listParked(streamId?: string): Promise<ParkedRecord[]> {
    return [...(await this.parking.list(this.db, streamId)), ...(await this.consumerParking.list(this.db, streamId))];
  }

  /**
   * Re-applies the parked events of `streamId` (every parked stream when omitted), each stream in
   * order and in its own transaction. Events that apply now leave rm_parked; the first that still
   * fails stays parked (retries + 1, new error) with the rest of its stream behind it. The
   * consumers' parked events are handed to them again the same way; those of a consumer not
   * switched on in this process (e.g. its webhook URL unset here) stay parked.
   */
  async retryParked(streamId?: string): Promise<RetryResult> {
    const streams = byStream(await this.parking.list(this.db, streamId));
    let applied = 0;
    let stillParked = 0;
    for (const [stream, records] of streams) {
      const retries = new Map(records.map((r) => [r.event.streamVersion, r.retries + 1]));
      const events = records.map((r) => r.event);
      const result = await this.db.transaction(async (tx) => {
        await this.parking.deleteStream(tx, stream);
        return this.applier.apply(tx, events, { withSavepoints: true, retries, ignoreParkingOf: stream });
      });
      applied += result.applied;
      stillParked += result.parked.length;
      this.positions.advanceTo(maxPosition(events));
    }
    let total = streams.size;
    for (const consumer of this.consumers) {
      const result = await consumer.retryParked(streamId);
      total += result.streams;
      applied += result.applied;
      stillParked += result.stillParked;
    }
    const here = new Set(this.consumers.map((c) => c.name));
    const elsewhere = (await this.consumerParking.list(this.db, streamId)).filter((r) => !here.has(r.consumer ?? ''));
    stillParked += elsewhere.length;
    total += new Set(elsewhere.map((r) => `${r.consumer}\u0000${r.event.streamId}`)).size;
    this.streams.wake();
    return { streams: total, applied, stillParked };
  }

  /**
   * Resolves once every projection has applied `streamId` up to `version` ('reached'), or the
   * stream is parked below it ('parked'), or after `timeoutMs` ('timeout'). Answered from the read
   * database (another instance may be applying the stream), by one shared poll.
   */
  waitForStream(streamId: string, version: number, timeoutMs: number): Promise<StreamWaitOutcome> {
    return this.streams.waitFor(streamId, version, timeoutMs);
  }

  /** The version every projection has applied for `streamId` (0 = none) and the lowest parked version, if any. */
  streamState(streamId: string): Promise<StreamState> {
    return this.streams.state(streamId);
  }

  /** Resolves once the projections have reached `position`; false on timeout. */
  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    return this.positions.waitFor(position, timeoutMs);
  }

  /**
   * Distributed mode: other instances move the read models too, so the highest applied position
   * is re-read from the database (for /position, /health and the analytics cache key).
   */
  async refreshPosition(): Promise<bigint> {
    const { rows } = await this.db.query<{ position: string | null }>('SELECT max(position) AS position FROM rm_stream_checkpoints');
    this.positions.advanceTo(BigInt(rows[0]?.position ?? 0));
    return this.positions.position;
  }

  /**
   * Rebuilds the named projections (all when omitted) from the log in one transaction (see
   * rebuildProjections). `store` reads the log; omit it when the log is in the read database.
   */
  async rebuild(options: RebuildOptions = {}): Promise<RebuildResult> {
    const outcome = await rebuildProjections(this.db, this.projections, this.stores(), options);
    this.positions.reset(await this.feedPositions.lowest(this.db, this.names));
    if (outcome.position > this.positions.position) this.positions.advanceTo(outcome.position);
    this.streams.forget();
    return outcome;
  }

  /**
   * Rebuilds the named projections (all when omitted) beside the live ones and switches to them
   * when caught up (see replayBesideLive): what `longview replay` runs while the platform serves.
   */
  async replay(options: ReplayOptions = {}): Promise<ReplayResult> {
    const outcome = await replayBesideLive(this.db, this.projections, this.stores(), options);
    this.positions.reset(await this.feedPositions.lowest(this.db, this.names));
    if (outcome.position > this.positions.position) this.positions.advanceTo(outcome.position);
    this.streams.forget();
    return outcome;
  }

  /** Empties the named projections (all when omitted) and resets their checkpoints to 0. */
  async reset(names?: readonly string[]): Promise<void> {
    await resetProjections(this.db, this.projections, this.stores(), names);
    this.positions.reset(await this.feedPositions.lowest(this.db, this.names));
    this.streams.forget();
  }

  /** Rows in rm_parked (the read models' parked events), for the metrics gauge. */
  parkedCount(): Promise<number> {
    return this.parking.count(this.db);
  }

  private stores() {
    return { checkpoints: this.checkpoints, parking: this.parking, feedPositions: this.feedPositions };
  }
}
