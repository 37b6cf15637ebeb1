import type { Resolvers } from '../__generated__/resolvers-types';
import * as mutations from './programmes.mutations';
import * as reads from './programmes.reads';

export const resolvers: Resolvers = {
  Query: {
    programmes: (_, __, ctx) => ctx.queries.listProgrammes(undefined, ctx.position.options()),
    programme: (_, { id }, ctx) => ctx.queries.getProgramme(id, ctx.position.options()),
  },
  Mutation: {
    createProgramme: (_, { input }, ctx) => mutations.createProgramme(ctx, input),
    appointProgrammeCoordinator: (_, { input }, ctx) => mutations.appointProgrammeCoordinator(ctx, input),
    joinProgramme: (_, { input }, ctx) => mutations.joinProgramme(ctx, input),
    linkToProgramme: (_, { input }, ctx) => mutations.linkToProgramme(ctx, input),
  },
  Programme: {
    coordinators: async (p, _, ctx) => (await reads.full(ctx, p)).coordinators,
    coordinatedByMe: async (p, _, ctx) => !!ctx.actor && (await reads.full(ctx, p)).coordinators.some((c) => c.id === ctx.actor?.id),
    members: async (p, _, ctx) => (await reads.full(ctx, p)).members,
    interventions: async (p, _, ctx) => (await reads.full(ctx, p)).interventions,
    evidence: async (p, _, ctx) => (await reads.full(ctx, p)).evidence,
    timeline: async (p, _, ctx) => (await reads.full(ctx, p)).timeline,
    portfolio: async (p, _, ctx) => (await reads.full(ctx, p)).portfolio,
  },
  ProgrammeMember: {
    trust: (member, _, ctx) => ctx.loaders.trusts.load(member.code),
  },
  ProgrammeIntervention: {
    id: (link) => link.intervention.id,
    title: (link) => link.intervention.title,
    status: (link) => link.intervention.status,
    startedOn: (link) => link.intervention.startedOn ?? null,
    trustCode: (link) => link.intervention.trustCode,
    trustName: (link) => link.intervention.trustName,
    intervention: (link) => link.intervention,
  },
  Portfolio: {
    current: (portfolio) => portfolio.current,
  },
  PortfolioQuarter: {
    statuses: (quarter) => reads.statusCounts(quarter.statuses),
    verdicts: (quarter) => reads.verdictCounts(quarter.verdicts),
  },
  PortfolioCounts: {
    statuses: (counts) => reads.statusCounts(counts.statuses),
    verdicts: (counts) => reads.verdictCounts(counts.verdicts),
  },
  Trust: {
    portfolio: (trust, _, ctx) => reads.trustPortfolio(ctx, trust.code),
    programmes: (trust, _, ctx) => ctx.queries.listProgrammes(trust.code, ctx.position.options()),
  },
};
