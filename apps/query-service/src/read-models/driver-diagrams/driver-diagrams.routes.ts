import { Controller, Get, Param, Query, UseInterceptors } from '@nestjs/common';
import type { DriverDiagramPlacementView, DriverDiagramView } from '@longview/contracts';
import type { Viewer } from '@longview/domain';
import { CurrentViewer } from '../../access/current-viewer.decorator';
import { found } from '../query-errors';
import { ReadYourWritesInterceptor } from '../read-your-writes.interceptor';
import { DriverDiagramQueries } from './driver-diagrams.queries';

/** GET /driver-diagrams, /driver-diagrams/:id and /interventions/:id/driver-diagram-placements (see contracts' driver-diagrams.http.ts). */
@Controller()
@UseInterceptors(ReadYourWritesInterceptor)
export class DriverDiagramsController {
  constructor(private readonly queries: DriverDiagramQueries) {}

  @Get('driver-diagrams')
  diagrams(@CurrentViewer() viewer: Viewer, @Query('trustCode') trustCode?: string): Promise<DriverDiagramView[]> {
    return this.queries.diagrams(viewer, trustCode ? { trustCode } : {});
  }

  @Get('driver-diagrams/:id')
  async diagram(@CurrentViewer() viewer: Viewer, @Param('id') id: string): Promise<DriverDiagramView> {
    return found(await this.queries.diagram(viewer, id), `No driver diagram with id ${id}`);
  }

  @Get('interventions/:id/driver-diagram-placements')
  placements(@CurrentViewer() viewer: Viewer, @Param('id') id: string): Promise<DriverDiagramPlacementView[]> {
    return this.queries.placements(viewer, id);
  }
}
