import type {
  SustainabilityAssessmentView,
  DriverDiagramPlacementView,
  DriverDiagramView,
  ActivityPage,
  InterventionOutcomesView,
  ActivityHeadView,
  ActivityView,
  BenchmarkView,
  CommentView,
  PortfolioView,
  ProgrammeSummaryView,
  ProgrammeView,
  LessonPage,
  LessonView,
  FunnelView,
  CommandAccepted,
  CommandRequest,
  EvidenceView,
  InterventionPage,
  InterventionView,
  MentorMatchView,
  MentorshipOfferView,
  MentorshipView,
  LineageView,
  MetricCoverageView,
  OutcomeView,
  PeerView,
  TrustPeersView,
  PositionView,
  ProjectionMonthView,
  ProjectionView,
  SeriesView,
  SpcView,
  TrustPageView,
  TrustView,
  LocalMeasureView,
} from '@longview/contracts';
import { canSee, type InterventionCategory, type LongviewCommandType, type Viewer } from '@longview/domain';
import type { CommandServiceClient, CommandServiceConnection } from '../src/clients/command-service.client';
import type {
  ActivityQuery,
  InterventionQuery,
  LessonQuery,
  ProjectionQuery,
  QueryServiceClient,
  QueryServiceConnection,
  ReadOptions,
  TrustPageQuery,
  TrustQuery,
} from '../src/clients/query-service.client';

/**
 * In-memory stand-ins for the two services: they record every call, with the actor the client was
 * bound to (what the service credential would say), and answer from plain arrays. The query
 * service answers as the real one does for the viewer its client was bound to (`forViewer`): only
 * the interventions the viewer may see (`canSee`), counted so, and a hidden one exactly like a
 * missing one.
 */

export interface SentCommand {
  readonly type: LongviewCommandType;
  readonly request: CommandRequest;
  /** The actor the request's client was bound to (`forActor`). */
  readonly actor: Viewer;
}

export class FakeCommandService implements CommandServiceConnection {
  readonly sent: SentCommand[] = [];
  private nextPosition = 100n;
  /** The stream version each accepted command reports (1, 2, ...). */
  private version = 0;
  /** Runs for each command before it is accepted: throw to reject, mutate the fake query service to "project". */
  onSend: (command: SentCommand, position: string) => void = () => undefined;

  forActor(actor: Viewer): CommandServiceClient {
    return { send: (type, request) => this.send(actor, type, request) };
  }

  private async send(actor: Viewer, type: LongviewCommandType, request: CommandRequest): Promise<CommandAccepted> {
    const command = { type, request, actor };
    this.sent.push(command);
    this.nextPosition += 1n;
    const position = this.nextPosition.toString();
    this.onSend(command, position);
    this.version += 1;
    return { streamId: `stream-for-${type}`, version: this.version, position, events: [`${type}Done`] };
  }
}

export interface QueryCall {
  readonly method: keyof QueryServiceClient;
  readonly args: readonly unknown[];
  readonly options: ReadOptions | undefined;
}

/** `forViewer` records who the request reads for and answers as that viewer may see (bound clients may be used concurrently). */
export class FakeQueryService implements QueryServiceClient, QueryServiceConnection {
  readonly calls: QueryCall[] = [];
  /** Every viewer a client was bound to, in order. */
  readonly boundTo: Viewer[] = [];
  /** Whose reads these are (set on a bound client; the unbound fake reads as an admin would). */
  readonly viewer: Viewer = { id: 'fake-admin', role: 'ADMIN' };
  trusts: TrustView[] = [];
  interventions: InterventionView[] = [];
  series: SeriesView[] = [];
  /** SPC views by series (getSeriesSpc: 404 -> null when absent). */
  spcs: SpcView[] = [];
  /** Outcomes by intervention id (absent = 404 -> null). */
  outcomes = new Map<string, OutcomeView[]>();
  /** Peers by trust code (absent = 404 -> null). */
  peers = new Map<string, PeerView[]>();
  /** Answer for getEvidence, before the studies the viewer may not see are left out (and k counted again). */
  evidence: (metric: string, category: InterventionCategory | undefined, viewer: Viewer) => EvidenceView = (metric, category) => evidenceView(metric, category);
  /** Answer for getProjection. */
  projection: (query: ProjectionQuery) => ProjectionView = (query) => projectionView(query);
  /** Benchmarks by `${trustCode}|${metric}|${period ?? ''}` (absent = 404 -> null). */
  benchmarks = new Map<string, BenchmarkView>();
  /** Answer for getFunnel. */
  funnel: (metric: string, period: string) => FunnelView = (metric, period) => ({ metric, period, target: 0, points: [], limits: [] });
  /** Answer for listInterventions; default = the visible interventions matching the trust filter, one page. */
  page: ((query: InterventionQuery, viewer: Viewer) => InterventionPage) | undefined;
  /** The live feed's rows, in position order; each is visible with its intervention (by `interventions`, as the real feed joins the current sharing). */
  activity: ActivityView[] = [];
  /** Make the next calls fail. */
  failWith: Error | undefined;

