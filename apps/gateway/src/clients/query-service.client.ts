import type {
  InterventionOutcomesView,
  SustainabilityAssessmentView,
  ActivityHeadView,
  ActivityPage,
  DriverDiagramPlacementView,
  DriverDiagramView,
  BenchmarkView,
  FunnelView,
  EvidenceView,
  InterventionPage,
  InterventionStatus,
  InterventionView,
  CommentView,
  LessonPage,
  LessonView,
  MentorMatchView,
  MentorshipOfferView,
  MentorshipView,
  LineageView,
  MetricCoverageView,
  OutcomeView,
  PeerView,
  PortfolioView,
  ProgrammeSummaryView,
  ProgrammeView,
  TrustPeersView,
  Position,
  PositionView,
  ProjectionView,
  SeriesView,
  SpcView,
  TrustPageView,
  TrustView,
  LocalMeasureView,
} from '@longview/contracts';
import type { InterventionCategory, Region, TrustKind, TrustSource, Viewer } from '@longview/domain';
import { ServiceError } from './service-error';
import { fetchJson, joinUrl, pathSegment } from './http';
import { credentialFor, type CredentialSource, type ServiceClientOptions } from './service-credentials';

const segment = (value: string) => pathSegment('query-service', value);

/** Read-your-writes: the query service waits until its projections have reached this position. */
export interface ReadOptions {
  readonly minPosition?: Position;
  /**
   * Distributed mode: wait until the read model's checkpoint of this stream reaches `minVersion`
   * (sent as `stream=` and `minVersion=`, next to `minPosition`).
   */
  readonly stream?: string;
  readonly minVersion?: number;
}

/** GET /projection: a scenario when both `category` and `adopters` are given. */
export interface ProjectionQuery {
  readonly metric: string;
  readonly region?: Region;
  readonly horizonMonths?: number;
  readonly draws?: number;
  readonly seed?: number;
  readonly category?: InterventionCategory;
  readonly adopters?: number;
  readonly similarTo?: string;
  /** Leave out trusts whose latest data are older than this many months before the newest (service default 3). */
  readonly maxDataAgeMonths?: number;
}

export interface TrustQuery {
  readonly search?: string;
  readonly region?: Region;
  readonly kind?: TrustKind;
  readonly source?: TrustSource;
}

/** A page of the trust list: `first` trusts from `offset`. */
export interface TrustPageQuery {
  readonly first: number;
  readonly offset: number;
}

export interface InterventionQuery {
  readonly trustCode?: string;
  readonly status?: InterventionStatus;
  readonly category?: InterventionCategory;
  readonly first?: number;
  readonly after?: string;
}

/** GET /activity: see ActivityPage in @longview/contracts. */
export interface ActivityQuery {
  readonly since?: string;
  readonly trustCode?: string;
  readonly category?: InterventionCategory;
  readonly limit?: number;
}

/** The query service answers at most this many keys in one batch read (`?codes=` / `?ids=`). */
export const MAX_KEYS_PER_BATCH = 200;

