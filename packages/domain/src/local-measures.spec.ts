import type { AdoptIntervention, DefineLocalMeasure, ProposeIntervention, RecordObservations } from './commands';
import { ForbiddenError, InvalidCommandError, LocalMeasureAlreadyDefinedError, TrustNotFoundError } from './errors';
import type { InterventionProposed, LocalMeasureDefined, TrustEvent, TrustRegistered } from './events';
import { interventionDecider, type InterventionState } from './intervention';
import { localMeasureCode, metricForTrust } from './metrics';
import { metricSeriesDecider } from './metric-series';
import type { Actor } from './shared';
import { DeciderSpecification } from './testing/decider-spec';
import { actors, commandMetadata } from './testing/fixtures';
import { trustDecider, type TrustState } from './trust';

const NOW = '2025-06-15T09:30:00.000Z';
const trustSpec = DeciderSpecification.for(trustDecider);
const interventionSpec = DeciderSpecification.for(interventionDecider);
const seriesSpec = DeciderSpecification.for(metricSeriesDecider);
const editor = actors.editorOf('RJ1');

const registered: TrustRegistered = {
  type: 'TrustRegistered',
  data: { code: 'RJ1', name: "Guy's and St Thomas'", context: { kind: 'ACUTE', region: 'LONDON' }, effectiveFrom: '2024-04-01', registeredAt: NOW },
};
const falls: LocalMeasureDefined = {
  type: 'LocalMeasureDefined',
  data: { trustCode: 'RJ1', code: 'local-rj1-falls-with-harm', name: 'Falls with harm', unit: 'per 1,000 bed days', direction: 'DECREASE', definedAt: NOW },
};

function define(data: Partial<DefineLocalMeasure['data']> = {}, actor: Actor = editor): DefineLocalMeasure {
  return {
    type: 'DefineLocalMeasure',
    data: { trustCode: 'RJ1', name: 'Falls with harm', unit: 'per 1,000 bed days', direction: 'DECREASE', ...data },
    metadata: commandMetadata(actor, NOW),
  };
}

function trustState(...events: TrustEvent[]): TrustState {
  return events.reduce(trustDecider.evolve, trustDecider.initialState());
}

describe('DefineLocalMeasure', () => {
  it('defines a measure with a code generated from the trust and the name', () => {
    trustSpec.given([registered]).when(define()).then([falls]);
  });

  it('gives a second measure whose name makes the same slug a numbered code', () => {
    trustSpec
      .given([registered, falls])
      .when(define({ name: 'Falls, with harm!', unit: 'count', direction: 'DECREASE' }))
      .then([
        {
          type: 'LocalMeasureDefined',
          data: { trustCode: 'RJ1', code: 'local-rj1-falls-with-harm-2', name: 'Falls, with harm!', unit: 'count', direction: 'DECREASE', definedAt: NOW },
        },
      ]);
  });

  it('refuses the same name twice (any case) as a conflict naming the existing code', () => {
    const error = trustSpec
      .given([registered, falls])
      .when(define({ name: 'FALLS WITH HARM' }))
      .thenThrows(LocalMeasureAlreadyDefinedError);
    expect(error.message).toBe(
      'Trust RJ1 already has a local measure named "Falls with harm" (code local-rj1-falls-with-harm); use it, or choose another name.',
    );
  });

  it('lists every missing or bad field in plain words', () => {
    const error = trustSpec
      .given([registered])
      .when(define({ name: ' ', unit: '', direction: 'UP' as never }))
      .thenThrows(InvalidCommandError);
    expect(error.fields).toEqual([
      { path: 'name', message: 'is required' },
      { path: 'unit', message: 'is required' },
      { path: 'direction', message: 'must be one of INCREASE, DECREASE' },
    ]);
    expect(error.message).toMatch(/^Could not define a local measure: /);
  });

  it('lets only editors of the trust (or admins) define its measures', () => {
    trustSpec
      .given([registered])
      .when(define({}, actors.editorOf('RXR')))
      .thenThrows(ForbiddenError);
    trustSpec.given([registered]).when(define({}, actors.policymaker)).thenThrows(ForbiddenError);
    trustSpec.given([registered]).when(define({}, actors.admin)).then([falls]);
  });

  it('needs a registered trust', () => {
    trustSpec.given([]).when(define()).thenThrows(TrustNotFoundError);
  });
});

