import { Logger } from '@nestjs/common';
import type { EventStore, StoredEvent } from '@longview/event-store';

/** What a follower feeds: the read models' ProjectionRunner or a ConsumerRunner. */
export interface GlobalFeedTarget {
  /** The global position it has passed; the follower reads after it. */
  readonly position: bigint;
  /** Applies a batch in global order (per-stream checkpoints and parking); throws only when it should be retried. */
  applyBatch(events: readonly StoredEvent[]): Promise<unknown>;
}

const MAX_BACKOFF_MS = 5000;

/**
 * Embedded mode's event feed: follows the event store's global log from its target's position.
 * `notify()` (called by the command side after an append) wakes it at once; otherwise it polls,
 * so events appended by another process are picked up too. A poison event does not stop it: the
 * target parks it (with its stream behind it) and the follower goes on. A batch that fails (the
 * database, or a consumer's far end, is down) is retried with backoff.
 */
export class EventLogFollower {
  private readonly logger: Logger;
  private running = false;
  private wake: (() => void) | undefined;
  /** A notify() that arrived while a catch-up was running: loop again instead of sleeping. */
  private pending = false;
  private loop: Promise<void> | undefined;
  private failures = 0;

  constructor(
    private readonly store: EventStore,
    private readonly target: GlobalFeedTarget,
    private readonly options: { batchSize?: number; pollMs?: number; name?: string; onNotify?: () => void } = {},
  ) {
    this.logger = new Logger(options.name ? `EventLogFollower(${options.name})` : 'EventLogFollower');
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  notify(): void {
    this.pending = true;
    this.wake?.();
    this.options.onNotify?.();
  }

  /**
   * Applies everything currently in the log, then returns (used by tests and by start-up). A
   * batch shorter than the batch size was the end of the log as readAll saw it: no read after it
   * (an append since then notifies, and the run loop goes round again).
   */
  async catchUp(): Promise<void> {
    const limit = this.options.batchSize ?? 500;
    for (;;) {
      const batch = await this.store.readAll({ after: this.target.position, limit });
      if (batch.length === 0) return;
      await this.target.applyBatch(batch);
      if (batch.length < limit) return;
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.pending = false;
      let delay = this.options.pollMs ?? 250;
      try {
        await this.catchUp();
        this.failures = 0;
      } catch (error) {
        this.failures++;
        delay = Math.min(MAX_BACKOFF_MS, delay * 2 ** Math.min(this.failures, 5));
        this.logger.error(`Applying events failed, retrying in ${delay} ms: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!this.running) break;
      if (this.pending && this.failures === 0) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wake = () => {
          clearTimeout(timer);
          this.wake = undefined;
          resolve();
        };
      });
    }
  }
}
