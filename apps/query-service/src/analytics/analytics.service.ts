import {
  addMonths,
  assessBalancing,
  evaluateOutcome,
  nearestPeers,
  PeerIndex,
  describePooling,
  evidencePoolOptions,
  funnelPlot,
  monthsBetween,
  pool,
  quantile,
  rankOf,
  summarise,
  projectSystem,
  spc,
  sustainedShare,
  portfolio,
  type ImprovementDirection,
  type InterventionOutcome,
  type TrustFeatures,
} from '@longview/analytics';
import type {
  BenchmarkView,
  EvidenceStudyView,
  FunnelView,
  ProjectionExclusionView,
  EvidenceView,
  InterventionView,
  InterventionOutcomesView,
  OutcomeView,
  PeerView,
  PortfolioView,
  TrustPeersView,
  ProjectionMonthView,
  ProjectionView,
  SeriesView,
  SpcView,
  Sustainability,
  TrustView,
} from '@longview/contracts';
import {
  findMetric,
  visibilityTier,
  type InterventionCategory,
  type InterventionTarget,
  type MetricDefinition,
  type Viewer,
  type VisibilityTier,
} from '@longview/domain';
import type { InterventionSummaryQueries } from '../read-models/intervention-summary/intervention-summary.queries';
import type { LocalMeasureQueries } from '../read-models/local-measures/local-measures.queries';
import type { MetricSeriesQueries } from '../read-models/metric-series/metric-series.queries';
import type { TrustDirectoryQueries } from '../read-models/trust-directory/trust-directory.queries';
import { AnalyticsCache } from './analytics-cache';
import { XMR_REASON, attributeChartView, hasCounts, runChartView, wantsRunChart, type AttributeChartChoice } from './spc-view';

/**
 * The read models analytics reads, through their slices' queries (only the reads it makes, so
 * time travel can hand it the same reads folded up to a past log position).
 */
export interface AnalyticsSources {
  readonly trusts: Pick<TrustDirectoryQueries, 'trusts' | 'trust'>;
  readonly interventions: Pick<InterventionSummaryQueries, 'intervention' | 'interventions' | 'interventionsById'>;
  readonly series: Pick<MetricSeriesQueries, 'series' | 'seriesByKeys' | 'seriesOfMetric'>;
  /** Trusts' own measures: the name, unit and direction of a local code. */
  readonly localMeasures: Pick<LocalMeasureQueries, 'definitionFor' | 'measure'>;
}

/** How many recent months describe a trust's current process (peers' baseline, projections). */
const RECENT_MONTHS = 24;
/**
 * A trust enters a projection only if its latest data are at most this many months older than the
 * newest data of the metric among the trusts in scope (overridable per request): a trust whose
 * data ended years ago says nothing about the system now.
 */
export const DEFAULT_MAX_DATA_AGE_MONTHS = 3;
/** How many context peers a benchmark's peer median is taken over. */
export const BENCHMARK_PEERS = 5;
const VERDICTS: readonly Sustainability[] = ['SUSTAINED', 'FADED', 'NOT_YET_EVIDENT', 'NO_SIGNAL', 'DETERIORATED', 'INSUFFICIENT_DATA'];

export interface ProjectionRequest {
  metric: string;
  region?: string;
  horizonMonths: number;
  draws: number;
  seed: number;
  /** Default DEFAULT_MAX_DATA_AGE_MONTHS. */
  maxDataAgeMonths?: number;
  scenario?: { category: InterventionCategory; adopters: number; similarTo?: string };
}

/** A P′/U′ chart asked of a series whose observations do not all carry numerators and denominators. */
export class NoCountsError extends Error {
  constructor(trustCode: string, metric: string) {
    super(`A P′ or U′ chart needs a numerator and a denominator for every month, and the ${metric} series of ${trustCode} does not have them`);
    this.name = 'NoCountsError';
  }
}

/** A funnel plot asked of a metric whose series carry no numerators and denominators. */
export class NotAProportionError extends Error {
  constructor(metric: string) {
    super(`A funnel plot needs numerators and denominators, and no ${metric} series has them`);
    this.name = 'NotAProportionError';
  }
}

export class UnknownMetricError extends Error {
  constructor(metric: string) {
    super(`Unknown metric "${metric}"`);
    this.name = 'UnknownMetricError';
  }
}

