import type { InterventionView } from '@longview/contracts';
import type { InterventionFilter, InputMaybe, ResolversTypes } from '../__generated__/resolvers-types';
import type { GatewayContext } from '../context';
import { compact } from '../shared/compact';
import { canSeeIntervention } from '../visibility';
import { pageRequest, toConnection } from './pagination';

/** Unfiltered by visibility: every intervention read whole fills the request's loader. */
function remember(context: GatewayContext, interventions: readonly InterventionView[]): void {
  for (const intervention of interventions) context.loaders.interventions.prime(intervention.id, intervention);
}

export async function getIntervention(context: GatewayContext, id: string): Promise<InterventionView | null> {
  const intervention = await context.queries.getIntervention(id, context.position.options());
  if (!intervention) return null;
  remember(context, [intervention]);
  return canSeeIntervention(context.actor, intervention) ? intervention : null;
}

/** An intervention another object refers to (an evidence study): null when missing or not visible to the viewer. */
export async function visibleIntervention(context: GatewayContext, id: string): Promise<InterventionView | null> {
  const intervention = await context.loaders.interventions.load(id);
  return intervention && canSeeIntervention(context.actor, intervention) ? intervention : null;
}

export async function interventionConnection(
  context: GatewayContext,
  filter: InputMaybe<InterventionFilter> | undefined,
  page: { readonly first?: InputMaybe<number>; readonly after?: InputMaybe<string> },
): Promise<ResolversTypes['InterventionConnection']> {
  const request = pageRequest(page.first, page.after);
  const { skip: _skip, ...paging } = request;
  const result = await context.queries.listInterventions({ ...compact(filter ?? {}), ...paging }, context.position.options());
  remember(context, result.items);
  return toConnection(result, request, (node) => canSeeIntervention(context.actor, node));
}
