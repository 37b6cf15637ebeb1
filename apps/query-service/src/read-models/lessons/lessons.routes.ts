import { Controller, Get, Param, Query, UseInterceptors } from '@nestjs/common';
import type { LessonPage, LessonView } from '@longview/contracts';
import { findMetric, INTERVENTION_CATEGORIES, type InterventionCategory, type Viewer } from '@longview/domain';
import { CurrentViewer } from '../../access/current-viewer.decorator';
import { InvalidCursorError } from '../intervention-summary/intervention-summary.queries';
import { BadQueryError, found } from '../query-errors';
import { ReadYourWritesInterceptor } from '../read-your-writes.interceptor';
import { LessonQueries } from './lessons.queries';

/** GET /lessons and /lessons/:id (see packages/contracts/src/http.ts), for the viewer of the request. */
@Controller()
@UseInterceptors(ReadYourWritesInterceptor)
export class LessonsController {
  constructor(private readonly queries: LessonQueries) {}

  @Get('lessons')
  async lessons(
    @CurrentViewer() viewer: Viewer,
    @Query('category') category?: string,
    @Query('metric') metric?: string,
    @Query('trustCode') trustCode?: string,
    @Query('search') search?: string,
    @Query('interventionId') interventionId?: string,
    @Query('first') first?: string,
    @Query('after') after?: string,
  ): Promise<LessonPage> {
    if (category && !(INTERVENTION_CATEGORIES as readonly string[]).includes(category)) {
      throw new BadQueryError(`category must be one of ${INTERVENTION_CATEGORIES.join(', ')}`);
    }
    if (metric && !findMetric(metric)) throw new BadQueryError(`Unknown metric "${metric}"`);
    if (search && search.length > 200) throw new BadQueryError('search must be at most 200 characters');
    const count = first === undefined ? undefined : Number(first);
    if (count !== undefined && (!Number.isInteger(count) || count < 0 || count > 100)) throw new BadQueryError('first must be a whole number from 0 to 100');
    try {
      return await this.queries.lessons(viewer, {
        ...(category ? { category: category as InterventionCategory } : {}),
        ...(metric ? { metric } : {}),
        ...(trustCode ? { trustCode } : {}),
        ...(search ? { search } : {}),
        ...(interventionId ? { interventionId } : {}),
        ...(count !== undefined ? { first: count } : {}),
        ...(after ? { after } : {}),
      });
    } catch (error) {
      if (error instanceof InvalidCursorError) throw new BadQueryError(error.message);
      throw error;
    }
  }

  @Get('lessons/:id')
  async lesson(@CurrentViewer() viewer: Viewer, @Param('id') id: string): Promise<LessonView> {
    return found(await this.queries.lesson(viewer, id), `No lesson with id ${id}`);
  }
}
