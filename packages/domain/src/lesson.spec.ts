import type { EndorseLesson, ShareLesson } from './commands';
import { ConflictError, ForbiddenError, InterventionNotFoundError, InvalidCommandError } from './errors';
import type { InterventionProposed, LessonEndorsed, LessonShared } from './events';
import { interventionDecider, type InterventionState } from './intervention';
import { LessonNotFoundError, MAX_LESSON_BODY, lessonDecider } from './lesson';
import type { Actor, Sharing } from './shared';
import { DeciderSpecification } from './testing/decider-spec';
import { actors, commandMetadata } from './testing/fixtures';

const spec = DeciderSpecification.for(lessonDecider);
const NOW = '2025-09-01T10:00:00.000Z';
const LESSON = 'lesson-1';
const INTERVENTION = 'int-1';
const author: Actor = { id: 'asha', role: 'TRUST_EDITOR', trustCode: 'RJ1', name: 'Asha Patel' };
const reader: Actor = { id: 'sam', role: 'TRUST_EDITOR', trustCode: 'RXH', name: 'Sam Jones' };

const proposed = (sharing: Sharing = 'PUBLIC', trustCode = 'RJ1'): InterventionProposed => ({
  type: 'InterventionProposed',
  data: {
    interventionId: INTERVENTION,
    trustCode,
    title: 'Discharge to assess',
    summary: 'Assess at home',
    category: 'PATIENT_FLOW',
    approach: 'SYSTEMIC',
    targets: [{ metric: 'nel-los', direction: 'DECREASE' }],
    sharing,
    proposedAt: '2025-01-01T09:00:00.000Z',
  },
});
const interventionState = (sharing: Sharing = 'PUBLIC', trustCode = 'RJ1'): InterventionState =>
  interventionDecider.evolve(interventionDecider.initialState(), proposed(sharing, trustCode));

const share = (data: Partial<ShareLesson['data']> = {}, actor: Actor = author, intervention: InterventionState | null = interventionState()): ShareLesson => ({
  type: 'ShareLesson',
  data: {
    lessonId: LESSON,
    interventionId: INTERVENTION,
    title: 'Start with the wards that want it',
    body: 'We faded when we pushed it everywhere at once.',
    sharing: 'PUBLIC',
    ...data,
  },
  metadata: commandMetadata(actor, NOW),
  ...(intervention ? { context: { intervention } } : {}),
});
const endorse = (actor: Actor, intervention: InterventionState | null = interventionState()): EndorseLesson => ({
  type: 'EndorseLesson',
  data: { lessonId: LESSON },
  metadata: commandMetadata(actor, NOW),
  ...(intervention ? { context: { intervention } } : {}),
});
const person = (a: Actor) => ({ id: a.id, name: a.name as string, role: a.role, trustCode: a.trustCode as string });
const shared = (sharing: Sharing = 'PUBLIC'): LessonShared => ({
  type: 'LessonShared',
  data: {
    lessonId: LESSON,
    interventionId: INTERVENTION,
    trustCode: 'RJ1',
    title: 'Start with the wards that want it',
    body: 'We faded when we pushed it everywhere at once.',
    sharing,
    author: person(author),
    sharedAt: NOW,
  },
});
const endorsed = (by: Actor): LessonEndorsed => ({ type: 'LessonEndorsed', data: { lessonId: LESSON, endorser: person(by), endorsedAt: NOW } });

describe('ShareLesson', () => {
  it('shares a lesson on an intervention of the author’s trust, the author named from the credential', () => {
    spec.given([]).when(share()).then([shared()]);
  });

  it('shares a lesson about the trust’s work in general (no intervention)', () => {
    const { interventionId: _i, ...data } = shared().data;
    spec
      .given([])
      .when(share({ interventionId: undefined }, author, null))
      .then([{ type: 'LessonShared', data }]);
  });

  it('refuses an intervention the author may not see, exactly like a missing one', () => {
    spec
      .given([])
      .when(share({}, reader, interventionState('PRIVATE')))
      .thenThrows(InterventionNotFoundError);
    spec
      .given([])
      .when(share({}, author, null))
      .thenThrows(InterventionNotFoundError);
  });

  it('refuses a lesson on another trust’s intervention', () => {
    spec
      .given([])
      .when(share({}, reader))
      .thenThrows(ForbiddenError, (e) => e.code === 'OTHER_TRUST');
  });

  it('refuses policymakers and the community', () => {
    spec.given([]).when(share({}, actors.policymaker)).thenThrows(ForbiddenError);
    spec.given([]).when(share({}, actors.community)).thenThrows(ForbiddenError);
  });

  it('an admin shares a lesson only on an intervention', () => {
    spec
      .given([])
      .when(share({ interventionId: undefined }, actors.admin, null))
      .thenThrows(InvalidCommandError, (e) => e.fields.some((f) => f.path === 'interventionId'));
  });

  it('limits the title and body, in plain words', () => {
    const error = spec
      .given([])
      .when(share({ title: 'x'.repeat(201), body: 'y'.repeat(MAX_LESSON_BODY + 1) }))
      .thenThrows(InvalidCommandError);
    expect(error.message).toBe('The lesson is invalid: title: must be at most 200 characters (it is 201); body: must be at most 5000 characters (it is 5001)');
  });

  it('refuses an empty body and control characters', () => {
    spec
      .given([])
      .when(share({ body: '   ' }))
      .thenThrows(InvalidCommandError, (e) => e.fields[0]?.message === 'is required');
    spec
      .given([])
      .when(share({ body: 'bell\u0007' }))
      .thenThrows(InvalidCommandError, (e) => /plain text/.test(e.message));
  });

  it('refuses a second lesson with the same id', () => {
    spec
      .given([shared()])
      .when(share())
      .thenThrows(ConflictError, (e) => e.code === 'LESSON_ALREADY_EXISTS');
  });
});

describe('EndorseLesson', () => {
  it('records an endorsement by someone who may see the lesson, the community included', () => {
    spec
      .given([shared()])
      .when(endorse(reader))
      .then([endorsed(reader)]);
    const community: Actor = { id: 'c-1', role: 'COMMUNITY', name: 'Pat' };
    spec
      .given([shared()])
      .when(endorse(community))
      .then([{ type: 'LessonEndorsed', data: { lessonId: LESSON, endorser: { id: 'c-1', name: 'Pat', role: 'COMMUNITY' }, endorsedAt: NOW } }]);
  });

  it('a second endorsement by the same person is an idempotent no-op', () => {
    spec
      .given([shared(), endorsed(reader)])
      .when(endorse(reader))
      .thenNothingHappens();
  });

  it('the author cannot endorse their own lesson', () => {
    spec
      .given([shared()])
      .when(endorse(author))
      .thenThrows(ConflictError, (e) => e.code === 'OWN_LESSON');
  });

  it('a lesson the endorser may not see answers like a missing one (its own sharing, or its intervention’s)', () => {
    const community: Actor = { id: 'c-1', role: 'COMMUNITY' };
    spec
      .given([shared('TRUSTS')])
      .when(endorse(community))
      .thenThrows(LessonNotFoundError);
    spec
      .given([shared()])
      .when(endorse(community, interventionState('TRUSTS')))
      .thenThrows(LessonNotFoundError);
    spec.given([]).when(endorse(reader)).thenThrows(LessonNotFoundError);
  });
});