/**
 * The analytics of the read side: pure functions from @longview/analytics applied to the read
 * models, cached until the next event. Whatever reads interventions (outcomes, evidence, the
 * scenarios of projections) reads only those the viewer may see, and what is pooled over them is
 * cached per visibility tier (viewers of one tier see the same things), never per viewer.
 */
export class AnalyticsService {
  private readonly cache = new AnalyticsCache();

  constructor(
    private readonly read: AnalyticsSources,
    private readonly position: () => bigint,
  ) {}

  async seriesSpc(trustCode: string, metric: string): Promise<SpcView | undefined> {
    const series = await this.read.series.series(trustCode, metric);
    return series ? spcOf(series, await this.definitionOf(trustCode, metric)) : undefined;
  }

  /** The catalogue entry, or the trust's own local measure (the domain's one rule, metricForTrust). */
  private definitionOf(trustCode: string, metric: string): Promise<MetricDefinition | undefined> {
    const catalogue = findMetric(metric);
    return catalogue ? Promise.resolve(catalogue) : this.read.localMeasures.definitionFor(trustCode, metric);
  }

  /** A catalogue metric, or any trust's local measure (evidence of a local code covers the one trust that measures it). */
  private async knownMetric(metric: string): Promise<boolean> {
    return findMetric(metric) !== undefined || (await this.read.localMeasures.measure(metric)) !== undefined;
  }

  /**
   * The SPC views of many series in one call (a trust page, a page of interventions' outcomes):
   * one read of the series, each analysis cached until the next event; pairs with no series are left out.
   */
  async seriesSpcOf(keys: readonly { readonly trustCode: string; readonly metric: string }[]): Promise<SpcView[]> {
    const found = await this.read.series.seriesByKeys(keys);
    return Promise.all(found.map((series) => this.cached(`spc:${series.trustCode}:${series.metric}`, () => Promise.resolve(spcOf(series)))));
  }

  /** The series as a P′ or U′ chart (its numerators and denominators); undefined when there is no such series. */
  async seriesAttributeSpc(trustCode: string, metric: string, chart: AttributeChartChoice): Promise<SpcView | undefined> {
    const series = await this.read.series.series(trustCode, metric);
    if (!series) return undefined;
    if (!hasCounts(series)) throw new NoCountsError(trustCode, metric);
    const definition = await this.definitionOf(trustCode, metric);
    const direction = definition?.improvement === 'DECREASE' ? 'decrease' : 'increase';
    return attributeChartView(series, chart, direction, definition?.nationalStandard?.value ?? null, definition?.unit === '%' ? 100 : 1);
  }

  /** Undefined when the intervention is missing or hidden from the viewer (the same answer). */
  async outcomes(viewer: Viewer, interventionId: string): Promise<OutcomeView[] | undefined> {
    const intervention = await this.read.interventions.intervention(visibilityTier(viewer), interventionId);
    if (!intervention) return undefined;
    // Keyed by intervention only: its outcomes are the same for everyone allowed to see it.
    return this.cached(`outcomes:${interventionId}`, () => this.outcomesOfIntervention(intervention));
  }

  /**
   * The outcomes of many interventions in one call (a page of interventions asking for their
   * outcomes): one batch read of the interventions the viewer may see; each intervention's
   * outcomes cached as `outcomes` caches them. Missing and hidden ids are left out alike.
   */
  async outcomesOf(viewer: Viewer, interventionIds: readonly string[]): Promise<InterventionOutcomesView[]> {
    const { items } = await this.read.interventions.interventionsById(visibilityTier(viewer), [...new Set(interventionIds)]);
    return Promise.all(
      items.map(async (intervention) => ({
        interventionId: intervention.id,
        outcomes: await this.cached(`outcomes:${intervention.id}`, () => this.outcomesOfIntervention(intervention)),
      })),
    );
  }

  /**
   * A trust's nearest peers on context. The gateway asks once per trust for a list of trusts,
   * so the index over every trust is built once per read-model position and each call is a
   * lookup plus one pass over its arrays.
   */
  async peers(trustCode: string, limit: number): Promise<readonly PeerView[] | undefined> {
    return (await this.peersOf([trustCode], limit))[0]?.peers;
  }

