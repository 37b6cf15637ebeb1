import type { ReadModel } from '../read-model';
import { activityFeedProjection } from './activity-feed.projection';
import { ActivityFeedQueries } from './activity-feed.queries';
import { ActivityFeedController } from './activity-feed.routes';

export const activityFeed: ReadModel = {
  projection: activityFeedProjection,
  queries: ActivityFeedQueries,
  controllers: [ActivityFeedController],
};
