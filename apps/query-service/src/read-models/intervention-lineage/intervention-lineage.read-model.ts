import type { ReadModel } from '../read-model';
import { interventionLineageProjection } from './intervention-lineage.projection';
import { InterventionLineageQueries } from './intervention-lineage.queries';
import { InterventionLineageController } from './intervention-lineage.routes';

export const interventionLineage: ReadModel = {
  projection: interventionLineageProjection,
  queries: InterventionLineageQueries,
  controllers: [InterventionLineageController],
};
