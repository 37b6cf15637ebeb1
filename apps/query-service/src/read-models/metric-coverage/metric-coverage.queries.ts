import type { MetricCoverageView } from '@longview/contracts';
import type { Database } from '@longview/event-store';

/** The metric coverage reads (rm_metric_coverage only). */
export class MetricCoverageQueries {
  constructor(private readonly db: Database) {}

  /** Every metric that some trust has recorded, in code order. */
  async coverage(): Promise<MetricCoverageView[]> {
    const { rows } = await this.db.query<{ metric: string; trusts: string | number; first_period: string; last_period: string }>(
      `SELECT metric, count(*) AS trusts, min(first_period) AS first_period, max(last_period) AS last_period
         FROM rm_metric_coverage GROUP BY metric ORDER BY metric`,
    );
    return rows.map((r) => ({ metric: r.metric, trusts: Number(r.trusts), firstPeriod: r.first_period, lastPeriod: r.last_period }));
  }
}
