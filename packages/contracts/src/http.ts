/**
 * The HTTP contract between the gateway and the two services (command-service :4001,
 * query-service :4002). Plain JSON; dates as ISO strings. Both services and the gateway
 * import these types, so a change here is a change to all three.
 *
 * Service credentials: every request except GET /health (and /metrics, /platform) carries
 * `Authorization: Bearer <service credential>`: an HS256 JWT (see @longview/service-auth) signed
 * with the key the services share, LONGVIEW_SERVICE_KEY, by the gateway (for the request's user,
 * or a null actor for a public viewer) or by the CLI (SYSTEM, which only it may sign). It lives
 * 60 s (services refuse more than 5 min), with aud 'longview-services'. Who acts or reads is the
 * credential's actor and nothing else: a user's own token is not a credential. No credential,
 * or a bad one: 401 ErrorBody{code:'UNAUTHENTICATED'}.
 *
 * command-service
 *   POST /commands/:type            body CommandRequest  -> 200 CommandAccepted
 *     :type is a domain command type, e.g. RegisterTrust, ProposeIntervention, RecordObservations.
 *     The actor is the credential's; a body with `actor` is a 400, and a public viewer's
 *     credential (actor null) is a 401 (sign in).
 *     errors: 400 ErrorBody{code:'BAD_USER_INPUT', fields}, 401 UNAUTHENTICATED, 403 FORBIDDEN,
 *     404 NOT_FOUND, 409 CONFLICT
 *   GET  /health                    -> { status: 'ok' }   (no credential needed)
 *
 * query-service (every GET but /health needs a credential and reads for its actor, the viewer;
 * every GET accepts read-your-writes parameters; the answer waits, up to
 * `waitMs` (default 5000, max 30000), and is 504 {code:'TIMEOUT'} if not reached:
 *   `?stream=<streamId>&minVersion=<version>` — until every projection has applied that stream
 *     version (CommandAccepted.streamId and .version). Exact in both modes; use it in distributed
 *     mode. 504 at once if the stream has a parked event at or below that version.
 *   `?minPosition=<position>` (when no `stream`) — until the projections reached that global
 *     position. Exact in embedded mode; in distributed mode only "an event at or past it applied".)
 *   Every read is for the viewer its service credential names (null: a public viewer): anything
 *   about interventions (lists, totalCount, cursors, ids=, :id, outcomes, a trust's
 *   interventionCount, evidence, projection scenarios) holds only what that viewer may see
 *   (domain visibility.ts), and a hidden intervention is a 404 exactly like a missing one.
 *   GET /position                   -> PositionView
 *   GET /trusts?search=&region=&kind=&codes=  -> TrustView[]   (search matches code or name, case-insensitive)
 *     `codes=RJ1,RXX` (batch lookup): only the trusts with those codes that exist, combined with
 *     the other filters (`codes=` with none matches nothing); at most 200 codes (more: 400
 *     BAD_USER_INPUT). Ordered by name.
 *   GET /trust-page?search=&region=&kind=&source=&first=&offset=  -> TrustPageView   (the list a page at a
 *     time: `first` 1-100 (default 25) from `offset` (default 0), ordered by name; totalCount over all pages)
 *   GET /trusts/:code               -> TrustView | 404
 *   GET /trusts/:code/series        -> SeriesView[]   (every metric recorded for that trust)
 *   GET /interventions?trustCode=&status=&category=&first=&after=  -> InterventionPage
 *   GET /interventions?ids=a,b[&trustCode=&status=&category=]       -> InterventionPage
 *     (batch lookup): items are exactly the interventions found with those ids (and the filters),
 *     in the order asked; totalCount = items found, hasNextPage false, endCursor null. At most 200
 *     ids (more: 400 BAD_USER_INPUT); `first`/`after` do not apply and are a 400 with `ids`.
 *   GET /interventions/:id          -> InterventionView | 404
 *   GET /interventions/:id/lineage  -> LineageView | 404   (the adoption tree, visibility-filtered)
 *   GET /series/:trustCode/:metric  -> SeriesView | 404
 *   GET /metric-coverage            -> MetricCoverageView[]   (every metric some trust has recorded, by code)
 *   GET /activity?since=&trustCode=&category=&limit=  -> ActivityPage   (the live feed, see ActivityPage)
 *   GET /activity/head              -> ActivityHeadView   (the feed's last position)
 *   GET /health                     -> { status: 'ok', position }
 */
