import { assertMayActForTrust, assertMayWrite } from './authorisation';
import type { CorrectObservation, MetricSeriesCommand, RebaseSeries, RecordObservations } from './commands';
import { AlreadyRebasedError, ObservationNotFoundError, PeriodAlreadyRecordedError, RebasePeriodNotRecordedError } from './errors';
import type { MetricSeriesEvent, ObservationCorrected } from './events';
import type { MetricDefinition } from './metrics';
import { localMeasuresOf } from './trust';
import type { Decider, IsoMonth, Observation } from './shared';
import { FieldErrors, ODS_CODE, isIsoMonth, path, untrusted } from './validation';

// ---- State ----

export type MetricSeriesState =
  | { readonly status: 'EMPTY' }
  | {
      readonly status: 'RECORDING';
      readonly trustCode: string;
      readonly metric: string;
      /** The current value of each recorded period (after corrections). */
      readonly observations: ReadonlyMap<IsoMonth, Observation>;
      readonly rebasePeriods: readonly IsoMonth[];
    };

const initialState = (): MetricSeriesState => ({ status: 'EMPTY' });

function evolve(state: MetricSeriesState, event: MetricSeriesEvent): MetricSeriesState {
  switch (event.type) {
    case 'ObservationsRecorded': {
      const base =
        state.status === 'RECORDING'
          ? state
          : { trustCode: event.data.trustCode, metric: event.data.metric, observations: new Map<IsoMonth, Observation>(), rebasePeriods: [] };
      const observations = new Map(base.observations);
      for (const observation of event.data.observations) observations.set(observation.period, observation);
      return { ...base, status: 'RECORDING', observations };
    }
    case 'ObservationCorrected': {
      if (state.status !== 'RECORDING') return state;
      const { period, value, numerator, denominator } = event.data;
      const observations = new Map(state.observations);
      observations.set(period, withCounts({ period, value }, numerator, denominator));
      return { ...state, observations };
    }
    case 'SeriesRebased':
      if (state.status !== 'RECORDING') return state;
      return { ...state, rebasePeriods: [...state.rebasePeriods, event.data.fromPeriod].sort() };
    default: {
      const _never: never = event;
      return state;
    }
  }
}

/**
 * evolve over many events without copying the observations per event (evolve alone is
 * O(n) per event, so a history of n events would cost O(n^2)): one private Map for the whole
 * fold, copied once from `state`.
 */
function fold(state: MetricSeriesState, events: readonly MetricSeriesEvent[]): MetricSeriesState {
  if (events.length === 0) return state;
  let acc: { trustCode: string; metric: string; observations: Map<IsoMonth, Observation>; rebasePeriods: IsoMonth[] } | undefined =
    state.status === 'RECORDING'
      ? { trustCode: state.trustCode, metric: state.metric, observations: new Map(state.observations), rebasePeriods: [...state.rebasePeriods] }
      : undefined;
  for (const event of events) {
    switch (event.type) {
      case 'ObservationsRecorded':
        acc ??= { trustCode: event.data.trustCode, metric: event.data.metric, observations: new Map(), rebasePeriods: [] };
        for (const observation of event.data.observations) acc.observations.set(observation.period, observation);
        break;
      case 'ObservationCorrected': {
        if (acc === undefined) break;
        const { period, value, numerator, denominator } = event.data;
        acc.observations.set(period, withCounts({ period, value }, numerator, denominator));
        break;
      }
      case 'SeriesRebased':
        if (acc === undefined) break;
        acc.rebasePeriods.push(event.data.fromPeriod);
        break;
      default: {
        const _never: never = event;
      }
    }
  }
  if (acc === undefined) return state;
  return { status: 'RECORDING', ...acc, rebasePeriods: acc.rebasePeriods.sort() };
}

// ---- Decide ----

function recordObservations(command: RecordObservations, state: MetricSeriesState): MetricSeriesEvent[] {
  assertMayWrite(command.metadata.actor, command.type);
  const data = untrusted(command.data);
  const errors = new FieldErrors();
  const trustCode = errors.pattern('trustCode', data.trustCode, ODS_CODE, ODS_DESCRIPTION);
  const metric = errors.metric('metric', data.metric, { trustCode, localMeasures: localMeasuresOf(command.context?.trust) });
  const items = errors.list('observations', data.observations, { min: 1, max: MAX_OBSERVATIONS_PER_COMMAND });
  const latestPeriod = monthOf(command.metadata.now);
  const observations: Observation[] = [];
  const seenAt = new Map<IsoMonth, number>();
  items.forEach((item, index) => {
    const observation = validateObservation(errors, path('observations', index), item, metric, latestPeriod);
    if (!observation) return;
    const first = seenAt.get(observation.period);
    if (first !== undefined) {
      errors.add(path('observations', index, 'period'), `${observation.period} appears twice (also observations.${first})`);
      return;
    }
    seenAt.set(observation.period, index);
    observations.push(observation);
  });
  const source = errors.optionalText('source', data.source, { max: 200 });
  errors.throwIfAny(command.type);
  if (!trustCode || !metric) return [];

  assertMayActForTrust(command.metadata.actor, trustCode, command.type);
  if (state.status === 'RECORDING') {
    const clashes = observations.map((o) => o.period).filter((period) => state.observations.has(period));
    if (clashes.length > 0) throw new PeriodAlreadyRecordedError(trustCode, metric.code, clashes.sort());
  }

  return [
    {
      type: 'ObservationsRecorded',
      data: {
        trustCode,
        metric: metric.code,
        // Ordered by period so consumers can append without sorting.
        observations: observations.sort((a, b) => a.period.localeCompare(b.period)),
        ...(source !== undefined ? { source } : {}),
      },
    },
  ];
}

