import { ProgrammeNotFoundError } from '@longview/domain';
import type { CommandAccepted } from '@longview/contracts';
import type { AppointProgrammeCoordinatorInput, CreateProgrammeInput, JoinProgrammeInput, LinkToProgrammeInput } from '../__generated__/resolvers-types';
import type { GatewayContext } from '../context';
import { readBackOrNotFound, send } from '../shared/commands';
import { newAggregateId } from '../shared/new-ids';

async function programmePayload(context: GatewayContext, programmeId: string, accepted: CommandAccepted) {
  const programme = await readBackOrNotFound(
    accepted,
    (options) => context.queries.getProgramme(programmeId, options),
    new ProgrammeNotFoundError(programmeId).message,
  );
  return { programme, position: accepted.position };
}

export async function createProgramme(context: GatewayContext, input: CreateProgrammeInput) {
  const programmeId = newAggregateId(context, 'programme', input.commandId);
  const accepted = await send(context, 'CreateProgramme', input, {
    programmeId,
    name: input.name,
    aim: input.aim,
    category: input.category,
    metric: input.metric,
  });
  return programmePayload(context, programmeId, accepted);
}

export async function appointProgrammeCoordinator(context: GatewayContext, input: AppointProgrammeCoordinatorInput) {
  const accepted = await send(
    context,
    'AppointProgrammeCoordinator',
    {},
    { programmeId: input.programmeId, coordinatorId: input.personId, coordinatorName: input.name },
  );
  return programmePayload(context, input.programmeId, accepted);
}

export async function joinProgramme(context: GatewayContext, input: JoinProgrammeInput) {
  const accepted = await send(context, 'JoinProgramme', {}, { programmeId: input.programmeId, trustCode: input.trustCode });
  return programmePayload(context, input.programmeId, accepted);
}

export async function linkToProgramme(context: GatewayContext, input: LinkToProgrammeInput) {
  const accepted = await send(context, 'LinkToProgramme', {}, { programmeId: input.programmeId, interventionId: input.interventionId });
  return programmePayload(context, input.programmeId, accepted);
}
