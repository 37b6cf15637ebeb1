import { createHash, randomUUID } from 'node:crypto';
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
import { readBackOptions, send } from '../shared/commands';
import { compact } from '../shared/compact';
import { gatewayError } from '../shared/errors';

/**
 * The payload of every intervention mutation, first answer and replay alike: the intervention
 * read back at the write through the viewer's client. One the viewer may not see (a replayed
 * answer to a command about another trust's private intervention, say) is NOT_FOUND, in the very
 * words the command side uses for a missing one.
 */
export async function interventionPayload(context: GatewayContext, id: string, accepted: CommandAccepted) {
  const intervention = await context.queries.getIntervention(id, readBackOptions(accepted));
  if (!intervention) throw gatewayError('NOT_FOUND', new InterventionNotFoundError(id).message);
  return { intervention, position: accepted.position };
}

/**
 * The new intervention's id. With a command id it is derived from the actor and that id, so a
 * retry of the same proposal names the same intervention and replays (the command side scopes
 * command ids to the actor); without one, a fresh random id.
 */
export function proposedInterventionId(context: Pick<GatewayContext, 'actor'>, commandId: string | null | undefined): string {
  if (!commandId) return randomUUID();
  const { actor } = context;
  const key = ['longview-proposal', actor?.role ?? 'SYSTEM', actor?.trustCode ?? '', actor?.id ?? '', commandId].join('\u0000');
  const hex = createHash('sha256').update(key).digest('hex');
  // Shaped as an RFC 9562 version 8 (custom) UUID.
  const variant = (8 | (parseInt(hex.charAt(16), 16) & 3)).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export async function proposeIntervention(context: GatewayContext, input: ProposeInterventionInput) {
  const interventionId = proposedInterventionId(context, input.commandId);
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
