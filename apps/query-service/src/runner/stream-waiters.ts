import type { Database } from '@longview/event-store';

/** Most streams whose applied version is remembered in the process (a Map of about 1 MB). */
const MAX_KNOWN_STREAMS = 10_000;

export type StreamWaitOutcome = 'reached' | 'timeout' | 'parked';

export interface StreamState {
  /** The version every projection has applied (0 = none). */
  readonly version: number;
  /** The lowest parked version, if the stream is parked. */
  readonly parkedFrom: number | undefined;
}

interface StreamWaiter {
  readonly streamId: string;
  readonly version: number;
  readonly settle: (outcome: StreamWaitOutcome) => void;
}

/**
 * Read-your-writes by stream (`?stream=&minVersion=`). In distributed mode another instance may be
 * the one applying the stream, so waiters are answered from the read database: ONE shared poll
 * (every `pollMs` while anyone waits, and at once after an apply in this process) checks every
 * waiting stream in a single query, so the cost does not grow with the number of waiting requests.
 */
export class StreamWaiters {
  private readonly waiters = new Set<StreamWaiter>();
  private polling = false;
  private pollRequested = false;
  /** Streams this process applied, with the version every projection reached (bounded, most recent kept). */
  private readonly known = new Map<string, number>();
  /** How often the shared poll runs while requests wait (ms). */
  pollMs = 10;

  constructor(
    private readonly db: Database,
    private readonly projectionNames: readonly string[],
  ) {}

  waitFor(streamId: string, version: number, timeoutMs: number): Promise<StreamWaitOutcome> {
    // Versions only grow (until forget()): a stream this process took this far needs no query.
    if ((this.known.get(streamId) ?? 0) >= version) return Promise.resolve('reached');
    return new Promise((resolve) => {
      const waiter: StreamWaiter = {
        streamId,
        version,
        settle: (outcome) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(outcome);
        },
      };
      const timer = setTimeout(() => waiter.settle('timeout'), timeoutMs);
      this.waiters.add(waiter);
      this.wake();
    });
  }

  /**
   * This process committed a batch that took these streams to these versions in every projection:
   * the requests waiting for them are answered at once, without a query (push, not poll); the rest
   * are checked by the shared poll, now.
   */
  reached(versions: ReadonlyMap<string, number>): void {
    for (const [streamId, version] of versions) {
      // Re-inserted, so the Map's order is least recently applied first; the oldest go past the bound.
      this.known.delete(streamId);
      this.known.set(streamId, version);
    }
    for (const streamId of this.known.keys()) {
      if (this.known.size <= MAX_KNOWN_STREAMS) break;
      this.known.delete(streamId);
    }
    for (const waiter of [...this.waiters]) {
      const version = versions.get(waiter.streamId);
      if (version !== undefined && version >= waiter.version) waiter.settle('reached');
    }
    this.wake();
  }

  /** The read models were rebuilt or reset: versions this process saw may be gone; ask the database again. */
  forget(): void {
    this.known.clear();
    this.wake();
  }

  /** Something was applied in this process: poll now. */
  wake(): void {
    this.pollRequested = true;
    if (this.polling || this.waiters.size === 0) return;
    this.polling = true;
    void this.poll().finally(() => {
      this.polling = false;
    });
  }

  async state(streamId: string): Promise<StreamState> {
    return (await this.states([streamId])).get(streamId) ?? { version: 0, parkedFrom: undefined };
  }

  private async states(streams: readonly string[]): Promise<Map<string, StreamState>> {
    const { rows } = await this.db.query<{ stream_id: string; version: number | null; projections: string; parked_from: number | null }>(
      `SELECT s.stream_id,
              (SELECT min(version) FROM rm_stream_checkpoints c WHERE c.stream_id = s.stream_id AND c.projection = ANY($2)) AS version,
              (SELECT count(*) FROM rm_stream_checkpoints c WHERE c.stream_id = s.stream_id AND c.projection = ANY($2)) AS projections,
              (SELECT min(stream_version) FROM rm_parked p WHERE p.stream_id = s.stream_id) AS parked_from
         FROM unnest($1::text[]) AS s(stream_id)`,
      [streams, this.projectionNames],
    );
    // A stream some projection has no checkpoint for has not been applied by all of them.
    const complete = (r: { projections: string }) => Number(r.projections) === this.projectionNames.length;
    return new Map(rows.map((r) => [r.stream_id, { version: complete(r) ? (r.version ?? 0) : 0, parkedFrom: r.parked_from ?? undefined }]));
  }

  private async poll(): Promise<void> {
    while (this.waiters.size > 0) {
      this.pollRequested = false;
      try {
        const states = await this.states([...new Set([...this.waiters].map((w) => w.streamId))]);
        for (const waiter of [...this.waiters]) {
          const s = states.get(waiter.streamId);
          if (!s) continue;
          if (s.version >= waiter.version) waiter.settle('reached');
          else if (s.parkedFrom !== undefined && s.parkedFrom <= waiter.version) waiter.settle('parked');
        }
      } catch {
        // The database is unreachable: keep waiting (each waiter has its own timeout).
      }
      if (this.waiters.size === 0) return;
      if (!this.pollRequested) await new Promise((resolve) => setTimeout(resolve, this.pollMs));
    }
  }
}
