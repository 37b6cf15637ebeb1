import type { EvidenceView, InterventionView, OutcomeView, SeriesView, SpcView, TrustView } from '@longview/contracts';
import { visibilityTier, type InterventionCategory, type Viewer } from '@longview/domain';
import { AnalyticsService } from '../../analytics/analytics.service';
import type { AttributeChartChoice } from '../../analytics/spc-view';
import type { AsOfDate } from './as-of-date';
import { AsOfSources, type LiveReads } from './as-of-sources';
import type { TimeTravelQueries } from './time-travel.queries';

/** How many past log positions keep their analytics (each with its own bounded cache). */
const MAX_POSITIONS = 16;

/**
 * Time travel: the answers of the live path, computed from the events recorded before the end of
 * a date. Where the log stood then is one indexed look-up; everything after that is the live
 * computation (AnalyticsService) over reads folded up to that position (AsOfSources).
 *
 * Caching: one AnalyticsService per past position (at most MAX_POSITIONS, least recently used
 * dropped), whose own cache keys evidence by visibility tier, i.e. answers are cached per
 * (asOf, tier). Its entries are dropped whenever the read models move, because visibility is
 * today's (a sharing change alters a past answer) and "today" keeps growing.
 */
export class TimeTravelService {
  private readonly byPosition = new Map<string, { sources: AsOfSources; analytics: AnalyticsService }>();

  constructor(
    private readonly history: TimeTravelQueries,
    private readonly live: LiveReads,
    private readonly position: () => bigint,
  ) {}

  async intervention(viewer: Viewer, id: string, asOf: AsOfDate): Promise<InterventionView | undefined> {
    const view = await (await this.at(asOf)).sources.interventionAsOf(visibilityTier(viewer), id);
    return view && { ...view, asOf: asOf.date };
  }

  async outcomes(viewer: Viewer, id: string, asOf: AsOfDate): Promise<OutcomeView[] | undefined> {
    return (await this.at(asOf)).analytics.outcomes(viewer, id);
  }

  async evidence(viewer: Viewer, metric: string, category: InterventionCategory | undefined, asOf: AsOfDate): Promise<EvidenceView> {
    return { ...(await (await this.at(asOf)).analytics.evidence(viewer, metric, category)), asOf: asOf.date };
  }

  async series(trustCode: string, metric: string, asOf: AsOfDate): Promise<SeriesView | undefined> {
    const series = await (await this.at(asOf)).sources.seriesAsOf(trustCode, metric);
    return series && { ...series, asOf: asOf.date };
  }

  async seriesSpc(trustCode: string, metric: string, asOf: AsOfDate): Promise<SpcView | undefined> {
    return (await this.at(asOf)).analytics.seriesSpc(trustCode, metric);
  }

  async seriesAttributeSpc(trustCode: string, metric: string, chart: AttributeChartChoice, asOf: AsOfDate): Promise<SpcView | undefined> {
    return (await this.at(asOf)).analytics.seriesAttributeSpc(trustCode, metric, chart);
  }

  async trust(viewer: Viewer, code: string, asOf: AsOfDate): Promise<TrustView | undefined> {
    const trust = await (await this.at(asOf)).sources.trustAsOf(visibilityTier(viewer), code);
    return trust && { ...trust, asOf: asOf.date };
  }

  /** The reads and analytics of the log as it stood at the end of the date. */
  private async at(asOf: AsOfDate): Promise<{ sources: AsOfSources; analytics: AnalyticsService }> {
    const cut = await this.history.positionBefore(asOf.endsBefore);
    const key = cut?.toString() ?? 'nothing';
    let entry = this.byPosition.get(key);
    if (entry) {
      this.byPosition.delete(key);
    } else {
      const sources = new AsOfSources(this.history, this.live, cut);
      entry = { sources, analytics: new AnalyticsService(sources, this.position) };
    }
    this.byPosition.set(key, entry);
    if (this.byPosition.size > MAX_POSITIONS) {
      const oldest = this.byPosition.keys().next().value;
      if (oldest !== undefined) this.byPosition.delete(oldest);
    }
    return entry;
  }
}
