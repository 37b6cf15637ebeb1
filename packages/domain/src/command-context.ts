import type { LongviewCommand, LongviewCommandType } from './commands';
import { linkedInterventionIds } from './driver-diagram';
import type { LongviewEvent } from './events';
import { interventionDecider } from './intervention';
import { foldEvents, streamIds } from './shared';
import { trustDecider } from './trust';
import type { AnyDecider } from './routes';
import { assessedInterventionDecider } from './sustainability';

/**
 * What a command needs to know from streams other than its own, declared here and loaded at the
 * edge: the command side reads each named stream, folds it with the given decider and hands the
 * states to the decider in `command.context`, so deciding stays pure (no I/O) and the sender
 * never supplies facts the domain must trust. Commands without an entry need only their stream.
 */
export interface ContextStream {
  /**
   * The stream to read, from the command's (still unvalidated) data or from its own stream's
   * folded state (`own`: e.g. the intervention a lesson is about, recorded when it was shared);
   * undefined when neither names one (the decider reports it).
   */
  readonly streamId: (data: Readonly<Record<string, unknown>>, own: unknown) => string | undefined;
  /** Folds that stream's events into the state the decider expects. */
  readonly decider: AnyDecider;
}

export type CommandContextNeeds = { readonly [key: string]: ContextStream };

/** The trust a command's data names (`trustCode`): its local measures decide which metric codes are valid for it. */
const TRUST_METRICS: CommandContextNeeds = {
  trust: {
    streamId: (data) => {
      const code = data['trustCode'];
      return typeof code === 'string' && code.trim() !== '' ? streamIds.trust(code.trim()) : undefined;
    },
    decider: trustDecider as unknown as AnyDecider,
  },
};

export const COMMAND_CONTEXTS: { readonly [T in LongviewCommandType]?: CommandContextNeeds } = {
  ProposeIntervention: TRUST_METRICS,
  RecordObservations: TRUST_METRICS,
  CorrectObservation: TRUST_METRICS,
  RebaseSeries: TRUST_METRICS,
  AdoptIntervention: {
    source: {
      streamId: (data) => {
        const id = data['sourceInterventionId'];
        return typeof id === 'string' && id.trim() !== '' ? streamIds.intervention(id.trim()) : undefined;
      },
      decider: interventionDecider as unknown as AnyDecider,
    },
  },
  // Lessons and comments must be about an intervention the actor may see.
  ShareLesson: { intervention: { streamId: (data) => interventionStream(data['interventionId']), decider: interventionDecider as unknown as AnyDecider } },
  CommentOnIntervention: {
    intervention: { streamId: (data) => interventionStream(data['interventionId']), decider: interventionDecider as unknown as AnyDecider },
  },
  // Endorsing and retracting name only the lesson or comment: its intervention is the one its own stream recorded.
  EndorseLesson: { intervention: { streamId: (_, own) => interventionStream(ownIntervention(own)), decider: interventionDecider as unknown as AnyDecider } },
  RetractComment: { intervention: { streamId: (_, own) => interventionStream(ownIntervention(own)), decider: interventionDecider as unknown as AnyDecider } },
  // A trust joins a programme only once registered; an intervention is linked for its own trust and sharing.
  JoinProgramme: {
    trust: {
      streamId: (data) => {
        const code = data['trustCode'];
        return typeof code === 'string' && code.trim() !== '' ? streamIds.trust(code.trim()) : undefined;
      },
      decider: trustDecider as unknown as AnyDecider,
    },
  },
  LinkToProgramme: { intervention: { streamId: (data) => interventionStream(data['interventionId']), decider: interventionDecider as unknown as AnyDecider } },
  // An assessment needs the intervention's trust, sharing and earliest date.
  AssessSustainability: {
    intervention: { streamId: (data) => interventionStream(data['interventionId']), decider: assessedInterventionDecider as unknown as AnyDecider },
  },
};

function interventionStream(id: unknown): string | undefined {
  return typeof id === 'string' && id.trim() !== '' ? streamIds.intervention(id.trim()) : undefined;
}

function ownIntervention(own: unknown): unknown {
  return typeof own === 'object' && own !== null ? (own as { interventionId?: unknown }).interventionId : undefined;
}

/**
 * The context a command needs, folded from histories `historyOf` gives (synchronous: for pure
 * callers such as tests and in-memory replays; the command side reads the store the same way).
 */
export function foldContext(
  type: LongviewCommandType,
  data: Readonly<Record<string, unknown>>,
  own: unknown,
  historyOf: (streamId: string) => readonly LongviewEvent[],
): Record<string, unknown> | undefined {
  const needs = contextNeedsOf(type);
  if (!needs) return undefined;
  const context: Record<string, unknown> = {};
  for (const [key, need] of Object.entries(needs)) {
    const streamId = need.streamId(data, own);
    context[key] = foldEvents(need.decider, need.decider.initialState(), streamId ? historyOf(streamId) : []);
  }
  return context;
}

/** The context streams `command` needs (none for most commands). */
export function contextNeedsOf(type: LongviewCommand['type']): CommandContextNeeds | undefined {
  return COMMAND_CONTEXTS[type];
}

/**
 * Like ContextStream, for a command that needs several streams of one kind (a driver diagram's
 * linked interventions): each named stream is read and folded, and the decider gets the states
 * as a list under the key (a stream that does not exist folds to the initial state).
 */
export interface ContextStreamList {
  readonly streamIds: (data: Readonly<Record<string, unknown>>, own: unknown) => readonly string[];
  readonly decider: AnyDecider;
}

export const COMMAND_CONTEXT_LISTS: { readonly [T in LongviewCommandType]?: { readonly [key: string]: ContextStreamList } } = {
  // A driver diagram links only interventions of its own trust: each is checked against its stream.
  DefineDriverDiagram: {
    interventions: { streamIds: (data) => linkedInterventionIds(data).map(streamIds.intervention), decider: interventionDecider as unknown as AnyDecider },
  },
  ReviseDriverDiagram: {
    interventions: { streamIds: (data) => linkedInterventionIds(data).map(streamIds.intervention), decider: interventionDecider as unknown as AnyDecider },
  },
};

/** The lists of context streams `command` needs (none for most commands). */
export function contextListNeedsOf(type: LongviewCommand['type']): { readonly [key: string]: ContextStreamList } | undefined {
  return COMMAND_CONTEXT_LISTS[type];
}
