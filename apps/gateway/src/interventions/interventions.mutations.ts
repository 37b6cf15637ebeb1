import { randomUUID } from 'node:crypto';
import type { CommandAccepted, InterventionView } from '@longview/contracts';
import type {
  AbandonInterventionInput,
  CompleteInterventionInput,
  LogPdsaCycleInput,
  ProposeInterventionInput,
  StartInterventionInput,
} from '../__generated__/resolvers-types';
import type { GatewayContext } from '../context';
import { readBack, send } from '../shared/commands';
import { compact } from '../shared/compact';

async function interventionPayload(context: GatewayContext, id: string, accepted: CommandAccepted) {
  const intervention: InterventionView = await readBack(`Intervention ${id}`, accepted, (options) => context.queries.getIntervention(id, options));
  return { intervention, position: accepted.position };
}

export async function proposeIntervention(context: GatewayContext, input: ProposeInterventionInput) {
  const interventionId = randomUUID();
  const { commandId: _commandId, ...fields } = input;
  const accepted = await send(context, 'ProposeIntervention', input, {
    ...compact(fields),
    interventionId,
    targets: input.targets.map((target) => ({ metric: target.metric, direction: target.direction })),
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
