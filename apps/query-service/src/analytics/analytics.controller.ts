import { Controller, Get, Param, Query, UseInterceptors } from '@nestjs/common';
import type {
  BenchmarkView,
  EvidenceView,
  FunnelView,
  InterventionOutcomesView,
  OutcomeView,
  PeerView,
  PortfolioView,
  ProjectionView,
  SpcView,
  TrustPeersView,
} from '@longview/contracts';
import { INTERVENTION_CATEGORIES, REGIONS, type InterventionCategory, type Viewer } from '@longview/domain';
import { CurrentViewer } from '../access/current-viewer.decorator';
import { noIntervention } from '../read-models/intervention-summary/intervention-summary.routes';
import { batchKeys } from '../read-models/batch-keys';
import { today } from '../read-models/programmes/programmes.routes';
import { BadQueryError, found } from '../read-models/query-errors';
import { ReadYourWritesInterceptor } from '../read-models/read-your-writes.interceptor';
import { ATTRIBUTE_CHART_CHOICES, type AttributeChartChoice } from './spc-view';
import {
  AnalyticsService,
  DEFAULT_MAX_DATA_AGE_MONTHS,
  NoCountsError,
  NotAProportionError,
  UnknownMetricError,
  type ProjectionRequest,
} from './analytics.service';

const MAX_DRAWS = 20_000;
const MAX_HORIZON = 60;

