import { assertMayActForTrust, assertMayWrite } from './authorisation';
import type { DefineLocalMeasure, RegisterTrust, TrustCommand, UpdateTrustContext } from './commands';
import { InvalidCommandError, LocalMeasureAlreadyDefinedError, TrustAlreadyRegisteredError, TrustNotFoundError } from './errors';
import type { LocalMeasureDefined, TrustContextChanged, TrustEvent, TrustRegistered } from './events';
import { localMeasureCode, type LocalMeasure } from './metrics';
import { CQC_RATINGS, DIRECTIONS, REGIONS, TRUST_KINDS, type Decider, type IsoDate, type TrustContext } from './shared';
import { FieldErrors, ODS_CODE, path, untrusted } from './validation';

// ---- State ----

export interface DatedTrustContext {
  readonly context: TrustContext;
  readonly effectiveFrom: IsoDate;
}

export type TrustState =
  | { readonly status: 'UNREGISTERED' }
  | {
      readonly status: 'REGISTERED';
      readonly code: string;
      readonly name: string;
      /** Every context the trust has had, ordered by effective date. */
      readonly contexts: readonly DatedTrustContext[];
      /** The trust's own measures (DefineLocalMeasure), in the order defined. */
      readonly localMeasures: readonly LocalMeasure[];
    };

/** A trust's local measures from its folded state (none when it is not registered or not known). */
export function localMeasuresOf(state: TrustState | undefined): readonly LocalMeasure[] {
  return state?.status === 'REGISTERED' ? state.localMeasures : [];
}

const initialState = (): TrustState => ({ status: 'UNREGISTERED' });

function evolve(state: TrustState, event: TrustEvent): TrustState {
  switch (event.type) {
    case 'TrustRegistered':
      return {
        status: 'REGISTERED',
        code: event.data.code,
        name: event.data.name,
        contexts: [{ context: event.data.context, effectiveFrom: event.data.effectiveFrom }],
        localMeasures: [],
      };
    case 'TrustContextChanged':
      if (state.status !== 'REGISTERED') return state;
      return {
        ...state,
        contexts: [...state.contexts, { context: event.data.context, effectiveFrom: event.data.effectiveFrom }].sort((a, b) =>
          a.effectiveFrom.localeCompare(b.effectiveFrom),
        ),
      };
    case 'LocalMeasureDefined': {
      if (state.status !== 'REGISTERED') return state;
      const { code, trustCode, name, unit, direction } = event.data;
      return { ...state, localMeasures: [...state.localMeasures, { code, trustCode, name, unit, improvement: direction }] };
    }
    default: {
      // Events of other aggregates never reach this stream; ignore rather than corrupt state.
      const _never: never = event;
      return state;
    }
  }
}

// ---- Decide ----

function registerTrust(command: RegisterTrust, state: TrustState): TrustEvent[] {
  assertMayWrite(command.metadata.actor, command.type);
  const data = untrusted(command.data);
  const errors = new FieldErrors();
  const code = errors.pattern('code', data.code, ODS_CODE, 'an ODS code: 3 to 5 upper-case letters or digits, e.g. RJ1');
  const name = errors.requiredText('name', data.name, { max: 200 });
  const context = validateContext(errors, 'context', data.context);
  const effectiveFrom = errors.date('effectiveFrom', data.effectiveFrom);
  errors.throwIfAny(command.type);
  if (!code || !name || !context || !effectiveFrom) return []; // unreachable: errors were thrown

  assertMayActForTrust(command.metadata.actor, code, command.type);
  if (state.status === 'REGISTERED') throw new TrustAlreadyRegisteredError(code);

  const event: TrustRegistered = {
    type: 'TrustRegistered',
    data: { code, name, context, effectiveFrom, registeredAt: command.metadata.now },
  };
  return [event];
}

function updateTrustContext(command: UpdateTrustContext, state: TrustState): TrustEvent[] {
  assertMayWrite(command.metadata.actor, command.type);
  const data = untrusted(command.data);
  const errors = new FieldErrors();
  const code = errors.pattern('code', data.code, ODS_CODE, 'an ODS code: 3 to 5 upper-case letters or digits, e.g. RJ1');
  const context = validateContext(errors, 'context', data.context);
  const effectiveFrom = errors.date('effectiveFrom', data.effectiveFrom);
  const reason = errors.optionalText('reason', data.reason, { max: 1000 });
  errors.throwIfAny(command.type);
  if (!code || !context || !effectiveFrom) return [];

  assertMayActForTrust(command.metadata.actor, code, command.type);
  if (state.status !== 'REGISTERED') throw new TrustNotFoundError(code);

  const registeredFrom = state.contexts[0]?.effectiveFrom;
  if (registeredFrom !== undefined && effectiveFrom < registeredFrom) {
    throw new InvalidCommandError(command.type, [
      {
        path: 'effectiveFrom',
        message: `must be on or after ${registeredFrom}, the date the trust's first context took effect`,
      },
    ]);
  }
  // Re-sending the context already in force at that date changes nothing: keep the history free of noise.
  const inForce = contextInForce(state.contexts, effectiveFrom);
  if (inForce && sameContext(inForce, context)) return [];

  const event: TrustContextChanged = {
    type: 'TrustContextChanged',
    data: { code, context, effectiveFrom, ...(reason !== undefined ? { reason } : {}) },
  };
  return [event];
}

