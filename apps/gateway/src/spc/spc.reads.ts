import type { SpcView } from '@longview/contracts';
import { findMetric } from '@longview/domain';
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
export function spcOf(context: GatewayContext, trustCode: string, metric: string): Promise<SpcView | null> {
  return context.loaders.spc.load({ trustCode, metric });
}

/** MetricSeries.spc: never null (an empty analysis when the query service has none). */
export async function seriesSpc(context: GatewayContext, trustCode: string, metric: string): Promise<SpcView> {
  return (await spcOf(context, trustCode, metric)) ?? emptySpc(trustCode, metric);
}
