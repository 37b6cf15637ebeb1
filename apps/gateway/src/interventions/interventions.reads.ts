import type { InterventionView } from '@longview/contracts';
import type { InterventionFilter, InputMaybe, ResolversTypes } from '../__generated__/resolvers-types';
import type { GatewayContext } from '../context';
import { compact } from '../shared/compact';
import { pageRequest, toConnection } from './pagination';

/**
 * The query service answers only what the request's viewer may see (`ctx.queries` is bound to the
 * viewer), so nothing is filtered here: a hidden intervention is absent, uncounted and null
 * exactly like a missing one.
 */

/** Every intervention read whole fills the request's loader (per request, so per viewer). */
function remember(context: GatewayContext, interventions: readonly InterventionView[]): void {
  for (const intervention of interventions) context.loaders.interventions.prime(intervention.id, intervention);
}

export async function getIntervention(context: GatewayContext, id: string): Promise<InterventionView | null> {
  const intervention = await context.queries.getIntervention(id, context.position.options());
  if (intervention) remember(context, [intervention]);
  return intervention;
}

/** An intervention another object refers to (an evidence study): null when missing or not visible to the viewer. */
export function interventionById(context: GatewayContext, id: string): Promise<InterventionView | null> {
  return context.loaders.interventions.load(id);
}

export async function interventionConnection(
  context: GatewayContext,
  filter: InputMaybe<InterventionFilter> | undefined,
  page: { readonly first?: InputMaybe<number>; readonly after?: InputMaybe<string>; readonly offset?: InputMaybe<number> },
): Promise<ResolversTypes['InterventionConnection']> {
  const request = pageRequest(page.first, page.after, page.offset);
  const { skip: _skip, ...paging } = request;
  const result = await context.queries.listInterventions({ ...compact(filter ?? {}), ...paging }, context.position.options());
  remember(context, result.items);
  return toConnection(result, request);
}
