import type { Database } from '@longview/event-store';
import type { Projection, ProjectedEvent } from '../../runner/projection';
import { inKeyOrder } from '../batch-fold';
import { InterventionSharingCopies } from '../intervention-sharing-copies';

/**
 * rm_sustainability_assessments (one row per intervention and date: the team's levels as
 * assessed) and what visibility needs of interventions, kept here (rm_sustainability_interventions:
 * trust and current sharing). An assessment may arrive before its intervention in distributed
 * mode: the two are joined at read time, and an assessment of an intervention not yet known is
 * shown to no one. Scores are derived from the levels at read time (one scoring function).
 * Idempotent: rows keyed by what the events identify; sharing changes applied by stream version.
 */
export const sustainabilityAssessmentsProjection: Projection = {
  name: 'sustainability-assessments',
  schema: [
    `CREATE TABLE IF NOT EXISTS rm_sustainability_interventions (
       intervention_id text PRIMARY KEY,
       trust_code text NOT NULL,
       sharing text NOT NULL,
       stream_version integer NOT NULL
     )`,
    `CREATE TABLE IF NOT EXISTS rm_sustainability_assessments (
       intervention_id text NOT NULL,
       assessed_on text NOT NULL,
       scale text NOT NULL,
       levels jsonb NOT NULL,
       note text,
       assessed_by_id text NOT NULL,
       assessed_by_name text NOT NULL,
       assessed_by_role text NOT NULL,
       assessed_by_trust_code text,
       assessed_at text NOT NULL,
       PRIMARY KEY (intervention_id, assessed_on)
     )`,
  ],
  tables: ['rm_sustainability_interventions', 'rm_sustainability_assessments'],
  apply: (tx, projected) => applyAssessmentsBatch(tx, [projected]),
  applyBatch: applyAssessmentsBatch,
};

/**
 * A batch, folded in memory: one read of the interventions its events name, every event applied
 * in log order, then one upsert of the interventions that changed and one insert of the
 * assessments, in key order. An assessment is never changed once stored (ON CONFLICT DO NOTHING),
 * so of the ones in the batch with the same key the first is the one inserted, and a stored one
 * stays: no read is needed for them.
 */
async function applyAssessmentsBatch(tx: Database, events: readonly ProjectedEvent[]): Promise<void> {
  const interventions = await InterventionSharingCopies.load(tx, 'rm_sustainability_interventions', events);
  const assessments = new Map<string, AssessmentRow>();
  for (const projected of events) {
    const { event } = projected;
    if (event.type !== 'SustainabilityAssessed') {
      interventions.apply(projected);
      continue;
    }
    const d = event.data;
    const key = JSON.stringify([d.interventionId, d.assessedOn]);
    if (assessments.has(key)) continue; // the first in the batch is the one inserted
    assessments.set(key, {
      intervention_id: d.interventionId,
      assessed_on: d.assessedOn,
      scale: d.scale,
      levels: d.scores,
      note: d.note ?? null,
      assessed_by_id: d.assessedBy.id,
      assessed_by_name: d.assessedBy.name,
      assessed_by_role: d.assessedBy.role,
      assessed_by_trust_code: d.assessedBy.trustCode ?? null,
      assessed_at: d.assessedAt,
    });
  }
  await interventions.write(tx);
  if (assessments.size > 0) {
    await tx.query(
      `INSERT INTO rm_sustainability_assessments
         (intervention_id, assessed_on, scale, levels, note, assessed_by_id, assessed_by_name, assessed_by_role, assessed_by_trust_code, assessed_at)
       SELECT intervention_id, assessed_on, scale, levels, note, assessed_by_id, assessed_by_name, assessed_by_role, assessed_by_trust_code, assessed_at
         FROM jsonb_to_recordset($1::jsonb) AS a(intervention_id text, assessed_on text, scale text, levels jsonb, note text, assessed_by_id text,
                                                 assessed_by_name text, assessed_by_role text, assessed_by_trust_code text, assessed_at text)
       ON CONFLICT (intervention_id, assessed_on) DO NOTHING`,
      [JSON.stringify(inKeyOrder(assessments))],
    );
  }
}

/** A row of rm_sustainability_assessments. */
interface AssessmentRow {
  readonly intervention_id: string;
  readonly assessed_on: string;
  readonly scale: string;
  readonly levels: readonly { readonly factor: string; readonly level: number }[];
  readonly note: string | null;
  readonly assessed_by_id: string;
  readonly assessed_by_name: string;
  readonly assessed_by_role: string;
  readonly assessed_by_trust_code: string | null;
  readonly assessed_at: string;
}
