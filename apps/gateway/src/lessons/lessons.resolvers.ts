import { findMetric, INTERVENTION_CATEGORIES } from '@longview/domain';
import type { Resolvers } from '../__generated__/resolvers-types';
import { badUserInput } from '../shared/errors';
import * as mutations from './lessons.mutations';

export const resolvers: Resolvers = {
  Query: {
    lessons: async (_, { filter, first, after }, ctx) => {
      if (filter?.metric && !findMetric(filter.metric)) {
        throw badUserInput(`Unknown metric "${filter.metric}"`, [{ path: 'filter.metric', message: 'Must be a metric code from Query.metrics, e.g. ae-4hr' }]);
      }
      if (filter?.search && filter.search.length > 200) {
        throw badUserInput('The search is too long', [{ path: 'filter.search', message: 'must be at most 200 characters' }]);
      }
      if (typeof first === 'number' && (first < 0 || first > 100)) {
        throw badUserInput('first must be from 0 to 100', [{ path: 'first', message: 'must be a whole number from 0 to 100' }]);
      }
      const page = await ctx.queries.listLessons(
        {
          ...(filter?.category && (INTERVENTION_CATEGORIES as readonly string[]).includes(filter.category) ? { category: filter.category } : {}),
          ...(filter?.metric ? { metric: filter.metric } : {}),
          ...(filter?.trustCode ? { trustCode: filter.trustCode } : {}),
          ...(filter?.search?.trim() ? { search: filter.search.trim() } : {}),
          ...(typeof first === 'number' ? { first } : {}),
          ...(after ? { after } : {}),
        },
        ctx.position.options(),
      );
      return {
        edges: page.items.map((node) => ({ node, cursor: node.cursor })),
        pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
        totalCount: page.totalCount,
      };
    },
    lesson: (_, { id }, ctx) => ctx.queries.getLesson(id, ctx.position.options()),
  },
  Mutation: {
    shareLesson: (_, { input }, ctx) => mutations.shareLesson(ctx, input),
    endorseLesson: (_, { input }, ctx) => mutations.endorseLesson(ctx, input),
    commentOnIntervention: (_, { input }, ctx) => mutations.commentOnIntervention(ctx, input),
    retractComment: (_, { input }, ctx) => mutations.retractComment(ctx, input),
    hideComment: (_, { input }, ctx) => mutations.hideComment(ctx, input),
  },
  Lesson: {
    intervention: (lesson, _, ctx) => (lesson.interventionId ? ctx.queries.getIntervention(lesson.interventionId, ctx.position.options()) : null),
    trust: (lesson, _, ctx) => ctx.loaders.trusts.load(lesson.trustCode),
    endorsedByMe: (lesson) => lesson.endorsedByViewer,
  },
  Comment: {
    mine: (comment, _, ctx) => !!ctx.actor && ctx.actor.id === comment.author.id,
    moderation: (comment) => (comment.hidden ? { reason: comment.hidden.reason, hiddenBy: comment.hidden.by, hiddenAt: comment.hidden.at } : null),
  },
  Intervention: {
    lessons: async (intervention, _, ctx) => (await ctx.queries.listLessons({ interventionId: intervention.id, first: 100 }, ctx.position.options())).items,
    comments: (intervention, _, ctx) => ctx.queries.listComments(intervention.id, ctx.position.options()),
  },
};
