import { METRICS } from '@longview/domain';
import type { Resolvers } from '../__generated__/resolvers-types';

export const resolvers: Resolvers = {
  Query: {
    metrics: () => METRICS,
  },
  Metric: {
    validMin: (metric) => metric.validRange.min,
    validMax: (metric) => metric.validRange.max,
    nationalStandard: (metric) => metric.nationalStandard?.value ?? null,
    standardDescription: (metric) => metric.nationalStandard?.description ?? null,
  },
};
