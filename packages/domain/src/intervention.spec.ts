import type { AbandonIntervention, ChangeSharing, CompleteIntervention, LogPdsaCycle, ProposeIntervention, StartIntervention } from './commands';
import {
  ForbiddenError,
  IllegalInterventionTransitionError,
  InterventionAlreadyExistsError,
  InterventionNotFoundError,
  InvalidCommandError,
  type DomainError,
} from './errors';
import type { InterventionAbandoned, InterventionCompleted, InterventionEvent, InterventionProposed, InterventionStarted, PdsaCycleLogged } from './events';
import { interventionDecider } from './intervention';
import type { Actor, PdsaCycle, Target } from './shared';
import { DeciderSpecification } from './testing/decider-spec';
import { actors, commandMetadata } from './testing/fixtures';

const spec = DeciderSpecification.for(interventionDecider);
const NOW = '2025-06-15T09:30:00.000Z';
const ID = '4f6b2a1e-8c3d-4e5f-9a0b-1c2d3e4f5a6b';
const owner = actors.editorOf('RJ1');

const proposeData: ProposeIntervention['data'] = {
  interventionId: ID,
  trustCode: 'RJ1',
  title: 'Same-day emergency care for frailty',
  summary: 'Frailty team at the front door to avoid admissions.',
  category: 'PATIENT_FLOW',
  rootCause: 'Frail patients admitted for lack of assessment capacity',
  approach: 'SYSTEMIC',
  targets: [
    { metric: 'ae-4hr', direction: 'INCREASE', role: 'OUTCOME' },
    { metric: 'nel-los', direction: 'DECREASE', role: 'BALANCING' },
  ],
  sharing: 'TRUSTS',
};

const command = {
  propose: (data: Partial<ProposeIntervention['data']> = {}, actor: Actor = owner): ProposeIntervention => ({
    type: 'ProposeIntervention',
    data: { ...proposeData, ...data },
    metadata: commandMetadata(actor, NOW),
  }),
  start: (startedOn = '2025-02-01', actor: Actor = owner): StartIntervention => ({
    type: 'StartIntervention',
    data: { interventionId: ID, startedOn },
    metadata: commandMetadata(actor, NOW),
  }),
  log: (cycle: Partial<PdsaCycle> = {}, actor: Actor = owner): LogPdsaCycle => ({
    type: 'LogPdsaCycle',
    data: { interventionId: ID, cycle: { ...pdsa, ...cycle } },
    metadata: commandMetadata(actor, NOW),
  }),
  complete: (data: Partial<CompleteIntervention['data']> = {}, actor: Actor = owner): CompleteIntervention => ({
    type: 'CompleteIntervention',
    data: { interventionId: ID, completedOn: '2025-05-31', ...data },
    metadata: commandMetadata(actor, NOW),
  }),
  abandon: (data: Partial<AbandonIntervention['data']> = {}, actor: Actor = owner): AbandonIntervention => ({
    type: 'AbandonIntervention',
    data: { interventionId: ID, abandonedOn: '2025-03-10', reason: 'Frailty consultant left', ...data },
    metadata: commandMetadata(actor, NOW),
  }),
  share: (sharing: ChangeSharing['data']['sharing'], actor: Actor = owner): ChangeSharing => ({
    type: 'ChangeSharing',
    data: { interventionId: ID, sharing },
    metadata: commandMetadata(actor, NOW),
  }),
};

const pdsa: PdsaCycle = {
  plan: 'Frailty nurse in majors 10:00-18:00',
  do: 'Ran for two weeks',
  study: 'Admissions of over-75s fell 12%',
  act: 'Extend to weekends',
  cycleDate: '2025-02-14',
};