import type { Sustainability } from '@longview/analytics';
import type {
  Approach,
  Direction,
  InterventionCategory,
  InterventionTarget,
  IsoDate,
  IsoDateTime,
  IsoMonth,
  PdsaCycle,
  Sharing,
  TargetRole,
  TrustContext,
  TrustSource,
} from '@longview/domain';
import type { SustainabilityFactor, SustainabilityGroup } from '@longview/domain';

/** Global positions travel as decimal strings (they are bigints in the store). */
export type Position = string;

/** The body of POST /commands/:type. Who acts is not in it: that is the service credential's actor. */
export interface CommandRequest<Data = Record<string, unknown>> {
  /** Makes a retried command a no-op. Generated by the service when absent. */
  readonly commandId?: string;
  /** Optimistic concurrency: the stream version the caller saw. Absent = "whatever is current". */
  readonly expectedVersion?: number;
  readonly data: Data;
}

export interface CommandAccepted {
  readonly streamId: string;
  /** Stream version after the append (number of events in the stream). */
  readonly version: number;
  /** Global position of the last event written (or of the last event already there, for a no-op). */
  readonly position: Position;
  /** Types of the events this command appended ([] for an idempotent retry or a no-op). */
  readonly events: readonly string[];
}

export type ErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'TIMEOUT' | 'INTERNAL';

export interface FieldError {
  /** Dotted path into the command data, e.g. `targets.0.metric`. */
  readonly path: string;
  readonly message: string;
}

export interface ErrorBody {
  readonly code: ErrorCode;
  readonly message: string;
  readonly fields?: readonly FieldError[];
}

export interface PositionView {
  readonly position: Position;
}

export interface TrustView {
  /** Set when the view is answered as of a past date (time travel): YYYY-MM-DD. Absent = now. */
  readonly asOf?: IsoDate;
  readonly code: string;
  readonly name: string;
  /** Current context (the one with the latest effective date). */
  readonly context: TrustContext;
  readonly contextEffectiveFrom: IsoDate;
  /** Every context the trust has had, oldest first. */
  readonly contextHistory: readonly { readonly context: TrustContext; readonly effectiveFrom: IsoDate; readonly reason?: string }[];
  readonly registeredAt: IsoDateTime;
  readonly interventionCount: number;
  /** Metric codes with at least one observation. */
  readonly metrics: readonly string[];
  /** Where the trust came from: the demo loader (generated), an import of published data (real), or the API. */
  readonly source: TrustSource;
}

/** GET /trust-page: one page of the trust list (ordered by name), and how many match over all pages. */
export interface TrustPageView {
  readonly items: readonly TrustView[];
  readonly totalCount: number;
}

/**
 * GET /trusts/:code/local-measures -> LocalMeasureView[]; GET /local-measures?trusts=A,B -> { trustCode, measures }[];
 * GET /local-measures/:code -> LocalMeasureView | 404. A trust's own measures (DefineLocalMeasure), public like its profile.
 */
export interface LocalMeasureView {
  /** Generated: local-<trust>-<name slug>. */
  readonly code: string;
  readonly trustCode: string;
  readonly name: string;
  readonly unit: string;
  /** The direction that counts as better. */
  readonly direction: Direction;
  readonly definedAt: IsoDateTime;
}

export type InterventionStatus = 'PROPOSED' | 'ACTIVE' | 'COMPLETED' | 'ABANDONED';

export interface HistoryEntry {
  readonly type: string;
  readonly at: IsoDateTime;
  readonly position: Position;
  readonly summary: string;
}

export interface InterventionView {
  /** Set when the view is answered as of a past date (time travel): YYYY-MM-DD. Absent = now. */
  readonly asOf?: IsoDate;
  readonly id: string;
  readonly trustCode: string;
  readonly trustName: string;
  readonly title: string;
  readonly summary: string;
  readonly category: InterventionCategory;
  readonly rootCause?: string;
  readonly approach: Approach;
  /** Each with its role (targets stored before roles read as OUTCOME). */
  readonly targets: readonly InterventionTarget[];
  readonly sharing: Sharing;
  readonly status: InterventionStatus;
  readonly proposedAt: IsoDateTime;
  readonly startedOn?: IsoDate;
  readonly completedOn?: IsoDate;
  readonly abandonedOn?: IsoDate;
  readonly abandonReason?: string;
  readonly pdsaCycles: readonly (PdsaCycle & { readonly cycleNumber: number })[];
  readonly history: readonly HistoryEntry[];
  /** Set on an adoption: the id of the intervention it was adopted from (which the viewer may or may not see). */
  readonly adoptedFrom?: string;
  /** Set on an adoption: what the adopting trust changed for its own context (plain text). */
  readonly adaptations?: string;
}

