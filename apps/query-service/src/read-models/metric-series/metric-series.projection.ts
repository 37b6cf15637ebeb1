import type { ObservationView, SeriesView } from '@longview/contracts';
import type { LongviewEvent } from '@longview/domain';
import type { Projection } from '../../runner/projection';
import { parseJson } from '../json-column';

/**
 * rm_series: one document per (trust, metric) with its observations in period order. All its
 * events come from the series' own stream; `stream_version` makes each apply once (a correction
 * applied twice would otherwise be listed twice).
 */
export const metricSeriesProjection: Projection = {
  name: 'metric-series',
  // 2: stream_version gates series events.
  version: 2,
  schema: [
    `CREATE TABLE IF NOT EXISTS rm_series (
       trust_code text NOT NULL,
       metric text NOT NULL,
       doc jsonb NOT NULL,
       stream_version integer NOT NULL DEFAULT 0,
       PRIMARY KEY (trust_code, metric)
     )`,
    // Tables of version 1 lack it.
    `ALTER TABLE rm_series ADD COLUMN IF NOT EXISTS stream_version integer NOT NULL DEFAULT 0`,
  ],
  tables: ['rm_series'],
  async apply(tx, { event, streamVersion }) {
    if (!isSeriesEvent(event)) return;
    const { trustCode, metric } = event.data;
    const { rows } = await tx.query<{ doc: SeriesView | string; stream_version: number }>(
      'SELECT doc, stream_version FROM rm_series WHERE trust_code = $1 AND metric = $2',
      [trustCode, metric],
    );
    if (rows[0] && rows[0].stream_version >= streamVersion) return; // already applied
    const current: SeriesView = rows[0] ? parseJson<SeriesView>(rows[0].doc) : emptySeries(trustCode, metric);
    const next = evolveSeries(current, event);
    await tx.query(
      `INSERT INTO rm_series (trust_code, metric, doc, stream_version) VALUES ($1, $2, $3, $4)
       ON CONFLICT (trust_code, metric) DO UPDATE SET doc = EXCLUDED.doc, stream_version = EXCLUDED.stream_version`,
      [trustCode, metric, JSON.stringify(next), streamVersion],
    );
  },
};

export function emptySeries(trustCode: string, metric: string): SeriesView {
  return { trustCode, metric, observations: [], rebasePeriods: [], corrections: [] };
}

export type SeriesEvent = Extract<LongviewEvent, { type: 'ObservationsRecorded' | 'ObservationCorrected' | 'SeriesRebased' }>;

export function isSeriesEvent(event: LongviewEvent): event is SeriesEvent {
  return event.type === 'ObservationsRecorded' || event.type === 'ObservationCorrected' || event.type === 'SeriesRebased';
}

/**
 * The series document after one of its stream's events: a pure function, so the live projection
 * and time travel (apps/query-service/src/read-models/time-travel) fold the same way.
 */
export function evolveSeries(current: SeriesView, event: SeriesEvent): SeriesView {
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
      return { ...current, observations: [...byPeriod.values()].sort((a, b) => a.period.localeCompare(b.period)) };
    }
    case 'ObservationCorrected': {
      const d = event.data;
      return {
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
    }
    case 'SeriesRebased':
      return { ...current, rebasePeriods: [...new Set([...current.rebasePeriods, event.data.fromPeriod])].sort() };
  }
}
