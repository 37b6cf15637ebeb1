import type { DriverDiagramPrimaryDriver } from '@longview/domain';
import type { Database } from '@longview/event-store';
import type { Projection } from '../../runner/projection';

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
  async apply(tx, { event, streamVersion, position }) {
    switch (event.type) {
      case 'InterventionProposed':
        await tx.query(
          `INSERT INTO rm_driver_diagram_interventions (intervention_id, trust_code, sharing, stream_version)
           VALUES ($1, $2, $3, $4) ON CONFLICT (intervention_id) DO NOTHING`,
          [event.data.interventionId, event.data.trustCode, event.data.sharing, streamVersion],
        );
        return;
      case 'InterventionSharingChanged':
        await tx.query('UPDATE rm_driver_diagram_interventions SET sharing = $2, stream_version = $3 WHERE intervention_id = $1 AND stream_version < $3', [
          event.data.interventionId,
          event.data.to,
          streamVersion,
        ]);
        return;
      case 'DriverDiagramDefined': {
        const d = event.data;
        const inserted = await tx.query(
          `INSERT INTO rm_driver_diagrams (diagram_id, trust_code, aim, measure, sharing, revision, tree, defined_at, updated_at, defined_position)
           VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $7, $8) ON CONFLICT (diagram_id) DO NOTHING RETURNING diagram_id`,
          [d.driverDiagramId, d.trustCode, d.aim, d.measure, d.sharing, JSON.stringify(textsOf(d.primaryDrivers)), d.definedAt, position.toString()],
        );
        if (inserted.rows.length > 0) await replaceLinks(tx, d.driverDiagramId, d.primaryDrivers);
        await recordRevision(tx, d.driverDiagramId, 1, d, d.definedBy, d.definedAt, undefined);
        return;
      }
      case 'DriverDiagramRevised': {
        const d = event.data;
        const updated = await tx.query(
          `UPDATE rm_driver_diagrams SET aim = $2, measure = $3, sharing = $4, revision = $5, tree = $6, updated_at = $7
           WHERE diagram_id = $1 AND revision < $5 RETURNING diagram_id`,
          [d.driverDiagramId, d.aim, d.measure, d.sharing, d.revision, JSON.stringify(textsOf(d.primaryDrivers)), d.revisedAt],
        );
        if (updated.rows.length > 0) await replaceLinks(tx, d.driverDiagramId, d.primaryDrivers);
        await recordRevision(tx, d.driverDiagramId, d.revision, d, d.revisedBy, d.revisedAt, d.note);
        return;
      }
      default:
        return;
    }
  },
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

async function replaceLinks(tx: Database, diagramId: string, primaryDrivers: readonly DriverDiagramPrimaryDriver[]): Promise<void> {
  await tx.query('DELETE FROM rm_driver_diagram_links WHERE diagram_id = $1', [diagramId]);
  for (const [p, primary] of primaryDrivers.entries()) {
    for (const [s, secondary] of primary.secondaryDrivers.entries()) {
      for (const [c, idea] of secondary.changeIdeas.entries()) {
        for (const [l, interventionId] of idea.interventionIds.entries()) {
          await tx.query(
            `INSERT INTO rm_driver_diagram_links (diagram_id, primary_index, secondary_index, idea_index, link_index, intervention_id)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
            [diagramId, p, s, c, l, interventionId],
          );
        }
      }
    }
  }
}

async function recordRevision(
  tx: Database,
  diagramId: string,
  revision: number,
  d: { aim: string; measure: string; sharing: string },
  by: { name: string; role: string; trustCode?: string },
  at: string,
  note: string | undefined,
): Promise<void> {
  await tx.query(
    `INSERT INTO rm_driver_diagram_revisions (diagram_id, revision, aim, measure, sharing, note, by_name, by_role, by_trust_code, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (diagram_id, revision) DO NOTHING`,
    [diagramId, revision, d.aim, d.measure, d.sharing, note ?? null, by.name, by.role, by.trustCode ?? null, at],
  );
}
