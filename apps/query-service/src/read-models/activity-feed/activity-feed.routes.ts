import { Controller, Get, Query, UseInterceptors } from '@nestjs/common';
import type { ActivityHeadView, ActivityPage } from '@longview/contracts';
import { INTERVENTION_CATEGORIES, visibilityTier, type InterventionCategory, type Viewer } from '@longview/domain';
import { CurrentViewer } from '../../access/current-viewer.decorator';
import { BadQueryError } from '../query-errors';
import { ReadYourWritesInterceptor } from '../read-your-writes.interceptor';
import { ActivityFeedQueries, MAX_ACTIVITY_LIMIT } from './activity-feed.queries';

/** GET /activity and /activity/head (see packages/contracts/src/http.ts), for the viewer of the request. */
@Controller()
@UseInterceptors(ReadYourWritesInterceptor)
export class ActivityFeedController {
  constructor(private readonly queries: ActivityFeedQueries) {}

  @Get('activity')
  activity(
    @CurrentViewer() viewer: Viewer,
    @Query('since') since?: string,
    @Query('trustCode') trustCode?: string,
    @Query('category') category?: string,
    @Query('limit') limit?: string,
  ): Promise<ActivityPage> {
    if (since !== undefined && !/^\d{1,18}$/.test(since)) throw new BadQueryError('since must be a feed position: a whole number, 0 or more');
    if (limit !== undefined && !(/^\d{1,3}$/.test(limit) && Number(limit) >= 1 && Number(limit) <= MAX_ACTIVITY_LIMIT)) {
      throw new BadQueryError(`limit must be a whole number from 1 to ${MAX_ACTIVITY_LIMIT}`);
    }
    if (category !== undefined && !(INTERVENTION_CATEGORIES as readonly string[]).includes(category)) {
      throw new BadQueryError(`category must be one of ${INTERVENTION_CATEGORIES.join(', ')}`);
    }
    return this.queries.activity(visibilityTier(viewer), {
      ...(since !== undefined ? { since: BigInt(since) } : {}),
      ...(trustCode ? { trustCode } : {}),
      ...(category ? { category: category as InterventionCategory } : {}),
      ...(limit !== undefined ? { limit: Number(limit) } : {}),
    });
  }

  @Get('activity/head')
  async head(): Promise<ActivityHeadView> {
    return { position: await this.queries.head() };
  }
}