const LOCAL_MEASURES_MAX = 100;

/**
 * A trust defines a measure of its own (name, unit, the direction that counts as better). Its code
 * is generated here from the name (see localMeasureCode), so the same name twice is a conflict, not
 * a second measure.
 */
function defineLocalMeasure(command: DefineLocalMeasure, state: TrustState): TrustEvent[] {
  assertMayWrite(command.metadata.actor, command.type);
  const data = untrusted(command.data);
  const errors = new FieldErrors();
  const trustCode = errors.pattern('trustCode', data.trustCode, ODS_CODE, 'an ODS code: 3 to 5 upper-case letters or digits, e.g. RJ1');
  const name = errors.plainText('name', data.name, { max: 120 });
  const unit = errors.plainText('unit', data.unit, { max: 60 });
  const direction = errors.oneOf('direction', data.direction, DIRECTIONS);
  errors.throwIfAny(command.type);
  if (!trustCode || !name || !unit || !direction) return [];

  assertMayActForTrust(command.metadata.actor, trustCode, command.type);
  if (state.status !== 'REGISTERED') throw new TrustNotFoundError(trustCode);
  const same = state.localMeasures.find((m) => m.name.toLowerCase() === name.toLowerCase());
  if (same) throw new LocalMeasureAlreadyDefinedError(trustCode, same.name, same.code);
  if (state.localMeasures.length >= LOCAL_MEASURES_MAX) {
    throw new InvalidCommandError(command.type, [
      { path: 'name', message: `trust ${trustCode} already has ${LOCAL_MEASURES_MAX} local measures, the most allowed` },
    ]);
  }
  const code = localMeasureCode(
    trustCode,
    name,
    state.localMeasures.map((m) => m.code),
  );
  const event: LocalMeasureDefined = {
    type: 'LocalMeasureDefined',
    data: { trustCode, code, name, unit, direction, definedAt: command.metadata.now },
  };
  return [event];
}

function decide(command: TrustCommand, state: TrustState): TrustEvent[] {
  switch (command.type) {
    case 'DefineLocalMeasure':
      return defineLocalMeasure(command, state);
    case 'RegisterTrust':
      return registerTrust(command, state);
    case 'UpdateTrustContext':
      return updateTrustContext(command, state);
    default: {
      const _never: never = command;
      throw new Error(`Unknown trust command ${(_never as { type: string }).type}`);
    }
  }
}

export const trustDecider: Decider<TrustCommand, TrustEvent, TrustState> = { initialState, evolve, decide };

// ---- Helpers ----

function validateContext(errors: FieldErrors, at: string, value: unknown): TrustContext | undefined {
  const before = errors.count;
  const raw = errors.object(at, value);
  if (errors.count > before) return undefined;

  const kind = errors.oneOf(path(at, 'kind'), raw.kind, TRUST_KINDS);
  const region = errors.oneOf(path(at, 'region'), raw.region, REGIONS);
  const count = { min: 0, integer: true };
  const beds = errors.optionalNumber(path(at, 'beds'), raw.beds, count);
  const catchmentPopulation = errors.optionalNumber(path(at, 'catchmentPopulation'), raw.catchmentPopulation, count);
  const aeAttendances = errors.optionalNumber(path(at, 'aeAttendances'), raw.aeAttendances, count);
  const deprivation = errors.optionalNumber(path(at, 'deprivation'), raw.deprivation, { min: 0, max: 100 });
  const oversightSegment = errors.optionalNumber(path(at, 'oversightSegment'), raw.oversightSegment, {
    min: 1,
    max: 5,
    integer: true,
  });
  const cqcRating = errors.optionalOneOf(path(at, 'cqcRating'), raw.cqcRating, CQC_RATINGS);
  if (errors.count > before || !kind || !region) return undefined;

  // Build the context field by field so absent optional values stay absent (not `undefined` keys).
  return {
    kind,
    region,
    ...(beds !== undefined ? { beds } : {}),
    ...(catchmentPopulation !== undefined ? { catchmentPopulation } : {}),
    ...(aeAttendances !== undefined ? { aeAttendances } : {}),
    ...(deprivation !== undefined ? { deprivation } : {}),
    ...(oversightSegment !== undefined ? { oversightSegment } : {}),
    ...(cqcRating !== undefined ? { cqcRating } : {}),
  };
}

const CONTEXT_FIELDS: readonly (keyof TrustContext)[] = [
  'kind',
  'region',
  'beds',
  'catchmentPopulation',
  'aeAttendances',
  'deprivation',
  'oversightSegment',
  'cqcRating',
];

function sameContext(a: TrustContext, b: TrustContext): boolean {
  return CONTEXT_FIELDS.every((field) => a[field] === b[field]);
}

function contextInForce(contexts: readonly DatedTrustContext[], on: IsoDate): TrustContext | undefined {
  let inForce: TrustContext | undefined;
  for (const entry of contexts) {
    if (entry.effectiveFrom <= on) inForce = entry.context;
  }
  return inForce;
}
