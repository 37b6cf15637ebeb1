import type { InterventionPage, InterventionView, SeriesView, TrustView } from '@longview/contracts';
import { streamIds, type VisibilityTier } from '@longview/domain';
import type { AnalyticsSources } from '../../analytics/analytics.service';
import type { InterventionFilter, InterventionSummaryQueries } from '../intervention-summary/intervention-summary.queries';
import type { TrustDirectoryQueries, TrustFilter } from '../trust-directory/trust-directory.queries';
import { foldIntervention, foldSeries, foldTrust } from './time-travel.fold';
import type { TimeTravelQueries } from './time-travel.queries';

/** The live reads time travel needs: who may see what now, and today's names and counts. */
export interface LiveReads {
  readonly trusts: Pick<TrustDirectoryQueries, 'trusts' | 'trust'>;
  readonly interventions: Pick<InterventionSummaryQueries, 'intervention' | 'interventions' | 'interventionsById'>;
  readonly localMeasures: AnalyticsSources['localMeasures'];
}

const PAGE = 200;

/**
 * The reads analytics makes (AnalyticsSources), answered as the log stood at position `cut`:
 * each stream's events up to the cut, folded with the live projections' own evolve functions.
 *
 * Visibility is TODAY's: an intervention is read as of the cut only if the viewer's tier may see it
 * in the live read model now (its current sharing). Something made private since is therefore
 * missing from every past answer too (sharing it then did not make it public for ever), and one
 * shared since is visible in past answers (its data were recorded then, whoever could see them).
 * The sharing shown is the current one, the level visibility was decided on.
 */
export class AsOfSources implements AnalyticsSources {
  readonly trusts: AnalyticsSources['trusts'] = {
    trusts: (tier, filter) => this.trustsAsOf(tier, filter ?? {}),
    trust: (tier, code) => this.trustAsOf(tier, code),
  };
  readonly interventions: AnalyticsSources['interventions'] = {
    intervention: (tier, id) => this.interventionAsOf(tier, id),
    interventions: (tier, filter) => this.interventionsAsOf(tier, filter ?? {}),
    interventionsById: async (tier, ids) => {
      const items = await this.asOf((await this.live.interventions.interventionsById(tier, ids)).items);
      return { items, totalCount: items.length, hasNextPage: false, endCursor: null };
    },
  };
  get localMeasures(): AnalyticsSources['localMeasures'] {
    return this.live.localMeasures;
  }
  readonly series: AnalyticsSources['series'] = {
    series: (trustCode, metric) => this.seriesAsOf(trustCode, metric),
    seriesByKeys: async (keys) => (await Promise.all(keys.map((key) => this.seriesAsOf(key.trustCode, key.metric)))).flatMap((s) => (s ? [s] : [])),
    seriesOfMetric: (metric) => this.seriesOfMetricAsOf(metric),
  };

  constructor(
    private readonly history: TimeTravelQueries,
    private readonly live: LiveReads,
    /** The last log position the answer includes; undefined = nothing had been recorded. */
    readonly cut: bigint | undefined,
  ) {}

  async seriesAsOf(trustCode: string, metric: string): Promise<SeriesView | undefined> {
    if (this.cut === undefined) return undefined;
    return foldSeries(trustCode, metric, await this.history.stream(streamIds.series(trustCode, metric), this.cut));
  }

  async interventionAsOf(tier: VisibilityTier, id: string): Promise<InterventionView | undefined> {
    const now = await this.live.interventions.intervention(tier, id);
    if (!now) return undefined;
    return (await this.asOf([now]))[0];
  }

  async trustAsOf(tier: VisibilityTier, code: string): Promise<TrustView | undefined> {
    const now = await this.live.trusts.trust(tier, code);
    return now ? (await this.trustsAt([now]))[0] : undefined;
  }

  /** Every intervention the tier may see now (and matching the filter) that existed at the cut, in one page. */
  private async interventionsAsOf(tier: VisibilityTier, filter: InterventionFilter): Promise<InterventionPage> {
    const visible: InterventionView[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await this.live.interventions.interventions(tier, {
        ...(filter.trustCode ? { trustCode: filter.trustCode } : {}),
        ...(filter.category ? { category: filter.category } : {}),
        first: PAGE,
        ...(after ? { after } : {}),
      });
      visible.push(...page.items);
      if (!page.hasNextPage || !page.endCursor) break;
      after = page.endCursor;
    }
    // Status is the one thing that changes over time among the filters: it is applied as of the cut.
    const items = (await this.asOf(visible)).filter((i) => !filter.status || i.status === filter.status);
    return { items, totalCount: items.length, hasNextPage: false, endCursor: null };
  }

  /** The live views folded as of the cut (one read for all of their streams); those not yet proposed are left out. */
  private async asOf(views: readonly InterventionView[]): Promise<InterventionView[]> {
    if (this.cut === undefined || views.length === 0) return [];
    const streams = await this.history.streams(
      views.map((v) => streamIds.intervention(v.id)),
      this.cut,
    );
    return views.flatMap((now) => {
      const then = foldIntervention(streams.get(streamIds.intervention(now.id)) ?? [], () => now.trustName);
      return then ? [{ ...then, trustName: now.trustName, sharing: now.sharing }] : [];
    });
  }

  private async trustsAsOf(tier: VisibilityTier, filter: TrustFilter): Promise<TrustView[]> {
    return this.trustsAt(await this.live.trusts.trusts(tier, filter));
  }

  /** Today's trust views with what their own streams said at the cut (name, context); those not yet registered are left out. */
  private async trustsAt(views: readonly TrustView[]): Promise<TrustView[]> {
    if (this.cut === undefined || views.length === 0) return [];
    const streams = await this.history.streams(
      views.map((v) => streamIds.trust(v.code)),
      this.cut,
    );
    return views.flatMap((now) => {
      const then = foldTrust(streams.get(streamIds.trust(now.code)) ?? []);
      return then ? [{ ...now, ...then }] : [];
    });
  }

  private async seriesOfMetricAsOf(metric: string): Promise<SeriesView[]> {
    if (this.cut === undefined) return [];
    const ids = await this.history.streamIdsLike('series-', `-${metric}`, this.cut);
    const streams = await this.history.streams(ids, this.cut);
    return ids.flatMap((id) => {
      const events = streams.get(id) ?? [];
      const first = events[0]?.event;
      // The stream's own events name its trust and metric (an id ending in "-<metric>" may be a longer metric's).
      if (!first || !('metric' in first.data) || first.data.metric !== metric || !('trustCode' in first.data)) return [];
      const series = foldSeries(first.data.trustCode, metric, events);
      return series ? [series] : [];
    });
  }
}
