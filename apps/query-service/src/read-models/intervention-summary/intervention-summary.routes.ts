import { Controller, Get, Param, Query, UseInterceptors } from '@nestjs/common';
import type { InterventionPage, InterventionStatus, InterventionView } from '@longview/contracts';
import { visibilityTier, type Viewer } from '@longview/domain';
import { CurrentViewer } from '../../access/current-viewer.decorator';
import { batchKeys } from '../batch-keys';
import { BadQueryError, found } from '../query-errors';
import { ReadYourWritesInterceptor } from '../read-your-writes.interceptor';
import { InterventionSummaryQueries, InvalidCursorError } from './intervention-summary.queries';

const STATUSES: readonly InterventionStatus[] = ['PROPOSED', 'ACTIVE', 'COMPLETED', 'ABANDONED'];

/**
 * GET /interventions and /interventions/:id (see packages/contracts/src/http.ts), as the viewer
 * may see them: an intervention the viewer may not see is a 404 exactly like a missing one.
 */
@Controller()
@UseInterceptors(ReadYourWritesInterceptor)
export class InterventionSummaryController {
  constructor(private readonly queries: InterventionSummaryQueries) {}

  @Get('interventions')
  async interventions(
    @CurrentViewer() viewer: Viewer,
    @Query('trustCode') trustCode?: string,
    @Query('status') status?: string,
    @Query('category') category?: string,
    @Query('first') first?: string,
    @Query('after') after?: string,
    @Query('ids') ids?: string | string[],
  ): Promise<InterventionPage> {
    if (status !== undefined && !STATUSES.includes(status as InterventionStatus)) {
      throw new BadQueryError(`status must be one of ${STATUSES.join(', ')}`);
    }
    const filter = {
      ...(trustCode ? { trustCode } : {}),
      ...(status ? { status: status as InterventionStatus } : {}),
      ...(category ? { category } : {}),
    };
    const keys = batchKeys('ids', ids);
    if (keys) {
      if (first !== undefined || after !== undefined)
        throw new BadQueryError('ids cannot be combined with first or after: the answer holds every intervention found');
      return this.queries.interventionsById(visibilityTier(viewer), keys, filter);
    }
    if (first !== undefined && !/^\d+$/.test(first)) throw new BadQueryError('first must be a whole number');
    try {
      return await this.queries.interventions(visibilityTier(viewer), {
        ...filter,
        ...(first !== undefined ? { first: Number(first) } : {}),
        ...(after ? { after } : {}),
      });
    } catch (error) {
      if (error instanceof InvalidCursorError) throw new BadQueryError(error.message);
      throw error;
    }
  }

  @Get('interventions/:id')
  async intervention(@CurrentViewer() viewer: Viewer, @Param('id') id: string): Promise<InterventionView> {
    return found(await this.queries.intervention(visibilityTier(viewer), id), noIntervention(id));
  }
}

/** The 404 message of an intervention that is missing or hidden from the viewer (the same words for both). */
export function noIntervention(id: string): string {
  return `No intervention with id ${id}`;
}