/** One method per query-service GET (see @longview/contracts http.ts). A 404 on a single object is `null`. */
export interface QueryServiceClient {
  position(options?: ReadOptions): Promise<PositionView>;
  listTrusts(query?: TrustQuery, options?: ReadOptions): Promise<readonly TrustView[]>;
  /** GET /trust-page: one page of the (filtered) list and how many match over all pages. */
  pageTrusts(query: TrustQuery, page: TrustPageQuery, options?: ReadOptions): Promise<TrustPageView>;
  getTrust(code: string, options?: ReadOptions): Promise<TrustView | null>;
  /** GET /trusts?codes=A,B: the trusts of those codes that exist (any order). */
  getTrusts(codes: readonly string[], options?: ReadOptions): Promise<readonly TrustView[]>;
  listTrustSeries(code: string, options?: ReadOptions): Promise<readonly SeriesView[]>;
  listInterventions(query?: InterventionQuery, options?: ReadOptions): Promise<InterventionPage>;
  getIntervention(id: string, options?: ReadOptions): Promise<InterventionView | null>;
  /** GET /interventions?ids=a,b: the interventions of those ids that exist and the viewer may see (any order). */
  getInterventions(ids: readonly string[], options?: ReadOptions): Promise<readonly InterventionView[]>;
  getSeries(trustCode: string, metric: string, options?: ReadOptions): Promise<SeriesView | null>;
  /** GET /metric-coverage: every metric some trust has recorded. */
  listMetricCoverage(options?: ReadOptions): Promise<readonly MetricCoverageView[]>;
  /** GET /series/:trustCode/:metric/spc (null when there is no such series). */
  getSeriesSpc(trustCode: string, metric: string, options?: ReadOptions): Promise<SpcView | null>;
  /** GET /series/:trustCode/:metric/spc?chart=pp|up: Laney P′ or U′ (null when there is no such series; 400 without numerators and denominators). */
  getSeriesAttributeSpc(trustCode: string, metric: string, chart: 'pp' | 'up', options?: ReadOptions): Promise<SpcView | null>;
  /** GET /interventions/:id/outcomes, one per target metric (null when there is no such intervention). */
  getInterventionOutcomes(id: string, options?: ReadOptions): Promise<readonly OutcomeView[] | null>;
  /** GET /spc?series=RJ1:ae-4hr,...: the SPC view of each pair that has a series (any order), in batches of MAX_BATCH_KEYS. */
  getSpcOf(keys: readonly { readonly trustCode: string; readonly metric: string }[], options?: ReadOptions): Promise<readonly SpcView[]>;
  /** GET /outcomes?ids=A,B: the outcomes of each intervention the viewer may see (any order), in batches of MAX_BATCH_KEYS. */
  getOutcomesOf(ids: readonly string[], options?: ReadOptions): Promise<readonly InterventionOutcomesView[]>;
  /** GET /interventions/:id/lineage: the adoption tree as the viewer may see it (null when missing or hidden). */
  getInterventionLineage(id: string, options?: ReadOptions): Promise<LineageView | null>;
  /** GET /trusts/:code/peers?limit= (null when there is no such trust). */
  getTrustPeers(code: string, limit?: number, options?: ReadOptions): Promise<readonly PeerView[] | null>;
  /** GET /peers?codes=A,B&limit=: the peers of each code that is a trust (any order), in batches of MAX_BATCH_KEYS. */
  getPeersOf(codes: readonly string[], limit: number, options?: ReadOptions): Promise<readonly TrustPeersView[]>;
  /** GET /evidence?metric=&category= (400 for an unknown metric). */
  getEvidence(metric: string, category?: InterventionCategory, options?: ReadOptions): Promise<EvidenceView>;
  /** GET /projection?metric=&region=&horizonMonths=&draws=&seed=&category=&adopters=&similarTo= */
  getProjection(query: ProjectionQuery, options?: ReadOptions): Promise<ProjectionView>;
  /** GET /trusts/:code/benchmark?metric=&period= (null when the trust has no value that month). */
  getTrustBenchmark(code: string, metric: string, period?: string, options?: ReadOptions): Promise<BenchmarkView | null>;
  /** GET /funnel?metric=&period= (400 for an unknown metric or one without numerators and denominators). */
  getFunnel(metric: string, period: string, options?: ReadOptions): Promise<FunnelView>;
  /** GET /mentors: ranked mentors for a trust (null when there is no such trust). */
  listMentors(trustCode: string, category?: string, metric?: string, options?: ReadOptions): Promise<readonly MentorMatchView[] | null>;
  /** GET /mentorship-offers (mine: the viewer's own, withdrawn too). */
  listMentorshipOffers(mine: boolean, options?: ReadOptions): Promise<readonly MentorshipOfferView[]>;
  getMentorshipOffer(id: string, options?: ReadOptions): Promise<MentorshipOfferView | null>;
  /** GET /mentorships: those the viewer is a party to. */
  listMentorships(options?: ReadOptions): Promise<readonly MentorshipView[]>;
  /** Null when missing or the viewer is not a party (the same answer). */
  getMentorship(id: string, options?: ReadOptions): Promise<MentorshipView | null>;
  /**
   * Time travel, GET /as-of/:date/... (docs/time-travel.md): the same answers from the events
   * recorded before the end of `asOf` (YYYY-MM-DD; a 400 BAD_USER_INPUT when not a usable date).
   * Null when the object is missing, hidden from the viewer, or did not exist yet on that date.
   */
  getInterventionAsOf(id: string, asOf: string, options?: ReadOptions): Promise<InterventionView | null>;
  getInterventionOutcomesAsOf(id: string, asOf: string, options?: ReadOptions): Promise<readonly OutcomeView[] | null>;
  getEvidenceAsOf(metric: string, category: InterventionCategory | undefined, asOf: string, options?: ReadOptions): Promise<EvidenceView>;
  getSeriesAsOf(trustCode: string, metric: string, asOf: string, options?: ReadOptions): Promise<SeriesView | null>;
  getSeriesSpcAsOf(trustCode: string, metric: string, asOf: string, chart?: 'pp' | 'up', options?: ReadOptions): Promise<SpcView | null>;
  getTrustAsOf(code: string, asOf: string, options?: ReadOptions): Promise<TrustView | null>;
  /** GET /activity: the live feed's rows the viewer may see (after `since`, or the latest). */
  listActivity(query?: ActivityQuery, options?: ReadOptions): Promise<ActivityPage>;
  /** GET /activity/head: the feed's last position. */
  activityHead(): Promise<ActivityHeadView>;
  /** GET /lessons: the lessons the viewer may see, filtered, newest first. */
  listLessons(filter: LessonQuery, options?: ReadOptions): Promise<LessonPage>;
  /** Null when missing or hidden from the viewer (the same answer). */
  getLesson(id: string, options?: ReadOptions): Promise<LessonView | null>;
  /** GET /interventions/:id/comments: the comments the viewer may see. */
  listComments(interventionId: string, options?: ReadOptions): Promise<readonly CommentView[]>;
  getComment(id: string, options?: ReadOptions): Promise<CommentView | null>;
  /** GET /programmes[?trustCode=]: every programme, or those a trust is a member of. */
  listProgrammes(trustCode?: string, options?: ReadOptions): Promise<readonly ProgrammeSummaryView[]>;
  /** GET /programmes/:id (null when there is no such programme). */
  getProgramme(id: string, options?: ReadOptions): Promise<ProgrammeView | null>;
  /** GET /trusts/:code/portfolio (null when there is no such trust). */
  getTrustPortfolio(code: string, options?: ReadOptions): Promise<PortfolioView | null>;
  /** GET /interventions/:id/sustainability-assessments: newest first; none when the intervention is missing or hidden. */
  listSustainabilityAssessments(interventionId: string, options?: ReadOptions): Promise<readonly SustainabilityAssessmentView[]>;
  /** GET /driver-diagrams: the diagrams the viewer may see (of one trust when given), newest first. */
  listDriverDiagrams(trustCode: string | undefined, options?: ReadOptions): Promise<readonly DriverDiagramView[]>;
  /** Null when missing or hidden from the viewer (the same answer). */
  getDriverDiagram(id: string, options?: ReadOptions): Promise<DriverDiagramView | null>;
  /** GET /interventions/:id/driver-diagram-placements: where the intervention sits in the diagrams the viewer may see. */
  listDriverDiagramPlacements(interventionId: string, options?: ReadOptions): Promise<readonly DriverDiagramPlacementView[]>;
  /** GET /local-measures?trusts=A,B: each trust's own measures, one entry per code asked. */
  listLocalMeasuresOf(trustCodes: readonly string[], options?: ReadOptions): Promise<readonly { trustCode: string; measures: readonly LocalMeasureView[] }[]>;
}

