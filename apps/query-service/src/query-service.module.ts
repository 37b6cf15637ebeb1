import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { Database } from '@longview/event-store';
import { createServiceCredentialVerifier } from '@longview/service-auth';
import { SERVICE_CREDENTIAL_VERIFIER, ServiceCredentialGuard } from './access/service-credential.guard';
import { AnalyticsController } from './analytics/analytics.controller';
import { AnalyticsService } from './analytics/analytics.service';
import { InterventionSummaryQueries } from './read-models/intervention-summary/intervention-summary.queries';
import { LocalMeasureQueries } from './read-models/local-measures/local-measures.queries';
import { MetricSeriesQueries } from './read-models/metric-series/metric-series.queries';
import { ReadYourWritesInterceptor } from './read-models/read-your-writes.interceptor';
import { READ_MODELS } from './read-models/registry';
import { TrustDirectoryQueries } from './read-models/trust-directory/trust-directory.queries';
import { PositionController } from './position.controller';
import { QueryErrorsFilter } from './http/query-errors.filter';
import { ProjectionRunner } from './runner/projection-runner';
import { ReadProgress } from './runner/read-progress';
import { READ_DATABASE } from './tokens';

export interface QueryServiceDependencies {
  /** The database holding the read models (and, in embedded mode, the event store too). */
  readonly database: Database;
  readonly runner: ProjectionRunner;
  /** The key service credentials are signed with (LONGVIEW_SERVICE_KEY): every data route needs one. */
  readonly serviceKey: string;
}

@Module({})
export class QueryServiceModule {
  static register(deps: QueryServiceDependencies): DynamicModule {
    const queries: Provider[] = READ_MODELS.map((m) => ({ provide: m.queries, useFactory: (db: Database) => new m.queries(db), inject: [READ_DATABASE] }));
    return {
      module: QueryServiceModule,
      controllers: [PositionController, ...READ_MODELS.flatMap((m) => m.controllers), AnalyticsController],
      providers: [
        { provide: READ_DATABASE, useValue: deps.database },
        { provide: SERVICE_CREDENTIAL_VERIFIER, useValue: createServiceCredentialVerifier(deps.serviceKey) },
        { provide: APP_GUARD, useClass: ServiceCredentialGuard },
        { provide: ProjectionRunner, useValue: deps.runner },
        { provide: ReadProgress, useValue: deps.runner },
        ...queries,
        {
          provide: AnalyticsService,
          useFactory: (
            trusts: TrustDirectoryQueries,
            interventions: InterventionSummaryQueries,
            series: MetricSeriesQueries,
            localMeasures: LocalMeasureQueries,
            runner: ProjectionRunner,
          ) => new AnalyticsService({ trusts, interventions, series, localMeasures }, () => runner.position),
          inject: [TrustDirectoryQueries, InterventionSummaryQueries, MetricSeriesQueries, LocalMeasureQueries, ProjectionRunner],
        },
        ReadYourWritesInterceptor,
        { provide: APP_FILTER, useClass: QueryErrorsFilter },
      ],
    };
  }
}
