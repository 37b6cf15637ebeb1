import type { RegisterTrustInput, UpdateTrustContextInput } from '../__generated__/resolvers-types';
import type { GatewayContext } from '../context';
import { readBack, send } from '../shared/commands';
import { compact } from '../shared/compact';

export async function registerTrust(context: GatewayContext, input: RegisterTrustInput) {
  const accepted = await send(context, 'RegisterTrust', input, {
    code: input.code,
    name: input.name,
    context: compact(input.context),
    effectiveFrom: input.effectiveFrom ?? new Date().toISOString().slice(0, 10),
  });
  const trust = await readBack(`Trust ${input.code}`, accepted, (options) => context.queries.getTrust(input.code, options));
  return { trust, position: accepted.position };
}

export async function updateTrustContext(context: GatewayContext, input: UpdateTrustContextInput) {
  const accepted = await send(context, 'UpdateTrustContext', input, {
    code: input.code,
    context: compact(input.context),
    effectiveFrom: input.effectiveFrom,
    ...(input.reason ? { reason: input.reason } : {}),
  });
  const trust = await readBack(`Trust ${input.code}`, accepted, (options) => context.queries.getTrust(input.code, options));
  return { trust, position: accepted.position };
}
