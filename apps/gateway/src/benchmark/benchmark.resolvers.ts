import type { Resolvers } from '../__generated__/resolvers-types';
import { trustOf } from '../trusts/trusts.reads';
import * as reads from './benchmark.reads';

export const resolvers: Resolvers = {
  Trust: {
    benchmark: (trust, { metric, period }, ctx) => reads.trustBenchmark(ctx, trust, metric, period),
  },
  Query: {
    funnel: (_, { metric, period }, ctx) => reads.funnel(ctx, metric, period),
  },
  Benchmark: {
    // Batched with every other trust look-up of the request.
    peers: async (benchmark, _, ctx) => (await Promise.all(benchmark.peers.map((code) => trustOf(ctx, code)))).filter((t) => t !== null),
  },
  FunnelPoint: {
    trust: (point, _, ctx) => trustOf(ctx, point.trustCode),
  },
};
