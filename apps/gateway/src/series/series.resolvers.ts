import type { Resolvers } from '../__generated__/resolvers-types';
import { metricInfo } from '../metrics/metrics.reads';
import { seriesAsOf } from '../asof/asof.reads';
import * as mutations from './series.mutations';
import * as reads from './series.reads';

export const resolvers: Resolvers = {
  Query: {
    series: (_, { trustCode, metric, asOf }, ctx) => (asOf ? seriesAsOf(ctx, trustCode, metric, asOf) : reads.getSeries(ctx, trustCode, metric)),
  },
  Mutation: {
    recordObservations: (_, { input }, ctx) => mutations.recordObservations(ctx, input),
    correctObservation: (_, { input }, ctx) => mutations.correctObservation(ctx, input),
    rebaseSeries: (_, { input }, ctx) => mutations.rebaseSeries(ctx, input),
  },
  Trust: {
    series: (trust, { metric }, ctx) => reads.seriesOfTrust(ctx, trust.code, metric),
  },
  MetricSeries: {
    metricInfo: (series) => metricInfo(series.metric),
  },
};
