import type { DriverDiagramPrimaryDriver } from '@longview/domain';
import type { Database } from '@longview/event-store';
import type { Projection, ProjectedEvent } from '../../runner/projection';
import { inKeyOrder } from '../batch-fold';
import { InterventionSharingCopies } from '../intervention-sharing-copies';
import { parseJson } from '../json-column';

/**
 * rm_driver_diagrams (the current version, its tree as text only), rm_driver_diagram_links (each
 * change idea's linked interventions, one row each, so visibility is a join), the history in
 * rm_driver_diagram_revisions, and what the links need of interventions kept here
 * (rm_driver_diagram_interventions: trust and sharing). The tree keeps no intervention ids: they
 * come only from the links, filtered by the viewer in SQL, so a hidden one can never be shown or
 * counted. A link may arrive before its intervention in distributed mode: joined at read time, an
 * intervention not yet known is shown to no one. Idempotent: a version is applied only when it is
 * newer than the stored one, and the links are replaced with it.
 */
export const driverDiagramsProjection: Projection = {
  name: 'driver-diagrams',
  schema: [
    `CREATE TABLE IF NOT EXISTS rm_driver_diagram_interventions (
       intervention_id text PRIMARY KEY,
       trust_code text NOT NULL,
       sharing text NOT NULL,
       stream_version integer NOT NULL
     )`,
    `CREATE TABLE IF NOT EXISTS rm_driver_diagrams (
       diagram_id text PRIMARY KEY,
       trust_code text NOT NULL,
       aim text NOT NULL,
       measure text NOT NULL,
       sharing text NOT NULL,
       revision integer NOT NULL,
       tree jsonb NOT NULL,
       defined_at text NOT NULL,
       updated_at text NOT NULL,
       defined_position bigint NOT NULL
     )`,
    `CREATE INDEX IF NOT EXISTS rm_driver_diagrams_trust ON rm_driver_diagrams (trust_code)`,
    `CREATE TABLE IF NOT EXISTS rm_driver_diagram_links (
       diagram_id text NOT NULL,
       primary_index integer NOT NULL,
       secondary_index integer NOT NULL,
       idea_index integer NOT NULL,
       link_index integer NOT NULL,
       intervention_id text NOT NULL,
       PRIMARY KEY (diagram_id, primary_index, secondary_index, idea_index, link_index)
     )`,
    `CREATE INDEX IF NOT EXISTS rm_driver_diagram_links_intervention ON rm_driver_diagram_links (intervention_id)`,
    `CREATE TABLE IF NOT EXISTS rm_driver_diagram_revisions (
       diagram_id text NOT NULL,
       revision integer NOT NULL,
       aim text NOT NULL,
       measure text NOT NULL,
       sharing text NOT NULL,
       note text,
       by_name text NOT NULL,
       by_role text NOT NULL,
       by_trust_code text,
       at text NOT NULL,
       PRIMARY KEY (diagram_id, revision)
     )`,
  ],
  tables: ['rm_driver_diagram_interventions', 'rm_driver_diagrams', 'rm_driver_diagram_links', 'rm_driver_diagram_revisions'],
  apply: (tx, projected) => applyDiagramsBatch(tx, [projected]),
  applyBatch: applyDiagramsBatch,
};

/** The tree's texts only (see above: intervention ids live in the links). */
export interface StoredPrimaryDriver {
  readonly text: string;
  readonly secondaryDrivers: readonly { readonly text: string; readonly changeIdeas: readonly { readonly text: string }[] }[];
}

function textsOf(primaryDrivers: readonly DriverDiagramPrimaryDriver[]): StoredPrimaryDriver[] {
  return primaryDrivers.map((p) => ({
    text: p.text,
    secondaryDrivers: p.secondaryDrivers.map((s) => ({ text: s.text, changeIdeas: s.changeIdeas.map((c) => ({ text: c.text })) })),
  }));
}

/** A row of rm_driver_diagrams (defined_position as text: a bigint, kept exact). */
interface DiagramRow {
  readonly diagram_id: string;
  readonly trust_code: string;
  aim: string;
  measure: string;
  sharing: string;
  revision: number;
  tree: StoredPrimaryDriver[];
  readonly defined_at: string;
  updated_at: string;
  readonly defined_position: string;
}