  /** The peers of each code that is a trust, in the order asked; one index lookup each. */
  async peersOf(trustCodes: readonly string[], limit: number): Promise<TrustPeersView[]> {
    const { index, names } = await this.peerIndex();
    return trustCodes.flatMap((code) => {
      const nearest = index.nearest(code, limit);
      if (!nearest) return [];
      return [{ code, peers: nearest.map((p) => ({ code: p.code, name: names.get(p.code) ?? p.code, distance: p.distance, contributions: p.contributions })) }];
    });
  }

  private peerIndex(): Promise<{ index: PeerIndex; names: ReadonlyMap<string, string> }> {
    return this.cached('peer-index', async () => {
      const trusts = await this.trustsWithBaseline();
      const names = new Map(trusts.map((t) => [t.view.code, t.view.name]));
      return { index: new PeerIndex(trusts.map((t) => t.features)), names };
    });
  }

  /** Pooled over the interventions the viewer may see (k, studies, verdicts and all). */
  async evidence(viewer: Viewer, metric: string, category?: InterventionCategory): Promise<EvidenceView> {
    return this.evidenceFor(visibilityTier(viewer), metric, category);
  }

  /** A scenario is drawn from the evidence the viewer may see; the status quo reads no interventions. */
  async projection(viewer: Viewer, request: ProjectionRequest): Promise<ProjectionView> {
    if (!findMetric(request.metric)) throw new UnknownMetricError(request.metric);
    const tier = visibilityTier(viewer);
    // Only a scenario depends on what the viewer may see: the status quo is shared by every tier.
    const scope = request.scenario ? tier.key : '*';
    return this.cached(`projection:${scope}:${JSON.stringify(request)}`, () => this.computeProjection(tier, request));
  }

  private async evidenceFor(tier: VisibilityTier, metric: string, category?: InterventionCategory): Promise<EvidenceView> {
    if (!(await this.knownMetric(metric))) throw new UnknownMetricError(metric);
    return this.cached(`evidence:${tier.key}:${metric}:${category ?? ''}`, () => this.computeEvidence(tier, metric, category));
  }

  private cached<T>(key: string, compute: () => Promise<T>): Promise<T> {
    return this.cache.get(key, this.position(), compute);
  }

  /**
   * Every target evaluated in its own direction, then the balancing rule (assessBalancing): an
   * improved outcome beside a balancing measure with a concern signal marks both, with a sentence.
   */
  private async outcomesOfIntervention(intervention: InterventionView): Promise<OutcomeView[]> {
    const evaluated: { view: OutcomeView; outcome: InterventionOutcome | null; name: string; target: InterventionTarget }[] = [];
    for (const target of intervention.targets) {
      const series = await this.read.series.series(intervention.trustCode, target.metric);
      const name = (await this.definitionOf(intervention.trustCode, target.metric))?.name ?? target.metric;
      evaluated.push({ ...outcomeOf(intervention, target, series), name, target });
    }
    const balancing = assessBalancing(
      evaluated.map((e) => ({ metric: e.target.metric, name: e.name, role: e.target.role, direction: e.target.direction, outcome: e.outcome })),
    );
    return evaluated.map((e, i) => {
      const sentence = balancing.sentences[i];
      return { ...e.view, balancingConcern: balancing.flags[i] ?? false, ...(sentence ? { reason: `${e.view.reason} ${sentence}` } : {}) };
    });
  }

  /** An intervention's outcomes, cached like the outcomes route (the same for everyone who may see it). */
  private outcomesCached(intervention: InterventionView): Promise<OutcomeView[]> {
    return this.cached(`outcomes:${intervention.id}`, () => this.outcomesOfIntervention(intervention));
  }

  private async computeEvidence(tier: VisibilityTier, metric: string, category?: InterventionCategory): Promise<EvidenceView> {
    return this.evidenceOver(await this.startedInterventions(tier, metric, category), metric, category);
  }

