/**
 * Memoises expensive analytics per key until the read models move on: an entry computed at
 * position P is reused while the projections are still at P, and recomputed after any new
 * event (a coarse but always-correct invalidation).
 */
export class AnalyticsCache {
  private readonly entries = new Map<string, { position: bigint; value: Promise<unknown> }>();

  constructor(private readonly maxEntries = 500) {}

  get<T>(key: string, position: bigint, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.position === position) return hit.value as Promise<T>;
    const value = compute();
    // A failed computation is not cached.
    value.catch(() => this.entries.delete(key));
    this.entries.delete(key);
    this.entries.set(key, { position, value });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return value;
  }
}
