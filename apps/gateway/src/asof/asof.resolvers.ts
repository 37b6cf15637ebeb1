import type { Resolvers } from '../__generated__/resolvers-types';

/** The `asOf` a view was answered as of (set by the query service's /as-of routes); null = now. */
export const resolvers: Resolvers = {
  Intervention: { asOf: (intervention) => intervention.asOf ?? null },
  MetricSeries: { asOf: (series) => series.asOf ?? null },
  Trust: { asOf: (trust) => trust.asOf ?? null },
  EvidenceSummary: { asOf: (evidence) => evidence.asOf ?? null },
};
