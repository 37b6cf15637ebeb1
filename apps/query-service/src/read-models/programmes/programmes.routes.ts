import { Controller, Get, Param, Query, UseInterceptors } from '@nestjs/common';
import type { ProgrammeSummaryView, ProgrammeView } from '@longview/contracts';
import { visibilityTier, type Viewer } from '@longview/domain';
import { CurrentViewer } from '../../access/current-viewer.decorator';
import { AnalyticsService } from '../../analytics/analytics.service';
import { found } from '../query-errors';
import { ReadYourWritesInterceptor } from '../read-your-writes.interceptor';
import { ProgrammeQueries } from './programmes.queries';

/** Today (UTC), the last quarter a portfolio shows: read at the edge, never inside the pure code. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** GET /programmes and /programmes/:id (see packages/contracts/src/http.ts), for the viewer of the request. */
@Controller()
@UseInterceptors(ReadYourWritesInterceptor)
export class ProgrammesController {
  constructor(
    private readonly queries: ProgrammeQueries,
    private readonly analytics: AnalyticsService,
  ) {}

  @Get('programmes')
  programmes(@CurrentViewer() viewer: Viewer, @Query('trustCode') trustCode?: string): Promise<ProgrammeSummaryView[]> {
    return this.queries.programmes(visibilityTier(viewer), trustCode ? { trustCode } : {});
  }

  @Get('programmes/:id')
  async programme(@CurrentViewer() viewer: Viewer, @Param('id') id: string): Promise<ProgrammeView> {
    const record = found(await this.queries.programme(visibilityTier(viewer), id), `No programme with id ${id}`);
    const { links, ...rest } = record;
    const figures = await this.analytics.programmeFigures(
      viewer,
      links.map((l) => l.interventionId),
      record.metric,
      today(),
    );
    const linkedAt = new Map(links.map((l) => [l.interventionId, l.linkedAt]));
    return {
      ...rest,
      interventions: figures.interventions.map((i) => ({ ...i, linkedAt: linkedAt.get(i.intervention.id) ?? record.createdAt })),
      evidence: figures.evidence,
      portfolio: figures.portfolio,
    };
  }
}