/** The query service, for whoever reads: bind it to the viewer of a request (the service credential names them). */
export interface QueryServiceConnection {
  forViewer(viewer: Viewer): QueryServiceClient;
}

type QueryValue = string | number | undefined;

export class HttpQueryServiceClient implements QueryServiceConnection {
  constructor(
    private readonly baseUrl: string,
    private readonly options: ServiceClientOptions,
  ) {}

  forViewer(viewer: Viewer): QueryServiceClient {
    // Longer than the service's own default wait (5 s) for `minPosition`.
    return new BoundQueryServiceClient(this.baseUrl, credentialFor(this.options, viewer), this.options.timeoutMs ?? 15_000);
  }
}

class BoundQueryServiceClient implements QueryServiceClient {
  constructor(
    private readonly baseUrl: string,
    private readonly credential: CredentialSource,
    private readonly timeoutMs: number,
  ) {}

  position(options?: ReadOptions): Promise<PositionView> {
    return this.get<PositionView>('/position', {}, options);
  }

  listTrusts(query: TrustQuery = {}, options?: ReadOptions): Promise<readonly TrustView[]> {
    return this.get<TrustView[]>('/trusts', { search: query.search, region: query.region, kind: query.kind, source: query.source }, options);
  }

  pageTrusts(query: TrustQuery, page: TrustPageQuery, options?: ReadOptions): Promise<TrustPageView> {
    return this.get<TrustPageView>(
      '/trust-page',
      { search: query.search, region: query.region, kind: query.kind, source: query.source, first: page.first, offset: page.offset },
      options,
    );
  }

