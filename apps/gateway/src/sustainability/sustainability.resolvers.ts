import { SUSTAINABILITY_FACTOR_INFO } from '@longview/domain';
import type { Resolvers } from '../__generated__/resolvers-types';
import { assessSustainability } from './sustainability.mutations';
import { assessmentsOf, comparisonOf } from './sustainability.reads';

export const resolvers: Resolvers = {
  Query: {
    sustainabilityFactors: () => SUSTAINABILITY_FACTOR_INFO,
  },
  Mutation: {
    assessSustainability: (_, { input }, ctx) => assessSustainability(ctx, input),
  },
  Intervention: {
    sustainabilityAssessments: (intervention, _, ctx) => assessmentsOf(ctx, intervention),
    sustainabilityComparison: (intervention, _, ctx) => comparisonOf(ctx, intervention),
  },
};
