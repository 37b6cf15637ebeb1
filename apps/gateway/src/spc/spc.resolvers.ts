import type { Resolvers } from '../__generated__/resolvers-types';
import { spcDirection } from '../shared/enums';
import * as reads from './spc.reads';

export const resolvers: Resolvers = {
  MetricSeries: {
    spc: (series, _, ctx) => reads.seriesSpc(ctx, series.trustCode, series.metric),
  },
  SpcAnalysis: {
    direction: (spc) => spcDirection(spc),
  },
};