  /** This fake as one viewer's client (what a request's context holds): the same data and call log, read as `viewer` may see it. */
  forViewer(viewer: Viewer): QueryServiceClient {
    this.boundTo.push(viewer);
    return Object.create(this, { viewer: { value: viewer, enumerable: true } }) as FakeQueryService;
  }

  private record(method: keyof QueryServiceClient, options: ReadOptions | undefined, ...args: unknown[]): void {
    this.calls.push({ method, args, options });
    if (this.failWith) throw this.failWith;
  }

  callsTo(method: keyof QueryServiceClient): QueryCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  private visible(): InterventionView[] {
    return this.interventions.filter((item) => canSee(this.viewer, item));
  }

  /** A trust as the viewer sees it: its intervention count is of the interventions the viewer may see. */
  private counted(trust: TrustView): TrustView {
    return { ...trust, interventionCount: this.visible().filter((item) => item.trustCode === trust.code).length };
  }

  async position(options?: ReadOptions): Promise<PositionView> {
    this.record('position', options);
    return { position: '0' };
  }

  async listTrusts(query: TrustQuery = {}, options?: ReadOptions): Promise<readonly TrustView[]> {
    this.record('listTrusts', options, query);
    return this.trusts.filter((trust) => !query.region || trust.context.region === query.region).map((trust) => this.counted(trust));
  }

  async pageTrusts(query: TrustQuery, page: TrustPageQuery, options?: ReadOptions): Promise<TrustPageView> {
    this.record('pageTrusts', options, { ...query, ...page });
    const all = await this.listTrusts(query);
    const matching = all.filter((t) => !query.source || t.source === query.source);
    return { items: matching.slice(page.offset, page.offset + page.first), totalCount: matching.length };
  }

  async getTrust(code: string, options?: ReadOptions): Promise<TrustView | null> {
    this.record('getTrust', options, code);
    const trust = this.trusts.find((t) => t.code === code);
    return trust ? this.counted(trust) : null;
  }

  async getTrusts(codes: readonly string[], options?: ReadOptions): Promise<readonly TrustView[]> {
    this.record('getTrusts', options, codes);
    return this.trusts.filter((trust) => codes.includes(trust.code)).map((trust) => this.counted(trust));
  }

  async listTrustSeries(code: string, options?: ReadOptions): Promise<readonly SeriesView[]> {
    this.record('listTrustSeries', options, code);
    return this.series.filter((series) => series.trustCode === code);
  }

  async listInterventions(query: InterventionQuery = {}, options?: ReadOptions): Promise<InterventionPage> {
    this.record('listInterventions', options, query);
    if (this.page) return this.page(query, this.viewer);
    const items = this.visible().filter((item) => !query.trustCode || item.trustCode === query.trustCode);
    return { items, totalCount: items.length, hasNextPage: false, endCursor: items.at(-1)?.id ?? null };
  }

  async getIntervention(id: string, options?: ReadOptions): Promise<InterventionView | null> {
    this.record('getIntervention', options, id);
    return this.visible().find((item) => item.id === id) ?? null;
  }

  async getInterventions(ids: readonly string[], options?: ReadOptions): Promise<readonly InterventionView[]> {
    this.record('getInterventions', options, ids);
    return this.visible().filter((item) => ids.includes(item.id));
  }

