import { Controller, Get, Param, Query, UseInterceptors } from '@nestjs/common';
import type { TrustPageView, TrustView } from '@longview/contracts';
import { TRUST_SOURCES, visibilityTier, type TrustSource, type Viewer } from '@longview/domain';
import { CurrentViewer } from '../../access/current-viewer.decorator';
import { batchKeys } from '../batch-keys';
import { BadQueryError, found } from '../query-errors';
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
    @Query('source') source?: string,
  ): Promise<TrustView[]> {
    const keys = batchKeys('codes', codes);
    return this.queries.trusts(visibilityTier(viewer), {
      ...(search ? { search } : {}),
      ...(region ? { region } : {}),
      ...(kind ? { kind } : {}),
      ...(source ? { source: sourceOf(source) } : {}),
      ...(keys ? { codes: keys } : {}),
    });
  }

  /** The list a page at a time, with the number of matches over all pages. */
  @Get('trust-page')
  trustPage(
    @CurrentViewer() viewer: Viewer,
    @Query('search') search?: string,
    @Query('region') region?: string,
    @Query('kind') kind?: string,
    @Query('source') source?: string,
    @Query('first') first?: string,
    @Query('offset') offset?: string,
  ): Promise<TrustPageView> {
    const size = wholeNumber('first', first, DEFAULT_PAGE_SIZE);
    if (size < 1 || size > MAX_PAGE_SIZE) throw new BadQueryError(`first must be between 1 and ${MAX_PAGE_SIZE}`);
    return this.queries.page(
      visibilityTier(viewer),
      {
        ...(search ? { search } : {}),
        ...(region ? { region } : {}),
        ...(kind ? { kind } : {}),
        ...(source ? { source: sourceOf(source) } : {}),
      },
      { first: size, offset: wholeNumber('offset', offset, 0) },
    );
  }

  @Get('trusts/:code')
  async trust(@CurrentViewer() viewer: Viewer, @Param('code') code: string): Promise<TrustView> {
    return found(await this.queries.trust(visibilityTier(viewer), code), `No trust with code ${code}`);
  }
}

const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 100;

function wholeNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value)) throw new BadQueryError(`${name} must be a whole number`);
  return Number(value);
}

function sourceOf(value: string): TrustSource {
  if (!(TRUST_SOURCES as readonly string[]).includes(value)) throw new BadQueryError(`source must be one of ${TRUST_SOURCES.join(', ')}`);
  return value as TrustSource;
}
