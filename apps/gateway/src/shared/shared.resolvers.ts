import type { Resolvers } from '../__generated__/resolvers-types';

/** The shared SDL (schema, Query, Mutation, PageInfo) has nothing to resolve: the areas extend it. */
export const resolvers: Resolvers = {};
