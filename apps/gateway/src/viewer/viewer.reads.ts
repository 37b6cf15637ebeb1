import type { Role } from '../__generated__/resolvers-types';
import type { GatewayContext } from '../context';

/** Query.viewer's parent: who the request's token names. */
export interface ViewerModel {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly trustCode: string | null;
}

export function viewerOf(context: GatewayContext): ViewerModel | null {
  const { actor } = context;
  // Tokens carry the four public roles only; SYSTEM is the command side's own actor.
  if (!actor || actor.role === 'SYSTEM') return null;
  return { id: actor.id, name: context.viewerName ?? actor.id, role: actor.role, trustCode: actor.trustCode ?? null };
}
