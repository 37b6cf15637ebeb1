import type { Resolvers } from '../__generated__/resolvers-types';
import { trustAsOf } from '../asof/asof.reads';
import * as mutations from './trusts.mutations';
import * as reads from './trusts.reads';

export const resolvers: Resolvers = {
  Query: {
    trusts: (_, { filter }, ctx) => reads.listTrusts(ctx, filter),
    trust: (_, { code, asOf }, ctx) => (asOf ? trustAsOf(ctx, code, asOf) : reads.getTrust(ctx, code)),
    trustConnection: (_, args, ctx) => reads.trustConnection(ctx, args),
  },
  Mutation: {
    registerTrust: (_, { input }, ctx) => mutations.registerTrust(ctx, input),
    updateTrustContext: (_, { input }, ctx) => mutations.updateTrustContext(ctx, input),
  },
  Trust: {
    kind: (trust) => trust.context.kind,
    region: (trust) => trust.context.region,
    context: (trust) => reads.currentContext(trust),
    contextHistory: (trust) => reads.contextHistory(trust),
  },
};
