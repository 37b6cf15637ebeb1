import type { Database } from '@longview/event-store';

/**
 * rm_checkpoints: per projection, the global position the embedded feed has passed (applied,
 * skipped or parked). The embedded follower reads the log after the lowest of them; the stream
 * checkpoints, not this, decide what is applied, so reading an event again is harmless.
 */
export class FeedPositionStore {
  static readonly schema = `CREATE TABLE IF NOT EXISTS rm_checkpoints (projection text PRIMARY KEY, position bigint NOT NULL)`;

  async ensure(tx: Database, names: readonly string[]): Promise<void> {
    for (const name of names) {
      await tx.query('INSERT INTO rm_checkpoints (projection, position) VALUES ($1, 0) ON CONFLICT DO NOTHING', [name]);
    }
  }

  /** Moves the positions of `names` forward to `position` (never back). */
  async advance(tx: Database, names: readonly string[], position: bigint): Promise<void> {
    await tx.query('UPDATE rm_checkpoints SET position = GREATEST(position, $2) WHERE projection = ANY($1)', [names, position.toString()]);
  }

  async set(tx: Database, names: readonly string[], position: bigint): Promise<void> {
    await tx.query('UPDATE rm_checkpoints SET position = $2 WHERE projection = ANY($1)', [names, position.toString()]);
  }

  /** The lowest position of `names`: where the embedded feed continues. */
  async lowest(db: Database, names: readonly string[]): Promise<bigint> {
    const { rows } = await db.query<{ position: string | null }>('SELECT min(position) AS position FROM rm_checkpoints WHERE projection = ANY($1)', [names]);
    return BigInt(rows[0]?.position ?? 0);
  }
}
