import type { Resolvers } from '../__generated__/resolvers-types';
import { authenticationRequired } from '../shared/errors';
import * as mutations from './mentorship.mutations';
import * as reads from './mentorship.reads';

/** Tokens carry the four public roles only; the command side's own SYSTEM actor reads as an administrator. */
const publicRole = (role: string) => (role === 'SYSTEM' ? 'ADMIN' : role) as 'TRUST_EDITOR' | 'POLICYMAKER' | 'COMMUNITY' | 'ADMIN';

export const resolvers: Resolvers = {
  Query: {
    mentors: (_, { trustCode, category, metric }, ctx) => reads.mentors(ctx, trustCode, category, metric),
    mentorshipOffer: (_, { id }, ctx) => reads.mentorshipOffer(ctx, id),
    myMentorshipOffers: (_, __, ctx) => reads.myMentorshipOffers(ctx),
    mentorships: (_, __, ctx) => reads.mentorships(ctx),
    mentorship: (_, { id }, ctx) => reads.mentorship(ctx, id),
  },
  Mutation: {
    offerMentorship: (_, { input }, ctx) => mutations.offerMentorship(ctx, input),
    withdrawMentorshipOffer: (_, { input }, ctx) => mutations.withdrawMentorshipOffer(ctx, input),
    requestMentorship: (_, { input }, ctx) => mutations.requestMentorship(ctx, input),
    respondToMentorship: (_, { input }, ctx) => {
      if (!ctx.actor) throw authenticationRequired();
      return mutations.respondToMentorship(ctx, input);
    },
    endMentorship: (_, { input }, ctx) => {
      if (!ctx.actor) throw authenticationRequired();
      return mutations.endMentorship(ctx, input);
    },
  },
  MentorshipPerson: {
    role: (person) => publicRole(person.role),
    trust: (person, _, ctx) => (person.trustCode ? ctx.loaders.trusts.load(person.trustCode) : null),
  },
  MentorshipOffer: {
    open: (offer) => offer.status === 'OPEN',
  },
  Mentorship: {
    trust: (mentorship, _, ctx) => ctx.loaders.trusts.load(mentorship.trustCode),
  },
};