  async listMetricCoverage(options?: ReadOptions): Promise<readonly MetricCoverageView[]> {
    this.record('listMetricCoverage', options);
    const byMetric = new Map<string, SeriesView[]>();
    for (const series of this.series.filter((s) => s.observations.length > 0)) byMetric.set(series.metric, [...(byMetric.get(series.metric) ?? []), series]);
    return [...byMetric]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([metric, all]) => {
        const periods = all.flatMap((s) => s.observations.map((o) => o.period)).sort();
        return { metric, trusts: all.length, firstPeriod: periods[0] as string, lastPeriod: periods[periods.length - 1] as string };
      });
  }

  async getSeries(trustCode: string, metric: string, options?: ReadOptions): Promise<SeriesView | null> {
    this.record('getSeries', options, trustCode, metric);
    return this.series.find((series) => series.trustCode === trustCode && series.metric === metric) ?? null;
  }

  async getSeriesSpc(trustCode: string, metric: string, options?: ReadOptions): Promise<SpcView | null> {
    this.record('getSeriesSpc', options, trustCode, metric);
    return this.spcs.find((spc) => spc.trustCode === trustCode && spc.metric === metric) ?? null;
  }

  async getSpcOf(keys: readonly { readonly trustCode: string; readonly metric: string }[], options?: ReadOptions): Promise<readonly SpcView[]> {
    this.record(
      'getSpcOf',
      options,
      keys.map((key) => [key.trustCode, key.metric]),
    );
    return keys.flatMap((key) => this.spcs.filter((spc) => spc.trustCode === key.trustCode && spc.metric === key.metric));
  }

  /** P′/U′ views by `${trustCode}|${metric}|${chart}` (absent = 404 -> null). */
  attributeSpcs = new Map<string, SpcView>();

  async getSeriesAttributeSpc(trustCode: string, metric: string, chart: 'pp' | 'up', options?: ReadOptions): Promise<SpcView | null> {
    this.record('getSeriesAttributeSpc', options, trustCode, metric, chart);
    return this.attributeSpcs.get(`${trustCode}|${metric}|${chart}`) ?? null;
  }

  async getInterventionOutcomes(id: string, options?: ReadOptions): Promise<readonly OutcomeView[] | null> {
    this.record('getInterventionOutcomes', options, id);
    // Like the real service: none (404) for an intervention that is missing or hidden from the viewer.
    if (!this.visible().some((item) => item.id === id)) return null;
    return this.outcomes.get(id) ?? null;
  }

  async getOutcomesOf(ids: readonly string[], options?: ReadOptions): Promise<readonly InterventionOutcomesView[]> {
    this.record('getOutcomesOf', options, ids);
    // Like the real service: missing and hidden interventions are left out.
    const visible = new Set(this.visible().map((item) => item.id));
    return ids.flatMap((id) => {
      const outcomes = this.outcomes.get(id);
      return visible.has(id) && outcomes ? [{ interventionId: id, outcomes }] : [];
    });
  }

  async getInterventionLineage(id: string, options?: ReadOptions): Promise<LineageView | null> {
    this.record('getInterventionLineage', options, id);
    // Like the real service: none (404) for an intervention that is missing or hidden from the viewer; no adoptions here.
    if (!this.visible().some((item) => item.id === id)) return null;
    return { interventionId: id, adoptedFrom: null, adoptions: [], ancestors: [], descendants: [] };
  }

  async getTrustPeers(code: string, limit?: number, options?: ReadOptions): Promise<readonly PeerView[] | null> {
    this.record('getTrustPeers', options, code, limit);
    return this.peers.get(code)?.slice(0, limit) ?? null;
  }

  async getPeersOf(codes: readonly string[], limit: number, options?: ReadOptions): Promise<readonly TrustPeersView[]> {
    this.record('getPeersOf', options, codes, limit);
    return codes.flatMap((code) => {
      const peers = this.peers.get(code);
      return peers ? [{ code, peers: peers.slice(0, limit) }] : [];
    });
  }

  // Time travel: the fake's data stand for every date (the call log shows the asOf asked for).
  async getInterventionAsOf(id: string, asOf: string, options?: ReadOptions): Promise<InterventionView | null> {
    this.record('getInterventionAsOf', options, id, asOf);
    const intervention = this.visible().find((item) => item.id === id);
    return intervention ? { ...intervention, asOf } : null;
  }

  async getInterventionOutcomesAsOf(id: string, asOf: string, options?: ReadOptions): Promise<readonly OutcomeView[] | null> {
    this.record('getInterventionOutcomesAsOf', options, id, asOf);
    if (!this.visible().some((item) => item.id === id)) return null;
    return this.outcomes.get(id) ?? null;
  }

  async getEvidenceAsOf(metric: string, category: InterventionCategory | undefined, asOf: string, options?: ReadOptions): Promise<EvidenceView> {
    this.record('getEvidenceAsOf', options, metric, category, asOf);
    return { ...this.evidence(metric, category, this.viewer), asOf };
  }

  async getSeriesAsOf(trustCode: string, metric: string, asOf: string, options?: ReadOptions): Promise<SeriesView | null> {
    this.record('getSeriesAsOf', options, trustCode, metric, asOf);
    const series = this.series.find((s) => s.trustCode === trustCode && s.metric === metric);
    return series ? { ...series, asOf } : null;
  }

  async getSeriesSpcAsOf(trustCode: string, metric: string, asOf: string, chart?: 'pp' | 'up', options?: ReadOptions): Promise<SpcView | null> {
    this.record('getSeriesSpcAsOf', options, trustCode, metric, asOf, chart);
    return this.spcs.find((spc) => spc.trustCode === trustCode && spc.metric === metric) ?? null;
  }

  async getTrustAsOf(code: string, asOf: string, options?: ReadOptions): Promise<TrustView | null> {
    this.record('getTrustAsOf', options, code, asOf);
    const trust = this.trusts.find((t) => t.code === code);
    return trust ? { ...this.counted(trust), asOf } : null;
  }

  async getEvidence(metric: string, category?: InterventionCategory, options?: ReadOptions): Promise<EvidenceView> {
    this.record('getEvidence', options, metric, category);
    // Like the real service: pooled only from the interventions the viewer may see.
    const answer = this.evidence(metric, category, this.viewer);
    const visible = new Set(this.visible().map((item) => item.id));
    const studies = answer.studies.filter((study) => visible.has(study.interventionId));
    return studies.length === answer.studies.length ? answer : { ...answer, k: studies.length, studies };
  }

  async getProjection(query: ProjectionQuery, options?: ReadOptions): Promise<ProjectionView> {
    this.record('getProjection', options, query);
    return this.projection(query);
  }

  async getTrustBenchmark(code: string, metric: string, period?: string, options?: ReadOptions): Promise<BenchmarkView | null> {
    this.record('getTrustBenchmark', options, code, metric, period);
    return this.benchmarks.get(`${code}|${metric}|${period ?? ''}`) ?? null;
  }

  async getFunnel(metric: string, period: string, options?: ReadOptions): Promise<FunnelView> {
    this.record('getFunnel', options, metric, period);
    return this.funnel(metric, period);
  }

  // Mentorship: the fake holds none (the real reads are tested in apps/cli/test/mentorship-graphql.test.ts).
  async listMentors(trustCode: string, category?: string, metric?: string, options?: ReadOptions): Promise<readonly MentorMatchView[] | null> {
    this.record('listMentors', options, trustCode, category, metric);
    return this.trusts.some((t) => t.code === trustCode) ? [] : null;
  }

  async listMentorshipOffers(mine: boolean, options?: ReadOptions): Promise<readonly MentorshipOfferView[]> {
    this.record('listMentorshipOffers', options, mine);
    return [];
  }

  async getMentorshipOffer(id: string, options?: ReadOptions): Promise<MentorshipOfferView | null> {
    this.record('getMentorshipOffer', options, id);
    return null;
  }

  async listMentorships(options?: ReadOptions): Promise<readonly MentorshipView[]> {
    this.record('listMentorships', options);
    return [];
  }

  async getMentorship(id: string, options?: ReadOptions): Promise<MentorshipView | null> {
    this.record('getMentorship', options, id);
    return null;
  }

  async listActivity(query: ActivityQuery = {}, options?: ReadOptions): Promise<ActivityPage> {
    this.record('listActivity', options, query);
    const visible = new Set(this.visible().map((item) => item.id));
    const limit = query.limit ?? 50;
    const rows = this.activity.filter(
      (row) =>
        visible.has(row.interventionId) &&
        (!query.trustCode || row.trustCode === query.trustCode) &&
        (!query.category || row.category === query.category) &&
        (query.since === undefined || BigInt(row.position) > BigInt(query.since)),
    );
    const items = query.since === undefined ? rows.slice(-limit) : rows.slice(0, limit);
    const head = this.activity.at(-1)?.position ?? '0';
    const full = query.since !== undefined && items.length === limit;
    return { items, cursor: full ? (items.at(-1) as ActivityView).position : head };
  }

  async activityHead(): Promise<ActivityHeadView> {
    this.record('activityHead', undefined);
    return { position: this.activity.at(-1)?.position ?? '0' };
  }

  // Lessons and comments: none in this fake (their visibility is tested against the real query service in apps/cli/test).
  async listLessons(filter: LessonQuery, options?: ReadOptions): Promise<LessonPage> {
    this.record('listLessons', options, filter.interventionId ?? '');
    return { items: [], totalCount: 0, hasNextPage: false, endCursor: null };
  }

  async getLesson(id: string, options?: ReadOptions): Promise<LessonView | null> {
    this.record('getLesson', options, id);
    return null;
  }

  async listComments(interventionId: string, options?: ReadOptions): Promise<readonly CommentView[]> {
    this.record('listComments', options, interventionId);
    return [];
  }

  async getComment(id: string, options?: ReadOptions): Promise<CommentView | null> {
    this.record('getComment', options, id);
    return null;
  }

  async listProgrammes(trustCode?: string, options?: ReadOptions): Promise<readonly ProgrammeSummaryView[]> {
    this.record('listProgrammes', options, trustCode);
    return [];
  }

  async getProgramme(id: string, options?: ReadOptions): Promise<ProgrammeView | null> {
    this.record('getProgramme', options, id);
    return null;
  }

  async getTrustPortfolio(code: string, options?: ReadOptions): Promise<PortfolioView | null> {
    this.record('getTrustPortfolio', options, code);
    return null;
  }
  async listSustainabilityAssessments(interventionId: string, options?: ReadOptions): Promise<readonly SustainabilityAssessmentView[]> {
    this.record('listSustainabilityAssessments', options, interventionId);
    return [];
  }

  async listDriverDiagrams(trustCode: string | undefined, options?: ReadOptions): Promise<readonly DriverDiagramView[]> {
    this.record('listDriverDiagrams', options, trustCode ?? '');
    return [];
  }

  async getDriverDiagram(id: string, options?: ReadOptions): Promise<DriverDiagramView | null> {
    this.record('getDriverDiagram', options, id);
    return null;
  }

  async listDriverDiagramPlacements(interventionId: string, options?: ReadOptions): Promise<readonly DriverDiagramPlacementView[]> {
    this.record('listDriverDiagramPlacements', options, interventionId);
    return [];
  }

  async listLocalMeasuresOf(
    trustCodes: readonly string[],
    options?: ReadOptions,
  ): Promise<readonly { trustCode: string; measures: readonly LocalMeasureView[] }[]> {
    this.record('listLocalMeasuresOf', options, trustCodes.join(','));
    return trustCodes.map((trustCode) => ({ trustCode, measures: [] }));
  }
}