describe('metricForTrust: the one check of a metric code for a trust', () => {
  const measures = [{ code: 'local-rj1-falls-with-harm', trustCode: 'RJ1', name: 'Falls with harm', unit: 'count', improvement: 'DECREASE' as const }];

  it('accepts catalogue metrics for every trust and a local measure for its own trust only', () => {
    expect(metricForTrust('ae-4hr', 'RXR', [])?.name).toBe('A&E 4-hour performance');
    expect(metricForTrust('local-rj1-falls-with-harm', 'RJ1', measures)).toMatchObject({ name: 'Falls with harm', trustCode: 'RJ1', improvement: 'DECREASE' });
    expect(metricForTrust('local-rj1-falls-with-harm', 'RXR', measures)).toBeUndefined();
    expect(metricForTrust('local-rj1-other', 'RJ1', measures)).toBeUndefined();
  });

  it('makes codes lower-kebab and free of the catalogue', () => {
    expect(localMeasureCode('RJ1', '  Time to antibiotics (sepsis) ', [])).toBe('local-rj1-time-to-antibiotics-sepsis');
    expect(localMeasureCode('RJ1', '!!!', [])).toBe('local-rj1-measure');
  });
});

const ID = '0b7d9c4e-1111-4e5f-9a0b-1c2d3e4f5a6b';
function propose(targets: unknown, trust: TrustState = trustState(registered, falls)): ProposeIntervention {
  return {
    type: 'ProposeIntervention',
    data: {
      interventionId: ID,
      trustCode: 'RJ1',
      title: 'Discharge to assess',
      summary: 'Patients go home for assessment.',
      category: 'PATIENT_FLOW',
      approach: 'QUICK_FIX',
      targets: targets as ProposeIntervention['data']['targets'],
      sharing: 'PUBLIC',
    },
    metadata: commandMetadata(editor, NOW),
    context: { trust },
  };
}

describe('ProposeIntervention with target roles', () => {
  it('records each role; a target without one is an outcome', () => {
    const targets = [
      { metric: 'ae-4hr', direction: 'INCREASE' },
      { metric: 'local-rj1-falls-with-harm', direction: 'DECREASE', role: 'PROCESS' },
      { metric: 'nel-los', direction: 'DECREASE', role: 'BALANCING' },
    ];
    const { context: _context, ...command } = propose(targets);
    interventionSpec
      .given([])
      .when(propose(targets))
      .then([
        {
          type: 'InterventionProposed',
          data: {
            ...command.data,
            targets: [
              { metric: 'ae-4hr', direction: 'INCREASE', role: 'OUTCOME' },
              { metric: 'local-rj1-falls-with-harm', direction: 'DECREASE', role: 'PROCESS' },
              { metric: 'nel-los', direction: 'DECREASE', role: 'BALANCING' },
            ],
            proposedAt: NOW,
          },
        },
      ]);
  });

  it('needs at least one outcome measure', () => {
    const error = interventionSpec
      .given([])
      .when(propose([{ metric: 'nel-los', direction: 'DECREASE', role: 'BALANCING' }]))
      .thenThrows(InvalidCommandError);
    expect(error.fields).toEqual([
      {
        path: 'targets',
        message: 'must include at least one outcome measure: the result the intervention sets out to improve (process and balancing measures go beside it)',
      },
    ]);
  });

  it('rejects an unknown role and another trust’s local measure in plain words', () => {
    const error = interventionSpec
      .given([])
      .when(
        propose([
          { metric: 'ae-4hr', direction: 'INCREASE', role: 'SIDE_EFFECT' },
          { metric: 'local-rxr-falls', direction: 'DECREASE', role: 'BALANCING' },
        ]),
      )
      .thenThrows(InvalidCommandError);
    expect(error.fields).toEqual([
      { path: 'targets.0.role', message: 'must be one of OUTCOME, PROCESS, BALANCING' },
      { path: 'targets.1.metric', message: 'is not a metric in the catalogue or a local measure of trust RJ1: local-rxr-falls' },
    ]);
  });

  it('reads a target stored before roles as an outcome (upcast in the fold, the event untouched)', () => {
    const old: InterventionProposed = {
      type: 'InterventionProposed',
      data: { ...propose([]).data, targets: [{ metric: 'ae-4hr', direction: 'INCREASE' }], proposedAt: NOW },
    };
    const state = interventionDecider.evolve(interventionDecider.initialState(), old);
    expect(state.status === 'PROPOSED' && state.targets).toEqual([{ metric: 'ae-4hr', direction: 'INCREASE', role: 'OUTCOME' }]);
    expect(old.data.targets[0]).toEqual({ metric: 'ae-4hr', direction: 'INCREASE' });
  });
});

