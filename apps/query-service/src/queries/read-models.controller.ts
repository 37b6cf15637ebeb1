import { Controller, Get, Param, Query, UseInterceptors } from '@nestjs/common';
import {
  type InterventionPage,
  type InterventionStatus,
  type InterventionView,
  type PositionView,
  type SeriesView,
  type TrustView,
} from '@longview/contracts';
import { ProjectionRunner } from '../projections/projection-runner';
import { BadQueryError, found } from './query-errors';
import { InvalidCursorError, ReadModelQueries } from './read-model.queries';
import { ReadYourWritesInterceptor } from './read-your-writes.interceptor';

const STATUSES: readonly InterventionStatus[] = ['PROPOSED', 'ACTIVE', 'COMPLETED', 'ABANDONED'];

/** The query API (see packages/contracts/src/http.ts). Every route honours ?minPosition. */
@Controller()
@UseInterceptors(ReadYourWritesInterceptor)
export class ReadModelsController {
  constructor(
    private readonly queries: ReadModelQueries,
    private readonly runner: ProjectionRunner,
  ) {}

  @Get('position')
  position(): PositionView {
    return { position: this.runner.position.toString() };
  }

  @Get('health')
  health(): { status: 'ok'; position: string } {
    return { status: 'ok', position: this.runner.position.toString() };
  }

  @Get('trusts')
  trusts(@Query('search') search?: string, @Query('region') region?: string, @Query('kind') kind?: string): Promise<TrustView[]> {
    return this.queries.trusts({ ...(search ? { search } : {}), ...(region ? { region } : {}), ...(kind ? { kind } : {}) });
  }

  @Get('trusts/:code')
  async trust(@Param('code') code: string): Promise<TrustView> {
    return found(await this.queries.trust(code), `No trust with code ${code}`);
  }

  @Get('trusts/:code/series')
  seriesOfTrust(@Param('code') code: string): Promise<SeriesView[]> {
    return this.queries.seriesOfTrust(code);
  }

  @Get('interventions')
  async interventions(
    @Query('trustCode') trustCode?: string,
    @Query('status') status?: string,
    @Query('category') category?: string,
    @Query('first') first?: string,
    @Query('after') after?: string,
  ): Promise<InterventionPage> {
    if (status !== undefined && !STATUSES.includes(status as InterventionStatus)) {
      throw new BadQueryError(`status must be one of ${STATUSES.join(', ')}`);
    }
    if (first !== undefined && !/^\d+$/.test(first)) throw new BadQueryError('first must be a whole number');
    try {
      return await this.queries.interventions({
        ...(trustCode ? { trustCode } : {}),
        ...(status ? { status: status as InterventionStatus } : {}),
        ...(category ? { category } : {}),
        ...(first !== undefined ? { first: Number(first) } : {}),
        ...(after ? { after } : {}),
      });
    } catch (error) {
      if (error instanceof InvalidCursorError) throw new BadQueryError(error.message);
      throw error;
    }
  }

  @Get('interventions/:id')
  async intervention(@Param('id') id: string): Promise<InterventionView> {
    return found(await this.queries.intervention(id), `No intervention with id ${id}`);
  }

  @Get('series/:trustCode/:metric')
  async series(@Param('trustCode') trustCode: string, @Param('metric') metric: string): Promise<SeriesView> {
    return found(await this.queries.series(trustCode, metric), `No ${metric} series for trust ${trustCode}`);
  }
}
