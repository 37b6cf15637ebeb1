import type { InterventionPage, InterventionView, SeriesView, TrustView } from '@longview/contracts';
import type { Database } from '@longview/event-store';
import { InterventionSummaryQueries, type InterventionFilter } from './intervention-summary/intervention-summary.queries';
import { MetricSeriesQueries } from './metric-series/metric-series.queries';
import { TrustDirectoryQueries, type TrustFilter } from './trust-directory/trust-directory.queries';

/**
 * The reads of the three original read models behind one object, kept for callers of the
 * package's earlier API (and tests that compare whole states). New code uses a slice's own
 * queries class; a new read model does not need a line here.
 */
export class ReadModelQueries {
  readonly trustDirectory: TrustDirectoryQueries;
  readonly interventionSummary: InterventionSummaryQueries;
  readonly metricSeries: MetricSeriesQueries;

  constructor(db: Database) {
    this.trustDirectory = new TrustDirectoryQueries(db);
    this.interventionSummary = new InterventionSummaryQueries(db);
    this.metricSeries = new MetricSeriesQueries(db);
  }

  trusts(filter: TrustFilter = {}): Promise<TrustView[]> {
    return this.trustDirectory.trusts(filter);
  }

  trust(code: string): Promise<TrustView | undefined> {
    return this.trustDirectory.trust(code);
  }

  intervention(id: string): Promise<InterventionView | undefined> {
    return this.interventionSummary.intervention(id);
  }

  interventions(filter: InterventionFilter = {}): Promise<InterventionPage> {
    return this.interventionSummary.interventions(filter);
  }

  series(trustCode: string, metric: string): Promise<SeriesView | undefined> {
    return this.metricSeries.series(trustCode, metric);
  }

  seriesOfTrust(trustCode: string): Promise<SeriesView[]> {
    return this.metricSeries.seriesOfTrust(trustCode);
  }
}
