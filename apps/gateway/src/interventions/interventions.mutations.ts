import type { CommandAccepted } from '@longview/contracts';
import { InterventionNotFoundError } from '@longview/domain';
import type {
  AbandonInterventionInput,
  ChangeSharingInput,
  CompleteInterventionInput,
  LogPdsaCycleInput,
  ProposeInterventionInput,
  StartInterventionInput,
} from '../__generated__/resolvers-types';
import type { GatewayContext } from '../context';
import { readBackOrNotFound, send } from '../shared/commands';
import { newAggregateId } from '../shared/new-ids';
import { compact } from '../shared/compact';

/**
 * The payload of every intervention mutation, first answer and replay alike: the intervention
 * read back at the write through the viewer's client. One the viewer may not see (a replayed
 * answer to a command about another trust's private intervention, say) is NOT_FOUND, in the very
 * words the command side uses for a missing one.
 */
export async function interventionPayload(context: GatewayContext, id: string, accepted: CommandAccepted) {
  const intervention = await readBackOrNotFound(accepted, (options) => context.queries.getIntervention(id, options), new InterventionNotFoundError(id).message);
  return { intervention, position: accepted.position };
}

export async function proposeIntervention(context: GatewayContext, input: ProposeInterventionInput) {
  const interventionId = newAggregateId(context, 'proposal', input.commandId);
  const { commandId: _commandId, ...fields } = input;
  const accepted = await send(context, 'ProposeIntervention', input, {
    ...compact(fields),
    interventionId,
    targets: input.targets.map((target) => ({ metric: target.metric, direction: target.direction, role: target.role ?? 'OUTCOME' })),
  });
  return interventionPayload(context, interventionId, accepted);
}

export async function startIntervention(context: GatewayContext, input: StartInterventionInput) {
  const accepted = await send(context, 'StartIntervention', input, { interventionId: input.interventionId, startedOn: input.startedOn });
  return interventionPayload(context, input.interventionId, accepted);
}

export async function logPdsaCycle(context: GatewayContext, input: LogPdsaCycleInput) {
  const { interventionId, plan, do: done, study, act, cycleDate } = input;
  const accepted = await send(context, 'LogPdsaCycle', input, { interventionId, cycle: { plan, do: done, study, act, cycleDate } });
  return interventionPayload(context, interventionId, accepted);
}

export async function completeIntervention(context: GatewayContext, input: CompleteInterventionInput) {
  const { interventionId, completedOn, summary } = input;
  const accepted = await send(context, 'CompleteIntervention', input, { interventionId, completedOn, ...(summary ? { summary } : {}) });
  return interventionPayload(context, interventionId, accepted);
}

export async function abandonIntervention(context: GatewayContext, input: AbandonInterventionInput) {
  const { interventionId, abandonedOn, reason } = input;
  const accepted = await send(context, 'AbandonIntervention', input, { interventionId, abandonedOn, reason });
  return interventionPayload(context, interventionId, accepted);
}

export async function changeSharing(context: GatewayContext, input: ChangeSharingInput) {
  const { interventionId, sharing } = input;
  const accepted = await send(context, 'ChangeSharing', input, { interventionId, sharing });
  return interventionPayload(context, interventionId, accepted);
}
