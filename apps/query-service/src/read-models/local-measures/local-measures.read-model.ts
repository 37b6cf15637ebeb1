import type { ReadModel } from '../read-model';
import { localMeasuresProjection } from './local-measures.projection';
import { LocalMeasureQueries } from './local-measures.queries';
import { LocalMeasuresController } from './local-measures.routes';

export const localMeasures: ReadModel = {
  projection: localMeasuresProjection,
  queries: LocalMeasureQueries,
  controllers: [LocalMeasuresController],
};
