import type { CorrectObservation, RebaseSeries, RecordObservations } from './commands';
import {
  AlreadyRebasedError,
  ForbiddenError,
  InvalidCommandError,
  ObservationNotFoundError,
  PeriodAlreadyRecordedError,
  RebasePeriodNotRecordedError,
} from './errors';
import type { ObservationCorrected, ObservationsRecorded, SeriesRebased } from './events';
import { metricSeriesDecider } from './metric-series';
import type { Actor, Observation } from './shared';
import { DeciderSpecification } from './testing/decider-spec';
import { actors, commandMetadata } from './testing/fixtures';

const spec = DeciderSpecification.for(metricSeriesDecider);
const NOW = '2025-06-15T09:30:00.000Z';
const owner = actors.editorOf('RJ1');

function record(data: Partial<RecordObservations['data']> = {}, actor: Actor = owner): RecordObservations {
  return {
    type: 'RecordObservations',
    data: {
      trustCode: 'RJ1',
      metric: 'ae-4hr',
      observations: [
        { period: '2025-02', value: 71.2 },
        { period: '2025-01', value: 70.4, numerator: 16896, denominator: 24000 },
      ],
      ...data,
    },
    metadata: commandMetadata(actor, NOW),
  };
}

function correct(data: Partial<CorrectObservation['data']> = {}, actor: Actor = owner): CorrectObservation {
  return {
    type: 'CorrectObservation',
    data: { trustCode: 'RJ1', metric: 'ae-4hr', period: '2025-02', value: 72.9, reason: 'Late data from UTC', ...data },
    metadata: commandMetadata(actor, NOW),
  };
}

function rebase(data: Partial<RebaseSeries['data']> = {}, actor: Actor = owner): RebaseSeries {
  return {
    type: 'RebaseSeries',
    data: { trustCode: 'RJ1', metric: 'ae-4hr', fromPeriod: '2025-02', reason: 'New ED opened', ...data },
    metadata: commandMetadata(actor, NOW),
  };
}

const recorded: ObservationsRecorded = {
  type: 'ObservationsRecorded',
  data: {
    trustCode: 'RJ1',
    metric: 'ae-4hr',
    observations: [
      { period: '2025-01', value: 70.4, numerator: 16896, denominator: 24000 },
      { period: '2025-02', value: 71.2 },
    ],
  },
};
const corrected: ObservationCorrected = {
  type: 'ObservationCorrected',
  data: { trustCode: 'RJ1', metric: 'ae-4hr', period: '2025-02', previousValue: 71.2, value: 72.9, reason: 'Late data from UTC' },
};
const rebased: SeriesRebased = {
  type: 'SeriesRebased',
  data: { trustCode: 'RJ1', metric: 'ae-4hr', fromPeriod: '2025-02', reason: 'New ED opened' },
};

describe('RecordObservations', () => {
  it('records observations ordered by period', () => {
    spec.given([]).when(record()).then([recorded]);
  });

  it('keeps a trimmed source', () => {
    spec
      .given([])
      .when(record({ source: ' NHSE A&E statistics ' }))
      .then([{ ...recorded, data: { ...recorded.data, source: 'NHSE A&E statistics' } }]);
  });

  it('appends new periods to an existing series', () => {
    const march: Observation = { period: '2025-03', value: 74 };
    spec
      .given([recorded])
      .when(record({ observations: [march] }))
      .then([{ type: 'ObservationsRecorded', data: { trustCode: 'RJ1', metric: 'ae-4hr', observations: [march] } }]);
  });

  it('rejects periods already recorded and says to correct the value instead', () => {
    spec
      .given([recorded])
      .when(
        record({
          observations: [
            { period: '2025-03', value: 74 },
            { period: '2025-02', value: 71.2 },
          ],
        }),
      )
      .thenThrows(
        PeriodAlreadyRecordedError,
        (e) =>
          e.kind === 'CONFLICT' && e.code === 'PERIOD_ALREADY_RECORDED' && e.periods.join() === '2025-02' && e.message.includes('correct it and give a reason'),
      );
  });

  it('lists every invalid observation at once', () => {
    const error = spec
      .given([])
      .when(
        record({
          observations: [
            { period: '2025-01', value: 101 },
            { period: '2025-1', value: 70 },
            { period: '2025-03', value: Number.NaN },
            { period: '2025-04', value: '70' as never },
            { period: '2025-01', value: 70 },
            { period: '2025-07', value: 70 },
            { period: '2025-05', value: 70, numerator: -1 },
          ],
        }),
      )
      .thenThrows(InvalidCommandError);
    expect(error.fields).toEqual([
      { path: 'observations.0.value', message: 'must be between 0 and 100 (valid range of ae-4hr in %)' },
      { path: 'observations.1.period', message: 'must be a month written YYYY-MM' },
      { path: 'observations.2.value', message: 'must be a finite number' },
      { path: 'observations.3.value', message: 'must be a finite number' },
      { path: 'observations.5.period', message: '2025-07 is in the future (latest allowed is 2025-06)' },
      { path: 'observations.6.numerator', message: 'must be at least 0' },
    ]);
  });

  it('rejects a period repeated within one command', () => {
    spec
      .given([])
      .when(
        record({
          observations: [
            { period: '2025-01', value: 70 },
            { period: '2025-01', value: 71 },
          ],
        }),
      )
      .thenThrows(
        InvalidCommandError,
        (e) => e.fields.length === 1 && e.fields[0]?.path === 'observations.1.period' && e.fields[0].message.includes('observations.0'),
      );
  });

  it('checks values against the range of their own metric', () => {
    spec
      .given([])
      .when(record({ metric: 'bed-occupancy', observations: [{ period: '2025-01', value: 104.5 }] }))
      .then([{ type: 'ObservationsRecorded', data: { trustCode: 'RJ1', metric: 'bed-occupancy', observations: [{ period: '2025-01', value: 104.5 }] } }]);
    spec
      .given([])
      .when(record({ metric: 'staff-engagement', observations: [{ period: '2025-03', value: 11 }] }))
      .thenThrows(InvalidCommandError, (e) => e.fields[0]?.path === 'observations.0.value');
  });

  it('rejects an unknown metric, a bad trust code and an empty list together', () => {
    const error = spec
      .given([])
      .when(record({ trustCode: '', metric: 'ae-6hr', observations: [] }))
      .thenThrows(InvalidCommandError);
    expect(error.fields.map((f) => f.path)).toEqual(['trustCode', 'metric', 'observations']);
  });

  it('forbids an editor of another trust', () => {
    spec
      .given([])
      .when(record({}, actors.editorOf('RR8')))
      .thenThrows(ForbiddenError, (e) => e.code === 'OTHER_TRUST');
  });

  it.each([actors.policymaker, actors.community])('forbids a $role user', (actor) => {
    spec.given([]).when(record({}, actor)).thenThrows(ForbiddenError);
  });

  it('lets the system import for any trust', () => {
    spec.given([]).when(record({}, actors.system)).then([recorded]);
  });
});

