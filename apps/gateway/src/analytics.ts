import type {
  EvidenceStudyView,
  EvidenceView,
  InterventionView,
  OutcomeView,
  PeerView,
  ProjectionView,
  SpcView,
  Sustainability,
  TrustView,
  FieldError,
} from '@longview/contracts';
import { findMetric, INTERVENTION_CATEGORIES, REGIONS, type Direction, type InterventionCategory, type Region } from '@longview/domain';
import type { ProjectionQuery } from './clients/query-service.client';
import type { GatewayContext } from './context';
import { badUserInput } from './errors';
import type { ProjectionArgs } from './graphql-types';
import { readsOf, trustOf } from './reads';
import { canSeeIntervention } from './visibility';

/**
 * The analytics reads (SPC, outcomes, peers, evidence, projections) over the query service's
 * analytics views; the resolvers are one-liners over these.
 */

export const SUSTAINABILITIES: readonly Sustainability[] = ['SUSTAINED', 'FADED', 'NOT_YET_EVIDENT', 'NO_SIGNAL', 'DETERIORATED', 'INSUFFICIENT_DATA'];

const MAX_PEERS = 50;

/** An outcome, with the intervention's trust so its `spc` can be resolved. */
export type OutcomeParent = OutcomeView & { readonly trustCode: string };

/** The SPC of a series without observations (or not yet projected): no limits, no points. */
export function emptySpc(trustCode: string, metric: string): SpcView {
  const definition = findMetric(metric);
  return {
    trustCode,
    metric,
    direction: (definition?.improvement ?? 'INCREASE').toLowerCase(),
    target: definition?.nationalStandard?.value ?? null,
    mean: null,
    lpl: null,
    upl: null,
    variation: null,
    assurance: null,
    points: [],
    groups: [],
    warnings: ['No observations'],
  };
}

/** MetricSeries.spc: never null (an empty analysis when the query service has none). */
export async function seriesSpc(context: GatewayContext, trustCode: string, metric: string): Promise<SpcView> {
  return (await readsOf(context).spc(trustCode, metric)) ?? emptySpc(trustCode, metric);
}

/** InterventionOutcome.spc: the SPC of the metric's series at the intervention's trust; null when there is no series. */
export function outcomeSpc(context: GatewayContext, outcome: OutcomeParent): Promise<SpcView | null> {
  return readsOf(context).spc(outcome.trustCode, outcome.metric);
}

/** The query service says 'increase' | 'decrease'; the API says INCREASE | DECREASE. */
export function spcDirection(spc: SpcView): Direction {
  return spc.direction.toUpperCase() === 'DECREASE' ? 'DECREASE' : 'INCREASE';
}

export async function interventionOutcomes(context: GatewayContext, intervention: InterventionView): Promise<readonly OutcomeParent[]> {
  const outcomes = await context.queries.getInterventionOutcomes(intervention.id, readsOf(context).options());
  return (outcomes ?? []).map((outcome) => ({ ...outcome, trustCode: intervention.trustCode }));
}

export async function trustPeers(context: GatewayContext, trust: TrustView, limit: number | null | undefined): Promise<readonly PeerView[]> {
  const n = limit ?? 5;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PEERS) {
    throw badUserInput(`limit must be between 1 and ${MAX_PEERS}`, [{ path: 'limit', message: `Must be 1-${MAX_PEERS}` }]);
  }
  return (await context.queries.getTrustPeers(trust.code, n, readsOf(context).options())) ?? [];
}

/** Peer.trust: batched with every other trust look-up of the request. */
export function peerTrust(context: GatewayContext, peer: PeerView): Promise<TrustView> {
  return trustOf(context, peer.code);
}

/** Query.evidence: `category` is a String in the brief's API; it must name an InterventionCategory. */
export async function evidence(context: GatewayContext, metric: string, category: string | null | undefined): Promise<EvidenceView> {
  if (category !== null && category !== undefined && !(INTERVENTION_CATEGORIES as readonly string[]).includes(category)) {
    throw badUserInput(`Unknown intervention category "${category}"`, [
      { path: 'category', message: `Must be one of ${INTERVENTION_CATEGORIES.join(', ')}` },
    ]);
  }
  return context.queries.getEvidence(metric, (category ?? undefined) as InterventionCategory | undefined, readsOf(context).options());
}

/** EvidenceStudy.title: a study the viewer may not see still counts in the pooled figures, but its title is withheld. */
export async function studyTitle(context: GatewayContext, study: EvidenceStudyView): Promise<string> {
  return (await studyIntervention(context, study)) ? study.title : 'Intervention not shared with you';
}

export function verdictCounts(view: EvidenceView): { sustainability: Sustainability; count: number }[] {
  return SUSTAINABILITIES.map((sustainability) => ({ sustainability, count: view.verdicts[sustainability] ?? 0 }));
}

/** EvidenceStudy.intervention: null when the viewer may not see it (the study itself stays, anonymised to its trust). */
export async function studyIntervention(context: GatewayContext, study: EvidenceStudyView): Promise<InterventionView | null> {
  const intervention = await readsOf(context).intervention(study.interventionId);
  return intervention && canSeeIntervention(context.actor, intervention) ? intervention : null;
}

export function systemProjection(context: GatewayContext, args: ProjectionArgs): Promise<ProjectionView> {
  return context.queries.getProjection(projectionQuery(args), readsOf(context).options());
}

/** Validates the GraphQL arguments (BAD_USER_INPUT with every bad field) and maps them to the query-service route. */
export function projectionQuery(args: ProjectionArgs): ProjectionQuery {
  const { metric, region, scenario, horizonMonths } = args;
  const fields: FieldError[] = [];
  if (region !== null && region !== undefined && !(REGIONS as readonly string[]).includes(region)) {
    fields.push({ path: 'region', message: `Must be one of ${REGIONS.join(', ')}` });
  }
  if (horizonMonths !== null && horizonMonths !== undefined && horizonMonths < 1) {
    fields.push({ path: 'horizonMonths', message: 'Must be at least 1' });
  }
  if (scenario) {
    if (scenario.adopters < 1) fields.push({ path: 'scenario.adopters', message: 'Must be greater than 0' });
    if (scenario.draws !== null && scenario.draws !== undefined && scenario.draws < 1) {
      fields.push({ path: 'scenario.draws', message: 'Must be greater than 0' });
    }
    if (scenario.seed !== null && scenario.seed !== undefined && scenario.seed < 0) {
      fields.push({ path: 'scenario.seed', message: 'Must not be negative' });
    }
  }
  if (fields.length > 0) throw badUserInput(`Invalid projection: ${fields.map((field) => field.path).join(', ')}`, fields);
  return {
    metric,
    ...(region ? { region: region as Region } : {}),
    ...(typeof horizonMonths === 'number' ? { horizonMonths } : {}),
    ...(scenario
      ? {
          category: scenario.category,
          adopters: scenario.adopters,
          ...(scenario.similarTo ? { similarTo: scenario.similarTo } : {}),
          ...(typeof scenario.draws === 'number' ? { draws: scenario.draws } : {}),
          ...(typeof scenario.seed === 'number' ? { seed: scenario.seed } : {}),
        }
      : {}),
  };
}

/** ProjectionScenario.adopters: trust codes to trusts (one batched look-up). */
export async function adopterTrusts(context: GatewayContext, codes: readonly string[]): Promise<TrustView[]> {
  const reads = readsOf(context);
  const trusts = await Promise.all(codes.map((code) => reads.trust(code)));
  return trusts.filter((trust): trust is TrustView => trust !== null);
}
