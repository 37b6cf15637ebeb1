import type { TrustView } from '@longview/contracts';
import type { QueryTrustConnectionArgs, QueryTrustsArgs, ResolversTypes } from '../__generated__/resolvers-types';
import type { GatewayContext } from '../context';
import { compact } from '../shared/compact';
import { gatewayError } from '../shared/errors';
import { toTrustConnection, trustPageRequest } from './trusts.paging';

/** Trusts read whole (list, by code) also fill the request's trust loader, so nested look-ups of them cost nothing. */
function remember(context: GatewayContext, trusts: readonly TrustView[]): void {
  for (const trust of trusts) context.loaders.trusts.prime(trust.code, trust);
}

export async function listTrusts(context: GatewayContext, filter: QueryTrustsArgs['filter']): Promise<readonly TrustView[]> {
  const trusts = await context.queries.listTrusts(compact(filter ?? {}), context.position.options());
  remember(context, trusts);
  return trusts;
}

export async function trustConnection(
  context: GatewayContext,
  { filter, first, after, offset }: QueryTrustConnectionArgs,
): Promise<ResolversTypes['TrustConnection']> {
  const request = trustPageRequest(first, after, offset);
  const page = await context.queries.pageTrusts(compact(filter ?? {}), request, context.position.options());
  remember(context, page.items);
  return toTrustConnection(page, request);
}

export async function getTrust(context: GatewayContext, code: string): Promise<TrustView | null> {
  const trust = await context.queries.getTrust(code, context.position.options());
  if (trust) remember(context, [trust]);
  return trust;
}

/** A trust another object refers to (an intervention's owner, a peer): must exist (the command side checked it). */
export async function trustOf(context: GatewayContext, code: string): Promise<TrustView> {
  const trust = await context.loaders.trusts.load(code);
  if (!trust) throw gatewayError('INTERNAL_SERVER_ERROR', `Trust ${code} is missing from the read model`);
  return trust;
}

/** The current context, with the date it applies from. */
export function currentContext(trust: TrustView) {
  // The reason lives with the history entry of the context in force.
  const entry = trust.contextHistory.findLast((h) => h.effectiveFrom === trust.contextEffectiveFrom);
  return { ...trust.context, effectiveFrom: trust.contextEffectiveFrom, reason: entry?.reason };
}

export function contextHistory(trust: TrustView) {
  return trust.contextHistory.map(({ context, effectiveFrom, reason }) => ({ ...context, effectiveFrom, reason }));
}