describe('AdoptIntervention with roles and local measures', () => {
  const source: InterventionState = interventionDecider.evolve(interventionDecider.initialState(), {
    type: 'InterventionProposed',
    data: {
      ...propose([]).data,
      targets: [
        { metric: 'ae-4hr', direction: 'INCREASE', role: 'OUTCOME' },
        { metric: 'local-rj1-falls-with-harm', direction: 'DECREASE', role: 'BALANCING' },
      ],
      proposedAt: NOW,
    },
  });
  const adopt = (from: InterventionState): AdoptIntervention => ({
    type: 'AdoptIntervention',
    data: { interventionId: 'adoption-1', sourceInterventionId: ID, trustCode: 'RXR', adaptations: 'Smaller team.', sharing: 'TRUSTS' },
    metadata: commandMetadata(actors.editorOf('RXR'), NOW),
    context: { source: from },
  });

  it("copies roles and leaves the source trust's own local measures out", () => {
    interventionSpec
      .given([])
      .when(adopt(source))
      .then([
        {
          type: 'InterventionProposed',
          data: {
            interventionId: 'adoption-1',
            trustCode: 'RXR',
            title: 'Discharge to assess',
            summary: 'Patients go home for assessment.',
            category: 'PATIENT_FLOW',
            approach: 'QUICK_FIX',
            targets: [{ metric: 'ae-4hr', direction: 'INCREASE', role: 'OUTCOME' }],
            sharing: 'TRUSTS',
            proposedAt: NOW,
            adoptedFrom: { interventionId: ID, adaptations: 'Smaller team.' },
          },
        },
      ]);
  });

  it('refuses an adoption whose only outcome is the source trust’s own local measure', () => {
    const localOnly = interventionDecider.evolve(interventionDecider.initialState(), {
      type: 'InterventionProposed',
      data: { ...propose([]).data, targets: [{ metric: 'local-rj1-falls-with-harm', direction: 'DECREASE', role: 'OUTCOME' }], proposedAt: NOW },
    });
    const error = interventionSpec.given([]).when(adopt(localOnly)).thenThrows(InvalidCommandError);
    expect(error.message).toMatch(/^The adoption is invalid: sourceInterventionId: its outcome measures are the other trust's own local measures/);
  });
});

describe('RecordObservations of a local measure', () => {
  const record = (trustCode: string, metric: string, value: number, trust: TrustState): RecordObservations => ({
    type: 'RecordObservations',
    data: { trustCode, metric, observations: [{ period: '2025-01', value }] },
    metadata: commandMetadata(actors.editorOf(trustCode), NOW),
    context: { trust },
  });

  it('records data for the trust’s own local measure like a catalogue metric', () => {
    seriesSpec
      .given([])
      .when(record('RJ1', 'local-rj1-falls-with-harm', 3.2, trustState(registered, falls)))
      .then([
        { type: 'ObservationsRecorded', data: { trustCode: 'RJ1', metric: 'local-rj1-falls-with-harm', observations: [{ period: '2025-01', value: 3.2 }] } },
      ]);
  });

  it('refuses it for another trust, and negative values for a local measure', () => {
    const error = seriesSpec
      .given([])
      .when(record('RXR', 'local-rj1-falls-with-harm', 3, trustDecider.initialState()))
      .thenThrows(InvalidCommandError);
    expect(error.fields).toEqual([{ path: 'metric', message: 'is not a metric in the catalogue or a local measure of trust RXR: local-rj1-falls-with-harm' }]);
    const negative = seriesSpec
      .given([])
      .when(record('RJ1', 'local-rj1-falls-with-harm', -1, trustState(registered, falls)))
      .thenThrows(InvalidCommandError);
    expect(negative.fields[0]?.path).toBe('observations.0.value');
  });
});
