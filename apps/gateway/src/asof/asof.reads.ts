import type { EvidenceView, InterventionView, OutcomeView, SeriesView, TrustView } from '@longview/contracts';
import type { InterventionCategory } from '@longview/domain';
import type { GatewayContext } from '../context';

/**
 * The reads of time travel: the query service's /as-of/:date routes, which check the date (a
 * BAD_USER_INPUT in plain English when it is not a real, past-or-today YYYY-MM-DD) and apply the
 * viewer's visibility as the live routes do (hidden = null, the same as missing).
 */

export function interventionAsOf(context: GatewayContext, id: string, asOf: string): Promise<InterventionView | null> {
  return context.queries.getInterventionAsOf(id, asOf, context.position.options());
}

export function outcomesAsOf(context: GatewayContext, id: string, asOf: string): Promise<readonly OutcomeView[] | null> {
  return context.queries.getInterventionOutcomesAsOf(id, asOf, context.position.options());
}

export function evidenceAsOf(context: GatewayContext, metric: string, category: InterventionCategory | undefined, asOf: string): Promise<EvidenceView> {
  return context.queries.getEvidenceAsOf(metric, category, asOf, context.position.options());
}

export function seriesAsOf(context: GatewayContext, trustCode: string, metric: string, asOf: string): Promise<SeriesView | null> {
  return context.queries.getSeriesAsOf(trustCode, metric, asOf, context.position.options());
}

export function trustAsOf(context: GatewayContext, code: string, asOf: string): Promise<TrustView | null> {
  return context.queries.getTrustAsOf(code, asOf, context.position.options());
}
