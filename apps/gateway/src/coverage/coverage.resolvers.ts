import type { Resolvers } from '../__generated__/resolvers-types';

export const resolvers: Resolvers = {
  Metric: {
    coverage: async (metric, _, ctx) => {
      const coverage = await ctx.loaders.metricCoverage.load(metric.code);
      return { trusts: coverage?.trusts ?? 0, firstPeriod: coverage?.firstPeriod ?? null, latestPeriod: coverage?.lastPeriod ?? null };
    },
  },
};
