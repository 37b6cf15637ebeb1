import type { Database } from '@longview/event-store';
import type { Projection, ProjectedEvent } from '../../runner/projection';
import { inKeyOrder } from '../batch-fold';

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
  apply: (tx, projected) => applyProgrammesBatch(tx, [projected]),
  applyBatch: applyProgrammesBatch,
};

/** The programmes' copy of an intervention, as rm_programme_interventions keeps it. */
interface ProgrammeIntervention {
  readonly intervention_id: string;
  readonly trust_code: string;
  sharing: string;
  readonly title: string;
  started_on: string | null;
  completed_on: string | null;
  abandoned_on: string | null;
  stream_version: number;
}

/** The columns of an intervention's copy that its later events move forward. */
type ForwardColumn = 'sharing' | 'started_on' | 'completed_on' | 'abandoned_on';

/**
 * A batch, folded in memory: one read of the intervention copies its later intervention events
 * (started, completed, abandoned, sharing changed) name, each event applied in log order as
 * applying it alone would (programmes, coordinators, members and links only the first time, as
 * they never change; a proposal only if its copy is unknown; a later event only to a known copy
 * behind its stream version), then one write per table that changed, in the order of `tables`,
 * rows in key order so transactions lock them in the same order.
 *
 * A proposal needs no read: the copy it makes is written only over a row behind its stream
 * version, and a row already there came from that same proposal (the first event of its stream)
 * or later, so an intervention proposed again is left as it is, as ON CONFLICT DO NOTHING did.
 */