/**
 * GET /interventions/:id/lineage -> LineageView | 404 (missing or hidden: the same 404).
 * The adoption tree around one intervention, as the viewer may see it. A node the viewer may not
 * see has `interventionId: null` and nothing else about it; hidden descendants appear only where
 * they connect the intervention to a visible adoption further down (else absent, uncounted).
 */
export interface LineageView {
  readonly interventionId: string;
  /** The source it was adopted from, if the viewer may see it. */
  readonly adoptedFrom: string | null;
  /** Its direct adoptions the viewer may see, oldest first. */
  readonly adoptions: readonly string[];
  /** From the original (root) down to the direct source; depth = generations above (the source is 1). */
  readonly ancestors: readonly LineageNodeView[];
  /** Depth-first, each node followed by its own adoptions, oldest first; depth = generations below (a direct adoption is 1). */
  readonly descendants: readonly LineageNodeView[];
}

export interface LineageNodeView {
  readonly depth: number;
  /** Null when the viewer may not see the node. */
  readonly interventionId: string | null;
}

/** How interventions of one kind (adoptions, or originals) fared: how many were pooled-eligible and the share judged SUSTAINED. */
export interface AdoptionEvidenceView {
  /** Interventions of the kind the viewer may see that target the metric and have started. */
  readonly k: number;
  /** Share of the judged ones that were SUSTAINED (null when none is judged yet). */
  readonly sustainedShare: number | null;
}

export interface InterventionPage {
  readonly items: readonly InterventionView[];
  readonly totalCount: number;
  readonly hasNextPage: boolean;
  /** Opaque cursor of the last item. */
  readonly endCursor: string | null;
}

export interface ObservationView {
  readonly period: IsoMonth;
  readonly value: number;
  readonly numerator?: number;
  readonly denominator?: number;
  /** True if the value was corrected after it was first recorded. */
  readonly corrected: boolean;
}

export interface SeriesView {
  /** Set when the view is answered as of a past date (time travel): YYYY-MM-DD. Absent = now. */
  readonly asOf?: IsoDate;
  readonly trustCode: string;
  readonly metric: string;
  /** Ordered by period. */
  readonly observations: readonly ObservationView[];
  /** Periods at which a new SPC baseline starts (RebaseSeries), ordered. */
  readonly rebasePeriods: readonly IsoMonth[];
  readonly corrections: readonly { readonly period: IsoMonth; readonly previousValue: number; readonly value: number; readonly reason: string }[];
}

/** How widely a metric is recorded: the trusts with a series of it and the months they span. */
export interface MetricCoverageView {
  readonly metric: string;
  readonly trusts: number;
  readonly firstPeriod: IsoMonth;
  readonly lastPeriod: IsoMonth;
}

// ---------------------------------------------------------------- analytics views
// query-service routes (all honour ?minPosition):
//   GET /series/:trustCode/:metric/spc?chart=pp|up     -> SpcView | 404 (chart: P′/U′ of a series with numerators and denominators, else 400)
//   GET /interventions/:id/outcomes                    -> OutcomeView[] | 404 (one per target metric)
//   GET /spc?series=RJ1:ae-4hr,RXH:rtt-18wk             -> SpcView[] (one per pair that has a series; at most 200 pairs)
//   GET /outcomes?ids=A,B                              -> InterventionOutcomesView[] (one per intervention the viewer may see; at most 200 ids)
//   GET /trusts/:code/peers?limit=5                    -> PeerView[] | 404
//   GET /peers?codes=A,B&limit=5                       -> TrustPeersView[] (one per code that is a trust; at most 200 codes)
//   GET /evidence?metric=&category=                    -> EvidenceView (400 for an unknown metric)
//   GET /projection?metric=&region=&horizonMonths=24&draws=&seed=&category=&adopters=&similarTo=
//                                                      -> ProjectionView (a scenario when category and adopters are given)
//     &maxDataAgeMonths=3: trusts whose latest data are older than this (months before the newest in scope) are left out
//   GET /trusts/:code/benchmark?metric=&period=         -> BenchmarkView | 404 (period defaults to the trust's latest)
//   GET /funnel?metric=&period=                        -> FunnelView (400 for an unknown metric or one without numerators and denominators)
// time travel (docs/time-travel.md): the same answers from the events recorded before the end of a date
// (YYYY-MM-DD, a UTC day; a later day than today, or not a date, is a 400 BAD_USER_INPUT); views carry `asOf`:
//   GET /as-of/:date/interventions/:id                 -> InterventionView | 404 (also when not yet proposed then)
//   GET /as-of/:date/interventions/:id/outcomes        -> OutcomeView[] | 404
//   GET /as-of/:date/evidence?metric=&category=        -> EvidenceView
//   GET /as-of/:date/series/:trustCode/:metric         -> SeriesView | 404
//   GET /as-of/:date/series/:trustCode/:metric/spc     -> SpcView | 404
//   GET /as-of/:date/trusts/:code                      -> TrustView | 404 (name and context as of then)