const proposed: InterventionProposed = { type: 'InterventionProposed', data: { ...proposeData, proposedAt: NOW } };
const started: InterventionStarted = { type: 'InterventionStarted', data: { interventionId: ID, startedOn: '2025-02-01' } };
const cycle1: PdsaCycleLogged = {
  type: 'PdsaCycleLogged',
  data: { interventionId: ID, cycleNumber: 1, cycle: pdsa, loggedAt: NOW },
};
const completed: InterventionCompleted = {
  type: 'InterventionCompleted',
  data: { interventionId: ID, completedOn: '2025-05-31' },
};
const abandoned: InterventionAbandoned = {
  type: 'InterventionAbandoned',
  data: { interventionId: ID, abandonedOn: '2025-03-10', reason: 'Frailty consultant left' },
};

describe('ProposeIntervention', () => {
  it('proposes an intervention stamped with the command time', () => {
    spec.given([]).when(command.propose()).then([proposed]);
  });

  it('trims text and leaves an absent or blank root cause out', () => {
    const { rootCause: _omitted, ...withoutRootCause } = proposed.data;
    spec
      .given([])
      .when(command.propose({ title: `  ${proposeData.title} `, rootCause: '   ' }))
      .then([{ type: 'InterventionProposed', data: withoutRootCause }]);
  });

  it('rejects an id that already exists, whatever its status', () => {
    spec
      .given([proposed])
      .when(command.propose())
      .thenThrows(InterventionAlreadyExistsError, (e) => e.kind === 'CONFLICT');
    spec.given([proposed, started, completed]).when(command.propose()).thenThrows(InterventionAlreadyExistsError);
  });

  it('lists every invalid field at once', () => {
    const error = spec
      .given([])
      .when(
        command.propose({
          interventionId: '',
          trustCode: 'rj1',
          title: '',
          summary: 's'.repeat(5001),
          category: 'FINANCE' as never,
          approach: undefined as never,
          targets: [],
          sharing: 'EVERYONE' as never,
        }),
      )
      .thenThrows(InvalidCommandError);
    expect(error.fields.map((f) => f.path)).toEqual(['interventionId', 'trustCode', 'title', 'summary', 'category', 'approach', 'targets', 'sharing']);
    expect(error.fields.find((f) => f.path === 'targets')?.message).toBe('must have at least one entry');
  });

  it('rejects unknown metrics, bad directions and duplicate target metrics', () => {
    const targets = [
      { metric: 'ae-4hr', direction: 'INCREASE' },
      { metric: 'ae-6hr', direction: 'INCREASE' },
      { metric: 'ae-4hr', direction: 'DECREASE' },
      { metric: 'nel-los', direction: 'DOWN' },
    ] as Target[];
    const error = spec.given([]).when(command.propose({ targets })).thenThrows(InvalidCommandError);
    expect(error.fields).toEqual([
      { path: 'targets.1.metric', message: 'is not a metric in the catalogue or a local measure of trust RJ1: ae-6hr' },
      { path: 'targets.2.metric', message: 'ae-4hr is already a target (targets.0)' },
      { path: 'targets.3.direction', message: 'must be one of INCREASE, DECREASE' },
    ]);
  });

  it('forbids a trust editor from proposing for another trust', () => {
    spec
      .given([])
      .when(command.propose({}, actors.editorOf('RR8')))
      .thenThrows(ForbiddenError, (e) => e.code === 'OTHER_TRUST');
  });

  it('forbids a trust editor with no trust', () => {
    spec
      .given([])
      .when(command.propose({}, { id: 'x', role: 'TRUST_EDITOR' }))
      .thenThrows(ForbiddenError);
  });

  it.each([actors.policymaker, actors.community])('forbids a $role user', (actor) => {
    spec
      .given([])
      .when(command.propose({}, actor))
      .thenThrows(ForbiddenError, (e) => e.code === 'ROLE_NOT_ALLOWED');
  });

  it('lets an admin propose for any trust', () => {
    spec.given([]).when(command.propose({}, actors.admin)).then([proposed]);
  });
});

