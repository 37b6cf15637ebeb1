import type { CommandAccepted, CommandRequest } from '@longview/contracts';
import type { LongviewCommand, LongviewCommandType } from '@longview/domain';
import type { ReadOptions } from '../clients/query-service.client';
import type { GatewayContext } from '../context';
import { authenticationRequired, gatewayError, notReadable } from './errors';

/**
 * What every mutation does: map the input to a domain command, send it, then read the changed
 * object at the command's position, so the payload already reflects the write (read-your-writes).
 * The read-back also names the written stream and its new version (`stream`, `minVersion`): in
 * the distributed mode the query service waits for that stream's checkpoint.
 */

type DataOf<T extends LongviewCommandType> = Extract<LongviewCommand, { type: T }>['data'];

export async function send<T extends LongviewCommandType>(
  context: GatewayContext,
  type: T,
  options: { readonly commandId?: string | null; readonly expectedVersion?: number | null },
  data: DataOf<T>,
): Promise<CommandAccepted> {
  if (!context.actor) throw authenticationRequired();
  // The actor travels in the service credential of context.commands, never in the body.
  const request: CommandRequest = {
    ...(options.commandId ? { commandId: options.commandId } : {}),
    ...(typeof options.expectedVersion === 'number' ? { expectedVersion: options.expectedVersion } : {}),
    data: data,
  };
  const accepted = await context.commands.send(type, request);
  context.position.advanceTo(accepted.position);
  return accepted;
}

/** Read-your-writes for the read-back of the object a command changed. */
export function readBackOptions(accepted: CommandAccepted): ReadOptions {
  return { minPosition: accepted.position, stream: accepted.streamId, minVersion: accepted.version };
}

/** The payload of a mutation: the object read back at the write, and the write's position. */
export async function readBack<T>(what: string, accepted: CommandAccepted, read: (options: ReadOptions) => Promise<T | null>): Promise<T> {
  const value = await read(readBackOptions(accepted));
  if (value === null) throw notReadable(what, accepted.position);
  return value;
}

/**
 * The object a command changed, read back at the write for the mutation's payload. One the viewer
 * may not see (a replayed answer to a command about another trust's private object, say) answers
 * NOT_FOUND exactly as a missing one does, in the command side's words for it (`missing`).
 */
export async function readBackOrNotFound<T>(accepted: CommandAccepted, read: (options: ReadOptions) => Promise<T | null>, missing: string): Promise<T> {
  const value = await read(readBackOptions(accepted));
  if (value === null) throw gatewayError('NOT_FOUND', missing);
  return value;
}