/** The verdict on an intervention's effect: defined once, by the analytics that judge it. */
export type { Sustainability };

export interface SpcPointView {
  readonly period: IsoMonth;
  readonly value: number;
  /** The centre line: the mean (XmR) or the median (run chart). */
  readonly mean: number;
  /** Null on a run chart (it has no limits). */
  readonly lpl: number | null;
  readonly upl: number | null;
  /**
   * Making Data Count label: "Above UCL", "7 Point Trend (Increasing)", "2 in 3 Below CL", "7 Points Above CL", "Common Cause", …
   * On a run chart: "Runs signal (Anhøj rules)" or "No runs signal" (the series' result, on every point).
   */
  readonly rule: string;
  /** common_cause | special_cause_improvement | special_cause_concern | special_cause_neutral_high | special_cause_neutral_low; run_chart on a run chart */
  readonly pointType: string;
  readonly rebaseGroup: number;
}

/** The Anhøj runs analysis of a run chart (qicharts2's names). */
export interface RunsAnalysisView {
  readonly nUseful: number;
  readonly longestRun: number | null;
  readonly longestRunMax: number | null;
  readonly nCrossings: number | null;
  readonly nCrossingsMin: number | null;
  readonly runsSignal: boolean;
}

export interface SpcView {
  readonly trustCode: string;
  readonly metric: string;
  /**
   * 'xmr' (Making Data Count XmR chart) or 'run' (run chart with the Anhøj rules, for series too short for XmR limits);
   * on request (?chart=pp|up), for a series with numerators and denominators, 'pp' (Laney P′) or 'up' (Laney U′).
   */
  readonly chart: 'xmr' | 'run' | 'pp' | 'up';
  /** Why this chart, in plain English. */
  readonly chartReason: string;
  /** The runs analysis (run charts only; null for XmR). */
  readonly runs: RunsAnalysisView | null;
  /** 'increase' | 'decrease' (from the metric catalogue). */
  readonly direction: string;
  /** The national standard, used for the assurance icon; null when the metric has none. */
  readonly target: number | null;
  readonly mean: number | null;
  readonly lpl: number | null;
  readonly upl: number | null;
  /** common_cause | improvement_high | improvement_low | concern_high | concern_low | neutral_high | neutral_low */
  readonly variation: string | null;
  /** consistent_pass | consistent_fail | inconsistent */
  readonly assurance: string | null;
  readonly points: readonly SpcPointView[];
  readonly groups: readonly {
    readonly rebaseGroup: number;
    readonly firstPeriod: IsoMonth;
    readonly lastPeriod: IsoMonth;
    readonly n: number;
    readonly mean: number;
    readonly lpl: number;
    readonly upl: number;
    readonly trialLimits: boolean;
  }[];
  readonly warnings: readonly string[];
}

