import type { FieldError, ProjectionView, TrustView } from '@longview/contracts';
import { REGIONS, type Region } from '@longview/domain';
import type { QuerySystemProjectionArgs } from '../__generated__/resolvers-types';
import type { ProjectionQuery } from '../clients/query-service.client';
import type { GatewayContext } from '../context';
import { badUserInput } from '../shared/errors';

/** The parent of ProjectionScenario. */
export type ProjectionScenarioView = NonNullable<ProjectionView['scenario']>;

export function systemProjection(context: GatewayContext, args: QuerySystemProjectionArgs): Promise<ProjectionView> {
  return context.queries.getProjection(projectionQuery(args), context.position.options());
}

/** Validates the GraphQL arguments (BAD_USER_INPUT with every bad field) and maps them to the query-service route. */
export function projectionQuery(args: QuerySystemProjectionArgs): ProjectionQuery {
  const { metric, region, scenario, horizonMonths, maxDataAgeMonths } = args;
  const fields: FieldError[] = [];
  if (region !== null && region !== undefined && !(REGIONS as readonly string[]).includes(region)) {
    fields.push({ path: 'region', message: `Must be one of ${REGIONS.join(', ')}` });
  }
  if (horizonMonths !== null && horizonMonths !== undefined && horizonMonths < 1) {
    fields.push({ path: 'horizonMonths', message: 'Must be at least 1' });
  }
  if (maxDataAgeMonths !== null && maxDataAgeMonths !== undefined && maxDataAgeMonths < 0) {
    fields.push({ path: 'maxDataAgeMonths', message: 'Must not be negative' });
  }
  if (scenario) {
    if (scenario.adopters < 1) fields.push({ path: 'scenario.adopters', message: 'Must be greater than 0' });
    if (scenario.draws !== null && scenario.draws !== undefined && scenario.draws < 1) {
      fields.push({ path: 'scenario.draws', message: 'Must be greater than 0' });
    }
    if (scenario.seed !== null && scenario.seed !== undefined && scenario.seed < 0) {
      fields.push({ path: 'scenario.seed', message: 'Must not be negative' });
    }
  }
  if (fields.length > 0) throw badUserInput(`Invalid projection: ${fields.map((field) => field.path).join(', ')}`, fields);
  return {
    metric,
    ...(region ? { region: region as Region } : {}),
    ...(typeof horizonMonths === 'number' ? { horizonMonths } : {}),
    ...(typeof maxDataAgeMonths === 'number' ? { maxDataAgeMonths } : {}),
    ...(scenario
      ? {
          category: scenario.category,
          adopters: scenario.adopters,
          ...(scenario.similarTo ? { similarTo: scenario.similarTo } : {}),
          ...(typeof scenario.draws === 'number' ? { draws: scenario.draws } : {}),
          ...(typeof scenario.seed === 'number' ? { seed: scenario.seed } : {}),
        }
      : {}),
  };
}

/** ProjectionScenario.adopters: trust codes to trusts (one batched look-up). */
export async function adopterTrusts(context: GatewayContext, codes: readonly string[]): Promise<TrustView[]> {
  const trusts = await Promise.all(codes.map((code) => context.loaders.trusts.load(code)));
  return trusts.filter((trust): trust is TrustView => trust !== null);
}
