import type { AssessSustainability } from './commands';
import { ForbiddenError, InterventionNotFoundError, InvalidCommandError } from './errors';
import type { InterventionEvent, SustainabilityAssessed } from './events';
import type { Actor, Sharing } from './shared';
import { AssessmentAlreadyRecordedError, assessedInterventionDecider, sustainabilityDecider, type AssessedInterventionState } from './sustainability';
import { SUSTAINABILITY_FACTORS, scoreSustainability, factorPoints } from './sustainability-model';
import { DeciderSpecification } from './testing/decider-spec';
import { actors, commandMetadata } from './testing/fixtures';

const spec = DeciderSpecification.for(sustainabilityDecider);
const NOW = '2026-03-01T10:00:00.000Z';
const INTERVENTION = 'int-1';
const editor: Actor = { id: 'asha', role: 'TRUST_EDITOR', trustCode: 'RJ1', name: 'Asha Patel' };

const interventionHistory = (sharing: Sharing = 'PUBLIC', startedOn?: string): InterventionEvent[] => [
  {
    type: 'InterventionProposed',
    data: {
      interventionId: INTERVENTION,
      trustCode: 'RJ1',
      title: 'Discharge to assess',
      summary: 'Assess at home',
      category: 'PATIENT_FLOW',
      approach: 'SYSTEMIC',
      targets: [{ metric: 'nel-los', direction: 'DECREASE' }],
      sharing,
      proposedAt: '2025-06-01T09:00:00.000Z',
    },
  },
  ...(startedOn ? [{ type: 'InterventionStarted' as const, data: { interventionId: INTERVENTION, startedOn } }] : []),
];
const context = (sharing: Sharing = 'PUBLIC', startedOn?: string): AssessedInterventionState =>
  interventionHistory(sharing, startedOn).reduce(assessedInterventionDecider.evolve, assessedInterventionDecider.initialState());

const allAt = (level: number) => SUSTAINABILITY_FACTORS.map((factor) => ({ factor, level }));

const assess = (
  data: Partial<Record<keyof AssessSustainability['data'], unknown>> = {},
  actor: Actor = editor,
  intervention: AssessedInterventionState | null = context(),
): AssessSustainability =>
  ({
    type: 'AssessSustainability',
    data: { interventionId: INTERVENTION, assessedOn: '2026-02-15', scores: allAt(3), note: 'Board review', ...data },
    metadata: commandMetadata(actor, NOW),
    ...(intervention ? { context: { intervention } } : {}),
  }) as AssessSustainability;

const assessed = (assessedOn = '2026-02-15', level = 3): SustainabilityAssessed => ({
  type: 'SustainabilityAssessed',
  data: {
    interventionId: INTERVENTION,
    trustCode: 'RJ1',
    assessedOn,
    scale: 'LONGVIEW_LINEAR_V1',
    scores: allAt(level),
    note: 'Board review',
    assessedBy: { id: 'asha', name: 'Asha Patel', role: 'TRUST_EDITOR', trustCode: 'RJ1' },
    assessedAt: NOW,
  },
});

const fieldsOf = (error: InvalidCommandError) => error.fields.map((f) => f.path);