export function trustView(code: string, overrides: Partial<TrustView> = {}): TrustView {
  return {
    code,
    name: `${code} NHS Foundation Trust`,
    context: { kind: 'ACUTE', region: 'LONDON', beds: 900, cqcRating: 'GOOD' },
    contextEffectiveFrom: '2024-04-01',
    contextHistory: [
      { context: { kind: 'ACUTE', region: 'LONDON', beds: 850 }, effectiveFrom: '2023-04-01' },
      { context: { kind: 'ACUTE', region: 'LONDON', beds: 900, cqcRating: 'GOOD' }, effectiveFrom: '2024-04-01', reason: 'New wing' },
    ],
    registeredAt: '2024-01-01T00:00:00.000Z',
    interventionCount: 0,
    metrics: ['ae-4hr'],
    source: 'REGISTERED',
    ...overrides,
  };
}

export function interventionView(id: string, overrides: Partial<InterventionView> = {}): InterventionView {
  return {
    id,
    trustCode: 'RJ1',
    trustName: 'RJ1 NHS Foundation Trust',
    title: `Intervention ${id}`,
    summary: 'Same-day emergency care',
    category: 'PATIENT_FLOW',
    approach: 'SYSTEMIC',
    targets: [{ metric: 'ae-4hr', direction: 'INCREASE', role: 'OUTCOME' }],
    sharing: 'PUBLIC',
    status: 'PROPOSED',
    proposedAt: '2024-05-01T09:00:00.000Z',
    pdsaCycles: [],
    history: [{ type: 'InterventionProposed', at: '2024-05-01T09:00:00.000Z', position: '7', summary: 'Proposed' }],
    ...overrides,
  };
}

