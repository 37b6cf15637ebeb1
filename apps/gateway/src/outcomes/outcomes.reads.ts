import type { InterventionView, OutcomeView, SpcView } from '@longview/contracts';
import type { GatewayContext } from '../context';
import { spcOf } from '../spc/spc.reads';

/** An outcome, with the intervention's trust so its `spc` can be resolved. */
export type OutcomeParent = OutcomeView & { readonly trustCode: string };

export async function interventionOutcomes(context: GatewayContext, intervention: InterventionView): Promise<readonly OutcomeParent[]> {
  const outcomes = await context.loaders.outcomes.load(intervention.id);
  return (outcomes ?? []).map((outcome) => ({ ...outcome, trustCode: intervention.trustCode }));
}

/** InterventionOutcome.spc: the SPC of the metric's series at the intervention's trust; null when there is no series. */
export function outcomeSpc(context: GatewayContext, outcome: OutcomeParent): Promise<SpcView | null> {
  return spcOf(context, outcome.trustCode, outcome.metric);
}
