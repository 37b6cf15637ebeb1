/**
 * Arbitrary constants for PostgreSQL advisory locks (one 64-bit key space per database).
 * Kept apart from any key other packages may pick by being obviously specific.
 */
export const ADVISORY_LOCK = {
  /** Serialises event inserts so global positions are handed out in commit order. */
  globalPosition: '7401201508240001',
  /** Serialises concurrent migrate() calls (CREATE ... IF NOT EXISTS is not race-safe). */
  migration: '7401201508240002',
} as const;

export const CONSTRAINT = {
  streamVersionUnique: 'events_stream_version_unique',
  commandsPrimaryKey: 'commands_pkey',
} as const;

export const SCHEMA_SQL = [
  `CREATE TABLE IF NOT EXISTS streams (
     stream_id text PRIMARY KEY,
     version integer NOT NULL CHECK (version >= 0)
   )`,
  `CREATE TABLE IF NOT EXISTS events (
     global_position bigserial PRIMARY KEY,
     event_id text NOT NULL UNIQUE,
     stream_id text NOT NULL,
     stream_version integer NOT NULL CHECK (stream_version >= 1),
     type text NOT NULL,
     schema_version integer NOT NULL,
     data jsonb NOT NULL,
     metadata jsonb NOT NULL,
     -- the writing transaction, so readAll can hold back rows of still-running ones
     transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
     recorded_at timestamptz NOT NULL DEFAULT now(),
     CONSTRAINT ${CONSTRAINT.streamVersionUnique} UNIQUE (stream_id, stream_version)
   )`,
  // readAll looks up the lowest position written by a transaction at or above the snapshot's xmin.
  `CREATE INDEX IF NOT EXISTS events_transaction_id ON events (transaction_id)`,
  `CREATE TABLE IF NOT EXISTS commands (
     command_id text NOT NULL,
     stream_id text NOT NULL,
     version integer NOT NULL,
     position bigint NOT NULL,
     recorded_at timestamptz NOT NULL DEFAULT now(),
     CONSTRAINT ${CONSTRAINT.commandsPrimaryKey} PRIMARY KEY (command_id)
   )`,
] as const;