  getTrust(code: string, options?: ReadOptions): Promise<TrustView | null> {
    return this.getOrNull<TrustView>(`/trusts/${segment(code)}`, options);
  }

  getTrusts(codes: readonly string[], options?: ReadOptions): Promise<readonly TrustView[]> {
    return this.inBatches(codes, (batch) => this.get<TrustView[]>('/trusts', { codes: batch.join(',') }, options));
  }

  listTrustSeries(code: string, options?: ReadOptions): Promise<readonly SeriesView[]> {
    return this.get<SeriesView[]>(`/trusts/${segment(code)}/series`, {}, options);
  }

  listInterventions(query: InterventionQuery = {}, options?: ReadOptions): Promise<InterventionPage> {
    const { trustCode, status, category, first, after } = query;
    return this.get<InterventionPage>('/interventions', { trustCode, status, category, first, after }, options);
  }

  getIntervention(id: string, options?: ReadOptions): Promise<InterventionView | null> {
    return this.getOrNull<InterventionView>(`/interventions/${segment(id)}`, options);
  }

  getInterventions(ids: readonly string[], options?: ReadOptions): Promise<readonly InterventionView[]> {
    return this.inBatches(ids, async (batch) => (await this.get<InterventionPage>('/interventions', { ids: batch.join(',') }, options)).items);
  }

  listMetricCoverage(options?: ReadOptions): Promise<readonly MetricCoverageView[]> {
    return this.get<MetricCoverageView[]>('/metric-coverage', {}, options);
  }

  getSeries(trustCode: string, metric: string, options?: ReadOptions): Promise<SeriesView | null> {
    return this.getOrNull<SeriesView>(`/series/${segment(trustCode)}/${segment(metric)}`, options);
  }

  getSeriesSpc(trustCode: string, metric: string, options?: ReadOptions): Promise<SpcView | null> {
    return this.getOrNull<SpcView>(`/series/${segment(trustCode)}/${segment(metric)}/spc`, options);
  }

  getSeriesAttributeSpc(trustCode: string, metric: string, chart: 'pp' | 'up', options?: ReadOptions): Promise<SpcView | null> {
    return this.getOrNull<SpcView>(`/series/${encodeURIComponent(trustCode)}/${encodeURIComponent(metric)}/spc`, options, { chart });
  }

  getInterventionOutcomes(id: string, options?: ReadOptions): Promise<readonly OutcomeView[] | null> {
    return this.getOrNull<OutcomeView[]>(`/interventions/${segment(id)}/outcomes`, options);
  }

  getSpcOf(keys: readonly { readonly trustCode: string; readonly metric: string }[], options?: ReadOptions): Promise<readonly SpcView[]> {
    const pairs = keys.map((key) => `${key.trustCode}:${key.metric}`);
    return this.inBatches(pairs, (batch) => this.get<SpcView[]>('/spc', { series: batch.join(',') }, options));
  }

  getOutcomesOf(ids: readonly string[], options?: ReadOptions): Promise<readonly InterventionOutcomesView[]> {
    return this.inBatches(ids, (batch) => this.get<InterventionOutcomesView[]>('/outcomes', { ids: batch.join(',') }, options));
  }

  getInterventionLineage(id: string, options?: ReadOptions): Promise<LineageView | null> {
    return this.getOrNull<LineageView>(`/interventions/${segment(id)}/lineage`, options);
  }

  getTrustPeers(code: string, limit?: number, options?: ReadOptions): Promise<readonly PeerView[] | null> {
    return this.getOrNull<PeerView[]>(`/trusts/${segment(code)}/peers`, options, { limit });
  }

  getPeersOf(codes: readonly string[], limit: number, options?: ReadOptions): Promise<readonly TrustPeersView[]> {
    return this.inBatches(codes, (batch) => this.get<TrustPeersView[]>('/peers', { codes: batch.join(','), limit }, options));
  }

  getEvidence(metric: string, category?: InterventionCategory, options?: ReadOptions): Promise<EvidenceView> {
    return this.get<EvidenceView>('/evidence', { metric, category }, options);
  }

