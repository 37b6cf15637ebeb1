import type { Database } from '@longview/event-store';
import { FeedPositionStore } from './feed-position-store';
import { ParkingStore } from './parking-store';
import type { Projection } from './projection';
import type { StreamCheckpointStore } from './stream-checkpoint-store';

/** Advisory lock key of read-model migrations (distinct from the event store's keys). */
const READ_MODEL_MIGRATION_LOCK = 7_341_002;

const VERSIONS_SCHEMA = `CREATE TABLE IF NOT EXISTS rm_projection_versions (projection text PRIMARY KEY, version integer NOT NULL)`;

/**
 * Creates the runner's tables and every projection's, and answers which projections are stale
 * (built by an older `Projection.version`). Serialised by an advisory lock: query-service
 * instances starting together would otherwise race on CREATE TABLE IF NOT EXISTS (a duplicate
 * pg_type row).
 */
export async function migrateReadModels(
  db: Database,
  projections: readonly Projection[],
  checkpoints: StreamCheckpointStore,
  feedPositions: FeedPositionStore,
): Promise<{ stale: string[] }> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [READ_MODEL_MIGRATION_LOCK]);
    for (const ddl of [
      FeedPositionStore.schema,
      ...checkpoints.schema,
      ParkingStore.projectionSchema,
      VERSIONS_SCHEMA,
      ...projections.flatMap((p) => p.schema),
    ]) {
      await tx.query(ddl);
    }
    const names = projections.map((p) => p.name);
    const { rows } = await tx.query<{ projection: string; position: string | null; version: number | null }>(
      `SELECT n AS projection, c.position, v.version
         FROM unnest($1::text[]) AS n
         LEFT JOIN rm_checkpoints c ON c.projection = n
         LEFT JOIN rm_projection_versions v ON v.projection = n`,
      [names],
    );
    const stale: string[] = [];
    for (const projection of projections) {
      const row = rows.find((r) => r.projection === projection.name);
      const current = projection.version ?? 1;
      // No version row: a new projection (built from scratch at the current version), or one built
      // before versions were recorded (version 1) if it already has a checkpoint.
      const stored = row?.version ?? (row?.position !== null && row?.position !== undefined ? 1 : current);
      if (stored < current) stale.push(projection.name);
      else await recordVersion(tx, projection);
    }
    await feedPositions.ensure(tx, names);
    await backfillStreamCheckpoints(tx);
    return { stale };
  });
}

export async function recordVersion(tx: Database, projection: Projection): Promise<void> {
  await tx.query(
    `INSERT INTO rm_projection_versions (projection, version) VALUES ($1, $2)
     ON CONFLICT (projection) DO UPDATE SET version = EXCLUDED.version`,
    [projection.name, projection.version ?? 1],
  );
}

/** True when the event log is in this database (embedded mode), so a rebuild can read it here. */
export async function logIsHere(db: Database): Promise<boolean> {
  const { rows } = await db.query<{ here: boolean }>(`SELECT to_regclass('events') IS NOT NULL AS here`);
  return rows[0]?.here === true;
}

/**
 * Read models built before stream checkpoints existed (embedded data from an earlier version):
 * derive them once from the global checkpoints and the log, which sits in the same database in
 * embedded mode, so `?stream=&minVersion=` also works for streams written before the upgrade.
 */
async function backfillStreamCheckpoints(tx: Database): Promise<void> {
  const { rows } = await tx.query<{ needed: boolean }>(
    `SELECT to_regclass('events') IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM rm_stream_checkpoints)
        AND EXISTS (SELECT 1 FROM rm_checkpoints WHERE position > 0) AS needed`,
  );
  if (!rows[0]?.needed) return;
  await tx.query(
    `INSERT INTO rm_stream_checkpoints (projection, stream_id, version, position)
     SELECT c.projection, e.stream_id, max(e.stream_version), max(e.global_position)
       FROM rm_checkpoints c JOIN events e ON e.global_position <= c.position
      GROUP BY c.projection, e.stream_id`,
  );
}