  /**
   * A programme's figures over its linked interventions the viewer may see (`interventionIds`
   * come from the programme's visibility-filtered links, and are read again for the tier): each
   * one's verdict (on the programme's metric when it targets it, else on its first target), the
   * evidence pooled exactly as Query.evidence pools (over those started that target the metric)
   * and the portfolio. Cached per tier, never per viewer.
   */
  async programmeFigures(
    viewer: Viewer,
    interventionIds: readonly string[],
    metric: string,
    asOf: string,
  ): Promise<{
    interventions: { intervention: InterventionView; verdict: Sustainability | null; verdictMetric: string | null }[];
    evidence: EvidenceView;
    portfolio: PortfolioView;
  }> {
    const tier = visibilityTier(viewer);
    return this.cached(`programme:${tier.key}:${metric}:${asOf}:${interventionIds.join(',')}`, async () => {
      const visible = (await this.read.interventions.interventionsById(tier, interventionIds)).items;
      const judged = await this.verdictsOf(visible, metric);
      const started = visible.filter((i) => i.startedOn !== undefined && i.targets.some((t) => t.metric === metric));
      return { interventions: judged, evidence: await this.evidenceOver(started, metric), portfolio: portfolioOf(judged, asOf) };
    });
  }

  /** The portfolio of a trust's interventions the viewer may see; undefined when there is no such trust. */
  async trustPortfolio(viewer: Viewer, trustCode: string, asOf: string): Promise<PortfolioView | undefined> {
    const tier = visibilityTier(viewer);
    if (!(await this.read.trusts.trust(tier, trustCode))) return undefined;
    return this.cached(`trust-portfolio:${tier.key}:${trustCode}:${asOf}`, async () => {
      const all: InterventionView[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await this.read.interventions.interventions(tier, { trustCode, first: 200, ...(after ? { after } : {}) });
        all.push(...page.items);
        if (!page.hasNextPage || !page.endCursor) break;
        after = page.endCursor;
      }
      return portfolioOf(await this.verdictsOf(all), asOf);
    });
  }

  /** Each intervention's verdict: on `metric` when it targets it, else on its first target; null when never started or without targets. */
  private async verdictsOf(
    interventions: readonly InterventionView[],
    metric?: string,
  ): Promise<{ intervention: InterventionView; verdict: Sustainability | null; verdictMetric: string | null }[]> {
    const out: { intervention: InterventionView; verdict: Sustainability | null; verdictMetric: string | null }[] = [];
    for (const intervention of interventions) {
      const target = intervention.targets.find((t) => t.metric === metric) ?? intervention.targets[0];
      if (!target || intervention.startedOn === undefined) {
        out.push({ intervention, verdict: null, verdictMetric: target?.metric ?? null });
        continue;
      }
      // The intervention's own outcomes (cached, with the balancing rule applied), so a programme shows the verdicts its page shows.
      const outcome = (await this.outcomesCached(intervention)).find((o) => o.metric === target.metric);
      out.push({ intervention, verdict: outcome?.sustainability ?? null, verdictMetric: target.metric });
    }
    return out;
  }

  private async evidenceOver(started: readonly InterventionView[], metric: string, category?: InterventionCategory): Promise<EvidenceView> {
    const verdicts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Sustainability, number>;
    let shiftedProblem = 0;
    const candidates: Omit<EvidenceStudyView, 'shrunkEffect'>[] = [];
    // Adoptions next to originals (does an improvement spread?): the verdicts of each kind, over the same visible interventions.
    const byKind = { adoptions: [] as string[], originals: [] as string[] };
    for (const intervention of started) {
      // Evidence on a metric is of the interventions that set out to improve it: a metric that is
      // only a process or balancing measure of an intervention is not its outcome.
      const outcome = (await this.outcomesCached(intervention)).find((o) => o.metric === metric && o.role === 'OUTCOME');
      if (!outcome) continue;
      verdicts[outcome.sustainability] += 1;
      if (outcome.balancingConcern) shiftedProblem += 1;
      byKind[intervention.adoptedFrom !== undefined ? 'adoptions' : 'originals'].push(outcome.sustainability);
      const se = outcome.effect?.standardError;
      if (outcome.effect && se !== null && se !== undefined && se > 0) {
        candidates.push({
          interventionId: intervention.id,
          trustCode: intervention.trustCode,
          title: intervention.title,
          approach: intervention.approach,
          effect: outcome.effect.improvement,
          standardError: se,
          sustainability: outcome.sustainability,
          balancingConcern: outcome.balancingConcern,
        });
      }
    }
    const share = sustainedShare(VERDICTS.flatMap((v) => Array<string>(verdicts[v]).fill(v)));
    const adoptions = { k: byKind.adoptions.length, sustainedShare: sustainedShare(byKind.adoptions) };
    const originals = { k: byKind.originals.length, sustainedShare: sustainedShare(byKind.originals) };
    const empty = { pooledEffect: null, se: null, ciLow: null, ciHigh: null, predictionLow: null, predictionHigh: null, i2: null, tau2: null, q: null };
    const options = evidencePoolOptions(candidates.length);
    const method = { estimator: options.method, test: options.test, description: describePooling(options.method, options.test) };
    if (candidates.length === 0) {
      return { metric, category: category ?? null, method, k: 0, ...empty, sustainedShare: share, verdicts, shiftedProblem, studies: [], adoptions, originals };
    }
    const pooled = pool(
      candidates.map((c) => ({ id: c.interventionId, yi: c.effect, vi: c.standardError ** 2 })),
      options,
    );
    const shrunk = new Map(pooled.shrunk.map((s) => [s.id, s.theta]));
    return {
      metric,
      category: category ?? null,
      method,
      k: pooled.k,
      pooledEffect: pooled.estimate,
      se: pooled.se,
      ciLow: pooled.ciLow,
      ciHigh: pooled.ciHigh,
      predictionLow: pooled.piLow,
      predictionHigh: pooled.piHigh,
      i2: pooled.i2,
      tau2: pooled.tau2,
      q: pooled.q,
      sustainedShare: share,
      verdicts,
      shiftedProblem,
      studies: candidates.map((c) => ({ ...c, shrunkEffect: shrunk.get(c.interventionId) ?? c.effect })),
      adoptions,
      originals,
    };
  }

