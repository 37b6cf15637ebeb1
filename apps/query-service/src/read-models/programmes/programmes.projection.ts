import type { Database } from '@longview/event-store';
import type { Projection } from '../../runner/projection';

/**
 * rm_programmes with its coordinators, members and links, and what it needs of interventions kept
 * here (rm_programme_interventions: trust, sharing, title and lifecycle dates) so that a linked
 * intervention is shown, counted and pooled only for those who may see it, in SQL. A link may
 * arrive before its intervention in distributed mode: the two are joined at read time, and a link
 * whose intervention is not yet known is shown to no one. Idempotent: rows keyed by what the
 * events identify; intervention rows move forward by stream version only.
 */
export const programmesProjection: Projection = {
  name: 'programmes',
  schema: [
    `CREATE TABLE IF NOT EXISTS rm_programmes (
       programme_id text PRIMARY KEY,
       name text NOT NULL,
       aim text NOT NULL,
       category text NOT NULL,
       metric text NOT NULL,
       created_at text NOT NULL,
       created_position bigint NOT NULL
     )`,
    `CREATE TABLE IF NOT EXISTS rm_programme_coordinators (
       programme_id text NOT NULL,
       person_id text NOT NULL,
       name text NOT NULL,
       appointed_at text NOT NULL,
       appointed_by text,
       PRIMARY KEY (programme_id, person_id)
     )`,
    `CREATE TABLE IF NOT EXISTS rm_programme_members (
       programme_id text NOT NULL,
       trust_code text NOT NULL,
       trust_name text NOT NULL,
       joined_at text NOT NULL,
       PRIMARY KEY (programme_id, trust_code)
     )`,
    `CREATE TABLE IF NOT EXISTS rm_programme_links (
       programme_id text NOT NULL,
       intervention_id text NOT NULL,
       trust_code text NOT NULL,
       linked_at text NOT NULL,
       PRIMARY KEY (programme_id, intervention_id)
     )`,
    `CREATE INDEX IF NOT EXISTS rm_programme_links_intervention ON rm_programme_links (intervention_id)`,
    `CREATE TABLE IF NOT EXISTS rm_programme_interventions (
       intervention_id text PRIMARY KEY,
       trust_code text NOT NULL,
       sharing text NOT NULL,
       title text NOT NULL,
       started_on text,
       completed_on text,
       abandoned_on text,
       stream_version integer NOT NULL
     )`,
  ],
  tables: ['rm_programmes', 'rm_programme_coordinators', 'rm_programme_members', 'rm_programme_links', 'rm_programme_interventions'],
  async apply(tx, { event, streamVersion, position }) {
    switch (event.type) {
      case 'ProgrammeCreated': {
        const d = event.data;
        await tx.query(
          `INSERT INTO rm_programmes (programme_id, name, aim, category, metric, created_at, created_position)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (programme_id) DO NOTHING`,
          [d.programmeId, d.name, d.aim, d.category, d.metric, d.createdAt, position.toString()],
        );
        await tx.query(
          `INSERT INTO rm_programme_coordinators (programme_id, person_id, name, appointed_at, appointed_by)
           VALUES ($1, $2, $3, $4, NULL) ON CONFLICT (programme_id, person_id) DO NOTHING`,
          [d.programmeId, d.coordinator.id, d.coordinator.name, d.createdAt],
        );
        return;
      }
      case 'ProgrammeCoordinatorAppointed': {
        const d = event.data;
        await tx.query(
          `INSERT INTO rm_programme_coordinators (programme_id, person_id, name, appointed_at, appointed_by)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT (programme_id, person_id) DO NOTHING`,
          [d.programmeId, d.coordinator.id, d.coordinator.name, d.appointedAt, d.appointedBy.name],
        );
        return;
      }
      case 'TrustJoinedProgramme': {
        const d = event.data;
        await tx.query(
          `INSERT INTO rm_programme_members (programme_id, trust_code, trust_name, joined_at)
           VALUES ($1, $2, $3, $4) ON CONFLICT (programme_id, trust_code) DO NOTHING`,
          [d.programmeId, d.trustCode, d.trustName, d.joinedAt],
        );
        return;
      }
      case 'InterventionLinkedToProgramme': {
        const d = event.data;
        await tx.query(
          `INSERT INTO rm_programme_links (programme_id, intervention_id, trust_code, linked_at)
           VALUES ($1, $2, $3, $4) ON CONFLICT (programme_id, intervention_id) DO NOTHING`,
          [d.programmeId, d.interventionId, d.trustCode, d.linkedAt],
        );
        return;
      }
      case 'InterventionProposed': {
        const d = event.data;
        await tx.query(
          `INSERT INTO rm_programme_interventions (intervention_id, trust_code, sharing, title, stream_version)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT (intervention_id) DO NOTHING`,
          [d.interventionId, d.trustCode, d.sharing, d.title, streamVersion],
        );
        return;
      }
      case 'InterventionSharingChanged':
        await forward(tx, 'sharing', event.data.interventionId, event.data.to, streamVersion);
        return;
      case 'InterventionStarted':
        await forward(tx, 'started_on', event.data.interventionId, event.data.startedOn, streamVersion);
        return;
      case 'InterventionCompleted':
        await forward(tx, 'completed_on', event.data.interventionId, event.data.completedOn, streamVersion);
        return;
      case 'InterventionAbandoned':
        await forward(tx, 'abandoned_on', event.data.interventionId, event.data.abandonedOn, streamVersion);
        return;
      default:
        return;
    }
  },
};

/** One column of an intervention's row, moved forward only by a later event of its stream (a replay changes nothing). */
async function forward(
  tx: Database,
  column: 'sharing' | 'started_on' | 'completed_on' | 'abandoned_on',
  interventionId: string,
  value: string,
  streamVersion: number,
): Promise<void> {
  await tx.query(`UPDATE rm_programme_interventions SET ${column} = $2, stream_version = $3 WHERE intervention_id = $1 AND stream_version < $3`, [
    interventionId,
    value,
    streamVersion,
  ]);
}