describe('CorrectObservation', () => {
  it('corrects a recorded value, keeping the previous one', () => {
    spec.given([recorded]).when(correct()).then([corrected]);
  });

  it('takes the previous value from the latest correction', () => {
    spec
      .given([recorded, corrected])
      .when(correct({ value: 73.1, numerator: 1754, denominator: 2400 }))
      .then([
        {
          type: 'ObservationCorrected',
          data: {
            trustCode: 'RJ1',
            metric: 'ae-4hr',
            period: '2025-02',
            previousValue: 72.9,
            value: 73.1,
            numerator: 1754,
            denominator: 2400,
            reason: 'Late data from UTC',
          },
        },
      ]);
  });

  it('does nothing when the value is unchanged', () => {
    spec
      .given([recorded])
      .when(correct({ value: 71.2 }))
      .thenNothingHappens();
    spec
      .given([recorded])
      .when(correct({ period: '2025-01', value: 70.4, numerator: 16896, denominator: 24000 }))
      .thenNothingHappens();
  });

  it('records a change of numerator alone', () => {
    spec
      .given([recorded])
      .when(correct({ period: '2025-01', value: 70.4, numerator: 16900, denominator: 24000 }))
      .then([
        {
          type: 'ObservationCorrected',
          data: {
            trustCode: 'RJ1',
            metric: 'ae-4hr',
            period: '2025-01',
            previousValue: 70.4,
            value: 70.4,
            numerator: 16900,
            denominator: 24000,
            reason: 'Late data from UTC',
          },
        },
      ]);
  });

  it('rejects a period that was never recorded as not found', () => {
    spec
      .given([recorded])
      .when(correct({ period: '2024-12' }))
      .thenThrows(
        ObservationNotFoundError,
        (e) => e.kind === 'NOT_FOUND' && e.period === '2024-12' && e.message.includes('Record a value for that month instead'),
      );
    spec.given([]).when(correct()).thenThrows(ObservationNotFoundError);
  });

  it('requires a reason and a value in range', () => {
    const error = spec
      .given([recorded])
      .when(correct({ reason: '', value: -3 }))
      .thenThrows(InvalidCommandError);
    expect(error.fields.map((f) => f.path)).toEqual(['value', 'reason']);
  });

  it('rejects an invalid period', () => {
    spec
      .given([recorded])
      .when(correct({ period: '2025-00' }))
      .thenThrows(InvalidCommandError, (e) => e.fields[0]?.path === 'period');
  });

  it('forbids an editor of another trust', () => {
    spec
      .given([recorded])
      .when(correct({}, actors.editorOf('RR8')))
      .thenThrows(ForbiddenError);
  });
});

describe('RebaseSeries', () => {
  it('starts a new baseline at a recorded period', () => {
    spec.given([recorded]).when(rebase()).then([rebased]);
  });

  it('rejects a period with no observation', () => {
    spec
      .given([recorded])
      .when(rebase({ fromPeriod: '2025-05' }))
      .thenThrows(RebasePeriodNotRecordedError, (e) => e.kind === 'CONFLICT' && e.period === '2025-05');
    spec.given([]).when(rebase()).thenThrows(RebasePeriodNotRecordedError);
  });

  it('rejects a second rebase at the same period', () => {
    spec
      .given([recorded, rebased])
      .when(rebase())
      .thenThrows(AlreadyRebasedError, (e) => e.code === 'ALREADY_REBASED');
  });

  it('allows a rebase at another recorded period', () => {
    spec
      .given([recorded, rebased])
      .when(rebase({ fromPeriod: '2025-01', reason: 'Coding change' }))
      .then([{ type: 'SeriesRebased', data: { trustCode: 'RJ1', metric: 'ae-4hr', fromPeriod: '2025-01', reason: 'Coding change' } }]);
  });

  it('requires a reason and a valid period', () => {
    const error = spec
      .given([recorded])
      .when(rebase({ fromPeriod: 'Feb 2025', reason: ' ' }))
      .thenThrows(InvalidCommandError);
    expect(error.fields.map((f) => f.path)).toEqual(['fromPeriod', 'reason']);
  });

  it('forbids a community user', () => {
    spec.given([recorded]).when(rebase({}, actors.community)).thenThrows(ForbiddenError);
  });
});
