import type { ReadModel } from '../read-model';
import { timeTravelProjection } from './time-travel.projection';
import { TimeTravelQueries } from './time-travel.queries';
import { TimeTravelController } from './time-travel.routes';

export const timeTravel: ReadModel = {
  projection: timeTravelProjection,
  queries: TimeTravelQueries,
  controllers: [TimeTravelController],
};
