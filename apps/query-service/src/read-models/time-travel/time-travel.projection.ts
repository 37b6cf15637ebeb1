import type { Database } from '@longview/event-store';
import type { ProjectedEvent, Projection } from '../../runner/projection';

/** The streams time travel answers from: trusts (context), interventions and metric series. */
export const TIME_TRAVEL_STREAM_PREFIXES = ['trust-', 'intervention-', 'series-'] as const;

/**
 * rm_time_travel_events: a copy of the events of the trust, intervention and series streams with
 * the instant the event store recorded them. The live read models hold only the present; time
 * travel folds these up to the log position reached at the end of a date. It is a read model
 * (not a read of the event store) because in distributed mode the query service has only its own
 * database, and the events reach it through Kafka with their recorded instant.
 * Keyed by global position, so applying an event twice changes nothing.
 */
export const timeTravelProjection: Projection = {
  name: 'time-travel',
  schema: [
    `CREATE TABLE IF NOT EXISTS rm_time_travel_events (
       position bigint PRIMARY KEY,
       event_id text NOT NULL,
       stream_id text NOT NULL,
       stream_version integer NOT NULL,
       recorded_at timestamptz NOT NULL,
       event jsonb NOT NULL,
       metadata jsonb NOT NULL
     )`,
    // "The last position recorded before the end of a date": one index probe from the top.
    `CREATE INDEX IF NOT EXISTS rm_time_travel_events_recorded ON rm_time_travel_events (recorded_at, position)`,
    // A stream's events up to a position, in order.
    `CREATE INDEX IF NOT EXISTS rm_time_travel_events_stream ON rm_time_travel_events (stream_id, stream_version)`,
  ],
  tables: ['rm_time_travel_events'],
  apply: (tx, projected) => copyEvents(tx, [projected]),
  applyBatch: copyEvents,
};

/** The batch's events of those streams in one insert (positions are unique, so a copy made already is left as it is). */
async function copyEvents(tx: Database, events: readonly ProjectedEvent[]): Promise<void> {
  const copies = new Map<bigint, object>();
  for (const projected of events) {
    if (!TIME_TRAVEL_STREAM_PREFIXES.some((prefix) => projected.streamId.startsWith(prefix))) continue;
    copies.set(projected.position, {
      position: projected.position.toString(),
      event_id: projected.eventId,
      stream_id: projected.streamId,
      stream_version: projected.streamVersion,
      recorded_at: projected.recordedAt,
      // The decoded (upcast) event: a projection version bump rebuilds the copy if the shapes change.
      event: projected.event,
      metadata: projected.metadata,
    });
  }
  if (copies.size === 0) return;
  await tx.query(
    `INSERT INTO rm_time_travel_events (position, event_id, stream_id, stream_version, recorded_at, event, metadata)
     SELECT position, event_id, stream_id, stream_version, recorded_at, event, metadata
       FROM jsonb_to_recordset($1::jsonb)
         AS r(position bigint, event_id text, stream_id text, stream_version integer, recorded_at timestamptz, event jsonb, metadata jsonb)
     ORDER BY position
     ON CONFLICT (position) DO NOTHING`,
    [JSON.stringify([...copies.values()])],
  );
}
