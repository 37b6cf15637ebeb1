import { Controller, Get, Param, UseInterceptors } from '@nestjs/common';
import type { SeriesView } from '@longview/contracts';
import { found } from '../query-errors';
import { ReadYourWritesInterceptor } from '../read-your-writes.interceptor';
import { MetricSeriesQueries } from './metric-series.queries';

/** GET /series/:trustCode/:metric and /trusts/:code/series (see packages/contracts/src/http.ts). */
@Controller()
@UseInterceptors(ReadYourWritesInterceptor)
export class MetricSeriesController {
  constructor(private readonly queries: MetricSeriesQueries) {}

  @Get('trusts/:code/series')
  seriesOfTrust(@Param('code') code: string): Promise<SeriesView[]> {
    return this.queries.seriesOfTrust(code);
  }

  @Get('series/:trustCode/:metric')
  async series(@Param('trustCode') trustCode: string, @Param('metric') metric: string): Promise<SeriesView> {
    return found(await this.queries.series(trustCode, metric), `No ${metric} series for trust ${trustCode}`);
  }
}
