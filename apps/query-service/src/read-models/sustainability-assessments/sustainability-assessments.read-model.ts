import type { ReadModel } from '../read-model';
import { sustainabilityAssessmentsProjection } from './sustainability-assessments.projection';
import { SustainabilityAssessmentQueries } from './sustainability-assessments.queries';
import { SustainabilityAssessmentsController } from './sustainability-assessments.routes';

export const sustainabilityAssessments: ReadModel = {
  projection: sustainabilityAssessmentsProjection,
  queries: SustainabilityAssessmentQueries,
  controllers: [SustainabilityAssessmentsController],
};
