import type { AssessSustainabilityInput } from '../__generated__/resolvers-types';
import type { GatewayContext } from '../context';
import { interventionPayload } from '../interventions/interventions.mutations';
import { send } from '../shared/commands';

/** The payload is the intervention read back at the write, so its sustainabilityAssessments already hold the new one. */
export async function assessSustainability(context: GatewayContext, input: AssessSustainabilityInput) {
  const accepted = await send(context, 'AssessSustainability', input, {
    interventionId: input.interventionId,
    assessedOn: input.assessedOn,
    scores: input.scores.map((s) => ({ factor: s.factor, level: s.level })),
    ...(input.note != null ? { note: input.note } : {}),
  });
  return interventionPayload(context, input.interventionId, accepted);
}