export function seriesView(trustCode: string, metric: string, overrides: Partial<SeriesView> = {}): SeriesView {
  return {
    trustCode,
    metric,
    observations: [
      { period: '2024-01', value: 71.5, corrected: false },
      { period: '2024-02', value: 73.2, numerator: 732, denominator: 1000, corrected: true },
    ],
    rebasePeriods: [],
    corrections: [{ period: '2024-02', previousValue: 37.2, value: 73.2, reason: 'Transposed digits' }],
    ...overrides,
  };
}

export function spcView(trustCode: string, metric: string, overrides: Partial<SpcView> = {}): SpcView {
  return {
    trustCode,
    metric,
    chart: 'xmr',
    chartReason: 'XmR chart (Making Data Count rules): the series has enough points for process limits.',
    runs: null,
    direction: 'increase',
    target: 95,
    mean: 72.35,
    lpl: 67.8,
    upl: 76.9,
    variation: 'common_cause',
    assurance: 'consistent_fail',
    points: [
      { period: '2024-01', value: 71.5, mean: 72.35, lpl: 67.8, upl: 76.9, rule: 'Common Cause', pointType: 'common_cause', rebaseGroup: 0 },
      { period: '2024-02', value: 73.2, mean: 72.35, lpl: 67.8, upl: 76.9, rule: 'Common Cause', pointType: 'common_cause', rebaseGroup: 0 },
    ],
    groups: [{ rebaseGroup: 0, firstPeriod: '2024-01', lastPeriod: '2024-02', n: 2, mean: 72.35, lpl: 67.8, upl: 76.9, trialLimits: true }],
    warnings: ['Trial limits: fewer than 20 points'],
    ...overrides,
  };
}

