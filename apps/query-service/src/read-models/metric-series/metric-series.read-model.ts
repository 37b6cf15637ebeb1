import type { ReadModel } from '../read-model';
import { metricSeriesProjection } from './metric-series.projection';
import { MetricSeriesQueries } from './metric-series.queries';
import { MetricSeriesController } from './metric-series.routes';

export const metricSeries: ReadModel = {
  projection: metricSeriesProjection,
  queries: MetricSeriesQueries,
  controllers: [MetricSeriesController],
};
