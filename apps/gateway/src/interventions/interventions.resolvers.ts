import { interventionAsOf } from '../asof/asof.reads';
import type { Resolvers } from '../__generated__/resolvers-types';
import { metricDefinitionOf } from '../measures/measures.reads';
import { trustOf } from '../trusts/trusts.reads';
import * as mutations from './interventions.mutations';
import * as reads from './interventions.reads';

export const resolvers: Resolvers = {
  Query: {
    interventions: (_, { filter, ...page }, ctx) => reads.interventionConnection(ctx, filter, page),
    intervention: (_, { id, asOf }, ctx) => (asOf ? interventionAsOf(ctx, id, asOf) : reads.getIntervention(ctx, id)),
  },
  Mutation: {
    proposeIntervention: (_, { input }, ctx) => mutations.proposeIntervention(ctx, input),
    startIntervention: (_, { input }, ctx) => mutations.startIntervention(ctx, input),
    logPdsaCycle: (_, { input }, ctx) => mutations.logPdsaCycle(ctx, input),
    completeIntervention: (_, { input }, ctx) => mutations.completeIntervention(ctx, input),
    abandonIntervention: (_, { input }, ctx) => mutations.abandonIntervention(ctx, input),
    changeSharing: (_, { input }, ctx) => mutations.changeSharing(ctx, input),
  },
  Trust: {
    interventions: (trust, page, ctx) => reads.interventionConnection(ctx, { trustCode: trust.code }, page),
  },
  Intervention: {
    trust: (intervention, _, ctx) => trustOf(ctx, intervention.trustCode),
  },
  Target: {
    metricInfo: (target, _, ctx) => metricDefinitionOf(ctx, target.metric),
    role: (target) => target.role ?? 'OUTCOME',
  },
};
