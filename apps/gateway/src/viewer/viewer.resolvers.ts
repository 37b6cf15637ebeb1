import type { Resolvers } from '../__generated__/resolvers-types';
import { viewerOf } from './viewer.reads';

export const resolvers: Resolvers = {
  Query: {
    viewer: (_, __, ctx) => viewerOf(ctx),
  },
  Viewer: {
    trust: (viewer, _, ctx) => (viewer.trustCode ? ctx.loaders.trusts.load(viewer.trustCode) : null),
  },
};