/** A row of rm_driver_diagram_links: one intervention linked from one change idea. */
interface LinkRow {
  readonly diagram_id: string;
  readonly primary_index: number;
  readonly secondary_index: number;
  readonly idea_index: number;
  readonly link_index: number;
  readonly intervention_id: string;
}

/** A row of rm_driver_diagram_revisions. */
interface RevisionRow {
  readonly diagram_id: string;
  readonly revision: number;
  readonly aim: string;
  readonly measure: string;
  readonly sharing: string;
  readonly note: string | null;
  readonly by_name: string;
  readonly by_role: string;
  readonly by_trust_code: string | null;
  readonly at: string;
}

/**
 * A batch, folded in memory: one read of the interventions and one of the diagrams its events
 * name, every event applied in log order as alone (a definition inserts its diagram once; a
 * revision applies when its revision number is above the stored one; either replaces the
 * diagram's links when it applies; every version is recorded once, the first one seen kept), then
 * one write per table in the order of `tables`, rows in key order.
 */
async function applyDiagramsBatch(tx: Database, events: readonly ProjectedEvent[]): Promise<void> {
  const interventions = await InterventionSharingCopies.load(tx, 'rm_driver_diagram_interventions', events);
  const diagrams = await readDiagrams(tx, events);
  const changed = new Set<string>();
  const linksReplaced = new Map<string, LinkRow[]>();
  const revisions = new Map<string, RevisionRow>();
  const recordRevision = (row: RevisionRow) => {
    const key = JSON.stringify([row.diagram_id, row.revision]);
    if (!revisions.has(key)) revisions.set(key, row); // stored once: the first one seen (or the one stored already, kept by the insert)
  };

  for (const projected of events) {
    const { event, position } = projected;
    if (event.type === 'DriverDiagramDefined') {
      const d = event.data;
      if (!diagrams.has(d.driverDiagramId)) {
        diagrams.set(d.driverDiagramId, {
          diagram_id: d.driverDiagramId,
          trust_code: d.trustCode,
          aim: d.aim,
          measure: d.measure,
          sharing: d.sharing,
          revision: 1,
          tree: textsOf(d.primaryDrivers),
          defined_at: d.definedAt,
          updated_at: d.definedAt,
          defined_position: position.toString(),
        });
        changed.add(d.driverDiagramId);
        linksReplaced.set(d.driverDiagramId, linksOf(d.driverDiagramId, d.primaryDrivers));
      }
      recordRevision(revisionRow(d.driverDiagramId, 1, d, d.definedBy, d.definedAt, undefined));
    } else if (event.type === 'DriverDiagramRevised') {
      const d = event.data;
      const row = diagrams.get(d.driverDiagramId);
      if (row && row.revision < d.revision) {
        Object.assign(row, {
          aim: d.aim,
          measure: d.measure,
          sharing: d.sharing,
          revision: d.revision,
          tree: textsOf(d.primaryDrivers),
          updated_at: d.revisedAt,
        });
        changed.add(d.driverDiagramId);
        linksReplaced.set(d.driverDiagramId, linksOf(d.driverDiagramId, d.primaryDrivers));
      }
      recordRevision(revisionRow(d.driverDiagramId, d.revision, d, d.revisedBy, d.revisedAt, d.note));
    } else {
      interventions.apply(projected);
    }
  }

  await interventions.write(tx);
  if (changed.size > 0) {
    await tx.query(
      `INSERT INTO rm_driver_diagrams (diagram_id, trust_code, aim, measure, sharing, revision, tree, defined_at, updated_at, defined_position)
       SELECT diagram_id, trust_code, aim, measure, sharing, revision, tree, defined_at, updated_at, defined_position
         FROM jsonb_to_recordset($1::jsonb) AS d(diagram_id text, trust_code text, aim text, measure text, sharing text, revision integer, tree jsonb,
                                                 defined_at text, updated_at text, defined_position bigint)
       ON CONFLICT (diagram_id) DO UPDATE SET aim = EXCLUDED.aim, measure = EXCLUDED.measure, sharing = EXCLUDED.sharing, revision = EXCLUDED.revision,
                                              tree = EXCLUDED.tree, updated_at = EXCLUDED.updated_at`,
      [JSON.stringify(inKeyOrder(new Map([...changed].map((id) => [id, diagrams.get(id) as DiagramRow]))))],
    );
  }
  if (linksReplaced.size > 0) {
    // The replaced diagrams' links become exactly their new ones, in one statement: the ones no
    // longer there are deleted, the others upserted (the two touch different rows).
    await tx.query(
      `WITH wanted AS (
         SELECT * FROM jsonb_to_recordset($2::jsonb)
           AS w(diagram_id text, primary_index integer, secondary_index integer, idea_index integer, link_index integer, intervention_id text)
       ), gone AS (
         DELETE FROM rm_driver_diagram_links l
          WHERE l.diagram_id IN (SELECT jsonb_array_elements_text($1::jsonb))
            AND NOT EXISTS (SELECT 1 FROM wanted w
                             WHERE (w.diagram_id, w.primary_index, w.secondary_index, w.idea_index, w.link_index)
                                 = (l.diagram_id, l.primary_index, l.secondary_index, l.idea_index, l.link_index))
       )
       INSERT INTO rm_driver_diagram_links (diagram_id, primary_index, secondary_index, idea_index, link_index, intervention_id)
       SELECT diagram_id, primary_index, secondary_index, idea_index, link_index, intervention_id FROM wanted
       ON CONFLICT (diagram_id, primary_index, secondary_index, idea_index, link_index) DO UPDATE SET intervention_id = EXCLUDED.intervention_id
         WHERE rm_driver_diagram_links.intervention_id IS DISTINCT FROM EXCLUDED.intervention_id`,
      [JSON.stringify([...linksReplaced.keys()].sort()), JSON.stringify(inKeyOrder(linksReplaced).flat())],
    );
  }
  if (revisions.size > 0) {
    await tx.query(
      `INSERT INTO rm_driver_diagram_revisions (diagram_id, revision, aim, measure, sharing, note, by_name, by_role, by_trust_code, at)
       SELECT diagram_id, revision, aim, measure, sharing, note, by_name, by_role, by_trust_code, at
         FROM jsonb_to_recordset($1::jsonb) AS r(diagram_id text, revision integer, aim text, measure text, sharing text, note text, by_name text,
                                                 by_role text, by_trust_code text, at text)
       ON CONFLICT (diagram_id, revision) DO NOTHING`,
      [JSON.stringify(inKeyOrder(revisions))],
    );
  }
}

