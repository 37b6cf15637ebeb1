/** What the command path knows about a stream after folding it: enough to decide without reading it again. */
export interface CachedStream {
  /** The stream version the state was folded up to (0 = no stream). */
  readonly version: number;
  readonly state: unknown;
  /** Global position of the stream's last event (0n for none). */
  readonly position: bigint;
  /** The trust named by the stream's first event, for event metadata. */
  readonly trustCode: string | undefined;
}

/**
 * Folded aggregate states by stream id, least recently used dropped first. An entry may be
 * stale (another process appended): the append's expected-version check catches that, the
 * entry is dropped and the command decided again from the log, so the cache can cost a retry
 * but never a wrong decision.
 */
export class StreamStateCache {
  private readonly entries = new Map<string, CachedStream>();

  constructor(private readonly capacity = 10_000) {}

  get(streamId: string): CachedStream | undefined {
    const entry = this.entries.get(streamId);
    if (entry === undefined) return undefined;
    // Re-inserting moves the entry to the young end of the Map's insertion order.
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    return entry;
  }

  /** Keeps `entry` unless the cache already holds a later version of the stream. */
  set(streamId: string, entry: CachedStream): void {
    const known = this.entries.get(streamId);
    if (known !== undefined && known.version > entry.version) return;
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  delete(streamId: string): void {
    this.entries.delete(streamId);
  }
}
