import { assertMayActForTrust, assertMayWrite } from './authorisation';
import type { EndorseLesson, LessonCommand, ShareLesson } from './commands';
import { ConflictError, InterventionNotFoundError, NotFoundError } from './errors';
import type { LessonEvent } from './events';
import type { InterventionState } from './intervention';
import { personOf } from './mentorship';
import { SHARING_LEVELS, type Actor, type Decider, type Sharing } from './shared';
import { ENTITY_ID, FieldErrors, untrusted } from './validation';
import { canSee } from './visibility';

/**
 * A lesson and its endorsements (stream `lesson-<lessonId>`). One stream per lesson, its
 * endorsements inside it, so "once per person" is checked against the whole truth and two
 * endorsements racing are serialised by the stream's expected version. Lessons are independent
 * of each other: keeping them out of the intervention's stream leaves the intervention's
 * lifecycle uncontended and lets a lesson exist without an intervention.
 */

export const MAX_LESSON_TITLE = 200;
export const MAX_LESSON_BODY = 5000;

export interface SharedLesson {
  readonly status: 'SHARED';
  readonly lessonId: string;
  readonly interventionId?: string;
  readonly trustCode: string;
  readonly sharing: Sharing;
  readonly authorId: string;
  readonly endorserIds: readonly string[];
}
export type LessonState = { readonly status: 'INITIAL' } | SharedLesson;

const initialState = (): LessonState => ({ status: 'INITIAL' });

function evolve(state: LessonState, event: LessonEvent): LessonState {
  switch (event.type) {
    case 'LessonShared':
      return {
        status: 'SHARED',
        lessonId: event.data.lessonId,
        ...(event.data.interventionId !== undefined ? { interventionId: event.data.interventionId } : {}),
        trustCode: event.data.trustCode,
        sharing: event.data.sharing,
        authorId: event.data.author.id,
        endorserIds: [],
      };
    case 'LessonEndorsed':
      if (state.status === 'INITIAL' || state.endorserIds.includes(event.data.endorser.id)) return state;
      return { ...state, endorserIds: [...state.endorserIds, event.data.endorser.id] };
    default: {
      const _never: never = event;
      return state;
    }
  }
}

export class LessonNotFoundError extends NotFoundError {
  constructor(readonly lessonId: string) {
    super('LESSON_NOT_FOUND', `There is no lesson ${lessonId}. Check the id of the lesson.`);
  }
}

/** The intervention in the context, when it exists and the actor may see it (a hidden one answers like a missing one). */
export function visibleIntervention(actor: Actor, interventionId: string, intervention: InterventionState | undefined) {
  if (!intervention || intervention.status === 'INITIAL' || intervention.interventionId !== interventionId || !canSee(actor, intervention)) {
    throw new InterventionNotFoundError(interventionId);
  }
  return intervention;
}

function shareLesson(command: ShareLesson, state: LessonState): LessonEvent[] {
  const { actor } = command.metadata;
  assertMayWrite(actor, 'ShareLesson');
  const data = untrusted(command.data);
  const errors = new FieldErrors();
  const lessonId = errors.pattern('lessonId', data.lessonId, ENTITY_ID, ENTITY_ID_DESCRIPTION);
  const interventionId =
    data.interventionId === undefined || data.interventionId === null
      ? undefined
      : errors.pattern('interventionId', data.interventionId, ENTITY_ID, ENTITY_ID_DESCRIPTION);
  const title = errors.plainText('title', data.title, { max: MAX_LESSON_TITLE });
  const body = errors.plainText('body', data.body, { max: MAX_LESSON_BODY });
  const sharing = errors.oneOf('sharing', data.sharing, SHARING_LEVELS);
  if (interventionId === undefined && data.interventionId == null && actor.role !== 'TRUST_EDITOR') {
    errors.add('interventionId', 'is required when an administrator shares a lesson: it is the experience of the trust whose intervention it is about');
  }
  errors.throwIfAny('The lesson');
  if (!lessonId || !title || !body || !sharing) return [];

  let trustCode: string;
  if (interventionId !== undefined) {
    const intervention = visibleIntervention(actor, interventionId, command.context?.intervention);
    trustCode = intervention.trustCode;
    assertMayActForTrust(actor, trustCode, 'ShareLesson');
  } else {
    trustCode = actor.trustCode as string;
  }
  if (state.status !== 'INITIAL')
    throw new ConflictError('LESSON_ALREADY_EXISTS', `A lesson with id ${lessonId} already exists. Share the new lesson with a new id.`);
  return [
    {
      type: 'LessonShared',
      data: {
        lessonId,
        ...(interventionId !== undefined ? { interventionId } : {}),
        trustCode,
        title,
        body,
        sharing,
        author: personOf(actor),
        sharedAt: command.metadata.now,
      },
    },
  ];
}

/** Whether the actor may see the lesson: its own sharing and, when it is about an intervention, that intervention's. */
function canSeeLesson(actor: Actor, lesson: SharedLesson, intervention: InterventionState | undefined): boolean {
  if (!canSee(actor, lesson)) return false;
  if (lesson.interventionId === undefined) return true;
  return !!intervention && intervention.status !== 'INITIAL' && intervention.interventionId === lesson.interventionId && canSee(actor, intervention);
}

/**
 * Any signed-in person who may see the lesson endorses it, once: a second endorsement by the same
 * person is an idempotent no-op (nothing is appended, the count stays), so a double click or a
 * retry never counts twice and never shows an error for something already done.
 */
function endorseLesson(command: EndorseLesson, state: LessonState): LessonEvent[] {
  const { actor } = command.metadata;
  const errors = new FieldErrors();
  const lessonId = errors.pattern('lessonId', untrusted(command.data).lessonId, ENTITY_ID, ENTITY_ID_DESCRIPTION);
  errors.throwIfAny('The endorsement');
  if (!lessonId) return [];
  if (state.status === 'INITIAL' || !canSeeLesson(actor, state, command.context?.intervention)) throw new LessonNotFoundError(lessonId);
  if (state.authorId === actor.id) throw new ConflictError('OWN_LESSON', 'You cannot endorse a lesson you shared; endorsements are what others found useful.');
  if (state.endorserIds.includes(actor.id)) return [];
  return [{ type: 'LessonEndorsed', data: { lessonId: state.lessonId, endorser: personOf(actor), endorsedAt: command.metadata.now } }];
}

function decide(command: LessonCommand, state: LessonState): LessonEvent[] {
  switch (command.type) {
    case 'ShareLesson':
      return shareLesson(command, state);
    case 'EndorseLesson':
      return endorseLesson(command, state);
    default: {
      const _never: never = command;
      throw new Error(`Unknown lesson command ${(_never as { type: string }).type}`);
    }
  }
}

export const lessonDecider: Decider<LessonCommand, LessonEvent, LessonState> = { initialState, evolve, decide };

const ENTITY_ID_DESCRIPTION = 'an id of up to 64 letters, digits and hyphens (a UUID)';
