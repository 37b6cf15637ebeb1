import type { InterventionPage, InterventionView, SeriesView, TrustView } from '@longview/contracts';
import type { VisibilityTier } from '@longview/domain';
import type { Database } from '@longview/event-store';
import { InterventionSummaryQueries, type InterventionFilter } from './intervention-summary/intervention-summary.queries';
import { MetricSeriesQueries } from './metric-series/metric-series.queries';
import { TrustDirectoryQueries, type TrustFilter } from './trust-directory/trust-directory.queries';

/**
 * The reads of the three original read models behind one object, kept for callers of the
 * package's earlier API (and tests that compare whole states). New code uses a slice's own
 * queries class; a new read model does not need a line here. Reads of interventions (and of
 * trusts, which count them) are made for a visibility tier, as the slices' are.
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

  trusts(tier: VisibilityTier, filter: TrustFilter = {}): Promise<TrustView[]> {
    return this.trustDirectory.trusts(tier, filter);
  }

  trust(tier: VisibilityTier, code: string): Promise<TrustView | undefined> {
    return this.trustDirectory.trust(tier, code);
  }

  intervention(tier: VisibilityTier, id: string): Promise<InterventionView | undefined> {
    return this.interventionSummary.intervention(tier, id);
  }

  interventions(tier: VisibilityTier, filter: InterventionFilter = {}): Promise<InterventionPage> {
    return this.interventionSummary.interventions(tier, filter);
  }

  series(trustCode: string, metric: string): Promise<SeriesView | undefined> {
    return this.metricSeries.series(trustCode, metric);
  }

  seriesOfTrust(trustCode: string): Promise<SeriesView[]> {
    return this.metricSeries.seriesOfTrust(trustCode);
  }
}
