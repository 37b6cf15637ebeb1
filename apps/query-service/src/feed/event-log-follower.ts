import { Logger } from '@nestjs/common';
import type { EventStore } from '@longview/event-store';
import type { ProjectionRunner } from '../projections/projection-runner';

/**
 * Embedded mode's event feed: follows the event store's global log from the projections'
 * checkpoint. `notify()` (called by the command side after an append) wakes it at once;
 * otherwise it polls, so events appended by another process are picked up too.
 */
export class EventLogFollower {
  private readonly logger = new Logger('EventLogFollower');
  private running = false;
  private wake: (() => void) | undefined;
  /** A notify() that arrived while a catch-up was running: loop again instead of sleeping. */
  private pending = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
    private readonly options: { batchSize?: number; pollMs?: number } = {},
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  notify(): void {
    this.pending = true;
    this.wake?.();
  }

  /** Applies everything currently in the log, then returns (used by tests and by replay). */
  async catchUp(): Promise<void> {
    for (;;) {
      const batch = await this.store.readAll({ after: this.runner.position, limit: this.options.batchSize ?? 500 });
      if (batch.length === 0) return;
      await this.runner.applyBatch(batch);
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
      try {
        await this.catchUp();
      } catch (error) {
        this.logger.error(`Applying events failed, retrying: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!this.running) break;
      if (this.pending) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.pollMs ?? 250);
        this.wake = () => {
          clearTimeout(timer);
          this.wake = undefined;
          resolve();
        };
      });
    }
  }
}