  getInterventionAsOf(id: string, asOf: string, options?: ReadOptions): Promise<InterventionView | null> {
    return this.getOrNull<InterventionView>(`/as-of/${segment(asOf)}/interventions/${segment(id)}`, options);
  }

  getInterventionOutcomesAsOf(id: string, asOf: string, options?: ReadOptions): Promise<readonly OutcomeView[] | null> {
    return this.getOrNull<OutcomeView[]>(`/as-of/${segment(asOf)}/interventions/${segment(id)}/outcomes`, options);
  }

  getEvidenceAsOf(metric: string, category: InterventionCategory | undefined, asOf: string, options?: ReadOptions): Promise<EvidenceView> {
    return this.get<EvidenceView>(`/as-of/${segment(asOf)}/evidence`, { metric, category }, options);
  }

  getSeriesAsOf(trustCode: string, metric: string, asOf: string, options?: ReadOptions): Promise<SeriesView | null> {
    return this.getOrNull<SeriesView>(`/as-of/${segment(asOf)}/series/${segment(trustCode)}/${segment(metric)}`, options);
  }

  getSeriesSpcAsOf(trustCode: string, metric: string, asOf: string, chart?: 'pp' | 'up', options?: ReadOptions): Promise<SpcView | null> {
    return this.getOrNull<SpcView>(`/as-of/${segment(asOf)}/series/${segment(trustCode)}/${segment(metric)}/spc`, options, { chart });
  }

  getTrustAsOf(code: string, asOf: string, options?: ReadOptions): Promise<TrustView | null> {
    return this.getOrNull<TrustView>(`/as-of/${segment(asOf)}/trusts/${segment(code)}`, options);
  }

  getProjection(query: ProjectionQuery, options?: ReadOptions): Promise<ProjectionView> {
    const { metric, region, horizonMonths, draws, seed, category, adopters, similarTo, maxDataAgeMonths } = query;
    return this.get<ProjectionView>('/projection', { metric, region, horizonMonths, draws, seed, category, adopters, similarTo, maxDataAgeMonths }, options);
  }

  getTrustBenchmark(code: string, metric: string, period?: string, options?: ReadOptions): Promise<BenchmarkView | null> {
    return this.getOrNull<BenchmarkView>(`/trusts/${encodeURIComponent(code)}/benchmark`, options, { metric, period });
  }

  getFunnel(metric: string, period: string, options?: ReadOptions): Promise<FunnelView> {
    return this.get<FunnelView>('/funnel', { metric, period }, options);
  }

  listMentors(trustCode: string, category?: string, metric?: string, options?: ReadOptions): Promise<readonly MentorMatchView[] | null> {
    return this.getOrNull<MentorMatchView[]>('/mentors', options, { trustCode, category, metric });
  }

  listMentorshipOffers(mine: boolean, options?: ReadOptions): Promise<readonly MentorshipOfferView[]> {
    return this.get<MentorshipOfferView[]>('/mentorship-offers', { mine: mine ? 'true' : undefined }, options);
  }

  getMentorshipOffer(id: string, options?: ReadOptions): Promise<MentorshipOfferView | null> {
    return this.getOrNull<MentorshipOfferView>(`/mentorship-offers/${segment(id)}`, options);
  }

  listMentorships(options?: ReadOptions): Promise<readonly MentorshipView[]> {
    return this.get<MentorshipView[]>('/mentorships', {}, options);
  }

  getMentorship(id: string, options?: ReadOptions): Promise<MentorshipView | null> {
    return this.getOrNull<MentorshipView>(`/mentorships/${segment(id)}`, options);
  }

  listActivity(query: ActivityQuery = {}, options?: ReadOptions): Promise<ActivityPage> {
    const { since, trustCode, category, limit } = query;
    return this.get<ActivityPage>('/activity', { since, trustCode, category, limit }, options);
  }

  activityHead(): Promise<ActivityHeadView> {
    return this.get<ActivityHeadView>('/activity/head', {});
  }

  listLessons(filter: LessonQuery, options?: ReadOptions): Promise<LessonPage> {
    return this.get<LessonPage>(
      '/lessons',
      {
        category: filter.category,
        metric: filter.metric,
        trustCode: filter.trustCode,
        search: filter.search,
        interventionId: filter.interventionId,
        first: filter.first === undefined ? undefined : String(filter.first),
        after: filter.after,
      },
      options,
    );
  }

