import type { Resolvers } from '../__generated__/resolvers-types';
import { metricDefinitionOf } from '../measures/measures.reads';
import * as reads from './outcomes.reads';

export const resolvers: Resolvers = {
  Intervention: {
    outcomes: (intervention, _, ctx) => reads.interventionOutcomes(ctx, intervention),
  },
  InterventionOutcome: {
    metricInfo: (outcome, _, ctx) => metricDefinitionOf(ctx, outcome.metric),
    spc: (outcome, _, ctx) => reads.outcomeSpc(ctx, outcome),
  },
};
