import type { ObservationView, SeriesView } from '@longview/contracts';
import { parseJson } from './trust-directory.projection';
import type { Projection } from './projection';

/** rm_series: one document per (trust, metric) with its observations in period order. */
export const metricSeriesProjection: Projection = {
  name: 'metric-series',
  schema: [
    `CREATE TABLE IF NOT EXISTS rm_series (
       trust_code text NOT NULL,
       metric text NOT NULL,
       doc jsonb NOT NULL,
       PRIMARY KEY (trust_code, metric)
     )`,
  ],
  tables: ['rm_series'],
  async apply(tx, { event }) {
    if (event.type !== 'ObservationsRecorded' && event.type !== 'ObservationCorrected' && event.type !== 'SeriesRebased') return;
    const { trustCode, metric } = event.data;
    const { rows } = await tx.query<{ doc: SeriesView | string }>('SELECT doc FROM rm_series WHERE trust_code = $1 AND metric = $2', [
      trustCode,
      metric,
    ]);
    const current: SeriesView = rows[0]
      ? parseJson<SeriesView>(rows[0].doc)
      : { trustCode, metric, observations: [], rebasePeriods: [], corrections: [] };
    let next: SeriesView;
    switch (event.type) {
      case 'ObservationsRecorded': {
        const byPeriod = new Map(current.observations.map((o) => [o.period, o]));
        for (const o of event.data.observations) {
          const view: ObservationView = {
            period: o.period,
            value: o.value,
            ...(o.numerator !== undefined ? { numerator: o.numerator } : {}),
            ...(o.denominator !== undefined ? { denominator: o.denominator } : {}),
            corrected: false,
          };
          byPeriod.set(o.period, view);
        }
        next = { ...current, observations: [...byPeriod.values()].sort((a, b) => a.period.localeCompare(b.period)) };
        break;
      }
      case 'ObservationCorrected': {
        const d = event.data;
        next = {
          ...current,
          observations: current.observations.map((o) =>
            o.period === d.period
              ? {
                  period: o.period,
                  value: d.value,
                  ...(d.numerator !== undefined ? { numerator: d.numerator } : {}),
                  ...(d.denominator !== undefined ? { denominator: d.denominator } : {}),
                  corrected: true,
                }
              : o,
          ),
          corrections: [...current.corrections, { period: d.period, previousValue: d.previousValue, value: d.value, reason: d.reason }],
        };
        break;
      }
      case 'SeriesRebased':
        next = { ...current, rebasePeriods: [...new Set([...current.rebasePeriods, event.data.fromPeriod])].sort() };
        break;
    }
    await tx.query(
      `INSERT INTO rm_series (trust_code, metric, doc) VALUES ($1, $2, $3)
       ON CONFLICT (trust_code, metric) DO UPDATE SET doc = EXCLUDED.doc`,
      [trustCode, metric, JSON.stringify(next)],
    );
  },
};