  private async computeProjection(tier: VisibilityTier, request: ProjectionRequest): Promise<ProjectionView> {
    const started = Date.now();
    const definition = findMetric(request.metric);
    const trusts = (await this.read.trusts.trusts(tier, request.region ? { region: request.region } : {})).filter((t) => t.metrics.includes(request.metric));
    const maxAge = request.maxDataAgeMonths ?? DEFAULT_MAX_DATA_AGE_MONTHS;
    const candidates: { code: string; recent: SeriesView['observations'] }[] = [];
    const excluded: ProjectionExclusionView[] = [];
    for (const trust of trusts) {
      const series = await this.read.series.series(trust.code, request.metric);
      // Each trust's own last RECENT_MONTHS: its projection starts from its own last period.
      const recent = series?.observations.slice(-RECENT_MONTHS) ?? [];
      if (recent.length < 2) {
        excluded.push({ trustCode: trust.code, lastPeriod: recent.at(-1)?.period ?? null, reason: 'fewer than 2 months of data' });
        continue;
      }
      candidates.push({ code: trust.code, recent });
    }
    const lastPeriod = candidates.reduce<string | null>((latest, c) => {
      const last = c.recent.at(-1)?.period ?? null;
      return last !== null && (latest === null || last > latest) ? last : latest;
    }, null);
    const inputs: { code: string; series: number[]; weight: number }[] = [];
    for (const { code, recent } of candidates) {
      const last = recent.at(-1)?.period as string;
      const age = lastPeriod ? monthsBetween(last, lastPeriod) : 0;
      if (age > maxAge) {
        excluded.push({
          trustCode: code,
          lastPeriod: last,
          reason: `latest data ${last} are ${age} months older than the newest (${lastPeriod}); the limit is ${maxAge}`,
        });
        continue;
      }
      // Weight a trust by its activity when the series carries it (e.g. A&E attendances), else equally.
      const denominators = recent.map((o) => o.denominator).filter((d): d is number => d !== undefined);
      const weight = denominators.length > 0 ? denominators.reduce((a, b) => a + b, 0) / denominators.length : 1;
      inputs.push({ code, series: recent.map((o) => o.value), weight });
    }
    excluded.sort((a, b) => a.trustCode.localeCompare(b.trustCode));
    let scenario: ProjectionView['scenario'] = null;
    let scenarioInput: Parameters<typeof projectSystem>[0]['scenario'];
    if (request.scenario && inputs.length > 0) {
      const evidence = await this.evidenceFor(tier, request.metric, request.scenario.category);
      const adopters = await this.chooseAdopters(request.scenario, evidence, new Set(inputs.map((i) => i.code)));
      const improvementSign = definition?.improvement === 'DECREASE' ? -1 : 1;
      const effectMean = evidence.pooledEffect ?? 0;
      const fadeProbability = evidence.sustainedShare === null ? 0.5 : 1 - evidence.sustainedShare;
      scenarioInput = {
        adopters,
        effect: { mean: improvementSign * effectMean, tau2: evidence.tau2 ?? 0, se: evidence.se ?? 0 },
        fadeProbability,
        rampMonths: 3,
      };
      scenario = { category: request.scenario.category, adopters, effectMean, tau2: evidence.tau2 ?? 0, fadeProbability, months: [], difference: [] };
    }
    const result =
      inputs.length === 0
        ? undefined
        : projectSystem({
            trusts: inputs,
            horizonMonths: request.horizonMonths,
            draws: request.draws,
            seed: request.seed,
            ...(scenarioInput ? { scenario: scenarioInput } : {}),
          });
    const label = (months: readonly { offset: number; mean: number; p05: number; p50: number; p95: number }[]): ProjectionMonthView[] =>
      months.map((m) => ({ ...m, period: lastPeriod ? addMonths(lastPeriod, m.offset) : String(m.offset) }));
    if (scenario && result?.scenario && result.difference) {
      scenario = { ...scenario, months: label(result.scenario), difference: label(result.difference) };
    }
    return {
      metric: request.metric,
      region: request.region ?? null,
      horizonMonths: request.horizonMonths,
      draws: request.draws,
      seed: request.seed,
      trusts: inputs.length,
      lastPeriod,
      statusQuo: result ? label(result.statusQuo) : [],
      scenario,
      maxDataAgeMonths: maxAge,
      excluded,
      computeMs: Date.now() - started,
    };
  }

