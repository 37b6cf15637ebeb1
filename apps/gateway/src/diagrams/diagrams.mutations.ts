import { createHash, randomUUID } from 'node:crypto';
import { DriverDiagramNotFoundError, type DriverDiagramPrimaryDriverInput as DomainPrimaryDriver } from '@longview/domain';
import type { DefineDriverDiagramInput, DriverDiagramPrimaryDriverInput, ReviseDriverDiagramInput } from '../__generated__/resolvers-types';
import type { GatewayContext } from '../context';
import { readBackOptions, send } from '../shared/commands';
import { gatewayError } from '../shared/errors';

/** A new diagram's id: derived from the actor and the command id when given (a retry names the same one), else random. */
function newId(context: GatewayContext, commandId: string | null | undefined): string {
  if (!commandId) return randomUUID();
  const { actor } = context;
  const hex = createHash('sha256')
    .update(['longview-driver-diagram', actor?.role ?? '', actor?.trustCode ?? '', actor?.id ?? '', commandId].join('\u0000'))
    .digest('hex');
  const variant = (8 | (parseInt(hex.charAt(16), 16) & 3)).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

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

async function payload(context: GatewayContext, driverDiagramId: string, accepted: { position: string; streamId: string; version: number }) {
  const driverDiagram = await context.queries.getDriverDiagram(driverDiagramId, readBackOptions({ ...accepted, events: [] }));
  if (!driverDiagram) throw gatewayError('NOT_FOUND', new DriverDiagramNotFoundError(driverDiagramId).message);
  return { driverDiagram, position: accepted.position };
}

export async function defineDriverDiagram(context: GatewayContext, input: DefineDriverDiagramInput) {
  const driverDiagramId = newId(context, input.commandId);
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
