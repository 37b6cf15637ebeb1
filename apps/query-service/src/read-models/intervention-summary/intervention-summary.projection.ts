import type { HistoryEntry, InterventionView } from '@longview/contracts';
import { withRole, type LongviewEvent } from '@longview/domain';
import type { Projection, ProjectedEvent } from '../../runner/projection';
import { parseJson } from '../json-column';

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };

/**
 * rm_interventions: the whole InterventionView as a document, plus the columns lists filter on.
 * The trust names it shows are kept in its own rm_intervention_trust_names (from TrustRegistered),
 * so it reads no other projection's tables, and either arrival order (trust or proposal first)
 * gives the same rows. `stream_version` makes every intervention event apply once.
 */
export const interventionSummaryProjection: Projection = {
  name: 'intervention-summary',
  // 2: own trust-name table; stream_version gates intervention events.
  // 3: every target carries its role (targets of events from before roles are written as OUTCOME).
  version: 3,
  schema: [
    `CREATE TABLE IF NOT EXISTS rm_interventions (
       id text PRIMARY KEY,
       trust_code text NOT NULL,
       status text NOT NULL,
       category text NOT NULL,
       sharing text NOT NULL,
       proposed_position bigint NOT NULL,
       doc jsonb NOT NULL,
       stream_version integer NOT NULL DEFAULT 0
     )`,
    // Tables of version 1 lack it.
    `ALTER TABLE rm_interventions ADD COLUMN IF NOT EXISTS stream_version integer NOT NULL DEFAULT 0`,
    `CREATE INDEX IF NOT EXISTS rm_interventions_trust ON rm_interventions (trust_code, proposed_position)`,
    `CREATE INDEX IF NOT EXISTS rm_interventions_position ON rm_interventions (proposed_position)`,
    // Every read filters on the viewer's visibility (sharing, and the trust for PRIVATE ones).
    `CREATE INDEX IF NOT EXISTS rm_interventions_sharing ON rm_interventions (sharing, proposed_position)`,
    `CREATE TABLE IF NOT EXISTS rm_intervention_trust_names (code text PRIMARY KEY, name text NOT NULL)`,
  ],
  tables: ['rm_interventions', 'rm_intervention_trust_names'],
  async apply(tx, projected) {
    const { event, streamVersion } = projected;
    if (event.type === 'TrustRegistered') {
      await tx.query(`INSERT INTO rm_intervention_trust_names (code, name) VALUES ($1, $2) ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name`, [
        event.data.code,
        event.data.name,
      ]);
      // A proposal consumed before its trust (distributed mode: separate topics) carries the trust
      // code as its name; fill the name in now.
      await tx.query(
        `UPDATE rm_interventions SET doc = jsonb_set(doc, '{trustName}', to_jsonb($2::text))
          WHERE trust_code = $1 AND doc->>'trustName' IS DISTINCT FROM $2`,
        [event.data.code, event.data.name],
      );
      return;
    }
    if (event.type === 'InterventionProposed') {
      const d = event.data;
      const trust = await tx.query<{ name: string }>('SELECT name FROM rm_intervention_trust_names WHERE code = $1', [d.trustCode]);
      const view = proposedView(projected, d, trust.rows[0]?.name ?? d.trustCode);
      await tx.query(
        `INSERT INTO rm_interventions (id, trust_code, status, category, sharing, proposed_position, doc, stream_version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
        [view.id, view.trustCode, view.status, view.category, view.sharing, projected.position.toString(), JSON.stringify(view), streamVersion],
      );
      return;
    }
    const id = interventionIdOf(event);
    if (id === undefined) return;
    const { rows } = await tx.query<{ doc: InterventionView | string }>('SELECT doc FROM rm_interventions WHERE id = $1 AND stream_version < $2', [
      id,
      streamVersion,
    ]);
    const row = rows[0];
    if (!row) return; // already applied
    const view = evolveIntervention(parseJson<InterventionView>(row.doc), projected);
    await tx.query('UPDATE rm_interventions SET status = $2, sharing = $3, doc = $4, stream_version = $5 WHERE id = $1', [
      id,
      view.status,
      view.sharing,
      JSON.stringify(view),
      streamVersion,
    ]);
  },
};

type ProposedData = Extract<LongviewEvent, { type: 'InterventionProposed' }>['data'];

/** The document of a just-proposed intervention (pure: the live projection and time travel share it). */
export function proposedView(projected: ProjectedEvent, d: ProposedData, trustName: string): InterventionView {
  return {
    id: d.interventionId,
    trustCode: d.trustCode,
    trustName,
    title: d.title,
    summary: d.summary,
    category: d.category,
    ...(d.rootCause !== undefined ? { rootCause: d.rootCause } : {}),
    approach: d.approach,
    targets: d.targets.map(withRole),
    sharing: d.sharing,
    status: 'PROPOSED',
    proposedAt: d.proposedAt,
    pdsaCycles: [],
    history: [historyEntry(projected)],
    ...(d.adoptedFrom ? { adoptedFrom: d.adoptedFrom.interventionId, adaptations: d.adoptedFrom.adaptations } : {}),
  };
}

/**
 * The document after a later event of the intervention's own stream (pure, a new object): shared
 * by the live projection and time travel, so both fold an intervention the same way.
 */
export function evolveIntervention(view: InterventionView, projected: ProjectedEvent): InterventionView {
  return evolveView({ ...view } as Mutable<InterventionView>, projected);
}

export function interventionIdOf(event: LongviewEvent): string | undefined {
  switch (event.type) {
    case 'InterventionStarted':
    case 'PdsaCycleLogged':
    case 'InterventionCompleted':
    case 'InterventionAbandoned':
    case 'InterventionSharingChanged':
      return event.data.interventionId;
    default:
      return undefined;
  }
}

function evolveView(view: Mutable<InterventionView>, projected: ProjectedEvent): InterventionView {
  const { event } = projected;
  view.history = [...view.history, historyEntry(projected)];
  switch (event.type) {
    case 'InterventionStarted':
      view.status = 'ACTIVE';
      view.startedOn = event.data.startedOn;
      break;
    case 'PdsaCycleLogged':
      view.pdsaCycles = [...view.pdsaCycles, { ...event.data.cycle, cycleNumber: event.data.cycleNumber }];
      break;
    case 'InterventionCompleted':
      view.status = 'COMPLETED';
      view.completedOn = event.data.completedOn;
      break;
    case 'InterventionAbandoned':
      view.status = 'ABANDONED';
      view.abandonedOn = event.data.abandonedOn;
      view.abandonReason = event.data.reason;
      break;
    case 'InterventionSharingChanged':
      view.sharing = event.data.to;
      break;
    default:
      break;
  }
  return view;
}

function historyEntry({ event, metadata, recordedAt, position }: ProjectedEvent): HistoryEntry {
  return { type: event.type, at: metadata.occurredAt ?? recordedAt, position: position.toString(), summary: describe(event) };
}

/** One line of plain English per event, for the intervention's history timeline. */
function describe(event: LongviewEvent): string {
  switch (event.type) {
    case 'InterventionProposed':
      return event.data.adoptedFrom ? `Adopted from another intervention: ${event.data.title}` : `Proposed: ${event.data.title}`;
    case 'InterventionStarted':
      return `Started on ${event.data.startedOn}`;
    case 'PdsaCycleLogged':
      return `PDSA cycle ${event.data.cycleNumber} logged (${event.data.cycle.cycleDate})`;
    case 'InterventionCompleted':
      return `Completed on ${event.data.completedOn}`;
    case 'InterventionAbandoned':
      return `Abandoned on ${event.data.abandonedOn}: ${event.data.reason}`;
    case 'InterventionSharingChanged':
      return `Sharing changed from ${event.data.from} to ${event.data.to}`;
    default:
      return event.type;
  }
}
