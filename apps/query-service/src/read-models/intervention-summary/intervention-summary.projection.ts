import type { HistoryEntry, InterventionView } from '@longview/contracts';
import { withRole, type LongviewEvent } from '@longview/domain';
import type { Database } from '@longview/event-store';
import type { Projection, ProjectedEvent } from '../../runner/projection';
import { inKeyOrder } from '../batch-fold';
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
  apply: (tx, projected) => applySummaryBatch(tx, [projected]),
  applyBatch: applySummaryBatch,
};

/** An intervention's row: its document and the stream version it has reached. */
interface SummaryRow {
  readonly position: bigint;
  view: InterventionView;
  version: number;
}

/**
 * A batch, folded in memory: one read of the trust names and documents its events need, each
 * event applied in log order to those copies as applying it alone would, then one upsert of the
 * names and one of the documents that changed (in key order, so transactions lock rows in the
 * same order), and last, for trusts registered in the batch, their name on every document of
 * theirs not read here.
 */
async function applySummaryBatch(tx: Database, events: readonly ProjectedEvent[]): Promise<void> {
  const ids = new Set<string>();
  const trusts = new Set<string>();
  for (const { event } of events) {
    if (event.type === 'InterventionProposed') {
      ids.add(event.data.interventionId);
      trusts.add(event.data.trustCode);
    } else {
      const id = interventionIdOf(event);
      if (id !== undefined) ids.add(id);
    }
  }
  const names = new Map<string, string>();
  if (trusts.size > 0) {
    const { rows } = await tx.query<{ code: string; name: string }>(
      'SELECT code, name FROM rm_intervention_trust_names WHERE code IN (SELECT jsonb_array_elements_text($1::jsonb))',
      [JSON.stringify([...trusts].sort())],
    );
    for (const r of rows) names.set(r.code, r.name);
  }
  const docs = new Map<string, SummaryRow>();
  if (ids.size > 0) {
    const { rows } = await tx.query<{ id: string; doc: InterventionView | string; stream_version: number; proposed_position: string | number }>(
      'SELECT id, doc, stream_version, proposed_position FROM rm_interventions WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb))',
      [JSON.stringify([...ids].sort())],
    );
    for (const r of rows) docs.set(r.id, { view: parseJson<InterventionView>(r.doc), version: r.stream_version, position: BigInt(r.proposed_position) });
  }

  const renamed = new Map<string, { code: string; name: string }>();
  const changed = new Set<string>();
  for (const projected of events) {
    const { event, streamVersion } = projected;
    if (event.type === 'TrustRegistered') {
      const { code, name } = event.data;
      names.set(code, name);
      renamed.set(code, { code, name });
      for (const [id, row] of docs) {
        if (row.view.trustCode === code && row.view.trustName !== name) {
          row.view = { ...row.view, trustName: name };
          changed.add(id);
        }
      }
    } else if (event.type === 'InterventionProposed') {
      const d = event.data;
      if (docs.has(d.interventionId)) continue; // proposed already
      docs.set(d.interventionId, {
        view: proposedView(projected, d, names.get(d.trustCode) ?? d.trustCode),
        version: streamVersion,
        position: projected.position,
      });
      changed.add(d.interventionId);
    } else {
      const id = interventionIdOf(event);
      const row = id === undefined ? undefined : docs.get(id);
      if (!id || !row || row.version >= streamVersion) continue; // not ours, unknown, or applied already
      row.view = evolveIntervention(row.view, projected);
      row.version = streamVersion;
      changed.add(id);
    }
  }

  if (renamed.size > 0) {
    await tx.query(
      `INSERT INTO rm_intervention_trust_names (code, name) SELECT code, name FROM jsonb_to_recordset($1::jsonb) AS t(code text, name text)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name`,
      [JSON.stringify(inKeyOrder(renamed))],
    );
  }
  if (changed.size > 0) {
    const rows = new Map(
      [...changed].map((id) => {
        const { view, version, position } = docs.get(id) as SummaryRow;
        return [
          id,
          {
            id,
            trust_code: view.trustCode,
            status: view.status,
            category: view.category,
            sharing: view.sharing,
            proposed_position: position.toString(),
            doc: view,
            stream_version: version,
          },
        ];
      }),
    );
    await tx.query(
      `INSERT INTO rm_interventions (id, trust_code, status, category, sharing, proposed_position, doc, stream_version)
       SELECT id, trust_code, status, category, sharing, proposed_position, doc, stream_version
         FROM jsonb_to_recordset($1::jsonb) AS r(id text, trust_code text, status text, category text, sharing text, proposed_position bigint, doc jsonb, stream_version integer)
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, sharing = EXCLUDED.sharing, doc = EXCLUDED.doc, stream_version = EXCLUDED.stream_version`,
      [JSON.stringify(inKeyOrder(rows))],
    );
  }
  if (renamed.size > 0) {
    await tx.query(
      `UPDATE rm_interventions i SET doc = jsonb_set(i.doc, '{trustName}', to_jsonb(t.name))
         FROM jsonb_to_recordset($1::jsonb) AS t(code text, name text)
        WHERE i.trust_code = t.code AND i.doc->>'trustName' IS DISTINCT FROM t.name`,
      [JSON.stringify(inKeyOrder(renamed))],
    );
  }
}

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