export function outcomeView(metric: string, overrides: Partial<OutcomeView> = {}): OutcomeView {
  return {
    metric,
    role: 'OUTCOME',
    balancingConcern: false,
    direction: 'INCREASE',
    sustainability: 'SUSTAINED',
    reason: 'Improvement held for 6 months',
    startedOn: '2024-03-01',
    monthsObserved: 9,
    baseline: { firstPeriod: '2023-01', lastPeriod: '2024-02', n: 14, mean: 70, lpl: 64, upl: 76, trialLimits: true },
    effect: { meanDifference: 4.5, standardError: 1.1, improvement: 4.5, levelChange: 3.9, slopeChange: 0.1, effectAt12Months: 5.1 },
    post: [{ period: '2024-03', value: 77, rule: 'Above UCL', pointType: 'special_cause_improvement' }],
    ...overrides,
  };
}

export function peerView(code: string, distance: number): PeerView {
  return {
    code,
    name: `${code} NHS Trust`,
    distance,
    contributions: [
      { feature: 'beds', weight: 1, difference: 0.4 },
      { feature: 'cqcRating', weight: 0.5, difference: null },
    ],
  };
}

export function evidenceView(metric: string, category: InterventionCategory | undefined, overrides: Partial<EvidenceView> = {}): EvidenceView {
  return {
    metric,
    category: category ?? null,
    method: {
      estimator: 'REML',
      test: 'z',
      description: 'Random-effects meta-analysis: tau² by restricted maximum likelihood (REML), normal-theory (z) intervals.',
    },
    k: 0,
    pooledEffect: null,
    se: null,
    ciLow: null,
    ciHigh: null,
    predictionLow: null,
    predictionHigh: null,
    i2: null,
    tau2: null,
    q: null,
    sustainedShare: null,
    verdicts: { SUSTAINED: 0, FADED: 0, NOT_YET_EVIDENT: 0, NO_SIGNAL: 0, DETERIORATED: 0, INSUFFICIENT_DATA: 0 },
    shiftedProblem: 0,
    studies: [],
    adoptions: { k: 0, sustainedShare: null },
    originals: { k: 0, sustainedShare: null },
    ...overrides,
  };
}

function months(base: number): ProjectionMonthView[] {
  return [1, 2].map((offset) => ({ offset, period: `2025-0${offset}`, mean: base + offset, p05: base, p50: base + offset, p95: base + 2 * offset }));
}

export function projectionView(query: ProjectionQuery): ProjectionView {
  return {
    metric: query.metric,
    region: query.region ?? null,
    horizonMonths: query.horizonMonths ?? 24,
    draws: query.draws ?? 10_000,
    seed: query.seed ?? 1,
    trusts: 3,
    lastPeriod: '2024-12',
    statusQuo: months(70),
    scenario:
      query.category && query.adopters
        ? {
            category: query.category,
            adopters: ['RJ1', 'RXH'].slice(0, query.adopters),
            effectMean: 2.5,
            tau2: 0.8,
            fadeProbability: 0.3,
            months: months(72),
            difference: months(2),
          }
        : null,
    maxDataAgeMonths: query.maxDataAgeMonths ?? 3,
    excluded: [{ trustCode: 'RZZ', lastPeriod: '2019-03', reason: 'latest data 2019-03 are 75 months older than the newest (2025-06); the limit is 3' }],
    computeMs: 12.5,
  };
}
