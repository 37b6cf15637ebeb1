import fc from 'fast-check';
import type { MetricSeriesEvent } from './events';
import { metricSeriesDecider } from './metric-series';
import { foldEvents, type IsoMonth } from './shared';

const period = fc.constantFrom<IsoMonth>('2024-01', '2024-02', '2024-03', '2024-04', '2024-05');
const series = { trustCode: 'RJ1', metric: 'falls_per_1000_bed_days' };
const seriesArb = { trustCode: fc.constant(series.trustCode), metric: fc.constant(series.metric) };

const event = fc.oneof(
  fc.record({
    type: fc.constant('ObservationsRecorded' as const),
    data: fc.record({
      ...seriesArb,
      observations: fc.uniqueArray(fc.record({ period, value: fc.integer({ min: 0, max: 99 }) }), { selector: (o) => o.period, minLength: 1 }),
    }),
  }),
  fc.record({
    type: fc.constant('ObservationCorrected' as const),
    data: fc.record({
      ...seriesArb,
      period,
      previousValue: fc.integer({ min: 0, max: 99 }),
      value: fc.integer({ min: 0, max: 99 }),
      numerator: fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined }),
      denominator: fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }),
      reason: fc.constant('typo'),
    }),
  }),
  fc.record({ type: fc.constant('SeriesRebased' as const), data: fc.record({ ...seriesArb, fromPeriod: period, reason: fc.constant('new baseline') }) }),
) as fc.Arbitrary<MetricSeriesEvent>;

const evolveOneByOne = (state: ReturnType<typeof metricSeriesDecider.initialState>, events: readonly MetricSeriesEvent[]) =>
  events.reduce(metricSeriesDecider.evolve, state);

describe('metric series fold (no copy per event)', () => {
  it('gives the same state as evolving event by event, from any starting state, and leaves that state alone', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 12 }), fc.array(event, { maxLength: 12 }), (first, then) => {
        const start = evolveOneByOne(metricSeriesDecider.initialState(), first);
        const snapshot = JSON.stringify(start, (_key, value: unknown) => (value instanceof Map ? [...value.entries()] : value));
        expect(foldEvents(metricSeriesDecider, start, then)).toEqual(evolveOneByOne(start, then));
        expect(JSON.stringify(start, (_key, value: unknown) => (value instanceof Map ? [...value.entries()] : value))).toBe(snapshot);
      }),
      { numRuns: 300 },
    );
  });

  it('folds a long history in linear time', () => {
    const history: MetricSeriesEvent[] = Array.from({ length: 5000 }, (_, i) => ({
      type: 'ObservationsRecorded',
      data: { ...series, observations: [{ period: `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`, value: i }] },
    }));
    const state = foldEvents(metricSeriesDecider, metricSeriesDecider.initialState(), history);
    expect(state.status === 'RECORDING' && state.observations.size).toBe(5000);
  });
});