/** The analytics routes of the query API (see packages/contracts/src/http.ts), for the viewer of the request. */
@Controller()
@UseInterceptors(ReadYourWritesInterceptor)
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  @Get('series/:trustCode/:metric/spc')
  async spc(@Param('trustCode') trustCode: string, @Param('metric') metric: string, @Query('chart') chart?: string): Promise<SpcView> {
    const missing = `No ${metric} series for trust ${trustCode}`;
    if (chart === undefined || chart === '') return found(await this.analytics.seriesSpc(trustCode, metric), missing);
    if (!(ATTRIBUTE_CHART_CHOICES as readonly string[]).includes(chart))
      throw new BadQueryError(`chart must be one of ${ATTRIBUTE_CHART_CHOICES.join(', ')} (or absent)`);
    return found(await known(() => this.analytics.seriesAttributeSpc(trustCode, metric, chart as AttributeChartChoice)), missing);
  }

  /** SPC views of many series in one call: `?series=RJ1:ae-4hr,RXH:rtt-18wk`; pairs with no series are left out. */
  @Get('spc')
  spcOf(@Query('series') series?: string | string[]): Promise<SpcView[]> {
    const keys = batchKeys('series', series);
    if (!keys) throw new BadQueryError('series is required (comma-separated TRUST:metric pairs)');
    return this.analytics.seriesSpcOf(
      keys.map((key) => {
        const at = key.indexOf(':');
        if (at <= 0 || at === key.length - 1) throw new BadQueryError(`"${key.slice(0, 50)}" is not a TRUST:metric pair`);
        return { trustCode: key.slice(0, at), metric: key.slice(at + 1) };
      }),
    );
  }

  @Get('interventions/:id/outcomes')
  async outcomes(@CurrentViewer() viewer: Viewer, @Param('id') id: string): Promise<OutcomeView[]> {
    return found(await this.analytics.outcomes(viewer, id), noIntervention(id));
  }

  /** Outcomes of many interventions in one call (a page of interventions); missing and hidden ids are left out alike. */
  @Get('outcomes')
  async outcomesOf(@CurrentViewer() viewer: Viewer, @Query('ids') ids?: string | string[]): Promise<InterventionOutcomesView[]> {
    const keys = batchKeys('ids', ids);
    if (!keys) throw new BadQueryError('ids is required (comma-separated intervention ids)');
    return this.analytics.outcomesOf(viewer, keys);
  }

  /** Progress at a glance: the trust's interventions the viewer may see, by status and verdict per quarter. */
  @Get('trusts/:code/portfolio')
  async portfolio(@CurrentViewer() viewer: Viewer, @Param('code') code: string): Promise<PortfolioView> {
    return found(await this.analytics.trustPortfolio(viewer, code, today()), `No trust with code ${code}`);
  }

  @Get('trusts/:code/peers')
  async peers(@Param('code') code: string, @Query('limit') limit?: string): Promise<readonly PeerView[]> {
    return found(await this.analytics.peers(code, wholeNumber('limit', limit, 5, 1, 50)), `No trust with code ${code}`);
  }

  /** Peers of many trusts in one call (a page of trusts asking for peers); unknown codes are left out. */
  @Get('peers')
  async peersOf(@Query('codes') codes?: string | string[], @Query('limit') limit?: string): Promise<TrustPeersView[]> {
    const keys = batchKeys('codes', codes);
    if (!keys) throw new BadQueryError('codes is required (comma-separated ODS codes)');
    return this.analytics.peersOf(keys, wholeNumber('limit', limit, 5, 1, 50));
  }

  @Get('evidence')
  evidence(@CurrentViewer() viewer: Viewer, @Query('metric') metric?: string, @Query('category') category?: string): Promise<EvidenceView> {
    if (!metric) throw new BadQueryError('metric is required');
    return known(() => this.analytics.evidence(viewer, metric, categoryOf(category)));
  }

  @Get('projection')
  projection(
    @CurrentViewer() viewer: Viewer,
    @Query('metric') metric?: string,
    @Query('region') region?: string,
    @Query('horizonMonths') horizonMonths?: string,
    @Query('draws') draws?: string,
    @Query('seed') seed?: string,
    @Query('category') category?: string,
    @Query('adopters') adopters?: string,
    @Query('similarTo') similarTo?: string,
    @Query('maxDataAgeMonths') maxDataAgeMonths?: string,
  ): Promise<ProjectionView> {
    if (!metric) throw new BadQueryError('metric is required');
    if (region && !(REGIONS as readonly string[]).includes(region)) throw new BadQueryError(`region must be one of ${REGIONS.join(', ')}`);
    const scenarioCategory = categoryOf(category);
    if ((scenarioCategory === undefined) !== (adopters === undefined)) {
      throw new BadQueryError('a scenario needs both category and adopters');
    }
    const request: ProjectionRequest = {
      metric,
      ...(region ? { region } : {}),
      horizonMonths: wholeNumber('horizonMonths', horizonMonths, 24, 1, MAX_HORIZON),
      draws: wholeNumber('draws', draws, 10_000, 100, MAX_DRAWS),
      seed: wholeNumber('seed', seed, 1, 0, 2 ** 31 - 1),
      maxDataAgeMonths: wholeNumber('maxDataAgeMonths', maxDataAgeMonths, DEFAULT_MAX_DATA_AGE_MONTHS, 0, 1200),
      ...(scenarioCategory
        ? { scenario: { category: scenarioCategory, adopters: wholeNumber('adopters', adopters, 10, 1, 500), ...(similarTo ? { similarTo } : {}) } }
        : {}),
    };
    return known(() => this.analytics.projection(viewer, request));
  }

  @Get('trusts/:code/benchmark')
  async benchmark(@Param('code') code: string, @Query('metric') metric?: string, @Query('period') period?: string): Promise<BenchmarkView> {
    if (!metric) throw new BadQueryError('metric is required');
    const month = period ? monthOf('period', period) : undefined;
    return found(await known(() => this.analytics.benchmark(code, metric, month)), `Trust ${code} has no ${metric} value${month ? ` for ${month}` : ''}`);
  }

  @Get('funnel')
  funnel(@Query('metric') metric?: string, @Query('period') period?: string): Promise<FunnelView> {
    if (!metric) throw new BadQueryError('metric is required');
    if (!period) throw new BadQueryError('period is required (YYYY-MM)');
    const month = monthOf('period', period);
    return known(() => this.analytics.funnel(metric, month));
  }
}

/** A month as YYYY-MM (a YYYY-MM-DD date is taken as its month). */
function monthOf(name: string, value: string): string {
  const match = /^(\d{4})-(0[1-9]|1[0-2])(-\d{2})?$/.exec(value);
  if (!match) throw new BadQueryError(`${name} must be a month as YYYY-MM (got "${value}")`);
  return `${match[1]}-${match[2]}`;
}

export function categoryOf(category: string | undefined): InterventionCategory | undefined {
  if (category === undefined || category === '') return undefined;
  if (!(INTERVENTION_CATEGORIES as readonly string[]).includes(category)) {
    throw new BadQueryError(`category must be one of ${INTERVENTION_CATEGORIES.join(', ')}`);
  }
  return category as InterventionCategory;
}

function wholeNumber(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new BadQueryError(`${name} must be a whole number from ${min} to ${max}`);
  return n;
}

export async function known<T>(compute: () => Promise<T>): Promise<T> {
  try {
    return await compute();
  } catch (error) {
    if (error instanceof UnknownMetricError || error instanceof NotAProportionError || error instanceof NoCountsError) throw new BadQueryError(error.message);
    throw error;
  }
}