export interface OutcomeView {
  readonly metric: string;
  /** What the target measures for the intervention (OUTCOME, PROCESS or BALANCING). */
  readonly role: TargetRole;
  /**
   * True when an outcome improved while a balancing measure shows a concern signal after the start
   * (the rule in packages/analytics/src/balancing.ts): set on the improved outcomes and on the
   * balancing measures of concern; `reason` then ends with a sentence naming the other side.
   */
  readonly balancingConcern: boolean;
  /** The intervention's desired direction for this target. */
  readonly direction: 'INCREASE' | 'DECREASE';
  readonly sustainability: Sustainability;
  /** Why, in plain English. */
  readonly reason: string;
  readonly startedOn: IsoDate | null;
  readonly monthsObserved: number;
  readonly baseline: {
    readonly firstPeriod: IsoMonth;
    readonly lastPeriod: IsoMonth;
    readonly n: number;
    readonly mean: number;
    readonly lpl: number;
    readonly upl: number;
    readonly trialLimits: boolean;
  } | null;
  readonly effect: {
    /** mean(after) - mean(baseline), in the metric's unit. */
    readonly meanDifference: number;
    readonly standardError: number | null;
    /** meanDifference signed so that positive is an improvement. */
    readonly improvement: number;
    /** Interrupted time series: level change, slope change per month, effect at 12 months. */
    readonly levelChange: number | null;
    readonly slopeChange: number | null;
    readonly effectAt12Months: number | null;
  } | null;
  /** The points from the start on, judged against the baseline's limits. */
  readonly post: readonly { readonly period: IsoMonth; readonly value: number; readonly rule: string; readonly pointType: string }[];
}

export interface PeerView {
  readonly code: string;
  readonly name: string;
  readonly distance: number;
  /** How much each context feature contributed (weight x standardised difference). */
  readonly contributions: readonly { readonly feature: string; readonly weight: number; readonly difference: number | null }[];
}

/** One intervention's outcomes, as a batch of `GET /outcomes?ids=` answers them. */
export interface InterventionOutcomesView {
  readonly interventionId: string;
  readonly outcomes: readonly OutcomeView[];
}

/** One trust's nearest peers, as a batch of `GET /peers?codes=` answers them. */
export interface TrustPeersView {
  readonly code: string;
  readonly peers: readonly PeerView[];
}

export interface EvidenceStudyView {
  readonly interventionId: string;
  readonly trustCode: string;
  readonly title: string;
  readonly approach: Approach;
  /** Improvement (positive = better) in the metric's unit, and its standard error. */
  readonly effect: number;
  readonly standardError: number;
  /** The trust's effect shrunk towards the pooled mean (empirical Bayes). */
  readonly shrunkEffect: number;
  readonly sustainability: Sustainability;
  /** Improved, but a balancing measure shows a concern signal after the start (counted in EvidenceView.shiftedProblem). */
  readonly balancingConcern: boolean;
}

/** How a pooled figure was produced. */
export interface PoolingMethodView {
  /** tau² estimator: DL (DerSimonian-Laird), REML or PM (Paule-Mandel). */
  readonly estimator: 'DL' | 'REML' | 'PM';
  /** z (normal intervals) or knha (Knapp-Hartung, t with k - 1 df). */
  readonly test: 'z' | 'knha';
  /** The method in words. */
  readonly description: string;
}

export interface EvidenceView {
  /** Set when the view is answered as of a past date (time travel): YYYY-MM-DD. Absent = now. */
  readonly asOf?: IsoDate;
  readonly metric: string;
  readonly category: InterventionCategory | null;
  /** The method behind pooledEffect, se, the intervals, tau2 and i2. */
  readonly method: PoolingMethodView;
  /** Number of interventions pooled. */
  readonly k: number;
  readonly pooledEffect: number | null;
  readonly se: number | null;
  readonly ciLow: number | null;
  readonly ciHigh: number | null;
  readonly predictionLow: number | null;
  readonly predictionHigh: number | null;
  readonly i2: number | null;
  readonly tau2: number | null;
  readonly q: number | null;
  /** Share of judged interventions (verdict other than INSUFFICIENT_DATA / NOT_YET_EVIDENT) that were SUSTAINED. */
  readonly sustainedShare: number | null;
  readonly verdicts: Readonly<Record<Sustainability, number>>;
  /**
   * Of the interventions counted in `verdicts` (the metric an OUTCOME of each), how many improved
   * but shifted the problem: a balancing measure shows a concern signal after the start. They stay
   * in `verdicts` and in the pooled figures (the outcome's effect is real); this counts them apart.
   */
  readonly shiftedProblem: number;
  readonly studies: readonly EvidenceStudyView[];
  /** The interventions above that are adoptions of another intervention... */
  readonly adoptions: AdoptionEvidenceView;
  /** ...and those that are not (originals), for comparison: does an improvement spread? */
  readonly originals: AdoptionEvidenceView;
}