describe('AssessSustainability', () => {
  it('records an assessment by an editor of the intervention’s trust, the factors in the Model’s order', () => {
    const shuffled = [...allAt(3)].reverse();
    spec
      .given([])
      .when(assess({ scores: shuffled }))
      .then([assessed()]);
  });

  it('keeps every assessment over time: a second one on another date is recorded too', () => {
    spec
      .given([assessed('2025-09-01', 2)])
      .when(assess())
      .then([assessed()]);
  });

  it('refuses a second assessment on the same date (a conflict, not a silent overwrite)', () => {
    spec.given([assessed()]).when(assess()).thenThrows(AssessmentAlreadyRecordedError);
  });

  it('an admin may assess any trust’s intervention', () => {
    const events = sustainabilityDecider.decide(assess({}, { ...actors.admin, name: 'Alex Admin' }), sustainabilityDecider.initialState());
    expect(events).toHaveLength(1);
  });

  it('refuses an editor of another trust', () => {
    spec
      .given([])
      .when(assess({}, actors.editorOf('RXH')))
      .thenThrows(ForbiddenError, (e) => e.code === 'OTHER_TRUST');
  });

  it.each([actors.community, actors.policymaker])('refuses a %s user', (actor) => {
    spec
      .given([])
      .when(assess({}, actor))
      .thenThrows(ForbiddenError, (e) => e.code === 'ROLE_NOT_ALLOWED');
  });

  it('answers a missing intervention and one hidden from the actor alike', () => {
    spec
      .given([])
      .when(assess({}, editor, null))
      .thenThrows(InterventionNotFoundError);
    spec
      .given([])
      .when(assess({}, actors.editorOf('RXH'), context('PRIVATE')))
      .thenThrows(InterventionNotFoundError);
  });

  it('needs every one of the ten factors exactly once', () => {
    const missing = spec
      .given([])
      .when(assess({ scores: allAt(3).slice(1) }))
      .thenThrows(InvalidCommandError);
    expect(missing.message).toContain('missing: Benefits beyond helping patients');
    const twice = spec
      .given([])
      .when(assess({ scores: [...allAt(3).slice(1), { factor: 'ADAPTABILITY', level: 2 }] }))
      .thenThrows(InvalidCommandError);
    expect(twice.message).toContain('Adaptability of the improved process is scored more than once');
    expect(
      fieldsOf(
        spec
          .given([])
          .when(assess({ scores: 'all good' }))
          .thenThrows(InvalidCommandError),
      ),
    ).toEqual(['scores']);
  });

  it('needs whole levels from 1 to 4 and known factors', () => {
    const scores = allAt(3).map((s, i) => (i === 0 ? { ...s, level: 5 } : i === 1 ? { ...s, level: 2.5 } : i === 2 ? { factor: 'LUCK', level: 3 } : s));
    const error = spec.given([]).when(assess({ scores })).thenThrows(InvalidCommandError);
    expect(fieldsOf(error)).toEqual(['scores.0.level', 'scores.1.level', 'scores.2.factor']);
    expect(error.message).toContain('must be between 1 and 4 (1 is the weakest level, 4 the strongest)');
  });

  it('needs a real date, not in the future and not before the intervention began', () => {
    expect(
      fieldsOf(
        spec
          .given([])
          .when(assess({ assessedOn: '2026-02-30' }))
          .thenThrows(InvalidCommandError),
      ),
    ).toEqual(['assessedOn']);
    const future = spec
      .given([])
      .when(assess({ assessedOn: '2026-03-02' }))
      .thenThrows(InvalidCommandError);
    expect(future.message).toContain('cannot be in the future (today is 2026-03-01)');
    const early = spec
      .given([])
      .when(assess({ assessedOn: '2025-05-31' }))
      .thenThrows(InvalidCommandError);
    expect(early.message).toContain('cannot be before the intervention began (2025-06-01)');
  });

  it('dates an intervention recorded after it started by its start', () => {
    spec
      .given([])
      .when(assess({ assessedOn: '2025-03-01' }, editor, context('PUBLIC', '2025-01-10')))
      .then([assessed('2025-03-01')]);
    spec
      .given([])
      .when(assess({ assessedOn: '2025-01-09' }, editor, context('PUBLIC', '2025-01-10')))
      .thenThrows(InvalidCommandError);
  });

  it('bounds the note and drops a blank one', () => {
    const long = spec
      .given([])
      .when(assess({ note: 'x'.repeat(2001) }))
      .thenThrows(InvalidCommandError);
    expect(long.message).toContain('note: must be at most 2000 characters');
    const { note: _note, ...withoutNote } = assessed().data;
    spec
      .given([])
      .when(assess({ note: '   ' }))
      .then([{ type: 'SustainabilityAssessed', data: withoutNote }]);
  });

  it('never names the command in its messages', () => {
    const error = spec
      .given([])
      .when(assess({ scores: [] }))
      .thenThrows(InvalidCommandError);
    expect(error.message).not.toContain('AssessSustainability');
    expect(error.message.startsWith('The sustainability assessment is invalid')).toBe(true);
  });
});

describe('Longview’s linear scoring scale (not the Model’s weighted table)', () => {
  it('scores level L of a factor (L - 1) / 3 x 10, so ten factors total 0 to 100', () => {
    expect([1, 2, 3, 4].map(factorPoints)).toEqual([0, 10 / 3, 20 / 3, 10]);
    expect(scoreSustainability(allAt(1)).total).toBe(0);
    expect(scoreSustainability(allAt(4)).total).toBe(100);
    expect(scoreSustainability(allAt(3)).total).toBe(66.7);
  });

  it('gives each group its score out of its share (process 40, staff 40, organisation 20), rounded from unrounded points', () => {
    const levels = SUSTAINABILITY_FACTORS.map((factor, i) => ({ factor, level: i < 4 ? 4 : i < 8 ? 2 : 3 }));
    const score = scoreSustainability(levels);
    expect(score.groups).toEqual([
      { group: 'PROCESS', score: 40, max: 40 },
      { group: 'STAFF', score: 13.3, max: 40 },
      { group: 'ORGANISATION', score: 13.3, max: 20 },
    ]);
    expect(score.total).toBe(66.7);
    expect(score.scores[4]).toEqual({ factor: 'STAFF_INVOLVEMENT_AND_TRAINING', level: 2, group: 'STAFF', score: 3.3 });
  });
});
