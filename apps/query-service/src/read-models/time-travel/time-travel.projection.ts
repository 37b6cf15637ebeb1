import type { Projection } from '../../runner/projection';

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
  async apply(tx, projected) {
    if (!TIME_TRAVEL_STREAM_PREFIXES.some((prefix) => projected.streamId.startsWith(prefix))) return;
    await tx.query(
      `INSERT INTO rm_time_travel_events (position, event_id, stream_id, stream_version, recorded_at, event, metadata)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (position) DO NOTHING`,
      [
        projected.position.toString(),
        projected.eventId,
        projected.streamId,
        projected.streamVersion,
        projected.recordedAt,
        // The decoded (upcast) event: a projection version bump rebuilds the copy if the shapes change.
        JSON.stringify(projected.event),
        JSON.stringify(projected.metadata),
      ],
    );
  },
};
