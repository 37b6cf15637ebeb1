import type { AdoptInterventionInput } from '../__generated__/resolvers-types';
import type { GatewayContext } from '../context';
import { newAggregateId } from '../shared/new-ids';
import { interventionPayload } from '../interventions/interventions.mutations';
import { send } from '../shared/commands';

/**
 * adoptIntervention: the gateway names the new intervention and passes on only what is the
 * adopter's to say; the command side copies category, approach, targets (and the default title)
 * from the source's own stream and checks the adopter may see it.
 */
export async function adoptIntervention(context: GatewayContext, input: AdoptInterventionInput) {
  const interventionId = newAggregateId(context, 'proposal', input.commandId);
  const { sourceInterventionId, trustCode, title, adaptations, sharing } = input;
  const accepted = await send(context, 'AdoptIntervention', input, {
    interventionId,
    sourceInterventionId,
    trustCode,
    ...(title !== null && title !== undefined ? { title } : {}),
    adaptations,
    sharing,
  });
  return interventionPayload(context, interventionId, accepted);
}
