import type { CommandServiceClient } from '@longview/gateway';
import type { Actor, LongviewCommand } from '@longview/domain';

type StepOf<C> = C extends { readonly type: infer T; readonly data: infer D } ? { readonly type: T; readonly data: D } : never;
type CommandStep<T extends LongviewCommand['type']> = StepOf<Extract<LongviewCommand, { type: T }>>;

export type MentorshipStep = CommandStep<'OfferMentorship' | 'RequestMentorship' | 'RespondToMentorship'>;
export type AdoptionStep = CommandStep<'AdoptIntervention'>;
export type LessonStep = CommandStep<'ShareLesson' | 'EndorseLesson' | 'CommentOnIntervention' | 'HideComment'>;
export type ProgrammeStep = CommandStep<'CreateProgramme' | 'AppointProgrammeCoordinator' | 'JoinProgramme' | 'LinkToProgramme'>;
export type SustainabilityStep = CommandStep<'AssessSustainability'>;
export type DriverDiagramStep = CommandStep<'DefineDriverDiagram' | 'ReviseDriverDiagram'>;
type PersonCommand = MentorshipStep | AdoptionStep | LessonStep | ProgrammeStep | SustainabilityStep | DriverDiagramStep;

/**
 * A command and the person who issues it: mentorship, adoption, lessons and comments are always
 * someone's own act, never the demo loader's.
 */
export interface DemoPersonStep<S extends PersonCommand = PersonCommand> {
  readonly actor: Actor;
  readonly step: S;
}

/**
 * Sends each step as its own person (`clientFor` binds a command client to an actor). Command ids
 * are `<idPrefix>-<kind>-<index>`, so a restart that re-sends them changes nothing.
 */
export async function sendDemoPersonSteps(
  clientFor: (actor: Actor) => CommandServiceClient,
  steps: readonly DemoPersonStep[],
  options: { idPrefix: string; kind: string },
): Promise<number> {
  let events = 0;
  for (const [index, { actor, step }] of steps.entries()) {
    const accepted = await clientFor(actor).send(step.type, { commandId: `${options.idPrefix}-${options.kind}-${index}`, data: step.data });
    events += accepted.events.length;
  }
  return events;
}