/** The stored diagrams the batch's diagram events name. */
async function readDiagrams(tx: Database, events: readonly ProjectedEvent[]): Promise<Map<string, DiagramRow>> {
  const ids = new Set<string>();
  for (const { event } of events) {
    if (event.type === 'DriverDiagramDefined' || event.type === 'DriverDiagramRevised') ids.add(event.data.driverDiagramId);
  }
  const diagrams = new Map<string, DiagramRow>();
  if (ids.size === 0) return diagrams;
  const { rows } = await tx.query<Omit<DiagramRow, 'tree'> & { tree: string | StoredPrimaryDriver[] }>(
    `SELECT diagram_id, trust_code, aim, measure, sharing, revision, tree, defined_at, updated_at, defined_position::text AS defined_position
       FROM rm_driver_diagrams WHERE diagram_id IN (SELECT jsonb_array_elements_text($1::jsonb))`,
    [JSON.stringify([...ids].sort())],
  );
  for (const r of rows) diagrams.set(r.diagram_id, { ...r, tree: parseJson<StoredPrimaryDriver[]>(r.tree) });
  return diagrams;
}

/** The links of a tree, in index order: one row per intervention id of each change idea. */
function linksOf(diagramId: string, primaryDrivers: readonly DriverDiagramPrimaryDriver[]): LinkRow[] {
  return primaryDrivers.flatMap((primary, p) =>
    primary.secondaryDrivers.flatMap((secondary, s) =>
      secondary.changeIdeas.flatMap((idea, c) =>
        idea.interventionIds.map((interventionId, l) => ({
          diagram_id: diagramId,
          primary_index: p,
          secondary_index: s,
          idea_index: c,
          link_index: l,
          intervention_id: interventionId,
        })),
      ),
    ),
  );
}

function revisionRow(
  diagramId: string,
  revision: number,
  d: { aim: string; measure: string; sharing: string },
  by: { name: string; role: string; trustCode?: string },
  at: string,
  note: string | undefined,
): RevisionRow {
  return {
    diagram_id: diagramId,
    revision,
    aim: d.aim,
    measure: d.measure,
    sharing: d.sharing,
    note: note ?? null,
    by_name: by.name,
    by_role: by.role,
    by_trust_code: by.trustCode ?? null,
    at,
  };
}
