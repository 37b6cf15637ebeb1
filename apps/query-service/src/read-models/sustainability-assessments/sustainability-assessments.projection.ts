import type { Projection } from '../../runner/projection';

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
  async apply(tx, { event, streamVersion }) {
    switch (event.type) {
      case 'InterventionProposed':
        await tx.query(
          `INSERT INTO rm_sustainability_interventions (intervention_id, trust_code, sharing, stream_version)
           VALUES ($1, $2, $3, $4) ON CONFLICT (intervention_id) DO NOTHING`,
          [event.data.interventionId, event.data.trustCode, event.data.sharing, streamVersion],
        );
        return;
      case 'InterventionSharingChanged':
        await tx.query('UPDATE rm_sustainability_interventions SET sharing = $2, stream_version = $3 WHERE intervention_id = $1 AND stream_version < $3', [
          event.data.interventionId,
          event.data.to,
          streamVersion,
        ]);
        return;
      case 'SustainabilityAssessed': {
        const d = event.data;
        await tx.query(
          `INSERT INTO rm_sustainability_assessments
             (intervention_id, assessed_on, scale, levels, note, assessed_by_id, assessed_by_name, assessed_by_role, assessed_by_trust_code, assessed_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (intervention_id, assessed_on) DO NOTHING`,
          [
            d.interventionId,
            d.assessedOn,
            d.scale,
            JSON.stringify(d.scores),
            d.note ?? null,
            d.assessedBy.id,
            d.assessedBy.name,
            d.assessedBy.role,
            d.assessedBy.trustCode ?? null,
            d.assessedAt,
          ],
        );
        return;
      }
      default:
        return;
    }
  },
};
