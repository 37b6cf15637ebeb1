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

/** The idempotency scope of commands sent by the system (or with no recorded actor). */
export const SYSTEM_SCOPE = 'SYSTEM';

export const CONSTRAINT = {
  streamVersionUnique: 'events_stream_version_unique',
  /** The first schema's key: command ids were global. Dropped by the migration. */
  legacyCommandsPrimaryKey: 'commands_pkey',
  /** Idempotency keys are per actor: (actor scope, command id). */
  commandsScopedKey: 'commands_scope_command_key',
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
     -- who sent the command (see actorScope): the same id from two actors is two commands
     scope text NOT NULL DEFAULT '',
     -- the command's type and sha256(type, stream, canonical data); NULL on rows from before
     -- they were recorded, which then replay without a payload check
     command_type text,
     fingerprint text,
     stream_id text NOT NULL,
     version integer NOT NULL,
     position bigint NOT NULL,
     recorded_at timestamptz NOT NULL DEFAULT now()
   )`,
  // Upgrading a store written before idempotency keys were scoped to the actor (each step is a
  // no-op on a fresh or already upgraded schema).
  `ALTER TABLE commands ADD COLUMN IF NOT EXISTS scope text NOT NULL DEFAULT ''`,
  `ALTER TABLE commands ADD COLUMN IF NOT EXISTS command_type text`,
  `ALTER TABLE commands ADD COLUMN IF NOT EXISTS fingerprint text`,
  // An old row belongs to the actor recorded in its events' metadata: that actor retrying
  // keeps getting the first answer, and any other actor's use of the id is a new command.
  // Same expression as actorScope() in TypeScript. A row whose events are gone (none should
  // be) gets a scope no actor produces, so it can never swallow a new command.
  `UPDATE commands c SET scope = COALESCE(
     (SELECT CASE
               WHEN e.metadata->'actor' IS NULL OR e.metadata->'actor'->>'role' = 'SYSTEM' THEN '${SYSTEM_SCOPE}'
               ELSE 'actor:' || (e.metadata->'actor'->>'role') || ':' || COALESCE(e.metadata->'actor'->>'trustCode', '') || ':' || (e.metadata->'actor'->>'id')
             END
        FROM events e
       WHERE e.stream_id = c.stream_id AND e.metadata->>'commandId' = c.command_id
       ORDER BY e.global_position LIMIT 1),
     'legacy')
   WHERE c.scope = ''`,
  `ALTER TABLE commands DROP CONSTRAINT IF EXISTS ${CONSTRAINT.legacyCommandsPrimaryKey}`,
  `CREATE UNIQUE INDEX IF NOT EXISTS ${CONSTRAINT.commandsScopedKey} ON commands (scope, command_id)`,
] as const;
