import type { EvidenceStudyView, EvidenceView, InterventionView, PeerView, ProjectionView, SeriesView, SpcView, TrustView } from '@longview/contracts';
import { findMetric, METRICS, type MetricDefinition, type Target } from '@longview/domain';
import * as analytics from './analytics';
import type { GatewayContext } from './context';
import type * as gql from './graphql-types';
import * as mutations from './mutations';
import * as reads from './reads';

/**
 * Resolvers are one-liners: reads go through `reads.ts`, writes through `mutations.ts`,
 * errors are mapped in `errors.ts`. Parents are the query service's views.
 */

type Input<T> = { readonly input: T };
type Root = Record<string, never>;

const metricInfo = (code: string): MetricDefinition | null => findMetric(code) ?? null;

export const resolvers = {
  Query: {
    trusts: (_: Root, { filter }: { filter?: gql.TrustFilter | null }, ctx: GatewayContext) => reads.listTrusts(ctx, filter),
    trust: (_: Root, { code }: { code: string }, ctx: GatewayContext) => reads.getTrust(ctx, code),
    interventions: (_: Root, { filter, ...page }: { filter?: gql.InterventionFilter | null } & gql.PageArgs, ctx: GatewayContext) =>
      reads.interventionConnection(ctx, filter, page),
    intervention: (_: Root, { id }: { id: string }, ctx: GatewayContext) => reads.getIntervention(ctx, id),
    series: (_: Root, { trustCode, metric }: { trustCode: string; metric: string }, ctx: GatewayContext) => reads.getSeries(ctx, trustCode, metric),
    metrics: () => METRICS,
    evidence: (_: Root, { metric, category }: { metric: string; category?: string | null }, ctx: GatewayContext) =>
      analytics.evidence(ctx, metric, category),
    systemProjection: (_: Root, args: gql.ProjectionArgs, ctx: GatewayContext) => analytics.systemProjection(ctx, args),
  },

  Mutation: {
    registerTrust: (_: Root, { input }: Input<gql.RegisterTrustInput>, ctx: GatewayContext) => mutations.registerTrust(ctx, input),
    proposeIntervention: (_: Root, { input }: Input<gql.ProposeInterventionInput>, ctx: GatewayContext) => mutations.proposeIntervention(ctx, input),
    startIntervention: (_: Root, { input }: Input<gql.StartInterventionInput>, ctx: GatewayContext) => mutations.startIntervention(ctx, input),
    logPdsaCycle: (_: Root, { input }: Input<gql.LogPdsaCycleInput>, ctx: GatewayContext) => mutations.logPdsaCycle(ctx, input),
    completeIntervention: (_: Root, { input }: Input<gql.CompleteInterventionInput>, ctx: GatewayContext) => mutations.completeIntervention(ctx, input),
    abandonIntervention: (_: Root, { input }: Input<gql.AbandonInterventionInput>, ctx: GatewayContext) => mutations.abandonIntervention(ctx, input),
    recordObservations: (_: Root, { input }: Input<gql.RecordObservationsInput>, ctx: GatewayContext) => mutations.recordObservations(ctx, input),
    correctObservation: (_: Root, { input }: Input<gql.CorrectObservationInput>, ctx: GatewayContext) => mutations.correctObservation(ctx, input),
    rebaseSeries: (_: Root, { input }: Input<gql.RebaseSeriesInput>, ctx: GatewayContext) => mutations.rebaseSeries(ctx, input),
  },

  Trust: {
    kind: (trust: TrustView) => trust.context.kind,
    region: (trust: TrustView) => trust.context.region,
    context: (trust: TrustView) => ({ ...trust.context, effectiveFrom: trust.contextEffectiveFrom }),
    contextHistory: (trust: TrustView) => trust.contextHistory.map(({ context, effectiveFrom, reason }) => ({ ...context, effectiveFrom, reason })),
    interventions: (trust: TrustView, page: gql.PageArgs, ctx: GatewayContext) => reads.interventionConnection(ctx, { trustCode: trust.code }, page),
    series: (trust: TrustView, { metric }: { metric?: string | null }, ctx: GatewayContext) => reads.seriesOfTrust(ctx, trust.code, metric),
    peers: (trust: TrustView, { limit }: { limit?: number | null }, ctx: GatewayContext) => analytics.trustPeers(ctx, trust, limit),
  },

  Intervention: {
    trust: (intervention: InterventionView, _: unknown, ctx: GatewayContext) => reads.trustOf(ctx, intervention.trustCode),
    outcomes: (intervention: InterventionView, _: unknown, ctx: GatewayContext) => analytics.interventionOutcomes(ctx, intervention),
  },

  InterventionOutcome: {
    metricInfo: (outcome: analytics.OutcomeParent) => metricInfo(outcome.metric),
    spc: (outcome: analytics.OutcomeParent, _: unknown, ctx: GatewayContext) => analytics.outcomeSpc(ctx, outcome),
  },

  SpcAnalysis: {
    direction: (spc: SpcView) => analytics.spcDirection(spc),
  },

  Peer: {
    trust: (peer: PeerView, _: unknown, ctx: GatewayContext) => analytics.peerTrust(ctx, peer),
  },

  EvidenceSummary: {
    verdicts: (evidence: EvidenceView) => analytics.verdictCounts(evidence),
  },

  EvidenceStudy: {
    intervention: (study: EvidenceStudyView, _: unknown, ctx: GatewayContext) => analytics.studyIntervention(ctx, study),
    title: (study: EvidenceStudyView, _: unknown, ctx: GatewayContext) => analytics.studyTitle(ctx, study),
  },

  ProjectionScenario: {
    adopters: (scenario: NonNullable<ProjectionView['scenario']>, _: unknown, ctx: GatewayContext) => analytics.adopterTrusts(ctx, scenario.adopters),
  },

  Target: {
    metricInfo: (target: Target) => metricInfo(target.metric),
  },

  MetricSeries: {
    metricInfo: (series: SeriesView) => metricInfo(series.metric),
    spc: (series: SeriesView, _: unknown, ctx: GatewayContext) => analytics.seriesSpc(ctx, series.trustCode, series.metric),
  },

  Metric: {
    validMin: (metric: MetricDefinition) => metric.validRange.min,
    validMax: (metric: MetricDefinition) => metric.validRange.max,
    nationalStandard: (metric: MetricDefinition) => metric.nationalStandard?.value ?? null,
    standardDescription: (metric: MetricDefinition) => metric.nationalStandard?.description ?? null,
  },
};
