import type { Resolvers } from '../__generated__/resolvers-types';
import { metricInfo } from '../metrics/metrics.reads';
import * as reads from './outcomes.reads';

export const resolvers: Resolvers = {
  Intervention: {
    outcomes: (intervention, _, ctx) => reads.interventionOutcomes(ctx, intervention),
  },
  InterventionOutcome: {
    metricInfo: (outcome) => metricInfo(outcome.metric),
    spc: (outcome, _, ctx) => reads.outcomeSpc(ctx, outcome),
  },
};
