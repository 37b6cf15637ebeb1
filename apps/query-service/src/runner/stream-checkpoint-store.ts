import type { Database, StoredEvent } from '@longview/event-store';

/**
 * Per owner (a projection, or a consumer) and stream: the last stream version handled and its
 * global position. The only checkpoint the Kafka feed can have (partitions interleave streams,
 * so no single global position exists), and the one the embedded feed uses too, so both modes
 * share one apply rule: an event is due iff its version is the stored version + 1.
 */
export class StreamCheckpointStore {
  constructor(
    /** rm_stream_checkpoints (projections) or consumer_stream_checkpoints (consumers). */
    readonly table: string,
    /** The column naming the owner: projection or consumer. */
    readonly ownerColumn: string,
  ) {}

  get schema(): readonly string[] {
    return [
      `CREATE TABLE IF NOT EXISTS ${this.table} (
         ${this.ownerColumn} text NOT NULL,
         stream_id text NOT NULL,
         version integer NOT NULL,
         position bigint NOT NULL,
         PRIMARY KEY (${this.ownerColumn}, stream_id)
       )`,
      `CREATE INDEX IF NOT EXISTS ${this.table}_stream ON ${this.table} (stream_id)`,
    ];
  }

  /**
   * The stored versions of `owners` x `streams`, keyed by `key(owner, stream)`. With `lock`, the
   * rows are created if missing and locked for the transaction: two instances that briefly both
   * hold a partition during a rebalance serialise on them instead of applying twice.
   */
  async versions(tx: Database, owners: readonly string[], streams: readonly string[], lock: boolean): Promise<Map<string, number>> {
    if (lock) {
      await tx.query(
        `INSERT INTO ${this.table} (${this.ownerColumn}, stream_id, version, position)
         SELECT o, s, 0, 0 FROM unnest($1::text[]) AS o CROSS JOIN unnest($2::text[]) AS s
         ON CONFLICT DO NOTHING`,
        [owners, streams],
      );
    }
    const { rows } = await tx.query<{ owner: string; stream_id: string; version: number }>(
      `SELECT ${this.ownerColumn} AS owner, stream_id, version FROM ${this.table}
        WHERE ${this.ownerColumn} = ANY($1) AND stream_id = ANY($2) ORDER BY ${this.ownerColumn}, stream_id ${lock ? 'FOR UPDATE' : ''}`,
      [owners, streams],
    );
    return new Map(rows.map((r) => [checkpointKey(r.owner, r.stream_id), r.version]));
  }

  /** Writes the highest version (and its position) recorded per owner and stream, never moving one back. */
  async write(tx: Database, writes: CheckpointWrites): Promise<void> {
    const entries = writes.entries();
    if (entries.length === 0) return;
    await tx.query(
      `INSERT INTO ${this.table} (${this.ownerColumn}, stream_id, version, position)
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::bigint[])
       ON CONFLICT (${this.ownerColumn}, stream_id) DO UPDATE
         SET version = GREATEST(${this.table}.version, EXCLUDED.version),
             position = GREATEST(${this.table}.position, EXCLUDED.position)`,
      [entries.map((e) => e.owner), entries.map((e) => e.stream), entries.map((e) => e.version), entries.map((e) => e.position.toString())],
    );
  }

  async deleteOwners(tx: Database, owners: readonly string[]): Promise<void> {
    await tx.query(`DELETE FROM ${this.table} WHERE ${this.ownerColumn} = ANY($1)`, [owners]);
  }
}

export function checkpointKey(owner: string, stream: string): string {
  return `${owner}\u0000${stream}`;
}

/** The checkpoints a transaction moves, collected while applying and written in one statement. */
export class CheckpointWrites {
  private readonly latest = new Map<string, { owner: string; stream: string; version: number; position: bigint }>();

  record(owner: string, event: StoredEvent): void {
    const key = checkpointKey(owner, event.streamId);
    const seen = this.latest.get(key);
    if (!seen || event.streamVersion > seen.version) {
      this.latest.set(key, { owner, stream: event.streamId, version: event.streamVersion, position: event.globalPosition });
    }
  }

  entries(): { owner: string; stream: string; version: number; position: bigint }[] {
    return [...this.latest.values()];
  }
}
