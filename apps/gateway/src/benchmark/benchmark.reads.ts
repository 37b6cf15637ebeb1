import type { BenchmarkView, FunnelView, TrustView } from '@longview/contracts';
import type { GatewayContext } from '../context';
import { badUserInput } from '../shared/errors';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function checkPeriod(period: string | null | undefined): void {
  if (period !== null && period !== undefined && !MONTH.test(period)) {
    throw badUserInput(`period must be a month as YYYY-MM (got "${period}")`, [{ path: 'period', message: 'Must be YYYY-MM' }]);
  }
}

export function trustBenchmark(context: GatewayContext, trust: TrustView, metric: string, period: string | null | undefined): Promise<BenchmarkView | null> {
  checkPeriod(period);
  return context.queries.getTrustBenchmark(trust.code, metric, period ?? undefined, context.position.options());
}

export function funnel(context: GatewayContext, metric: string, period: string): Promise<FunnelView> {
  checkPeriod(period);
  return context.queries.getFunnel(metric, period, context.position.options());
}
