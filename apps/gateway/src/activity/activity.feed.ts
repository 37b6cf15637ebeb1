import type { ActivityView } from '@longview/contracts';
import type { InterventionCategory } from '@longview/domain';
import type { QueryServiceClient } from '../clients/query-service.client';

/** How often the gateway asks the query service whether the feed moved, while anyone is subscribed. */
export const ACTIVITY_POLL_MS = 100;
/** Rows fetched per read when catching up. */
const PAGE = 200;

/**
 * One poll of GET /activity/head for every subscriber of a gateway: while some subscription waits
 * for rows after its cursor, the head is read every ACTIVITY_POLL_MS; a waiter wakes when the head
 * passes its cursor and then reads its own rows, as its viewer (so the query service decides what
 * it may see). Idle subscriptions cost one cheap read per tick in all.
 */
export class ActivityTicker {
  private head = -1n;
  private readonly waiters = new Set<{ after: bigint; wake: () => void }>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  constructor(
    private readonly readHead: () => Promise<string>,
    private readonly intervalMs = ACTIVITY_POLL_MS,
  ) {}

  /** Resolves when the feed's head is past `after` (or at once if it is), or when cancelled. */
  wait(after: bigint): { done: Promise<void>; cancel: () => void } {
    let waiter!: { after: bigint; wake: () => void };
    const done = new Promise<void>((resolve) => {
      waiter = { after, wake: resolve };
    });
    if (this.head > after) {
      waiter.wake();
      return { done, cancel: () => undefined };
    }
    this.waiters.add(waiter);
    this.timer ??= setInterval(() => void this.poll(), this.intervalMs);
    return {
      done,
      cancel: () => {
        this.waiters.delete(waiter);
        waiter.wake();
        this.idle();
      },
    };
  }

  stop(): void {
    for (const waiter of this.waiters) waiter.wake();
    this.waiters.clear();
    this.idle();
  }

  private idle(): void {
    if (this.waiters.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      this.head = BigInt(await this.readHead());
    } catch {
      // The query service is down or slow: the next tick asks again.
      return;
    } finally {
      this.polling = false;
    }
    for (const waiter of [...this.waiters]) {
      if (this.head > waiter.after) {
        this.waiters.delete(waiter);
        waiter.wake();
      }
    }
    this.idle();
  }
}

export interface ActivityStreamOptions {
  readonly queries: QueryServiceClient;
  readonly ticker: ActivityTicker;
  readonly filter: { readonly trustCode?: string; readonly category?: InterventionCategory };
  /** Feed position to catch up from; absent: from the head when subscribing (only what happens next). */
  readonly since?: number;
}

/** Consecutive failed reads of the feed after which the subscription ends with an error. */
const MAX_FAILURES = 20;

/**
 * One subscription's rows, oldest first, as its viewer may see them: it reads the feed from its
 * cursor, hands out each row once, moves the cursor to what the query service says was answered
 * (past hidden rows too), and waits on the ticker. A client that reconnects with `since` set to the
 * last position it received gets exactly the rows after it.
 */
export function activityStream(options: ActivityStreamOptions): AsyncIterableIterator<{ activity: ActivityView }> {
  let cursor: bigint | undefined = options.since !== undefined ? BigInt(options.since) : undefined;
  const buffer: ActivityView[] = [];
  let finished = false;
  let cancelWait: (() => void) | undefined;
  let failures = 0;
  const filter = {
    ...(options.filter.trustCode ? { trustCode: options.filter.trustCode } : {}),
    ...(options.filter.category ? { category: options.filter.category } : {}),
  };

  const fill = async (): Promise<void> => {
    if (cursor === undefined) cursor = BigInt((await options.queries.activityHead()).position);
    const page = await options.queries.listActivity({ ...filter, since: cursor.toString(), limit: PAGE });
    for (const item of page.items) if (BigInt(item.position) > cursor) buffer.push(item);
    const next = BigInt(page.cursor);
    if (next > cursor) cursor = next;
    if (buffer.length > 0 || page.items.length === PAGE) return;
    const wait = options.ticker.wait(cursor);
    cancelWait = wait.cancel;
    // Ended while this read was under way: do not wait for the next row.
    if (finished) wait.cancel();
    await wait.done;
    cancelWait = undefined;
  };

  const iterator: AsyncIterableIterator<{ activity: ActivityView }> = {
    async next() {
      while (!finished) {
        const row = buffer.shift();
        if (row) return { value: { activity: row }, done: false };
        try {
          await fill();
          failures = 0;
        } catch (error) {
          failures += 1;
          if (failures >= MAX_FAILURES) {
            finished = true;
            throw error;
          }
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      }
      return { value: undefined, done: true };
    },
    async return() {
      finished = true;
      cancelWait?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
