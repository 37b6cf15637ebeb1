import { Controller, Get, Param, Query, UseInterceptors } from '@nestjs/common';
import type { LocalMeasureView } from '@longview/contracts';
import { batchKeys } from '../batch-keys';
import { found } from '../query-errors';
import { ReadYourWritesInterceptor } from '../read-your-writes.interceptor';
import { LocalMeasureQueries } from './local-measures.queries';

/** GET /trusts/:code/local-measures, /local-measures?trusts=A,B (batch) and /local-measures/:code (see packages/contracts/src/http.ts). */
@Controller()
@UseInterceptors(ReadYourWritesInterceptor)
export class LocalMeasuresController {
  constructor(private readonly queries: LocalMeasureQueries) {}

  @Get('trusts/:code/local-measures')
  ofTrust(@Param('code') code: string): Promise<LocalMeasureView[]> {
    return this.queries.ofTrust(code);
  }

  @Get('local-measures')
  ofTrusts(@Query('trusts') trusts?: string | string[]): Promise<{ trustCode: string; measures: LocalMeasureView[] }[]> {
    return this.queries.ofTrusts(batchKeys('trusts', trusts) ?? []);
  }

  @Get('local-measures/:code')
  async measure(@Param('code') code: string): Promise<LocalMeasureView> {
    return found(await this.queries.measure(code), `No local measure with code ${code}`);
  }
}