describe('StartIntervention', () => {
  it('starts a proposed intervention', () => {
    spec.given([proposed]).when(command.start()).then([started]);
  });

  it('rejects an unknown intervention as not found', () => {
    spec
      .given([])
      .when(command.start())
      .thenThrows(InterventionNotFoundError, (e) => e.interventionId === ID);
  });

  it.each([
    ['ACTIVE', [proposed, started]],
    ['COMPLETED', [proposed, started, completed]],
    ['ABANDONED', [proposed, abandoned]],
  ] as const)('rejects starting a %s intervention, naming its status', (status, history) => {
    spec
      .given([...history])
      .when(command.start())
      .thenThrows(
        IllegalInterventionTransitionError,
        (e) => e.kind === 'CONFLICT' && e.currentStatus === status && e.message.includes(`is ${status.toLowerCase()}`),
      );
  });

  it('rejects an impossible start date', () => {
    spec
      .given([proposed])
      .when(command.start('2025-13-01'))
      .thenThrows(InvalidCommandError, (e) => e.fields[0]?.path === 'startedOn');
  });

  it('reports invalid data before looking the intervention up', () => {
    spec.given([]).when(command.start('')).thenThrows(InvalidCommandError);
  });

  it("forbids an editor of another trust, judged by the intervention's owning trust", () => {
    spec
      .given([proposed])
      .when(command.start('2025-02-01', actors.editorOf('RR8')))
      .thenThrows(ForbiddenError);
  });

  it('forbids a community user', () => {
    spec.given([proposed]).when(command.start('2025-02-01', actors.community)).thenThrows(ForbiddenError);
  });

  it('lets the system start it', () => {
    spec.given([proposed]).when(command.start('2025-02-01', actors.system)).then([started]);
  });
});

describe('LogPdsaCycle', () => {
  it('numbers the first cycle 1', () => {
    spec.given([proposed, started]).when(command.log()).then([cycle1]);
  });

  it('numbers each later cycle one more than the previous', () => {
    const cycle2: PdsaCycleLogged = { ...cycle1, data: { ...cycle1.data, cycleNumber: 2 } };
    spec
      .given([proposed, started, cycle1, cycle2])
      .when(command.log())
      .then([{ ...cycle1, data: { ...cycle1.data, cycleNumber: 3 } }]);
  });

  it.each([
    ['PROPOSED', [proposed]],
    ['COMPLETED', [proposed, started, completed]],
    ['ABANDONED', [proposed, started, abandoned]],
  ] as const)('rejects a cycle on a %s intervention', (status, history) => {
    spec
      .given([...history])
      .when(command.log())
      .thenThrows(IllegalInterventionTransitionError, (e) => e.currentStatus === status);
  });

  it('rejects an unknown intervention', () => {
    spec.given([]).when(command.log()).thenThrows(InterventionNotFoundError);
  });

  it('requires every part of the cycle and a real date', () => {
    const error = spec
      .given([proposed, started])
      .when(command.log({ plan: '', do: ' ', study: undefined as never, act: 'ok', cycleDate: '14/02/2025' }))
      .thenThrows(InvalidCommandError);
    expect(error.fields.map((f) => f.path)).toEqual(['cycle.plan', 'cycle.do', 'cycle.study', 'cycle.cycleDate']);
  });

  it('rejects a cycle dated before the intervention started', () => {
    spec
      .given([proposed, started])
      .when(command.log({ cycleDate: '2025-01-31' }))
      .thenThrows(InvalidCommandError, (e) => e.fields[0]?.path === 'cycle.cycleDate');
  });

  it('forbids an editor of another trust', () => {
    spec
      .given([proposed, started])
      .when(command.log({}, actors.editorOf('RR8')))
      .thenThrows(ForbiddenError);
  });
});

