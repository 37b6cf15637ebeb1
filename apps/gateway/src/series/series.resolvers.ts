import type { Resolvers } from '../__generated__/resolvers-types';
import { seriesAsOf } from '../asof/asof.reads';
import { metricDefinitionOf } from '../measures/measures.reads';
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
    metricInfo: (series, _, ctx) => metricDefinitionOf(ctx, series.metric),
  },
};