export interface ProjectionMonthView {
  /** 1 = the first month after the latest data. */
  readonly offset: number;
  readonly period: IsoMonth;
  readonly mean: number;
  readonly p05: number;
  readonly p50: number;
  readonly p95: number;
}

export interface ProjectionView {
  readonly metric: string;
  readonly region: string | null;
  readonly horizonMonths: number;
  readonly draws: number;
  readonly seed: number;
  /** Trusts in the projection. */
  readonly trusts: number;
  readonly lastPeriod: IsoMonth | null;
  readonly statusQuo: readonly ProjectionMonthView[];
  readonly scenario: {
    readonly category: InterventionCategory;
    readonly adopters: readonly string[];
    /** The pooled effect used (positive = improvement), between-trust variance and chance of fading. */
    readonly effectMean: number;
    readonly tau2: number;
    readonly fadeProbability: number;
    readonly months: readonly ProjectionMonthView[];
    readonly difference: readonly ProjectionMonthView[];
  } | null;
  /** A trust enters only if its latest data are at most this many months older than `lastPeriod`. */
  readonly maxDataAgeMonths: number;
  /** Trusts in scope that were left out, and why. */
  readonly excluded: readonly ProjectionExclusionView[];
  readonly computeMs: number;
}

export interface ProjectionExclusionView {
  readonly trustCode: string;
  /** The trust's latest period of the metric; null when it has none. */
  readonly lastPeriod: IsoMonth | null;
  readonly reason: string;
}

/** A trust's value of a metric in one month against every trust with a value that month. */
export interface BenchmarkView {
  readonly trustCode: string;
  readonly metric: string;
  readonly period: IsoMonth;
  readonly value: number;
  /** Median and quartiles (Hyndman & Fan type 7, as R's quantile()) over the trusts with a value that month. */
  readonly nationalMedian: number;
  readonly q1: number;
  readonly q3: number;
  /** Median over the trusts of its region; its context peers' median (null when none has a value that month). */
  readonly regionMedian: number | null;
  readonly peerMedian: number | null;
  readonly peers: readonly string[];
  /** 1 = best in the metric's improving direction; ties share the better rank. */
  readonly rank: number;
  readonly n: number;
}

export interface FunnelPointView {
  readonly trustCode: string;
  /** In the metric's unit (a percentage for a % metric): 100 x numerator / denominator. */
  readonly value: number;
  readonly numerator: number;
  readonly denominator: number;
  readonly outside95: boolean;
  readonly outside998: boolean;
}

export interface FunnelLimitView {
  readonly denominator: number;
  readonly lower95: number;
  readonly upper95: number;
  readonly lower998: number;
  readonly upper998: number;
}

/** Every trust's proportion against its denominator, with Spiegelhalter's exact binomial limits. */
export interface FunnelView {
  readonly metric: string;
  readonly period: IsoMonth;
  /** The pooled proportion (sum of numerators / sum of denominators), in the metric's unit. */
  readonly target: number;
  readonly points: readonly FunnelPointView[];
  /** The limits along the denominator axis, for drawing. */
  readonly limits: readonly FunnelLimitView[];
}

// ---------------------------------------------------------------- mentorship views
// query-service routes (all honour ?minPosition), for the viewer of the service credential:
//   GET /mentorship-offers?mine=true               -> MentorshipOfferView[] (open offers; mine=true: the viewer's own, withdrawn too)
//   GET /mentorship-offers/:id                     -> MentorshipOfferView | 404
//   GET /mentorships                               -> MentorshipView[] (only those the viewer is a party to; admins all)
//   GET /mentorships/:id                           -> MentorshipView | 404 (a stranger's answer is exactly a missing one's)
//   GET /mentors?trustCode=&category=&metric=      -> MentorMatchView[] (ranked; see docs/collaboration.md) | 404 for an unknown trust
// Offers are seen by signed-in NHS roles (trust editors, policymakers, admins); the community and the public see none.

export interface MentorshipPersonView {
  readonly id: string;
  readonly name: string;
  readonly role: string;
  readonly trustCode: string | null;
}

