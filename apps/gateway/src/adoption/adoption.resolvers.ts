import type { Resolvers } from '../__generated__/resolvers-types';
import * as mutations from './adoption.mutations';
import * as reads from './adoption.reads';

export const resolvers: Resolvers = {
  Mutation: {
    adoptIntervention: (_, { input }, ctx) => mutations.adoptIntervention(ctx, input),
  },
  Intervention: {
    adoptedFrom: (intervention, _, ctx) => reads.adoptedFrom(ctx, intervention),
    adaptations: (intervention) => intervention.adaptations ?? null,
    adoptions: (intervention, _, ctx) => reads.adoptions(ctx, intervention),
    lineage: (intervention, _, ctx) => reads.lineageOf(ctx, intervention),
  },
  LineageNode: {
    intervention: (node, _, ctx) => reads.nodeIntervention(ctx, node),
    placeholder: (node) => reads.nodePlaceholder(node),
  },
};
