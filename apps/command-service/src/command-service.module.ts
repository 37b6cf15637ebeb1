import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { EventStore } from '@longview/event-store';
import { createServiceCredentialVerifier } from '@longview/service-auth';
import { ServiceCredentialGuard } from './auth/service-credential.guard';
import { Clock, IdGenerator, SystemClock, UuidGenerator } from './clock';
import { CommandErrorsFilter } from './commands/command-errors.filter';
import { CommandsController } from './commands/commands.controller';
import { ExecuteDomainCommandHandler } from './commands/execute-domain-command.handler';
import { HealthController } from './health.controller';
import { APPEND_LISTENER, EVENT_STORE, SERVICE_CREDENTIAL_VERIFIER, type AppendListener } from './tokens';

export interface CommandServiceDependencies {
  readonly eventStore: EventStore;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /** Called after every successful append (embedded mode wakes its log followers with it). */
  readonly onAppended?: AppendListener;
  /** The key service credentials are signed with (LONGVIEW_SERVICE_KEY): every command must carry one. */
  readonly serviceKey: string;
}

@Module({})
export class CommandServiceModule {
  static register(deps: CommandServiceDependencies): DynamicModule {
    return {
      module: CommandServiceModule,
      imports: [CqrsModule.forRoot()],
      controllers: [CommandsController, HealthController],
      providers: [
        { provide: EVENT_STORE, useValue: deps.eventStore },
        { provide: Clock, useValue: deps.clock ?? new SystemClock() },
        { provide: IdGenerator, useValue: deps.ids ?? new UuidGenerator() },
        { provide: APPEND_LISTENER, useValue: deps.onAppended ?? (() => undefined) },
        { provide: APP_FILTER, useClass: CommandErrorsFilter },
        { provide: SERVICE_CREDENTIAL_VERIFIER, useValue: createServiceCredentialVerifier(deps.serviceKey) },
        ServiceCredentialGuard,
        ExecuteDomainCommandHandler,
      ],
    };
  }
}
