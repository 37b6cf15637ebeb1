import { Controller, Get, Param, Query, UseInterceptors } from '@nestjs/common';
import type { TrustView } from '@longview/contracts';
import { visibilityTier, type Viewer } from '@longview/domain';
import { CurrentViewer } from '../../access/current-viewer.decorator';
import { batchKeys } from '../batch-keys';
import { found } from '../query-errors';
import { ReadYourWritesInterceptor } from '../read-your-writes.interceptor';
import { TrustDirectoryQueries } from './trust-directory.queries';

/** GET /trusts and /trusts/:code (see packages/contracts/src/http.ts); interventionCount is of what the viewer may see. */
@Controller()
@UseInterceptors(ReadYourWritesInterceptor)
export class TrustDirectoryController {
  constructor(private readonly queries: TrustDirectoryQueries) {}

  @Get('trusts')
  trusts(
    @CurrentViewer() viewer: Viewer,
    @Query('search') search?: string,
    @Query('region') region?: string,
    @Query('kind') kind?: string,
    @Query('codes') codes?: string | string[],
  ): Promise<TrustView[]> {
    const keys = batchKeys('codes', codes);
    return this.queries.trusts(visibilityTier(viewer), {
      ...(search ? { search } : {}),
      ...(region ? { region } : {}),
      ...(kind ? { kind } : {}),
      ...(keys ? { codes: keys } : {}),
    });
  }

  @Get('trusts/:code')
  async trust(@CurrentViewer() viewer: Viewer, @Param('code') code: string): Promise<TrustView> {
    return found(await this.queries.trust(visibilityTier(viewer), code), `No trust with code ${code}`);
  }
}
