import type { Database, StoredEvent } from '@longview/event-store';

/** An event that could not be handled (or waits behind one that could not), as `longview parked` lists it. */
export interface ParkedRecord {
  readonly event: StoredEvent;
  readonly error: string;
  readonly parkedAt: string;
  readonly retries: number;
  /** Set when a consumer (not the read models) parked the event. */
  readonly consumer?: string;
}

/** What `retryParked` did. */
export interface RetryResult {
  readonly streams: number;
  readonly applied: number;
  readonly stillParked: number;
}

interface ParkedRow {
  stream_id: string;
  stream_version: number;
  position: string;
  event_id: string;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: StoredEvent['metadata'];
  recorded_at: string;
  error: string;
  parked_at: Date | string;
  retries: number;
}

/**
 * Parked events, one table per kind of owner: rm_parked for the read models (a stream parked for
 * one projection waits for all of them, so their checkpoints stay in step), consumer_parked for
 * consumers (keyed by consumer too: a consumer's poison event never holds back the read models).
 */
export class ParkingStore {
  constructor(
    readonly table: string,
    /**
     * The owner column when the table holds several owners (consumer_parked), and the owner this
     * store acts for; without a value it only lists, every owner's rows.
     */
    private readonly owner?: { readonly column: string; readonly value?: string },
  ) {}

  /** DDL of rm_parked (read models); consumer_parked (`consumerSchema`) is the same table with the consumer's name in front. */
  static readonly projectionSchema = parkedTableDdl('rm_parked');

  static readonly consumerSchema = parkedTableDdl('consumer_parked', 'consumer');

  /** Records a parked event; false if it was already parked (a redelivery). */
  async insert(tx: Database, event: StoredEvent, error: string, retries: number): Promise<boolean> {
    if (this.owner && this.owner.value === undefined) throw new Error(`${this.table}: parking needs an owner`);
    const ownerColumns = this.owner ? `${this.owner.column}, ` : '';
    const ownerValues = this.owner ? [this.owner.value] : [];
    const first = ownerValues.length + 1;
    const placeholders = Array.from({ length: 11 }, (_, i) => `$${first + i}`);
    placeholders[6] = `${placeholders[6]}::jsonb`;
    placeholders[7] = `${placeholders[7]}::jsonb`;
    const { rows } = await tx.query(
      `INSERT INTO ${this.table} (${ownerColumns}stream_id, stream_version, position, event_id, type, schema_version, data, metadata, recorded_at, error, retries)
       VALUES (${this.owner ? '$1, ' : ''}${placeholders.join(', ')})
       ON CONFLICT DO NOTHING RETURNING stream_id`,
      [
        ...ownerValues,
        event.streamId,
        event.streamVersion,
        event.globalPosition.toString(),
        event.eventId,
        event.type,
        event.schemaVersion,
        JSON.stringify(event.data ?? null),
        JSON.stringify(event.metadata),
        event.recordedAt,
        error.slice(0, 4000),
        retries,
      ],
    );
    return rows.length > 0;
  }

  /** The lowest parked version per stream, for the streams given. */
  async parkedFrom(tx: Database, streams: readonly string[]): Promise<Map<string, number>> {
    const { rows } = await tx.query<{ stream_id: string; from_version: number }>(
      `SELECT stream_id, min(stream_version) AS from_version FROM ${this.table}
        WHERE ${this.ownerFilter(2)} stream_id = ANY($1) GROUP BY stream_id`,
      [streams, ...this.ownerParams()],
    );
    return new Map(rows.map((r) => [r.stream_id, r.from_version]));
  }

  /** Parked events, oldest stream first, in stream order. */
  async list(db: Database, streamId?: string): Promise<ParkedRecord[]> {
    const params: unknown[] = [...this.ownerParams()];
    const where: string[] = this.owner?.value !== undefined ? [`${this.owner.column} = $1`] : [];
    if (streamId) {
      params.push(streamId);
      where.push(`stream_id = $${params.length}`);
    }
    const { rows } = await db.query<ParkedRow>(
      `SELECT * FROM ${this.table} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY position, stream_version`,
      params,
    );
    return rows.map((row) => ({
      event: {
        eventId: row.event_id,
        streamId: row.stream_id,
        streamVersion: row.stream_version,
        globalPosition: BigInt(row.position),
        type: row.type,
        schemaVersion: row.schema_version,
        data: row.data,
        metadata: row.metadata,
        recordedAt: row.recorded_at,
      },
      error: row.error,
      parkedAt: (row.parked_at instanceof Date ? row.parked_at : new Date(row.parked_at)).toISOString(),
      retries: row.retries,
      ...(this.owner ? { consumer: String((row as unknown as Record<string, unknown>)[this.owner.column]) } : {}),
    }));
  }

  async count(db: Database): Promise<number> {
    const { rows } = await db.query<{ n: string | number }>(
      `SELECT count(*) AS n FROM ${this.table} ${this.owner?.value !== undefined ? `WHERE ${this.owner.column} = $1` : ''}`,
      this.ownerParams(),
    );
    return Number(rows[0]?.n ?? 0);
  }

  async deleteStream(tx: Database, streamId: string): Promise<void> {
    await tx.query(`DELETE FROM ${this.table} WHERE ${this.ownerFilter(2)} stream_id = $1`, [streamId, ...this.ownerParams()]);
  }

  async deleteAll(tx: Database): Promise<void> {
    await tx.query(`DELETE FROM ${this.table} ${this.owner?.value !== undefined ? `WHERE ${this.owner.column} = $1` : ''}`, this.ownerParams());
  }

  private ownerFilter(index: number): string {
    return this.owner?.value !== undefined ? `${this.owner.column} = $${index} AND` : '';
  }

  private ownerParams(): unknown[] {
    return this.owner?.value !== undefined ? [this.owner.value] : [];
  }
}

/** Parked records grouped by stream, each stream in version order (how a retry re-applies them). */
export function byStream(records: readonly ParkedRecord[]): Map<string, ParkedRecord[]> {
  const streams = new Map<string, ParkedRecord[]>();
  for (const record of records) streams.set(record.event.streamId, [...(streams.get(record.event.streamId) ?? []), record]);
  for (const list of streams.values()) list.sort((a, b) => a.event.streamVersion - b.event.streamVersion);
  return streams;
}

/** One parked-events table; `ownerColumn` (e.g. consumer) leads the columns and the key when one table serves several owners. */
function parkedTableDdl(table: string, ownerColumn?: string): string {
  const owner = ownerColumn ? `${ownerColumn} text NOT NULL,` : '';
  const key = [...(ownerColumn ? [ownerColumn] : []), 'stream_id', 'stream_version'].join(', ');
  return `CREATE TABLE IF NOT EXISTS ${table} (
     ${owner}
     stream_id text NOT NULL,
     stream_version integer NOT NULL,
     position bigint NOT NULL,
     event_id text NOT NULL,
     type text NOT NULL,
     schema_version integer NOT NULL,
     data jsonb,
     metadata jsonb NOT NULL,
     recorded_at text NOT NULL,
     error text NOT NULL,
     parked_at timestamptz NOT NULL DEFAULT now(),
     retries integer NOT NULL DEFAULT 0,
     PRIMARY KEY (${key})
   )`;
}
