import { Controller, Get, UseInterceptors } from '@nestjs/common';
import type { MetricCoverageView } from '@longview/contracts';
import { ReadYourWritesInterceptor } from '../read-your-writes.interceptor';
import { MetricCoverageQueries } from './metric-coverage.queries';

/** GET /metric-coverage (see packages/contracts/src/http.ts). */
@Controller()
@UseInterceptors(ReadYourWritesInterceptor)
export class MetricCoverageController {
  constructor(private readonly queries: MetricCoverageQueries) {}

  @Get('metric-coverage')
  coverage(): Promise<MetricCoverageView[]> {
    return this.queries.coverage();
  }
}
