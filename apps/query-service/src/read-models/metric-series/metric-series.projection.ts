import type { ObservationView, SeriesView } from '@longview/contracts';
import type { LongviewEvent } from '@longview/domain';
import type { Database } from '@longview/event-store';
import type { ProjectedEvent, Projection } from '../../runner/projection';
import { inKeyOrder } from '../batch-fold';
import { parseJson } from '../json-column';

/**
 * rm_series: one document per (trust, metric) with its observations in period order. All its
 * events come from the series' own stream; `stream_version` makes each apply once (a correction
 * applied twice would otherwise be listed twice). `apply` is `applyBatch` of one event.
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
  apply: (tx, projected) => applySeriesBatch(tx, [projected]),
  applyBatch: applySeriesBatch,
};

/**
 * The batch folded in memory: one read of the documents of every series it touches, each event
 * folded onto its series' document (evolveSeries) unless the stored version says it was applied,
 * one upsert of the documents that moved. Keys in sorted order, so the upsert locks rows in the
 * same order in every transaction.
 */
async function applySeriesBatch(tx: Database, events: readonly ProjectedEvent[]): Promise<void> {
  const seriesEvents = events.filter((e): e is ProjectedEvent & { event: SeriesEvent } => isSeriesEvent(e.event));
  if (seriesEvents.length === 0) return;
  const keyOf = (trustCode: string, metric: string) => JSON.stringify([trustCode, metric]);
  const keys = inKeyOrder(
    new Map(seriesEvents.map(({ event: { data } }) => [keyOf(data.trustCode, data.metric), { trust_code: data.trustCode, metric: data.metric }])),
  );
  const { rows } = await tx.query<{ trust_code: string; metric: string; doc: SeriesView | string; stream_version: number }>(
    `SELECT s.trust_code, s.metric, s.doc, s.stream_version FROM rm_series s
       JOIN jsonb_to_recordset($1::jsonb) AS k(trust_code text, metric text) ON k.trust_code = s.trust_code AND k.metric = s.metric`,
    [JSON.stringify(keys)],
  );
  const stored = new Map(rows.map((r) => [keyOf(r.trust_code, r.metric), { doc: parseJson<SeriesView>(r.doc), version: r.stream_version, moved: false }]));
  for (const { event, streamVersion } of seriesEvents) {
    const key = keyOf(event.data.trustCode, event.data.metric);
    const series = stored.get(key) ?? { doc: emptySeries(event.data.trustCode, event.data.metric), version: 0, moved: false };
    if (series.version >= streamVersion) continue; // already applied
    stored.set(key, { doc: evolveSeries(series.doc, event), version: streamVersion, moved: true });
  }
  const moved = keys.flatMap(({ trust_code, metric }) => {
    const series = stored.get(keyOf(trust_code, metric));
    return series?.moved ? [{ trust_code, metric, doc: series.doc, stream_version: series.version }] : [];
  });
  if (moved.length === 0) return;
  await tx.query(
    `INSERT INTO rm_series (trust_code, metric, doc, stream_version)
     SELECT trust_code, metric, doc, stream_version FROM jsonb_to_recordset($1::jsonb) AS r(trust_code text, metric text, doc jsonb, stream_version integer)
     ON CONFLICT (trust_code, metric) DO UPDATE SET doc = EXCLUDED.doc, stream_version = EXCLUDED.stream_version`,
    [JSON.stringify(moved)],
  );
}

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