  getLesson(id: string, options?: ReadOptions): Promise<LessonView | null> {
    return this.getOrNull<LessonView>(`/lessons/${segment(id)}`, options);
  }

  listComments(interventionId: string, options?: ReadOptions): Promise<readonly CommentView[]> {
    return this.get<CommentView[]>(`/interventions/${segment(interventionId)}/comments`, {}, options);
  }

  getComment(id: string, options?: ReadOptions): Promise<CommentView | null> {
    return this.getOrNull<CommentView>(`/comments/${segment(id)}`, options);
  }

  listProgrammes(trustCode?: string, options?: ReadOptions): Promise<readonly ProgrammeSummaryView[]> {
    return this.get<ProgrammeSummaryView[]>('/programmes', { trustCode }, options);
  }

  getProgramme(id: string, options?: ReadOptions): Promise<ProgrammeView | null> {
    return this.getOrNull<ProgrammeView>(`/programmes/${segment(id)}`, options);
  }

  getTrustPortfolio(code: string, options?: ReadOptions): Promise<PortfolioView | null> {
    return this.getOrNull<PortfolioView>(`/trusts/${segment(code)}/portfolio`, options);
  }

  listSustainabilityAssessments(interventionId: string, options?: ReadOptions): Promise<readonly SustainabilityAssessmentView[]> {
    return this.get<SustainabilityAssessmentView[]>(`/interventions/${segment(interventionId)}/sustainability-assessments`, {}, options);
  }

  listDriverDiagrams(trustCode: string | undefined, options?: ReadOptions): Promise<readonly DriverDiagramView[]> {
    return this.get<DriverDiagramView[]>('/driver-diagrams', { trustCode }, options);
  }

  getDriverDiagram(id: string, options?: ReadOptions): Promise<DriverDiagramView | null> {
    return this.getOrNull<DriverDiagramView>(`/driver-diagrams/${segment(id)}`, options);
  }

  listDriverDiagramPlacements(interventionId: string, options?: ReadOptions): Promise<readonly DriverDiagramPlacementView[]> {
    return this.get<DriverDiagramPlacementView[]>(`/interventions/${segment(interventionId)}/driver-diagram-placements`, {}, options);
  }

  listLocalMeasuresOf(trustCodes: readonly string[], options?: ReadOptions): Promise<readonly { trustCode: string; measures: readonly LocalMeasureView[] }[]> {
    return this.inBatches(trustCodes, (batch) =>
      this.get<{ trustCode: string; measures: LocalMeasureView[] }[]>('/local-measures', { trusts: batch.join(',') }, options),
    );
  }

  /** One call per MAX_KEYS_PER_BATCH keys (none for no keys), answers concatenated. */
  private async inBatches<T>(keys: readonly string[], read: (batch: readonly string[]) => Promise<readonly T[]>): Promise<readonly T[]> {
    const batches: (readonly string[])[] = [];
    for (let i = 0; i < keys.length; i += MAX_KEYS_PER_BATCH) batches.push(keys.slice(i, i + MAX_KEYS_PER_BATCH));
    return (await Promise.all(batches.map(read))).flat();
  }

  private async getOrNull<T>(path: string, options?: ReadOptions, query: Record<string, QueryValue> = {}): Promise<T | null> {
    try {
      return await this.get<T>(path, query, options);
    } catch (error) {
      if (error instanceof ServiceError && error.status === 404) return null;
      throw error;
    }
  }

  private async get<T>(path: string, query: Record<string, QueryValue>, options?: ReadOptions): Promise<T> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries({
      ...query,
      minPosition: options?.minPosition,
      stream: options?.stream,
      minVersion: options?.minVersion,
    })) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    const search = params.size > 0 ? `?${params.toString()}` : '';
    const { body } = await fetchJson<T>('query-service', joinUrl(this.baseUrl, path + search), {
      method: 'GET',
      timeoutMs: this.timeoutMs,
      credential: this.credential,
    });
    if (body === undefined) throw new Error(`query-service answered ${path} without a body`);
    return body;
  }
}

/** The filter of GET /lessons. */
export interface LessonQuery {
  readonly category?: string;
  readonly metric?: string;
  readonly trustCode?: string;
  readonly search?: string;
  readonly interventionId?: string;
  readonly first?: number;
  readonly after?: string;
}
