import type { Resolvers } from '../__generated__/resolvers-types';
import { spcDirection } from '../shared/enums';
import * as reads from './spc.reads';

export const resolvers: Resolvers = {
  MetricSeries: {
    spc: (series, { chart }, ctx) => reads.seriesSpcAs(ctx, series.trustCode, series.metric, chart, series.asOf),
  },
  SpcAnalysis: {
    direction: (spc) => spcDirection(spc),
  },
};
