import type { SpcView } from '@longview/contracts';
import { findMetric } from '@longview/domain';
import type { SpcChartChoice } from '../__generated__/resolvers-types';
import type { GatewayContext } from '../context';

/** The SPC of a series without observations (or not yet projected): no limits, no points. */
export function emptySpc(trustCode: string, metric: string): SpcView {
  const definition = findMetric(metric);
  return {
    trustCode,
    metric,
    chart: 'xmr',
    chartReason: 'No observations, so no chart.',
    runs: null,
    direction: (definition?.improvement ?? 'INCREASE').toLowerCase(),
    target: definition?.nationalStandard?.value ?? null,
    mean: null,
    lpl: null,
    upl: null,
    variation: null,
    assurance: null,
    points: [],
    groups: [],
    warnings: ['No observations'],
  };
}

/** The SPC view of a series; null when the query service has none. */
export function spcOf(context: GatewayContext, trustCode: string, metric: string, asOf?: string): Promise<SpcView | null> {
  return context.loaders.spc.load({ trustCode, metric, ...(asOf ? { asOf } : {}) });
}

/** MetricSeries.spc: never null (an empty analysis when the query service has none). */
export async function seriesSpc(context: GatewayContext, trustCode: string, metric: string, asOf?: string): Promise<SpcView> {
  return (await spcOf(context, trustCode, metric, asOf)) ?? emptySpc(trustCode, metric);
}

const ATTRIBUTE_ROUTE = { P_PRIME: 'pp', U_PRIME: 'up' } as const;

/** MetricSeries.spc(chart:): the automatic chart (batched), or a P′/U′ chart asked for by name. */
export async function seriesSpcAs(
  context: GatewayContext,
  trustCode: string,
  metric: string,
  chart: SpcChartChoice | null | undefined,
  asOf?: string,
): Promise<SpcView> {
  if (!chart || chart === 'AUTO') return seriesSpc(context, trustCode, metric, asOf);
  const route = ATTRIBUTE_ROUTE[chart];
  const view = asOf
    ? await context.queries.getSeriesSpcAsOf(trustCode, metric, asOf, route, context.position.options())
    : await context.queries.getSeriesAttributeSpc(trustCode, metric, route, context.position.options());
  return view ?? emptySpc(trustCode, metric);
}