describe('CompleteIntervention', () => {
  it('completes an active intervention, with an optional summary', () => {
    spec.given([proposed, started, cycle1]).when(command.complete()).then([completed]);
    spec
      .given([proposed, started])
      .when(command.complete({ summary: ' Embedded as business as usual ' }))
      .then([{ ...completed, data: { ...completed.data, summary: 'Embedded as business as usual' } }]);
  });

  it.each([
    ['PROPOSED', [proposed]],
    ['COMPLETED', [proposed, started, completed]],
    ['ABANDONED', [proposed, abandoned]],
  ] as const)('rejects completing a %s intervention', (status, history) => {
    spec
      .given([...history])
      .when(command.complete())
      .thenThrows(IllegalInterventionTransitionError, (e) => e.currentStatus === status && e.code === 'ILLEGAL_STATUS_TRANSITION');
  });

  it('rejects a completion date before the start date', () => {
    spec
      .given([proposed, started])
      .when(command.complete({ completedOn: '2025-01-31' }))
      .thenThrows(InvalidCommandError, (e) => e.fields[0]?.path === 'completedOn' && e.fields[0].message.includes('2025-02-01'));
  });

  it('accepts completion on the start date', () => {
    spec
      .given([proposed, started])
      .when(command.complete({ completedOn: '2025-02-01' }))
      .then([{ ...completed, data: { interventionId: ID, completedOn: '2025-02-01' } }]);
  });

  it('rejects an unknown intervention', () => {
    spec.given([]).when(command.complete()).thenThrows(InterventionNotFoundError);
  });

  it('forbids an editor of another trust', () => {
    spec
      .given([proposed, started])
      .when(command.complete({}, actors.editorOf('RR8')))
      .thenThrows(ForbiddenError);
  });
});

describe('AbandonIntervention', () => {
  it('abandons a proposed intervention', () => {
    spec.given([proposed]).when(command.abandon()).then([abandoned]);
  });

  it('abandons an active intervention', () => {
    spec.given([proposed, started, cycle1]).when(command.abandon()).then([abandoned]);
  });

  it.each([
    ['COMPLETED', [proposed, started, completed]],
    ['ABANDONED', [proposed, abandoned]],
  ] as const)('rejects abandoning a %s intervention', (status, history) => {
    spec
      .given([...history])
      .when(command.abandon())
      .thenThrows(IllegalInterventionTransitionError, (e) => e.currentStatus === status);
  });

  it('requires a non-blank reason', () => {
    spec
      .given([proposed])
      .when(command.abandon({ reason: '   ' }))
      .thenThrows(InvalidCommandError, (e) => e.fields.length === 1 && e.fields[0]?.path === 'reason');
  });

  it('rejects an abandonment dated before an active intervention started', () => {
    spec
      .given([proposed, started])
      .when(command.abandon({ abandonedOn: '2025-01-15' }))
      .thenThrows(InvalidCommandError, (e) => e.fields[0]?.path === 'abandonedOn');
  });

  it('rejects an unknown intervention', () => {
    spec.given([]).when(command.abandon()).thenThrows(InterventionNotFoundError);
  });

  it('forbids a policymaker', () => {
    spec.given([proposed]).when(command.abandon({}, actors.policymaker)).thenThrows(ForbiddenError);
  });
});

describe('ChangeSharing', () => {
  it('changes the sharing level, recording both levels', () => {
    spec
      .given([proposed])
      .when(command.share('PUBLIC'))
      .then([{ type: 'InterventionSharingChanged', data: { interventionId: ID, from: 'TRUSTS', to: 'PUBLIC' } }]);
  });

  it('does nothing when the level is unchanged', () => {
    spec.given([proposed]).when(command.share('TRUSTS')).thenNothingHappens();
    spec
      .given([proposed, { type: 'InterventionSharingChanged', data: { interventionId: ID, from: 'TRUSTS', to: 'PRIVATE' } }])
      .when(command.share('PRIVATE'))
      .thenNothingHappens();
  });

  it('allows sharing the learning of a completed or abandoned intervention', () => {
    const toPublic = { type: 'InterventionSharingChanged', data: { interventionId: ID, from: 'TRUSTS', to: 'PUBLIC' } } as const;
    spec.given([proposed, started, completed]).when(command.share('PUBLIC')).then([toPublic]);
    spec.given([proposed, abandoned]).when(command.share('PUBLIC')).then([toPublic]);
  });

  it('rejects an unknown level', () => {
    spec
      .given([proposed])
      .when(command.share('WORLD' as never))
      .thenThrows(InvalidCommandError, (e) => e.fields[0]?.path === 'sharing');
  });

  it('rejects an unknown intervention', () => {
    spec.given([]).when(command.share('PUBLIC')).thenThrows(InterventionNotFoundError);
  });

  it('forbids an editor of another trust', () => {
    spec
      .given([proposed])
      .when(command.share('PUBLIC', actors.editorOf('RR8')))
      .thenThrows(ForbiddenError);
  });
});

