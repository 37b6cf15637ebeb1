import type { SustainabilityAssessmentView } from '@longview/contracts';
import { scoreSustainability, visibilityTier, type FactorLevel, type Viewer } from '@longview/domain';
import type { Database } from '@longview/event-store';
import { visibleTo } from '../../access/visible-to';
import { parseJson } from '../json-column';

interface AssessmentRow {
  intervention_id: string;
  assessed_on: string;
  scale: string;
  levels: FactorLevel[] | string;
  note: string | null;
  assessed_by_id: string;
  assessed_by_name: string;
  assessed_by_role: string;
  assessed_by_trust_code: string | null;
  assessed_at: string;
}

export class SustainabilityAssessmentQueries {
  constructor(private readonly db: Database) {}

  /**
   * An intervention's self-assessments, newest assessedOn first, when the viewer may see the
   * intervention (its current sharing, in SQL); otherwise none, exactly as for a missing one.
   */
  async ofIntervention(viewer: Viewer, interventionId: string): Promise<SustainabilityAssessmentView[]> {
    const params: unknown[] = [interventionId];
    const visible = visibleTo(visibilityTier(viewer), params, { sharing: 'i.sharing', trustCode: 'i.trust_code' });
    const { rows } = await this.db.query<AssessmentRow>(
      `SELECT a.* FROM rm_sustainability_assessments a
         JOIN rm_sustainability_interventions i ON i.intervention_id = a.intervention_id
        WHERE a.intervention_id = $1 AND ${visible}
        ORDER BY a.assessed_on DESC`,
      params,
    );
    return rows.map(toView);
  }
}

function toView(row: AssessmentRow): SustainabilityAssessmentView {
  const score = scoreSustainability(parseJson(row.levels));
  return {
    interventionId: row.intervention_id,
    assessedOn: row.assessed_on,
    scale: row.scale,
    total: score.total,
    max: score.max,
    scores: score.scores.map(({ factor, group, level, score: points }) => ({ factor, group, level, score: points })),
    groups: score.groups,
    note: row.note,
    assessedBy: {
      id: row.assessed_by_id,
      name: row.assessed_by_name,
      role: row.assessed_by_role,
      trustCode: row.assessed_by_trust_code,
    },
    assessedAt: row.assessed_at,
  };
}