export interface MentorshipOfferView {
  readonly id: string;
  readonly mentor: MentorshipPersonView;
  readonly categories: readonly InterventionCategory[];
  readonly metrics: readonly string[];
  readonly capacity: number;
  /** Places left: capacity minus accepted mentorships that have not ended (never below 0). */
  readonly available: number;
  readonly note: string | null;
  readonly status: 'OPEN' | 'WITHDRAWN';
  readonly offeredAt: string;
}

export type MentorshipStatusView = 'REQUESTED' | 'ACCEPTED' | 'DECLINED' | 'ENDED';

export interface MentorshipView {
  readonly id: string;
  readonly offer: MentorshipOfferView;
  readonly trustCode: string;
  readonly requester: MentorshipPersonView;
  readonly message: string;
  readonly status: MentorshipStatusView;
  readonly createdAt: string;
  readonly respondedAt: string | null;
  readonly endedAt: string | null;
}

export interface MentorMatchView {
  readonly offer: MentorshipOfferView;
  readonly distance: number;
  readonly sustainedCount: number;
  readonly score: number;
  readonly explanation: string;
}

// ---- Live activity (read-models/activity-feed) ----
//   GET /activity?since=&trustCode=&category=&limit=  -> ActivityPage
//   GET /activity/head                                -> ActivityHeadView

/** What happened, in plain words a feed can group by. */
export type ActivityKindView =
  'INTERVENTION_PROPOSED' | 'INTERVENTION_ADOPTED' | 'INTERVENTION_STARTED' | 'INTERVENTION_COMPLETED' | 'VERDICT_CHANGED' | 'LESSON_SHARED' | 'COMMENT_POSTED';

/** One row of the live feed, as the viewer may see it. */
export interface ActivityView {
  /** The feed's own position (1, 2, 3, ... in the order rows were added; decimal string). */
  readonly position: Position;
  readonly kind: ActivityKindView;
  readonly occurredAt: string;
  readonly interventionId: string;
  readonly interventionTitle: string;
  readonly trustCode: string;
  /** The trust's name when the feed has seen it registered, else its code. */
  readonly trustName: string;
  readonly category: InterventionCategory;
  /** A short plain-English sentence: "Started “Same-day emergency care”". */
  readonly summary: string;
  /** VERDICT_CHANGED only: the target metric and the verdicts before and after. */
  readonly metric: string | null;
  readonly verdict: Sustainability | null;
  readonly previousVerdict: Sustainability | null;
}

/**
 * GET /activity: with `since`, the rows after that position the viewer may see, oldest first (at
 * most `limit`, default 50, max 200); without it, the latest `limit` rows, oldest first.
 * `cursor` is the position to ask `since=` next time: no row the viewer may see lies at or below
 * it that was not in this page or an earlier one (the feed's positions are handed out in commit
 * order), so polling with it has no gap and no duplicate.
 */
export interface ActivityPage {
  readonly items: readonly ActivityView[];
  readonly cursor: Position;
}

export interface ActivityHeadView {
  /** The feed's last position ("0" when empty). */
  readonly position: Position;
}

// ---------------------------------------------------------------- lessons and comments views
// query-service routes (all honour ?minPosition), for the viewer of the service credential:
//   GET /lessons?category=&metric=&trustCode=&search=&interventionId=&first=&after=  -> LessonPage (newest first)
//   GET /lessons/:id                                   -> LessonView | 404 (a lesson hidden from the viewer answers like a missing one)
//   GET /interventions/:id/comments                    -> CommentView[] (oldest first; retracted ones absent; hidden ones for admins only)
//   GET /comments/:id                                  -> CommentView | 404
// A lesson is seen by whoever may see both its own sharing and, when it is about an
// intervention, that intervention's; a comment by whoever may see its intervention.

export interface LessonView {
  readonly id: string;
  readonly interventionId: string | null;
  readonly trustCode: string;
  readonly title: string;
  readonly body: string;
  readonly sharing: 'PRIVATE' | 'TRUSTS' | 'PUBLIC';
  readonly author: MentorshipPersonView;
  readonly endorsements: number;
  /** Whether the viewer has endorsed it (false when signed out). */
  readonly endorsedByViewer: boolean;
  readonly createdAt: string;
  /** Opaque: pass as `after` to list the lessons after this one. */
  readonly cursor: string;
}

