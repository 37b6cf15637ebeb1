import { Controller, Get, Param, UseInterceptors } from '@nestjs/common';
import type { LineageView } from '@longview/contracts';
import { visibilityTier, type Viewer } from '@longview/domain';
import { CurrentViewer } from '../../access/current-viewer.decorator';
import { noIntervention } from '../intervention-summary/intervention-summary.routes';
import { found } from '../query-errors';
import { ReadYourWritesInterceptor } from '../read-your-writes.interceptor';
import { InterventionLineageQueries } from './intervention-lineage.queries';

/** GET /interventions/:id/lineage: 404 for a missing or hidden intervention, in the same words as GET /interventions/:id. */
@Controller()
@UseInterceptors(ReadYourWritesInterceptor)
export class InterventionLineageController {
  constructor(private readonly queries: InterventionLineageQueries) {}

  @Get('interventions/:id/lineage')
  async lineage(@CurrentViewer() viewer: Viewer, @Param('id') id: string): Promise<LineageView> {
    return found(await this.queries.lineage(visibilityTier(viewer), id), noIntervention(id));
  }
}