  /**
   * A trust's value of `metric` in `period` (default: its latest) against every trust with a value
   * that month: national median and quartiles, its region's median, its context peers' median,
   * and its rank (1 = best). Undefined when the trust has no value that month.
   */
  async benchmark(trustCode: string, metric: string, period?: string): Promise<BenchmarkView | undefined> {
    const definition = findMetric(metric);
    if (!definition) throw new UnknownMetricError(metric);
    return this.cached(`benchmark:${trustCode}:${metric}:${period ?? ''}`, async () => {
      const own = await this.read.series.series(trustCode, metric);
      const month = period ?? own?.observations.at(-1)?.period;
      const value = own?.observations.find((o) => o.period === month)?.value;
      if (!month || value === undefined) return undefined;
      const values = await this.valuesInPeriod(metric, month);
      const regions = new Map((await this.trustsWithBaseline()).map((t) => [t.view.code, t.view.context.region]));
      const region = regions.get(trustCode);
      const regional = [...values].filter(([code]) => regions.get(code) === region).map(([, v]) => v);
      const peers = (await this.peers(trustCode, BENCHMARK_PEERS))?.map((p) => p.code) ?? [];
      const peerValues = peers.map((code) => values.get(code)).filter((v): v is number => v !== undefined);
      const all = [...values.values()];
      const national = summarise(all);
      return {
        trustCode,
        metric,
        period: month,
        value,
        nationalMedian: national.median,
        q1: national.q1,
        q3: national.q3,
        regionMedian: regional.length > 0 ? quantile(regional, 0.5) : null,
        peerMedian: peerValues.length > 0 ? quantile(peerValues, 0.5) : null,
        peers,
        rank: rankOf(value, all, definition.improvement === 'DECREASE' ? 'decrease' : 'increase'),
        n: all.length,
      };
    });
  }

  /** Every trust's value of `metric` in `month`, by trust code. */
  private valuesInPeriod(metric: string, month: string): Promise<Map<string, number>> {
    return this.cached(`values:${metric}:${month}`, async () => {
      const values = new Map<string, number>();
      for (const series of await this.read.series.seriesOfMetric(metric)) {
        const o = series.observations.find((x) => x.period === month);
        if (o) values.set(series.trustCode, o.value);
      }
      return values;
    });
  }

