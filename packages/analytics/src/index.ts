export { AnalyticsInputError } from './errors';
export type { AnalyticsErrorCode } from './errors';
export {
  DEFAULT_RUN_LENGTH,
  directionSign,
  partOfSevenTrend,
  partOfTwoInThree,
  pointTypeOf,
  ruleSide,
  sevenPointOneSideMean,
  sevenPointTrend,
  specialCauseType,
  twoInThree,
  describeSpcRule,
} from './spc-rules';
export type { ImprovementDirection, PointType, RunLength, SpcRule } from './spc-rules';
export { MIN_POINTS_FOR_LIMITS, MR_SCREEN, XMR_LIMIT, assuranceIcon, classifyAgainstLimits, resolveSpcOptions, spc, variationIcon, xmrLimits } from './spc';
export type {
  AssuranceIcon,
  PointTypeCounts,
  ResolvedSpcOptions,
  SpcAnalysis,
  SpcGroupSummary,
  SpcInputPoint,
  SpcLimits,
  SpcOptions,
  SpcPoint,
  SpcWarning,
  VariationIcon,
} from './spc';
export { ATTRIBUTE_CHART_TYPES, CHART_LABEL, CHART_TYPES, attributeChart, crossingsLimit, longestRunLimit, median, runChart, runsAnalysis } from './charts';
export type { AttributeChartOptions, AttributeChartType, AttributeInputPoint, ChartAnalysis, ChartPoint, ChartType, RunsAnalysis } from './charts';
export { FADE_CHECK_POINTS, SUSTAIN_MONTHS, evaluateOutcome } from './outcome';
export { assessBalancing, balancingConcernOf, improved } from './balancing';
export type { BalancingAssessment, RoledOutcome, TargetRole } from './balancing';
export type {
  EvaluateOutcomeInput,
  InterruptedTimeSeries,
  InterventionOutcome,
  OutcomeBaseline,
  OutcomeDirection,
  OutcomeEffect,
  OutcomePoint,
  Sustainability,
} from './outcome';
export { POOL_METHODS, POOL_METHOD_LABEL, POOL_TESTS, describePooling, evidencePoolOptions, pool, poolDerSimonianLaird, sustainedShare } from './pooling';
export type { PoolMethod, PoolOptions, PoolResult, PoolStudy, PoolTest, ShrunkStudy } from './pooling';
export { DEFAULT_PEER_WEIGHTS, PeerIndex, nearestPeers } from './peers';
export type { NearestPeersOptions, Peer, PeerContribution, PeerFeature, TrustFeatures } from './peers';
export { projectSystem, projectSystemPerTrust } from './projection';
export type { ProjectSystemInput, ProjectionMonth, ProjectionScenario, ProjectionTrust, SystemProjection } from './projection';
export { sfc32 } from './random';
export { CsvSyntaxError, formatCsv, parseCsv } from './csv';
export type { CsvRow } from './csv';
export { addMonths, monthIndex, monthIndexOrNaN, monthsBetween, parsePeriod, periodOfIndex } from './periods';
export type { ParsedPeriod } from './periods';
export {
  CHART_POINT_HEADER,
  CHART_SUMMARY_HEADER,
  POOL_HEADER,
  POOL_USAGE,
  SPC_POINT_HEADER,
  SPC_SUMMARY_HEADER,
  SPC_USAGE,
  runPoolCommand,
  runSpcCommand,
} from './cli';
export type { CommandResult, ReadFile } from './cli';
export { FUNNEL_COVERAGES, binomialFunnelLimit, funnelLimits, funnelPlot, quantile, rankOf, summarise } from './benchmark';
export type { BenchmarkSummary, FunnelInput, FunnelLimits, FunnelPlot, FunnelPoint } from './benchmark';
export { PORTFOLIO_STATUSES, portfolio, statusOn } from './portfolio';
export type { Portfolio, PortfolioItem, PortfolioOptions, PortfolioQuarter, PortfolioStatus } from './portfolio';
export { TEAM_LIKELY_THRESHOLD, compareSustainability, monthsImproved } from './sustainability-comparison';
export type { OutcomeVerdict, OutcomeVerdictInput, SustainabilityAgreement, SustainabilityComparison, TeamAssessmentInput } from './sustainability-comparison';
