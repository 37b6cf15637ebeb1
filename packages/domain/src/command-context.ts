import type { LongviewCommand, LongviewCommandType } from './commands';
import { interventionDecider } from './intervention';
import { streamIds } from './shared';
import type { AnyDecider } from './routes';

/**
 * What a command needs to know from streams other than its own, declared here and loaded at the
 * edge: the command side reads each named stream, folds it with the given decider and hands the
 * states to the decider in `command.context`, so deciding stays pure (no I/O) and the sender
 * never supplies facts the domain must trust. Commands without an entry need only their stream.
 */
export interface ContextStream {
  /** The stream to read, from the command's (still unvalidated) data; undefined when the data does not name one (the decider reports it). */
  readonly streamId: (data: Readonly<Record<string, unknown>>) => string | undefined;
  /** Folds that stream's events into the state the decider expects. */
  readonly decider: AnyDecider;
}

export type CommandContextNeeds = { readonly [key: string]: ContextStream };

export const COMMAND_CONTEXTS: { readonly [T in LongviewCommandType]?: CommandContextNeeds } = {
  AdoptIntervention: {
    source: {
      streamId: (data) => {
        const id = data['sourceInterventionId'];
        return typeof id === 'string' && id.trim() !== '' ? streamIds.intervention(id.trim()) : undefined;
      },
      decider: interventionDecider as unknown as AnyDecider,
    },
  },
};

/** The context streams `command` needs (none for most commands). */
export function contextNeedsOf(type: LongviewCommand['type']): CommandContextNeeds | undefined {
  return COMMAND_CONTEXTS[type];
}
