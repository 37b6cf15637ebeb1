import DataLoader from 'dataloader';
import type { MetricCoverageView } from '@longview/contracts';
import type { QueryServiceClient } from '../clients/query-service.client';
import type { ReadPosition } from '../shared/read-position';

/** Coverage by metric code: the whole catalogue's coverage is one `GET /metric-coverage` per request. */
export function metricCoverageLoader(queries: QueryServiceClient, position: ReadPosition): DataLoader<string, MetricCoverageView | null> {
  return new DataLoader(async (codes) => {
    const byMetric = new Map((await queries.listMetricCoverage(position.options())).map((c) => [c.metric, c]));
    return codes.map((code) => byMetric.get(code) ?? null);
  });
}
