import type { Database } from '@longview/event-store';
import type { ProjectedEvent, Projection } from '../../runner/projection';
import { inKeyOrder } from '../batch-fold';

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
  apply: (tx, projected) => applyCoverageBatch(tx, [projected]),
  applyBatch: applyCoverageBatch,
};

/**
 * The first and last month of each (metric, trust) over the batch's ObservationsRecorded, in one
 * upsert: LEAST/GREATEST give what one upsert per event would. Keys sorted, so rows are locked in
 * the same order in every transaction.
 */
async function applyCoverageBatch(tx: Database, events: readonly ProjectedEvent[]): Promise<void> {
  const ranges = new Map<string, { metric: string; trust_code: string; first_period: string; last_period: string }>();
  for (const { event } of events) {
    if (event.type !== 'ObservationsRecorded' || event.data.observations.length === 0) continue;
    const periods = event.data.observations.map((o) => o.period).sort();
    const first = periods[0] as string;
    const last = periods[periods.length - 1] as string;
    const key = JSON.stringify([event.data.metric, event.data.trustCode]);
    const known = ranges.get(key);
    ranges.set(key, {
      metric: event.data.metric,
      trust_code: event.data.trustCode,
      first_period: known && known.first_period < first ? known.first_period : first,
      last_period: known && known.last_period > last ? known.last_period : last,
    });
  }
  if (ranges.size === 0) return;
  const rows = inKeyOrder(ranges);
  await tx.query(
    `INSERT INTO rm_metric_coverage (metric, trust_code, first_period, last_period)
     SELECT metric, trust_code, first_period, last_period FROM jsonb_to_recordset($1::jsonb) AS r(metric text, trust_code text, first_period text, last_period text)
     ON CONFLICT (metric, trust_code) DO UPDATE
       SET first_period = LEAST(rm_metric_coverage.first_period, EXCLUDED.first_period),
           last_period = GREATEST(rm_metric_coverage.last_period, EXCLUDED.last_period)`,
    [JSON.stringify(rows)],
  );
}
