import type { Projection } from '../../runner/projection';

/**
 * rm_metric_coverage: one row per (metric, trust) that has recorded observations, with the first
 * and last month recorded. Only ObservationsRecorded matters (a correction or a rebase does not
 * change which months exist), and LEAST/GREATEST make a second apply of an event change nothing.
 */
export const metricCoverageProjection: Projection = {
  name: 'metric-coverage',
  schema: [
    `CREATE TABLE IF NOT EXISTS rm_metric_coverage (
       metric text NOT NULL,
       trust_code text NOT NULL,
       first_period text NOT NULL,
       last_period text NOT NULL,
       PRIMARY KEY (metric, trust_code)
     )`,
  ],
  tables: ['rm_metric_coverage'],
  async apply(tx, { event }) {
    if (event.type !== 'ObservationsRecorded' || event.data.observations.length === 0) return;
    const periods = event.data.observations.map((o) => o.period).sort();
    await tx.query(
      `INSERT INTO rm_metric_coverage (metric, trust_code, first_period, last_period) VALUES ($1, $2, $3, $4)
       ON CONFLICT (metric, trust_code) DO UPDATE
         SET first_period = LEAST(rm_metric_coverage.first_period, EXCLUDED.first_period),
             last_period = GREATEST(rm_metric_coverage.last_period, EXCLUDED.last_period)`,
      [event.data.metric, event.data.trustCode, periods[0], periods[periods.length - 1]],
    );
  },
};