export interface LessonPage {
  readonly items: readonly LessonView[];
  readonly totalCount: number;
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

export interface CommentView {
  readonly id: string;
  readonly interventionId: string;
  readonly author: MentorshipPersonView;
  readonly body: string;
  readonly createdAt: string;
  /** Set for admins only, on a comment an administrator hid. */
  readonly hidden: { readonly reason: string; readonly by: string; readonly at: string } | null;
}

// ---- Programmes (collaboratives) and portfolios ----
//   GET /programmes?trustCode=       -> ProgrammeSummaryView[]   (every programme, or those the trust is a member of: names and memberships are public)
//   GET /programmes/:id              -> ProgrammeView | 404
//   GET /trusts/:code/portfolio      -> PortfolioView | 404      (the trust's interventions the viewer may see)
// A programme's linked interventions are those the viewer may see, nothing else: its
// interventions, members' counts, evidence, portfolio and timeline leave hidden ones out.

export interface ProgrammeSummaryView {
  readonly id: string;
  readonly name: string;
  readonly aim: string;
  readonly category: InterventionCategory;
  readonly metric: string;
  readonly createdAt: IsoDateTime;
  readonly memberCount: number;
  /** Linked interventions the viewer may see. */
  readonly interventionCount: number;
}

export interface ProgrammeMemberView {
  readonly code: string;
  readonly name: string;
  readonly joinedAt: IsoDateTime;
  /** The member's linked interventions the viewer may see. */
  readonly interventionCount: number;
}

export interface ProgrammeInterventionView {
  readonly intervention: InterventionView;
  readonly linkedAt: IsoDateTime;
  /** The verdict on the programme's metric when the intervention targets it, else on its first target; null when never started. */
  readonly verdict: Sustainability | null;
  /** The metric the verdict is about. */
  readonly verdictMetric: string | null;
}

export interface ProgrammeTimelineEntryView {
  /** YYYY-MM-DD. */
  readonly date: IsoDate;
  readonly type:
    | 'PROGRAMME_CREATED'
    | 'COORDINATOR_APPOINTED'
    | 'TRUST_JOINED'
    | 'INTERVENTION_LINKED'
    | 'INTERVENTION_STARTED'
    | 'INTERVENTION_COMPLETED'
    | 'INTERVENTION_ABANDONED';
  readonly summary: string;
  readonly trustCode: string | null;
  readonly interventionId: string | null;
}

export interface PortfolioStatusCountsView {
  readonly PROPOSED: number;
  readonly STARTED: number;
  readonly COMPLETED: number;
  readonly ABANDONED: number;
}

export interface PortfolioQuarterView {
  readonly quarter: string;
  readonly label: string;
  readonly end: IsoDate;
  readonly statuses: PortfolioStatusCountsView;
  readonly verdicts: Readonly<Record<Sustainability, number>>;
}

export interface PortfolioView {
  readonly asOf: IsoDate;
  readonly total: number;
  readonly quarters: readonly PortfolioQuarterView[];
  readonly current: { readonly statuses: PortfolioStatusCountsView; readonly verdicts: Readonly<Record<Sustainability, number>> };
}

export interface ProgrammeView extends ProgrammeSummaryView {
  readonly coordinators: readonly { readonly id: string; readonly name: string }[];
  readonly members: readonly ProgrammeMemberView[];
  readonly interventions: readonly ProgrammeInterventionView[];
  /** Pooled over the visible linked interventions that target the programme's metric, as Query.evidence pools. */
  readonly evidence: EvidenceView;
  readonly timeline: readonly ProgrammeTimelineEntryView[];
  readonly portfolio: PortfolioView;
}

// ---------------------------------------------------------------- sustainability self-assessments
//   GET /interventions/:id/sustainability-assessments -> SustainabilityAssessmentView[] (newest assessedOn first;
//   empty when the intervention is missing or hidden from the viewer: assessments follow the intervention's sharing)

export interface SustainabilityAssessmentView {
  readonly interventionId: string;
  readonly assessedOn: IsoDate;
  /** The scale the levels are scored on: Longview's own (LONGVIEW_LINEAR_V1), not the Model's weighted table. */
  readonly scale: string;
  readonly total: number;
  readonly max: number;
  readonly scores: readonly { readonly factor: SustainabilityFactor; readonly group: SustainabilityGroup; readonly level: number; readonly score: number }[];
  readonly groups: readonly { readonly group: SustainabilityGroup; readonly score: number; readonly max: number }[];
  readonly note: string | null;
  readonly assessedBy: MentorshipPersonView;
  readonly assessedAt: IsoDateTime;
}
