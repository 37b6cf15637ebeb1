import { createHash, randomUUID } from 'node:crypto';
import type { GatewayContext } from '../context';

/**
 * The id of a new aggregate (an intervention, lesson, comment, offer, programme, diagram ...).
 * With a command id it is derived from the actor and that id, so a retry of the same command
 * names the same aggregate and replays (the command side scopes command ids to the actor);
 * without one, a fresh random id. `kind` keeps two kinds' ids apart for the same command id.
 */
export function newAggregateId(context: Pick<GatewayContext, 'actor'>, kind: string, commandId: string | null | undefined): string {
  if (!commandId) return randomUUID();
  const { actor } = context;
  const hex = createHash('sha256')
    .update([`longview-${kind}`, actor?.role ?? '', actor?.trustCode ?? '', actor?.id ?? '', commandId].join('\u0000'))
    .digest('hex');
  // Shaped as an RFC 9562 version 8 (custom) UUID.
  const variant = (8 | (parseInt(hex.charAt(16), 16) & 3)).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
