import type { LocalMeasureView } from '@longview/contracts';
import { findMetric, localMeasureDefinition, trustOfLocalMeasureCode, type MetricDefinition } from '@longview/domain';
import type { GatewayContext } from '../context';

export function localMeasuresOf(context: GatewayContext, trustCode: string): Promise<readonly LocalMeasureView[]> {
  return context.loaders.localMeasures.load(trustCode);
}

/**
 * A metric code as a Metric: the catalogue entry, or the local measure of the trust the code names
 * (a local code carries its trust), seen as a metric definition; null when it is neither.
 */
export async function metricDefinitionOf(context: GatewayContext, code: string): Promise<MetricDefinition | null> {
  const catalogue = findMetric(code);
  if (catalogue) return catalogue;
  const trustCode = trustOfLocalMeasureCode(code);
  if (!trustCode) return null;
  const measure = (await localMeasuresOf(context, trustCode)).find((m) => m.code === code);
  return measure
    ? localMeasureDefinition({ code: measure.code, trustCode: measure.trustCode, name: measure.name, unit: measure.unit, improvement: measure.direction })
    : null;
}
