import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { Database } from '@longview/event-store';
import { AnalyticsController } from './analytics/analytics.controller';
import { AnalyticsService } from './analytics/analytics.service';
import { ProjectionRunner } from './projections/projection-runner';
import { ReadModelQueries } from './queries/read-model.queries';
import { ReadModelsController } from './queries/read-models.controller';
import { ReadYourWritesInterceptor } from './queries/read-your-writes.interceptor';
import { READ_DATABASE } from './tokens';

export interface QueryServiceDependencies {
  /** The database holding the read models (and, in embedded mode, the event store too). */
  readonly database: Database;
  readonly runner: ProjectionRunner;
}

@Module({})
export class QueryServiceModule {
  static register(deps: QueryServiceDependencies): DynamicModule {
    return {
      module: QueryServiceModule,
      imports: [CqrsModule.forRoot()],
      controllers: [ReadModelsController, AnalyticsController],
      providers: [
        { provide: READ_DATABASE, useValue: deps.database },
        { provide: ProjectionRunner, useValue: deps.runner },
        { provide: ReadModelQueries, useFactory: (db: Database) => new ReadModelQueries(db), inject: [READ_DATABASE] },
        {
          provide: AnalyticsService,
          useFactory: (queries: ReadModelQueries, runner: ProjectionRunner) => new AnalyticsService(queries, () => runner.position),
          inject: [ReadModelQueries, ProjectionRunner],
        },
        ReadYourWritesInterceptor,
      ],
    };
  }
}
