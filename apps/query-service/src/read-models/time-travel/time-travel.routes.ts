import { Controller, Get, Param, Query, UseInterceptors } from '@nestjs/common';
import type { EvidenceView, InterventionView, OutcomeView, SeriesView, SpcView, TrustView } from '@longview/contracts';
import type { Viewer } from '@longview/domain';
import { CurrentViewer } from '../../access/current-viewer.decorator';
import { categoryOf, known } from '../../analytics/analytics.controller';
import { ATTRIBUTE_CHART_CHOICES, type AttributeChartChoice } from '../../analytics/spc-view';
import { ReadProgress } from '../../runner/read-progress';
import { InterventionSummaryQueries } from '../intervention-summary/intervention-summary.queries';
import { noIntervention } from '../intervention-summary/intervention-summary.routes';
import { BadQueryError, found } from '../query-errors';
import { ReadYourWritesInterceptor } from '../read-your-writes.interceptor';
import { TrustDirectoryQueries } from '../trust-directory/trust-directory.queries';
import { LocalMeasureQueries } from '../local-measures/local-measures.queries';
import { InvalidAsOfError, parseAsOf, type AsOfDate } from './as-of-date';
import { TimeTravelQueries } from './time-travel.queries';
import { TimeTravelService } from './time-travel.service';

/** GET /as-of/:date/... : the live routes' answers as known at the end of a date (see packages/contracts/src/http.ts). */
@Controller('as-of/:date')
@UseInterceptors(ReadYourWritesInterceptor)
export class TimeTravelController {
  private readonly travel: TimeTravelService;

  constructor(
    history: TimeTravelQueries,
    interventions: InterventionSummaryQueries,
    trusts: TrustDirectoryQueries,
    localMeasures: LocalMeasureQueries,
    progress: ReadProgress,
  ) {
    // A local measure's name, unit and direction are the same at any date (a measure is defined before its data).
    this.travel = new TimeTravelService(history, { interventions, trusts, localMeasures }, () => progress.position);
  }

  @Get('interventions/:id')
  async intervention(@CurrentViewer() viewer: Viewer, @Param('date') date: string, @Param('id') id: string): Promise<InterventionView> {
    return found(await this.travel.intervention(viewer, id, asOf(date)), noIntervention(id));
  }

  @Get('interventions/:id/outcomes')
  async outcomes(@CurrentViewer() viewer: Viewer, @Param('date') date: string, @Param('id') id: string): Promise<OutcomeView[]> {
    return found(await this.travel.outcomes(viewer, id, asOf(date)), noIntervention(id));
  }

  @Get('evidence')
  evidence(
    @CurrentViewer() viewer: Viewer,
    @Param('date') date: string,
    @Query('metric') metric?: string,
    @Query('category') category?: string,
  ): Promise<EvidenceView> {
    const day = asOf(date);
    if (!metric) throw new BadQueryError('metric is required');
    const chosen = categoryOf(category);
    return known(() => this.travel.evidence(viewer, metric, chosen, day));
  }

  @Get('series/:trustCode/:metric')
  async series(@Param('date') date: string, @Param('trustCode') trustCode: string, @Param('metric') metric: string): Promise<SeriesView> {
    return found(await this.travel.series(trustCode, metric, asOf(date)), `No ${metric} series for trust ${trustCode} on ${date}`);
  }

  /** `chart=pp|up` as on the live route: the series' P′ or U′ chart as of the date. */
  @Get('series/:trustCode/:metric/spc')
  async spc(
    @Param('date') date: string,
    @Param('trustCode') trustCode: string,
    @Param('metric') metric: string,
    @Query('chart') chart?: string,
  ): Promise<SpcView> {
    const day = asOf(date);
    const missing = `No ${metric} series for trust ${trustCode} on ${date}`;
    if (chart === undefined || chart === '') return found(await this.travel.seriesSpc(trustCode, metric, day), missing);
    if (!(ATTRIBUTE_CHART_CHOICES as readonly string[]).includes(chart))
      throw new BadQueryError(`chart must be one of ${ATTRIBUTE_CHART_CHOICES.join(', ')} (or absent)`);
    return found(await known(() => this.travel.seriesAttributeSpc(trustCode, metric, chart as AttributeChartChoice, day)), missing);
  }

  @Get('trusts/:code')
  async trust(@CurrentViewer() viewer: Viewer, @Param('date') date: string, @Param('code') code: string): Promise<TrustView> {
    return found(await this.travel.trust(viewer, code, asOf(date)), `No trust with code ${code} on ${date}`);
  }
}

function asOf(date: string): AsOfDate {
  try {
    return parseAsOf(date);
  } catch (error) {
    if (error instanceof InvalidAsOfError) throw new BadQueryError(error.message);
    throw error;
  }
}
