import { DriverDiagramNotFoundError, type DriverDiagramPrimaryDriverInput as DomainPrimaryDriver } from '@longview/domain';
import type { DefineDriverDiagramInput, DriverDiagramPrimaryDriverInput, ReviseDriverDiagramInput } from '../__generated__/resolvers-types';
import type { GatewayContext } from '../context';
import type { CommandAccepted } from '@longview/contracts';
import { readBackOrNotFound, send } from '../shared/commands';
import { newAggregateId } from '../shared/new-ids';

/** The input tree as the domain reads it (absent lists left out; the decider checks everything). */
function tree(primaryDrivers: readonly DriverDiagramPrimaryDriverInput[]): DomainPrimaryDriver[] {
  return primaryDrivers.map((p) => ({
    text: p.text,
    ...(p.secondaryDrivers
      ? {
          secondaryDrivers: p.secondaryDrivers.map((s) => ({
            text: s.text,
            ...(s.changeIdeas
              ? { changeIdeas: s.changeIdeas.map((c) => ({ text: c.text, ...(c.interventionIds ? { interventionIds: [...c.interventionIds] } : {}) })) }
              : {}),
          })),
        }
      : {}),
  }));
}

async function payload(context: GatewayContext, driverDiagramId: string, accepted: CommandAccepted) {
  const driverDiagram = await readBackOrNotFound(
    accepted,
    (options) => context.queries.getDriverDiagram(driverDiagramId, options),
    new DriverDiagramNotFoundError(driverDiagramId).message,
  );
  return { driverDiagram, position: accepted.position };
}

export async function defineDriverDiagram(context: GatewayContext, input: DefineDriverDiagramInput) {
  const driverDiagramId = newAggregateId(context, 'driver-diagram', input.commandId);
  const accepted = await send(context, 'DefineDriverDiagram', input, {
    driverDiagramId,
    trustCode: input.trustCode,
    aim: input.aim,
    measure: input.measure,
    sharing: input.sharing,
    primaryDrivers: tree(input.primaryDrivers),
  });
  return payload(context, driverDiagramId, accepted);
}

export async function reviseDriverDiagram(context: GatewayContext, input: ReviseDriverDiagramInput) {
  const accepted = await send(context, 'ReviseDriverDiagram', input, {
    driverDiagramId: input.driverDiagramId,
    aim: input.aim,
    measure: input.measure,
    sharing: input.sharing,
    primaryDrivers: tree(input.primaryDrivers),
    ...(input.note ? { note: input.note } : {}),
  });
  return payload(context, input.driverDiagramId, accepted);
}