async function applyProgrammesBatch(tx: Database, events: readonly ProjectedEvent[]): Promise<void> {
  const ids = new Set<string>();
  for (const { event } of events) {
    const id = movedInterventionOf(event);
    if (id !== undefined) ids.add(id);
  }
  const interventions = new Map<string, ProgrammeIntervention>();
  if (ids.size > 0) {
    const { rows } = await tx.query<ProgrammeIntervention>(
      `SELECT intervention_id, trust_code, sharing, title, started_on, completed_on, abandoned_on, stream_version FROM rm_programme_interventions
        WHERE intervention_id IN (SELECT jsonb_array_elements_text($1::jsonb))`,
      [JSON.stringify([...ids].sort())],
    );
    for (const r of rows) interventions.set(r.intervention_id, { ...r });
  }

  const programmes = new Map<string, Record<string, string>>();
  const coordinators = new Map<string, Record<string, string | null>>();
  const members = new Map<string, Record<string, string>>();
  const links = new Map<string, Record<string, string>>();
  const changedInterventions = new Set<string>();
  /** Moves one column of a known copy behind `streamVersion` (else it is unknown, or applied already). */
  const forward = (interventionId: string, column: ForwardColumn, value: string, streamVersion: number): void => {
    const copy = interventions.get(interventionId);
    if (!copy || copy.stream_version >= streamVersion) return;
    copy[column] = value;
    copy.stream_version = streamVersion;
    changedInterventions.add(interventionId);
  };
  /** Keeps the first row of each key: the tables of rows that never change (ON CONFLICT DO NOTHING, event by event). */
  const first = <R>(rows: Map<string, R>, key: string, row: R): void => {
    if (!rows.has(key)) rows.set(key, row);
  };

  for (const { event, streamVersion, position } of events) {
    switch (event.type) {
      case 'ProgrammeCreated': {
        const d = event.data;
        first(programmes, d.programmeId, {
          programme_id: d.programmeId,
          name: d.name,
          aim: d.aim,
          category: d.category,
          metric: d.metric,
          created_at: d.createdAt,
          created_position: position.toString(),
        });
        first(coordinators, JSON.stringify([d.programmeId, d.coordinator.id]), {
          programme_id: d.programmeId,
          person_id: d.coordinator.id,
          name: d.coordinator.name,
          appointed_at: d.createdAt,
          appointed_by: null,
        });
        break;
      }
      case 'ProgrammeCoordinatorAppointed': {
        const d = event.data;
        first(coordinators, JSON.stringify([d.programmeId, d.coordinator.id]), {
          programme_id: d.programmeId,
          person_id: d.coordinator.id,
          name: d.coordinator.name,
          appointed_at: d.appointedAt,
          appointed_by: d.appointedBy.name,
        });
        break;
      }
      case 'TrustJoinedProgramme': {
        const d = event.data;
        first(members, JSON.stringify([d.programmeId, d.trustCode]), {
          programme_id: d.programmeId,
          trust_code: d.trustCode,
          trust_name: d.trustName,
          joined_at: d.joinedAt,
        });
        break;
      }
      case 'InterventionLinkedToProgramme': {
        const d = event.data;
        first(links, JSON.stringify([d.programmeId, d.interventionId]), {
          programme_id: d.programmeId,
          intervention_id: d.interventionId,
          trust_code: d.trustCode,
          linked_at: d.linkedAt,
        });
        break;
      }
      case 'InterventionProposed': {
        const d = event.data;
        if (interventions.has(d.interventionId)) break; // proposed already
        interventions.set(d.interventionId, {
          intervention_id: d.interventionId,
          trust_code: d.trustCode,
          sharing: d.sharing,
          title: d.title,
          started_on: null,
          completed_on: null,
          abandoned_on: null,
          stream_version: streamVersion,
        });
        changedInterventions.add(d.interventionId);
        break;
      }
      case 'InterventionSharingChanged':
        forward(event.data.interventionId, 'sharing', event.data.to, streamVersion);
        break;
      case 'InterventionStarted':
        forward(event.data.interventionId, 'started_on', event.data.startedOn, streamVersion);
        break;
      case 'InterventionCompleted':
        forward(event.data.interventionId, 'completed_on', event.data.completedOn, streamVersion);
        break;
      case 'InterventionAbandoned':
        forward(event.data.interventionId, 'abandoned_on', event.data.abandonedOn, streamVersion);
        break;
      default:
        break;
    }
  }

  // Programmes, coordinators, members and links never change: a row already there stays as it is.
  if (programmes.size > 0) {
    await tx.query(
      `INSERT INTO rm_programmes (programme_id, name, aim, category, metric, created_at, created_position)
       SELECT programme_id, name, aim, category, metric, created_at, created_position
         FROM jsonb_to_recordset($1::jsonb) AS p(programme_id text, name text, aim text, category text, metric text, created_at text, created_position bigint)
       ON CONFLICT (programme_id) DO NOTHING`,
      [JSON.stringify(inKeyOrder(programmes))],
    );
  }
  if (coordinators.size > 0) {
    await tx.query(
      `INSERT INTO rm_programme_coordinators (programme_id, person_id, name, appointed_at, appointed_by)
       SELECT programme_id, person_id, name, appointed_at, appointed_by
         FROM jsonb_to_recordset($1::jsonb) AS c(programme_id text, person_id text, name text, appointed_at text, appointed_by text)
       ON CONFLICT (programme_id, person_id) DO NOTHING`,
      [JSON.stringify(inKeyOrder(coordinators))],
    );
  }
  if (members.size > 0) {
    await tx.query(
      `INSERT INTO rm_programme_members (programme_id, trust_code, trust_name, joined_at)
       SELECT programme_id, trust_code, trust_name, joined_at FROM jsonb_to_recordset($1::jsonb) AS m(programme_id text, trust_code text, trust_name text, joined_at text)
       ON CONFLICT (programme_id, trust_code) DO NOTHING`,
      [JSON.stringify(inKeyOrder(members))],
    );
  }
  if (links.size > 0) {
    await tx.query(
      `INSERT INTO rm_programme_links (programme_id, intervention_id, trust_code, linked_at)
       SELECT programme_id, intervention_id, trust_code, linked_at
         FROM jsonb_to_recordset($1::jsonb) AS l(programme_id text, intervention_id text, trust_code text, linked_at text)
       ON CONFLICT (programme_id, intervention_id) DO NOTHING`,
      [JSON.stringify(inKeyOrder(links))],
    );
  }
  if (changedInterventions.size > 0) {
    const changed = new Map([...changedInterventions].map((id) => [id, interventions.get(id) as ProgrammeIntervention]));
    await tx.query(
      `INSERT INTO rm_programme_interventions (intervention_id, trust_code, sharing, title, started_on, completed_on, abandoned_on, stream_version)
       SELECT intervention_id, trust_code, sharing, title, started_on, completed_on, abandoned_on, stream_version
         FROM jsonb_to_recordset($1::jsonb) AS i(intervention_id text, trust_code text, sharing text, title text, started_on text, completed_on text,
                                                 abandoned_on text, stream_version integer)
       ON CONFLICT (intervention_id) DO UPDATE SET sharing = EXCLUDED.sharing, started_on = EXCLUDED.started_on, completed_on = EXCLUDED.completed_on,
                                                   abandoned_on = EXCLUDED.abandoned_on, stream_version = EXCLUDED.stream_version
        WHERE rm_programme_interventions.stream_version < EXCLUDED.stream_version`,
      [JSON.stringify(inKeyOrder(changed))],
    );
  }
}

/** The intervention whose copy a later event of its stream moves forward (undefined for other events). */
function movedInterventionOf(event: ProjectedEvent['event']): string | undefined {
  switch (event.type) {
    case 'InterventionSharingChanged':
    case 'InterventionStarted':
    case 'InterventionCompleted':
    case 'InterventionAbandoned':
      return event.data.interventionId;
    default:
      return undefined;
  }
}
