interface Waiter {
  readonly position: bigint;
  readonly resolve: () => void;
}

/**
 * The global position the read models have reached in this process, and the requests waiting for
 * a position (`?minPosition=`). Only moves forward, except through `reset` (rebuilds).
 */
export class PositionWaiters {
  private current = 0n;
  private waiters: Waiter[] = [];

  get position(): bigint {
    return this.current;
  }

  advanceTo(position: bigint): void {
    if (position > this.current) this.current = position;
    const ready = this.waiters.filter((w) => w.position <= this.current);
    this.waiters = this.waiters.filter((w) => w.position > this.current);
    for (const w of ready) w.resolve();
  }

  /** After a reset or rebuild the position can go back. */
  reset(position: bigint): void {
    this.current = position;
  }

  /** Resolves true once `position` is reached; false on timeout. */
  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.current >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs);
      const waiter: Waiter = {
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve(true);
        },
      };
      this.waiters.push(waiter);
    });
  }
}
