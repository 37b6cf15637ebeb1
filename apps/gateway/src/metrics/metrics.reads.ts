import { findMetric, type MetricDefinition } from '@longview/domain';

/** The catalogue entry of a metric code (null when the code is not in the catalogue). */
export function metricInfo(code: string): MetricDefinition | null {
  return findMetric(code) ?? null;
}
