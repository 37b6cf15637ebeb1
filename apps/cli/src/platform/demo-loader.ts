import type { LongviewCommandType } from '@longview/domain';
import type { CommandServiceClient } from '@longview/gateway';

export interface CommandStep {
  readonly type: LongviewCommandType;
  readonly data: object;
}

/**
 * Sends a list of commands through the command path, in order, with progress lines, as the
 * actor `commands` is bound to (e.g. `cliClients(..., DEMO_LOADER)`: SYSTEM). With an
 * `idPrefix`, each step's command id is derived from its index, so a fixed list (the demo) that
 * was interrupted can simply be sent again: the steps already applied are no-ops.
 */
export async function sendSteps(
  commands: CommandServiceClient,
  steps: readonly CommandStep[],
  options: { idPrefix?: string; log?: (line: string) => void } = {},
): Promise<{ sent: number; events: number; position: string }> {
  let events = 0;
  let position = '0';
  const every = Math.max(1, Math.round(steps.length / 10));
  for (const [index, step] of steps.entries()) {
    const accepted = await commands.send(step.type, {
      ...(options.idPrefix ? { commandId: `${options.idPrefix}-${index}` } : {}),
      data: step.data as Record<string, unknown>,
    });
    events += accepted.events.length;
    if (BigInt(accepted.position) > BigInt(position)) position = accepted.position;
    if (options.log && ((index + 1) % every === 0 || index + 1 === steps.length)) {
      options.log(`  ${index + 1}/${steps.length} commands`);
    }
  }
  return { sent: steps.length, events, position };
}
