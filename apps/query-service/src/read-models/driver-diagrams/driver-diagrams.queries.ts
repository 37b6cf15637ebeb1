import type { DriverDiagramPlacementView, DriverDiagramRevisionView, DriverDiagramView } from '@longview/contracts';
import { visibilityTier, type Sharing, type Viewer } from '@longview/domain';
import type { Database } from '@longview/event-store';
import { visibleTo } from '../../access/visible-to';
import { parseJson } from '../json-column';
import type { StoredPrimaryDriver } from './driver-diagrams.projection';

interface DiagramRow {
  diagram_id: string;
  trust_code: string;
  aim: string;
  measure: string;
  sharing: Sharing;
  revision: number;
  tree: StoredPrimaryDriver[] | string;
  defined_at: string;
  updated_at: string;
}
interface LinkRow {
  diagram_id: string;
  primary_index: number;
  secondary_index: number;
  idea_index: number;
  intervention_id: string;
}
interface RevisionRow {
  diagram_id: string;
  revision: number;
  aim: string;
  measure: string;
  sharing: Sharing;
  note: string | null;
  by_name: string;
  by_role: string;
  by_trust_code: string | null;
  at: string;
}

/**
 * The diagrams a viewer may see (the diagram's own sharing, with its trust), and inside each only
 * the linked interventions the viewer may see (the intervention's sharing, with its trust), both
 * as SQL conditions, so what is hidden is neither listed nor counted.
 */
export class DriverDiagramQueries {
  constructor(private readonly db: Database) {}

  async diagrams(viewer: Viewer, filter: { trustCode?: string } = {}): Promise<DriverDiagramView[]> {
    const params: unknown[] = [];
    const where = [visibleTo(visibilityTier(viewer), params, { sharing: 'd.sharing', trustCode: 'd.trust_code' })];
    if (filter.trustCode) {
      params.push(filter.trustCode);
      where.push(`d.trust_code = $${params.length}`);
    }
    const { rows } = await this.db.query<DiagramRow>(
      `SELECT d.* FROM rm_driver_diagrams d WHERE ${where.join(' AND ')} ORDER BY d.defined_position DESC`,
      params,
    );
    return this.assemble(viewer, rows);
  }

  async diagram(viewer: Viewer, id: string): Promise<DriverDiagramView | undefined> {
    const params: unknown[] = [];
    const visible = visibleTo(visibilityTier(viewer), params, { sharing: 'd.sharing', trustCode: 'd.trust_code' });
    params.push(id);
    const { rows } = await this.db.query<DiagramRow>(`SELECT d.* FROM rm_driver_diagrams d WHERE ${visible} AND d.diagram_id = $${params.length}`, params);
    return (await this.assemble(viewer, rows))[0];
  }

  /** Where an intervention the viewer may see sits in the diagrams the viewer may see. */
  async placements(viewer: Viewer, interventionId: string): Promise<DriverDiagramPlacementView[]> {
    const tier = visibilityTier(viewer);
    const params: unknown[] = [];
    const diagram = visibleTo(tier, params, { sharing: 'd.sharing', trustCode: 'd.trust_code' });
    const intervention = visibleTo(tier, params, { sharing: 'i.sharing', trustCode: 'i.trust_code' });
    params.push(interventionId);
    const { rows } = await this.db.query<LinkRow & DiagramRow>(
      `SELECT DISTINCT l.diagram_id, l.primary_index, l.secondary_index, l.idea_index, l.intervention_id, d.aim, d.tree, d.defined_position
       FROM rm_driver_diagram_links l
       JOIN rm_driver_diagrams d ON d.diagram_id = l.diagram_id
       JOIN rm_driver_diagram_interventions i ON i.intervention_id = l.intervention_id
       WHERE ${diagram} AND ${intervention} AND l.intervention_id = $${params.length}
       ORDER BY d.defined_position DESC, l.primary_index, l.secondary_index, l.idea_index`,
      params,
    );
    return rows.map((row) => {
      const primary = parseJson(row.tree)[row.primary_index];
      const secondary = primary?.secondaryDrivers[row.secondary_index];
      return {
        driverDiagramId: row.diagram_id,
        aim: row.aim,
        primaryDriver: primary?.text ?? '',
        secondaryDriver: secondary?.text ?? '',
        changeIdea: secondary?.changeIdeas[row.idea_index]?.text ?? '',
      };
    });
  }

  private async assemble(viewer: Viewer, diagrams: readonly DiagramRow[]): Promise<DriverDiagramView[]> {
    if (diagrams.length === 0) return [];
    const ids = diagrams.map((d) => d.diagram_id);
    const params: unknown[] = [];
    const visible = visibleTo(visibilityTier(viewer), params, { sharing: 'i.sharing', trustCode: 'i.trust_code' });
    params.push(ids);
    const links = await this.db.query<LinkRow>(
      `SELECT l.diagram_id, l.primary_index, l.secondary_index, l.idea_index, l.intervention_id
       FROM rm_driver_diagram_links l JOIN rm_driver_diagram_interventions i ON i.intervention_id = l.intervention_id
       WHERE ${visible} AND l.diagram_id = ANY($${params.length}::text[])
       ORDER BY l.diagram_id, l.primary_index, l.secondary_index, l.idea_index, l.link_index`,
      params,
    );
    const revisions = await this.db.query<RevisionRow>(
      'SELECT * FROM rm_driver_diagram_revisions WHERE diagram_id = ANY($1::text[]) ORDER BY diagram_id, revision',
      [ids],
    );
    const linked = new Map<string, string[]>();
    for (const l of links.rows) {
      const key = `${l.diagram_id}/${l.primary_index}/${l.secondary_index}/${l.idea_index}`;
      linked.set(key, [...(linked.get(key) ?? []), l.intervention_id]);
    }
    return diagrams.map((d) => ({
      id: d.diagram_id,
      trustCode: d.trust_code,
      aim: d.aim,
      measure: d.measure,
      sharing: d.sharing,
      revision: Number(d.revision),
      definedAt: d.defined_at,
      updatedAt: d.updated_at,
      primaryDrivers: parseJson(d.tree).map((p, pi) => ({
        text: p.text,
        secondaryDrivers: p.secondaryDrivers.map((s, si) => ({
          text: s.text,
          changeIdeas: s.changeIdeas.map((c, ci) => ({ text: c.text, interventionIds: linked.get(`${d.diagram_id}/${pi}/${si}/${ci}`) ?? [] })),
        })),
      })),
      revisions: revisions.rows.filter((r) => r.diagram_id === d.diagram_id).map(toRevision),
    }));
  }
}

function toRevision(row: RevisionRow): DriverDiagramRevisionView {
  return {
    revision: Number(row.revision),
    aim: row.aim,
    measure: row.measure,
    sharing: row.sharing,
    note: row.note,
    by: { name: row.by_name, role: row.by_role, trustCode: row.by_trust_code },
    at: row.at,
  };
}
