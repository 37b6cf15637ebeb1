import type { SeriesView } from '@longview/contracts';
import type { GatewayContext } from '../context';

export function getSeries(context: GatewayContext, trustCode: string, metric: string): Promise<SeriesView | null> {
  return context.queries.getSeries(trustCode, metric, context.position.options());
}

/** All series of a trust, or the one named (as a list of zero or one). */
export async function seriesOfTrust(context: GatewayContext, trustCode: string, metric: string | null | undefined): Promise<readonly SeriesView[]> {
  if (!metric) return context.queries.listTrustSeries(trustCode, context.position.options());
  const series = await getSeries(context, trustCode, metric);
  return series ? [series] : [];
}
