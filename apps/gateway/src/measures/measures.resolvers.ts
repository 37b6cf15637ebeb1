import type { Resolvers } from '../__generated__/resolvers-types';
import * as mutations from './measures.mutations';
import * as reads from './measures.reads';

export const resolvers: Resolvers = {
  Mutation: {
    defineLocalMeasure: (_, { input }, ctx) => mutations.defineLocalMeasure(ctx, input),
  },
  Trust: {
    localMeasures: (trust, _, ctx) => reads.localMeasuresOf(ctx, trust.code),
  },
};
