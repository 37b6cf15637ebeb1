import 'reflect-metadata';
export { CommandServiceModule, type CommandServiceDependencies } from './command-service.module';
export { Clock, IdGenerator, SystemClock, UuidGenerator } from './clock';
export type { AppendListener } from './tokens';
export { startCommandService, type RunningService } from './start-command-service';
export { startDistributedCommandService, type DistributedCommandServiceOptions, type RunningDistributedCommandService } from './distributed';
/** The command path without HTTP (benchmarks measure the service's overhead against it). */
export { ExecuteDomainCommandHandler } from './commands/execute-domain-command.handler';
export { ExecuteDomainCommand } from './commands/execute-domain-command.command';
