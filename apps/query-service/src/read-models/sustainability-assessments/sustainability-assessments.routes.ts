import { Controller, Get, Param, UseInterceptors } from '@nestjs/common';
import type { SustainabilityAssessmentView } from '@longview/contracts';
import type { Viewer } from '@longview/domain';
import { CurrentViewer } from '../../access/current-viewer.decorator';
import { ReadYourWritesInterceptor } from '../read-your-writes.interceptor';
import { SustainabilityAssessmentQueries } from './sustainability-assessments.queries';

/** GET /interventions/:id/sustainability-assessments (see packages/contracts/src/http.ts). */
@Controller()
@UseInterceptors(ReadYourWritesInterceptor)
export class SustainabilityAssessmentsController {
  constructor(private readonly queries: SustainabilityAssessmentQueries) {}

  @Get('interventions/:id/sustainability-assessments')
  ofIntervention(@CurrentViewer() viewer: Viewer, @Param('id') id: string): Promise<SustainabilityAssessmentView[]> {
    return this.queries.ofIntervention(viewer, id);
  }
}