  /**
   * A funnel plot (Spiegelhalter 2005) of every trust's proportion in `period` against its
   * denominator, with exact binomial 95% and 99.8% limits around the pooled proportion.
   * Values and limits are in the metric's unit (x100 for a % metric).
   */
  async funnel(metric: string, period: string): Promise<FunnelView> {
    const definition = findMetric(metric);
    if (!definition) throw new UnknownMetricError(metric);
    return this.cached(`funnel:${metric}:${period}`, async () => {
      const all = await this.read.series.seriesOfMetric(metric);
      if (all.length > 0 && !all.some((s) => s.observations.some((o) => o.denominator !== undefined))) throw new NotAProportionError(metric);
      const inputs = all.flatMap((s) => {
        const o = s.observations.find((x) => x.period === period);
        return o && o.numerator !== undefined && o.denominator !== undefined && o.denominator > 0
          ? [{ id: s.trustCode, numerator: o.numerator, denominator: o.denominator }]
          : [];
      });
      const plot = funnelPlot(inputs);
      const scale = definition.unit === '%' ? 100 : 1;
      return {
        metric,
        period,
        target: plot.target * scale,
        points: plot.points.map((p) => ({
          trustCode: p.id,
          value: p.proportion * scale,
          numerator: p.numerator,
          denominator: p.denominator,
          outside95: p.outside95,
          outside998: p.outside998,
        })),
        limits: plot.curve.map((l) => ({
          denominator: l.denominator,
          lower95: l.lower95 * scale,
          upper95: l.upper95 * scale,
          lower998: l.lower998 * scale,
          upper998: l.upper998 * scale,
        })),
      };
    });
  }

  /**
   * The trusts that adopt in a scenario: the N nearest (on context) to `similarTo` when given,
   * otherwise to the trusts where interventions of that category were evaluated; never a trust
   * that already ran one.
   */
  private async chooseAdopters(scenario: NonNullable<ProjectionRequest['scenario']>, evidence: EvidenceView, inScope: ReadonlySet<string>): Promise<string[]> {
    const trusts = await this.trustsWithBaseline();
    const already = new Set(evidence.studies.map((s) => s.trustCode));
    const references = scenario.similarTo ? [scenario.similarTo] : [...already];
    const candidates = trusts.filter((t) => inScope.has(t.view.code) && !already.has(t.view.code));
    if (references.length === 0) return candidates.slice(0, scenario.adopters).map((t) => t.view.code);
    const closest = new Map<string, number>();
    for (const reference of references) {
      const target = trusts.find((t) => t.view.code === reference);
      if (!target) continue;
      for (const peer of nearestPeers(
        target.features,
        candidates.map((c) => c.features),
        { limit: candidates.length },
      )) {
        closest.set(peer.code, Math.min(closest.get(peer.code) ?? Number.POSITIVE_INFINITY, peer.distance));
      }
    }
    return [...closest.entries()]
      .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
      .slice(0, scenario.adopters)
      .map(([code]) => code);
  }

  private async startedInterventions(tier: VisibilityTier, metric: string, category?: InterventionCategory): Promise<InterventionView[]> {
    const all: InterventionView[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await this.read.interventions.interventions(tier, { ...(category ? { category } : {}), first: 200, ...(after ? { after } : {}) });
      all.push(...page.items);
      if (!page.hasNextPage || !page.endCursor) break;
      after = page.endCursor;
    }
    return all.filter((i) => i.startedOn !== undefined && i.targets.some((t) => t.metric === metric && t.role === 'OUTCOME'));
  }

  /** Every trust with the features peers are compared on (baseline = recent mean A&E 4-hour %). */
  private trustsWithBaseline(): Promise<{ view: TrustView; features: TrustFeatures }[]> {
    return this.cached('trusts-with-baseline', async () => {
      // Trusts are visible to everyone; their (per-viewer) intervention counts are not read here.
      const trusts = await this.read.trusts.trusts(visibilityTier(null), {});
      const out: { view: TrustView; features: TrustFeatures }[] = [];
      for (const view of trusts) {
        const ae = view.metrics.includes('ae-4hr') ? await this.read.series.series(view.code, 'ae-4hr') : undefined;
        const recent = ae?.observations.slice(-12) ?? [];
        out.push({
          view,
          features: {
            code: view.code,
            kind: view.context.kind,
            region: view.context.region,
            beds: view.context.beds ?? 0,
            baselinePerformance: recent.length > 0 ? recent.reduce((a, o) => a + o.value, 0) / recent.length : null,
            deprivation: view.context.deprivation ?? null,
            oversightSegment: view.context.oversightSegment ?? 3,
          },
        });
      }
      return out;
    });
  }
}

