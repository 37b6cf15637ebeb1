import type { ReadModel } from '../read-model';
import { interventionSummaryProjection } from './intervention-summary.projection';
import { InterventionSummaryQueries } from './intervention-summary.queries';
import { InterventionSummaryController } from './intervention-summary.routes';

export const interventionSummary: ReadModel = {
  projection: interventionSummaryProjection,
  queries: InterventionSummaryQueries,
  controllers: [InterventionSummaryController],
};
