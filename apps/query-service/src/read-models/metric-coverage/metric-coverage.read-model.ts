import type { ReadModel } from '../read-model';
import { metricCoverageProjection } from './metric-coverage.projection';
import { MetricCoverageQueries } from './metric-coverage.queries';
import { MetricCoverageController } from './metric-coverage.routes';

export const metricCoverage: ReadModel = {
  projection: metricCoverageProjection,
  queries: MetricCoverageQueries,
  controllers: [MetricCoverageController],
};
