import type { Database, EventStore, StoredEvent } from '@longview/event-store';
import { errorMessage, silentLogger, type Logger } from './json-logger';
import type { EventPublisher } from './kafka-event-publisher';
import type { Counter, Gauge, MetricsRegistry } from './metrics';

const RELAY_SCHEMA = `CREATE TABLE IF NOT EXISTS relay_checkpoints (
  relay text PRIMARY KEY,
  position bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
)`;

/** See OutboxRelayOptions.lingerMs. */
export const DEFAULT_LINGER_MS = 2;

export interface OutboxRelayOptions {
  /** The event store to follow and the database holding its tables (relay_checkpoints goes there too). */
  readonly store: EventStore;
  readonly database: Database;
  readonly publisher: EventPublisher;
  /** Checkpoint row name; one per destination (default 'kafka'). */
  readonly name?: string;
  /** Events read and sent per round (default 500). */
  readonly batchSize?: number;
  /** How often to look for new events when not woken by notify() (default 200 ms). */
  readonly pollMs?: number;
  /**
   * When notify() wakes an idle relay it waits this long before reading, so appends that land close
   * together go to Kafka in one batch instead of one send each (default 2 ms; 0 reads at once).
   */
  readonly lingerMs?: number;
  /** Backoff after a failed send: doubles from initialBackoffMs up to maxBackoffMs (defaults 100, 5000). */
  readonly initialBackoffMs?: number;
  readonly maxBackoffMs?: number;
  readonly logger?: Logger;
  readonly metrics?: MetricsRegistry;
}

/**
 * The publication side of the distributed mode: follows the event store's global log from a
 * checkpoint and sends each batch to Kafka; only after the broker acknowledged the whole batch
 * does it move the checkpoint. So:
 * - nothing is published from the request path, and nothing committed is lost: the log is the
 *   outbox (ADR 002: readAll never skips an event whose transaction commits late);
 * - at-least-once: a crash between the send and the checkpoint re-sends that batch on restart;
 * - per-stream order: the log is read in global order and sent sequentially, one batch at a time;
 * - while the broker is down it retries the same batch with capped exponential backoff; it never skips.
 */
export class OutboxRelay {
  private readonly name: string;
  private readonly logger: Logger;
  private checkpoint = 0n;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private pending = false;
  private consecutiveFailures = 0;
  private readonly published: Counter | undefined;
  private readonly failures: Counter | undefined;
  private readonly positionGauge: Gauge | undefined;
  private lastError: string | undefined;

  constructor(private readonly options: OutboxRelayOptions) {
    this.name = options.name ?? 'kafka';
    this.logger = (options.logger ?? silentLogger).child({ component: 'outbox-relay', relay: this.name });
    this.published = options.metrics?.counter('longview_events_published_total', 'Events the outbox relay published to Kafka (acknowledged)');
    this.failures = options.metrics?.counter('longview_relay_send_failures_total', 'Failed relay send attempts (retried with backoff)');
    this.positionGauge = options.metrics?.gauge('longview_relay_position', 'Global position the relay has published up to');
  }

  async migrate(): Promise<void> {
    await this.options.database.query(RELAY_SCHEMA);
    await this.options.database.query('INSERT INTO relay_checkpoints (relay, position) VALUES ($1, 0) ON CONFLICT DO NOTHING', [this.name]);
    this.checkpoint = await this.readCheckpoint();
    this.positionGauge?.set(Number(this.checkpoint));
  }

  /** The global position up to which every event has been acknowledged by the broker. */
  get position(): bigint {
    return this.checkpoint;
  }

  /** True while sends succeed (for readiness): false after a failed send until the next success. */
  get healthy(): boolean {
    return this.consecutiveFailures === 0;
  }

  get lastFailure(): string | undefined {
    return this.lastError;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Wakes the relay at once (the command side calls it after an append). */
  notify(): void {
    this.pending = true;
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /**
   * Reads and publishes one batch after the checkpoint; returns how many events it published
   * (0 = caught up). Throws when the send fails; the checkpoint is then unchanged.
   */
  async publishNextBatch(): Promise<number> {
    const batch: StoredEvent[] = await this.options.store.readAll({ after: this.checkpoint, limit: this.options.batchSize ?? 500 });
    if (batch.length === 0) return 0;
    await this.options.publisher.publish(batch);
    const last = batch[batch.length - 1] as StoredEvent;
    // Only the relay writes its row; a lower stored value can only come from a concurrent
    // relay of the same name, which GREATEST keeps from moving the checkpoint backwards.
    await this.options.database.query('UPDATE relay_checkpoints SET position = GREATEST(position, $2::bigint), updated_at = now() WHERE relay = $1', [
      this.name,
      last.globalPosition.toString(),
    ]);
    this.checkpoint = last.globalPosition;
    this.published?.inc(batch.length);
    this.positionGauge?.set(Number(this.checkpoint));
    return batch.length;
  }

  /** Publishes until caught up (tests, and a one-shot drain). */
  async drain(): Promise<void> {
    while ((await this.publishNextBatch()) > 0) {
      // keep going
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.pending = false;
      let sent = 0;
      try {
        sent = await this.publishNextBatch();
        if (this.consecutiveFailures > 0) this.logger.info('relay recovered', { failedAttempts: this.consecutiveFailures, position: this.checkpoint });
        this.consecutiveFailures = 0;
        this.lastError = undefined;
      } catch (error) {
        this.consecutiveFailures++;
        this.lastError = errorMessage(error);
        this.failures?.inc();
        const delay = this.backoffMs();
        this.logger.warn('relay send failed; retrying the same batch', {
          error: this.lastError,
          attempt: this.consecutiveFailures,
          retryInMs: delay,
          position: this.checkpoint,
        });
        // A producer that saw the broker die may hold stale connections or sequence state.
        await this.options.publisher.reset();
        await this.sleep(delay, false);
        continue;
      }
      if (sent > 0 || this.pending) continue;
      await this.sleep(this.options.pollMs ?? 200, true);
    }
  }

  private backoffMs(): number {
    const initial = this.options.initialBackoffMs ?? 100;
    const max = this.options.maxBackoffMs ?? 5000;
    const exp = Math.min(max, initial * 2 ** Math.min(this.consecutiveFailures - 1, 20));
    // Jitter, so several relays (or restarts) do not hammer a recovering broker in step.
    return Math.round(exp * (0.75 + Math.random() * 0.5));
  }

  private sleep(ms: number, wakeable: boolean): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        // notify() does not cut a backoff short (the broker is down); stop() does.
        if (wakeable || !this.running) {
          clearTimeout(timer);
          this.wake = undefined;
          const linger = this.running ? (this.options.lingerMs ?? DEFAULT_LINGER_MS) : 0;
          if (linger > 0) setTimeout(resolve, linger);
          else resolve();
        }
      };
    });
  }

  private async readCheckpoint(): Promise<bigint> {
    const { rows } = await this.options.database.query<{ position: string }>('SELECT position FROM relay_checkpoints WHERE relay = $1', [this.name]);
    return BigInt(rows[0]?.position ?? 0);
  }
}