/** `definition`: the catalogue entry or the trust's local measure (its direction colours the signals). */
export function spcOf(series: SeriesView, definition: MetricDefinition | undefined = findMetric(series.metric)): SpcView {
  const direction: ImprovementDirection = definition?.improvement === 'DECREASE' ? 'decrease' : 'increase';
  const target = definition?.nationalStandard?.value ?? null;
  if (wantsRunChart(series)) return runChartView(series, direction, target);
  const analysis = spc(
    series.observations.map((o) => ({ period: o.period, value: o.value })),
    { improvementDirection: direction, ...(target !== null ? { target } : {}), rebase: series.rebasePeriods },
  );
  return {
    trustCode: series.trustCode,
    metric: series.metric,
    chart: 'xmr',
    chartReason: XMR_REASON,
    runs: null,
    direction,
    target,
    mean: analysis.mean,
    lpl: analysis.lpl,
    upl: analysis.upl,
    variation: analysis.variation,
    assurance: analysis.assurance,
    points: analysis.points.map((p) => ({
      period: p.period,
      value: p.value,
      mean: p.mean,
      lpl: p.lpl,
      upl: p.upl,
      rule: p.rule,
      pointType: p.pointType,
      rebaseGroup: p.rebaseGroup,
    })),
    groups: analysis.groups.map((g) => ({
      rebaseGroup: g.rebaseGroup,
      firstPeriod: g.firstPeriod,
      lastPeriod: g.lastPeriod,
      n: g.n,
      mean: g.mean,
      lpl: g.lpl,
      upl: g.upl,
      trialLimits: g.trialLimits,
    })),
    warnings: analysis.warnings.map((w) => w.message),
  };
}

/** The portfolio (packages/analytics) of interventions with their verdicts, as of `asOf`. */
function portfolioOf(judged: readonly { intervention: InterventionView; verdict: Sustainability | null }[], asOf: string): PortfolioView {
  const result = portfolio(
    judged.map(({ intervention: i, verdict }) => ({
      id: i.id,
      proposedOn: i.proposedAt.slice(0, 10),
      startedOn: i.startedOn ?? null,
      completedOn: i.completedOn ?? null,
      abandonedOn: i.abandonedOn ?? null,
      verdict,
    })),
    { asOf, verdicts: VERDICTS },
  );
  // The verdict records are keyed by VERDICTS, so they are the view's Record<Sustainability, number>.
  return { ...result, asOf };
}

/** One target's evaluation (balancingConcern false: assessBalancing decides it over all the targets). */
function outcomeOf(
  intervention: InterventionView,
  { metric, direction, role }: InterventionTarget,
  series: SeriesView | undefined,
): { view: OutcomeView; outcome: InterventionOutcome | null } {
  const startedOn = intervention.startedOn ?? null;
  const none = (sustainability: Sustainability, reason: string): { view: OutcomeView; outcome: null } => ({
    outcome: null,
    view: {
      metric,
      role,
      balancingConcern: false,
      direction,
      sustainability,
      reason,
      startedOn,
      monthsObserved: 0,
      baseline: null,
      effect: null,
      post: [],
    },
  });
  if (!startedOn) return none('INSUFFICIENT_DATA', 'The intervention has not started, so there is nothing to judge yet.');
  if (!series || series.observations.length === 0) return none('INSUFFICIENT_DATA', `No ${metric} data has been recorded for this trust.`);
  const outcome = evaluateOutcome({
    series: series.observations.map((o) => ({ period: o.period, value: o.value })),
    startedOn,
    direction,
    rebase: series.rebasePeriods,
  });
  const view: OutcomeView = {
    metric,
    role,
    balancingConcern: false,
    direction,
    sustainability: outcome.sustainability,
    reason: outcome.reason,
    startedOn,
    monthsObserved: outcome.monthsObserved,
    baseline: outcome.baseline,
    effect: outcome.effect
      ? {
          meanDifference: outcome.effect.meanDifference,
          standardError: outcome.effect.standardError,
          improvement: outcome.effect.improvement,
          levelChange: outcome.its?.levelChange ?? null,
          slopeChange: outcome.its?.slopeChange ?? null,
          effectAt12Months: outcome.its?.effectAt12Months ?? null,
        }
      : null,
    post: outcome.post.map((p) => ({ period: p.period.slice(0, 7), value: p.value, rule: p.rule, pointType: p.pointType })),
  };
  return { view, outcome };
}