describe('an intervention the actor may not see', () => {
  const privateProposal: InterventionProposed = { type: 'InterventionProposed', data: { ...proposed.data, sharing: 'PRIVATE' } };
  const publicProposal: InterventionProposed = { type: 'InterventionProposed', data: { ...proposed.data, sharing: 'PUBLIC' } };
  const lifecycle = [
    ['StartIntervention', (actor: Actor) => command.start('2025-02-01', actor), [] as const],
    ['LogPdsaCycle', (actor: Actor) => command.log({}, actor), [started] as const],
    ['CompleteIntervention', (actor: Actor) => command.complete({}, actor), [started] as const],
    ['AbandonIntervention', (actor: Actor) => command.abandon({}, actor), [] as const],
    ['ChangeSharing', (actor: Actor) => command.share('TRUSTS', actor), [] as const],
  ] as const;
  const { editorOf } = actors;
  const noTrust: Actor = { id: 'editor-none', role: 'TRUST_EDITOR' };

  /** What the decider throws, as a client sees it: kind, code and message. */
  function answer(history: readonly InterventionEvent[], when: Parameters<typeof interventionDecider.decide>[0]) {
    const state = history.reduce(interventionDecider.evolve, interventionDecider.initialState());
    try {
      interventionDecider.decide(when, state);
    } catch (error) {
      const e = error as DomainError;
      return { kind: e.kind, code: e.code, message: e.message };
    }
    throw new Error(`${when.type} was accepted`);
  }

  describe.each(lifecycle)('%s', (_type, when, later) => {
    it.each([
      ['an editor of another trust', editorOf('RR8')],
      ['an editor with no trust', noTrust],
    ])("of another trust's PRIVATE intervention, by %s, is NOT_FOUND exactly like a missing one", (_who, actor) => {
      const missing = answer([], when(actor));
      expect(missing).toMatchObject({ kind: 'NOT_FOUND', code: 'INTERVENTION_NOT_FOUND' });
      expect(answer([privateProposal, ...later], when(actor))).toEqual(missing);
    });

    it.each([
      ['a community user', actors.community],
      ['a policymaker', actors.policymaker],
    ])('by %s is refused for the role, whether the intervention exists or not', (_who, actor) => {
      const missing = answer([], when(actor));
      expect(missing).toMatchObject({ kind: 'FORBIDDEN', code: 'ROLE_NOT_ALLOWED' });
      expect(answer([privateProposal, ...later], when(actor))).toEqual(missing);
    });

    it("of another trust's intervention it may see is FORBIDDEN (naming the trust), not hidden", () => {
      expect(answer([publicProposal, ...later], when(editorOf('RR8')))).toMatchObject({ kind: 'FORBIDDEN', code: 'OTHER_TRUST' });
      expect(answer([proposed, ...later], when(editorOf('RR8')))).toMatchObject({ kind: 'FORBIDDEN', code: 'OTHER_TRUST' });
    });

    it('is still the business of its own trust and of admins', () => {
      for (const actor of [owner, actors.admin, actors.system]) {
        const state = [privateProposal, ...later].reduce(interventionDecider.evolve, interventionDecider.initialState());
        expect(interventionDecider.decide(when(actor), state).length).toBeGreaterThan(0);
      }
    });
  });
});
