import type { Resolvers } from '../__generated__/resolvers-types';
import { badUserInput } from '../shared/errors';
import { activityStream } from './activity.feed';

const DEFAULT_FIRST = 20;
const MAX_FIRST = 200;

function checkedSince(since: number | null | undefined): number | undefined {
  if (since === null || since === undefined) return undefined;
  if (since < 0) throw badUserInput('since must be a feed position, 0 or more', [{ path: 'since', message: 'must be 0 or more' }]);
  return since;
}

export const resolvers: Resolvers = {
  Query: {
    recentActivity: async (_, { filter, since, first }, ctx) => {
      const limit = first ?? DEFAULT_FIRST;
      if (limit < 1 || limit > MAX_FIRST)
        throw badUserInput(`first must be from 1 to ${MAX_FIRST}`, [{ path: 'first', message: `must be from 1 to ${MAX_FIRST}` }]);
      const after = checkedSince(since);
      const page = await ctx.queries.listActivity(
        {
          ...(filter?.trustCode ? { trustCode: filter.trustCode } : {}),
          ...(filter?.category ? { category: filter.category } : {}),
          ...(after !== undefined ? { since: String(after) } : {}),
          limit,
        },
        ctx.position.options(),
      );
      // Latest rows come oldest first from the service: newest first here; after `since`, feed order.
      return after === undefined ? [...page.items].reverse() : page.items;
    },
  },
  Subscription: {
    activity: {
      subscribe: (_, { filter, since }, ctx) => {
        if (!ctx.activityTicker) throw new Error('Subscriptions are served over graphql-ws only');
        const from = checkedSince(since);
        return activityStream({
          queries: ctx.queries,
          ticker: ctx.activityTicker,
          filter: { ...(filter?.trustCode ? { trustCode: filter.trustCode } : {}), ...(filter?.category ? { category: filter.category } : {}) },
          ...(from !== undefined ? { since: from } : {}),
        });
      },
    },
  },
  Activity: {
    position: (row) => Number(row.position),
    intervention: (row, _, ctx) => ctx.loaders.interventions.load(row.interventionId),
  },
};
