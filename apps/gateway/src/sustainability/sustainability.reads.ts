import { compareSustainability, type OutcomeVerdict, type SustainabilityComparison } from '@longview/analytics';
import type { InterventionView, SustainabilityAssessmentView } from '@longview/contracts';
import { findMetric } from '@longview/domain';
import type { GatewayContext } from '../context';

export function assessmentsOf(context: GatewayContext, intervention: InterventionView): Promise<readonly SustainabilityAssessmentView[]> {
  return context.queries.listSustainabilityAssessments(intervention.id, context.position.options());
}

/** The latest assessment (by date) beside the outcome verdicts, by the one rule in @longview/analytics. */
export async function comparisonOf(
  context: GatewayContext,
  intervention: InterventionView,
): Promise<
  SustainabilityComparison & {
    readonly assessment: SustainabilityAssessmentView | null;
    readonly verdicts: readonly { readonly metric: string; readonly metricName: string; readonly sustainability: OutcomeVerdict }[];
  }
> {
  const [assessments, outcomes] = await Promise.all([
    assessmentsOf(context, intervention),
    context.queries.getInterventionOutcomes(intervention.id, context.position.options()),
  ]);
  const latest = assessments[0] ?? null;
  const verdicts = (outcomes ?? []).map((o) => ({
    metric: o.metric,
    metricName: findMetric(o.metric)?.name ?? o.metric,
    sustainability: o.sustainability,
    monthsObserved: o.monthsObserved,
    post: o.post,
  }));
  const comparison = compareSustainability(latest ? { assessedOn: latest.assessedOn, total: latest.total, max: latest.max } : null, verdicts);
  return { ...comparison, assessment: latest, verdicts };
}