function correctObservation(command: CorrectObservation, state: MetricSeriesState): MetricSeriesEvent[] {
  assertMayWrite(command.metadata.actor, command.type);
  const data = untrusted(command.data);
  const errors = new FieldErrors();
  const trustCode = errors.pattern('trustCode', data.trustCode, ODS_CODE, ODS_DESCRIPTION);
  const metric = errors.metric('metric', data.metric, { trustCode, localMeasures: localMeasuresOf(command.context?.trust) });
  const corrected = validateObservation(errors, '', data, metric, undefined);
  const reason = errors.requiredText('reason', data.reason, { max: 2000 });
  errors.throwIfAny(command.type);
  if (!trustCode || !metric || !corrected || !reason) return [];

  assertMayActForTrust(command.metadata.actor, trustCode, command.type);
  const previous = state.status === 'RECORDING' ? state.observations.get(corrected.period) : undefined;
  if (!previous) throw new ObservationNotFoundError(trustCode, metric.code, corrected.period);

  const unchanged = previous.value === corrected.value && previous.numerator === corrected.numerator && previous.denominator === corrected.denominator;
  if (unchanged) return [];

  const event: ObservationCorrected = {
    type: 'ObservationCorrected',
    data: {
      trustCode,
      metric: metric.code,
      period: corrected.period,
      previousValue: previous.value,
      value: corrected.value,
      ...(corrected.numerator !== undefined ? { numerator: corrected.numerator } : {}),
      ...(corrected.denominator !== undefined ? { denominator: corrected.denominator } : {}),
      reason,
    },
  };
  return [event];
}

function rebaseSeries(command: RebaseSeries, state: MetricSeriesState): MetricSeriesEvent[] {
  assertMayWrite(command.metadata.actor, command.type);
  const data = untrusted(command.data);
  const errors = new FieldErrors();
  const trustCode = errors.pattern('trustCode', data.trustCode, ODS_CODE, ODS_DESCRIPTION);
  const metric = errors.metric('metric', data.metric, { trustCode, localMeasures: localMeasuresOf(command.context?.trust) });
  const fromPeriod = errors.month('fromPeriod', data.fromPeriod);
  const reason = errors.requiredText('reason', data.reason, { max: 2000 });
  errors.throwIfAny(command.type);
  if (!trustCode || !metric || !fromPeriod || !reason) return [];

  assertMayActForTrust(command.metadata.actor, trustCode, command.type);
  if (state.status !== 'RECORDING' || !state.observations.has(fromPeriod)) {
    throw new RebasePeriodNotRecordedError(trustCode, metric.code, fromPeriod);
  }
  if (state.rebasePeriods.includes(fromPeriod)) throw new AlreadyRebasedError(trustCode, metric.code, fromPeriod);

  return [{ type: 'SeriesRebased', data: { trustCode, metric: metric.code, fromPeriod, reason } }];
}

function decide(command: MetricSeriesCommand, state: MetricSeriesState): MetricSeriesEvent[] {
  switch (command.type) {
    case 'RecordObservations':
      return recordObservations(command, state);
    case 'CorrectObservation':
      return correctObservation(command, state);
    case 'RebaseSeries':
      return rebaseSeries(command, state);
    default: {
      const _never: never = command;
      throw new Error(`Unknown metric series command ${(_never as { type: string }).type}`);
    }
  }
}

export const metricSeriesDecider: Decider<MetricSeriesCommand, MetricSeriesEvent, MetricSeriesState> = {
  initialState,
  evolve,
  decide,
  fold,
};

// ---- Helpers ----

const ODS_DESCRIPTION = 'an ODS code: 3 to 5 upper-case letters or digits, e.g. RJ1';
/** Fifty years of monthly values: enough for any backfill, small enough to bound one event. */
const MAX_OBSERVATIONS_PER_COMMAND = 600;

/**
 * One observation at `at` (`''` when the fields sit at the top of the data). The value range
 * is checked only when the metric is known; a period after `latestPeriod` is rejected because
 * a month that has not ended cannot have an outcome yet.
 */
function validateObservation(
  errors: FieldErrors,
  at: string,
  item: unknown,
  metric: MetricDefinition | undefined,
  latestPeriod: IsoMonth | undefined,
): Observation | undefined {
  const before = errors.count;
  const raw = errors.object(at, item);
  if (errors.count > before) return undefined;
  const field = (name: string) => (at === '' ? name : path(at, name));

  const period = errors.month(field('period'), raw.period);
  if (period && latestPeriod && period > latestPeriod) {
    errors.add(field('period'), `${period} is in the future (latest allowed is ${latestPeriod})`);
  }
  const value = metric
    ? errors.number(field('value'), raw.value, {
        min: metric.validRange.min,
        max: metric.validRange.max,
        rangeName: `valid range of ${metric.code} in ${metric.unit}`,
      })
    : errors.number(field('value'), raw.value);
  const numerator = errors.optionalNumber(field('numerator'), raw.numerator, { min: 0 });
  const denominator = errors.optionalNumber(field('denominator'), raw.denominator, { min: 0 });
  if (errors.count > before || period === undefined || value === undefined) return undefined;
  return withCounts({ period, value }, numerator, denominator);
}

function withCounts(observation: Observation, numerator: number | undefined, denominator: number | undefined): Observation {
  return {
    ...observation,
    ...(numerator !== undefined ? { numerator } : {}),
    ...(denominator !== undefined ? { denominator } : {}),
  };
}

function monthOf(timestamp: string): IsoMonth | undefined {
  const month = timestamp.slice(0, 7);
  return isIsoMonth(month) ? month : undefined;
}
