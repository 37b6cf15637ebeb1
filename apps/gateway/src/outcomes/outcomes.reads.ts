import type { InterventionView, OutcomeView, SpcView } from '@longview/contracts';
import type { GatewayContext } from '../context';
import { spcOf } from '../spc/spc.reads';
import { outcomesAsOf } from '../asof/asof.reads';

/** An outcome, with the intervention's trust so its `spc` can be resolved. */
export type OutcomeParent = OutcomeView & { readonly trustCode: string; readonly asOf?: string };

export async function interventionOutcomes(context: GatewayContext, intervention: InterventionView): Promise<readonly OutcomeParent[]> {
  const { asOf } = intervention;
  // An intervention answered as of a date (time travel) has its outcomes as known then.
  const outcomes = asOf ? await outcomesAsOf(context, intervention.id, asOf) : await context.loaders.outcomes.load(intervention.id);
  return (outcomes ?? []).map((outcome) => ({ ...outcome, trustCode: intervention.trustCode, ...(asOf ? { asOf } : {}) }));
}

/** InterventionOutcome.spc: the SPC of the metric's series at the intervention's trust; null when there is no series. */
export function outcomeSpc(context: GatewayContext, outcome: OutcomeParent): Promise<SpcView | null> {
  return spcOf(context, outcome.trustCode, outcome.metric, outcome.asOf);
}
