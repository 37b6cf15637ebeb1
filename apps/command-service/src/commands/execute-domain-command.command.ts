import type { Actor, LongviewCommandType } from '@longview/domain';

/**
 * The one command the bus carries: "run this domain command". Every domain command goes
 * through the same read -> decide -> append path, so one handler serves them all.
 */
export class ExecuteDomainCommand {
  constructor(
    readonly type: LongviewCommandType,
    readonly data: Record<string, unknown>,
    readonly commandId: string,
    readonly actor: Actor,
    readonly expectedVersion: number | undefined,
  ) {}
}
