import type { SeriesView } from '@longview/contracts';
import type { Database } from '@longview/event-store';
import { parseJson } from '../json-column';

/** The metric series' reads (rm_series only). */
export class MetricSeriesQueries {
  constructor(private readonly db: Database) {}

  async series(trustCode: string, metric: string): Promise<SeriesView | undefined> {
    const { rows } = await this.db.query<{ doc: SeriesView | string }>('SELECT doc FROM rm_series WHERE trust_code = $1 AND metric = $2', [trustCode, metric]);
    return rows[0] ? parseJson<SeriesView>(rows[0].doc) : undefined;
  }

  /** The series of many (trust, metric) pairs in one statement; pairs with no series are left out. */
  async seriesByKeys(keys: readonly { readonly trustCode: string; readonly metric: string }[]): Promise<SeriesView[]> {
    if (keys.length === 0) return [];
    const { rows } = await this.db.query<{ doc: SeriesView | string }>(
      'SELECT s.doc FROM rm_series s JOIN unnest($1::text[], $2::text[]) AS k(trust_code, metric) ON s.trust_code = k.trust_code AND s.metric = k.metric',
      [keys.map((k) => k.trustCode), keys.map((k) => k.metric)],
    );
    return rows.map((r) => parseJson<SeriesView>(r.doc));
  }

  async seriesOfTrust(trustCode: string): Promise<SeriesView[]> {
    const { rows } = await this.db.query<{ doc: SeriesView | string }>('SELECT doc FROM rm_series WHERE trust_code = $1 ORDER BY metric', [trustCode]);
    return rows.map((r) => parseJson<SeriesView>(r.doc));
  }

  /** Every trust's series of one metric (benchmarks and funnel plots), by trust code. */
  async seriesOfMetric(metric: string): Promise<SeriesView[]> {
    const { rows } = await this.db.query<{ doc: SeriesView | string }>('SELECT doc FROM rm_series WHERE metric = $1 ORDER BY trust_code', [metric]);
    return rows.map((r) => parseJson<SeriesView>(r.doc));
  }
}
