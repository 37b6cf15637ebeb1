import type { Resolvers } from '../__generated__/resolvers-types';
import * as reads from './projection.reads';

export const resolvers: Resolvers = {
  Query: {
    systemProjection: (_, args, ctx) => reads.systemProjection(ctx, args),
  },
  ProjectionScenario: {
    adopters: (scenario, _, ctx) => reads.adopterTrusts(ctx, scenario.adopters),
  },
};
