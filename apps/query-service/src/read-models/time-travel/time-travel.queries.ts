import type { LongviewEvent } from '@longview/domain';
import type { Database, EventMetadata } from '@longview/event-store';
import type { ProjectedEvent } from '../../runner/projection';
import { parseJson } from '../json-column';

interface EventRow {
  position: string;
  event_id: string;
  stream_id: string;
  stream_version: number;
  recorded_at: Date | string;
  event: LongviewEvent | string;
  metadata: EventMetadata | string;
}

/** The reads of rm_time_travel_events: where the log stood at an instant, and streams up to a position. */
export class TimeTravelQueries {
  constructor(private readonly db: Database) {}

  /**
   * The position of the last event recorded before `instant` (ISO-8601, exclusive), or undefined
   * when nothing had been recorded by then. Ties on the recorded instant (one transaction) go to
   * the highest position, so a transaction is never split.
   */
  async positionBefore(instant: string): Promise<bigint | undefined> {
    const { rows } = await this.db.query<{ position: string }>(
      `SELECT position FROM rm_time_travel_events WHERE recorded_at < $1::timestamptz ORDER BY recorded_at DESC, position DESC LIMIT 1`,
      [instant],
    );
    return rows[0] ? BigInt(rows[0].position) : undefined;
  }

  /** The events of each stream named, at or below `upTo`, grouped by stream in stream order. */
  async streams(streamIds: readonly string[], upTo: bigint): Promise<Map<string, ProjectedEvent[]>> {
    const byStream = new Map<string, ProjectedEvent[]>();
    if (streamIds.length === 0) return byStream;
    const { rows } = await this.db.query<EventRow>(
      `SELECT position, event_id, stream_id, stream_version, recorded_at, event, metadata FROM rm_time_travel_events
        WHERE stream_id = ANY($1::text[]) AND position <= $2::bigint ORDER BY stream_id, stream_version`,
      [[...streamIds], upTo.toString()],
    );
    for (const row of rows) {
      const events = byStream.get(row.stream_id) ?? [];
      events.push(toProjected(row));
      byStream.set(row.stream_id, events);
    }
    return byStream;
  }

  /** The ids of the streams starting with `prefix` and ending with `suffix` that had an event at or below `upTo`. */
  async streamIdsLike(prefix: string, suffix: string, upTo: bigint): Promise<string[]> {
    const { rows } = await this.db.query<{ stream_id: string }>(
      `SELECT DISTINCT stream_id FROM rm_time_travel_events
        WHERE starts_with(stream_id, $1) AND right(stream_id, $2) = $3 AND position <= $4::bigint ORDER BY stream_id`,
      [prefix, suffix.length, suffix, upTo.toString()],
    );
    return rows.map((r) => r.stream_id);
  }

  async stream(streamId: string, upTo: bigint): Promise<ProjectedEvent[]> {
    return (await this.streams([streamId], upTo)).get(streamId) ?? [];
  }
}

function toProjected(row: EventRow): ProjectedEvent {
  return {
    event: parseJson<LongviewEvent>(row.event),
    eventId: row.event_id,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    position: BigInt(row.position),
    metadata: parseJson<EventMetadata>(row.metadata),
    recordedAt: row.recorded_at instanceof Date ? row.recorded_at.toISOString() : new Date(row.recorded_at).toISOString(),
  };
}
