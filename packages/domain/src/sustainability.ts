import { assertMayActForTrust, assertMayWrite } from './authorisation';
import type { AssessSustainability, SustainabilityCommand } from './commands';
import { ConflictError, InterventionNotFoundError } from './errors';
import type { InterventionEvent, SustainabilityEvent } from './events';
import { interventionDecider, type InterventionState } from './intervention';
import { personOf } from './mentorship';
import type { Decider, IsoDate } from './shared';
import {
  MAX_SUSTAINABILITY_LEVEL,
  MIN_SUSTAINABILITY_LEVEL,
  SUSTAINABILITY_FACTORS,
  SUSTAINABILITY_SCALE,
  infoOf,
  type FactorLevel,
  type SustainabilityFactor,
} from './sustainability-model';
import { ENTITY_ID, FieldErrors, untrusted } from './validation';
import { canSee } from './visibility';

/**
 * A team's sustainability self-assessments of one intervention (stream
 * `sustainability-<interventionId>`), repeatable over time: every assessment is kept, one per
 * date. Kept out of the intervention's own stream so assessing never contends with the
 * intervention's lifecycle; the intervention itself arrives in the command's context (its stream
 * folded by the command side), so the decider checks it exists, who may assess it and its dates.
 */

export const MAX_SUSTAINABILITY_NOTE = 2000;

export type SustainabilityState =
  { readonly status: 'INITIAL' } | { readonly status: 'ASSESSED'; readonly interventionId: string; readonly assessedOn: readonly IsoDate[] };

const initialState = (): SustainabilityState => ({ status: 'INITIAL' });

function evolve(state: SustainabilityState, event: SustainabilityEvent): SustainabilityState {
  switch (event.type) {
    case 'SustainabilityAssessed': {
      const dates = state.status === 'ASSESSED' ? state.assessedOn : [];
      if (dates.includes(event.data.assessedOn)) return state;
      return { status: 'ASSESSED', interventionId: event.data.interventionId, assessedOn: [...dates, event.data.assessedOn] };
    }
    default: {
      const _never: never = event.type;
      return state;
    }
  }
}

/**
 * The intervention as an assessment needs it: its folded state and its earliest date (the day it
 * was proposed, or the day it started when that is earlier: interventions recorded in Longview
 * after they began carry their real start date).
 */
export interface AssessedInterventionState {
  readonly intervention: InterventionState;
  readonly earliestOn?: IsoDate;
}

/** Folds an intervention's stream into what AssessSustainability needs (used by command-context.ts). */
export const assessedInterventionDecider: Decider<never, InterventionEvent, AssessedInterventionState> = {
  initialState: () => ({ intervention: interventionDecider.initialState() }),
  evolve: (state, event) => {
    const intervention = interventionDecider.evolve(state.intervention, event);
    const day =
      event.type === 'InterventionProposed' ? event.data.proposedAt.slice(0, 10) : event.type === 'InterventionStarted' ? event.data.startedOn : undefined;
    const earliestOn = day !== undefined && (state.earliestOn === undefined || day < state.earliestOn) ? day : state.earliestOn;
    return earliestOn !== undefined ? { intervention, earliestOn } : { intervention };
  },
  decide: () => [],
};

export class AssessmentAlreadyRecordedError extends ConflictError {
  constructor(readonly assessedOn: IsoDate) {
    super(
      'ASSESSMENT_ALREADY_RECORDED',
      `There is already a sustainability assessment dated ${assessedOn} for this intervention. Date the new assessment the day it was made.`,
    );
  }
}

function assessSustainability(command: AssessSustainability, state: SustainabilityState): SustainabilityEvent[] {
  const { actor, now } = command.metadata;
  assertMayWrite(actor, command.type);
  const data = untrusted(command.data);
  const errors = new FieldErrors();
  const interventionId = errors.pattern('interventionId', data.interventionId, ENTITY_ID, 'an id of up to 64 letters, digits and hyphens (a UUID)');
  const assessedOn = errors.date('assessedOn', data.assessedOn);
  const today = now.slice(0, 10);
  if (assessedOn !== undefined && assessedOn > today) errors.add('assessedOn', `cannot be in the future (today is ${today})`);
  const note = errors.optionalText('note', data.note, { max: MAX_SUSTAINABILITY_NOTE });
  const scores = factorLevels(errors, data.scores);
  errors.throwIfAny('The sustainability assessment');
  if (!interventionId || !assessedOn || !scores) return [];

  const context = command.context?.intervention;
  const intervention = context?.intervention;
  if (!intervention || intervention.status === 'INITIAL' || intervention.interventionId !== interventionId || !canSee(actor, intervention)) {
    throw new InterventionNotFoundError(interventionId);
  }
  assertMayActForTrust(actor, intervention.trustCode, command.type);
  if (context.earliestOn !== undefined && assessedOn < context.earliestOn) {
    errors.add('assessedOn', `cannot be before the intervention began (${context.earliestOn})`);
    errors.throwIfAny('The sustainability assessment');
  }
  if (state.status === 'ASSESSED' && state.assessedOn.includes(assessedOn)) throw new AssessmentAlreadyRecordedError(assessedOn);
  return [
    {
      type: 'SustainabilityAssessed',
      data: {
        interventionId,
        trustCode: intervention.trustCode,
        assessedOn,
        scale: SUSTAINABILITY_SCALE,
        scores,
        ...(note !== undefined ? { note } : {}),
        assessedBy: personOf(actor),
        assessedAt: now,
      },
    },
  ];
}

/** Every one of the ten factors exactly once, each at a whole level from 1 to 4; returned in the Model's order. */
function factorLevels(errors: FieldErrors, value: unknown): FactorLevel[] | undefined {
  if (!Array.isArray(value)) {
    errors.add('scores', 'must be a list with a level for each of the ten factors');
    return undefined;
  }
  const before = errors.count;
  const seen = new Map<SustainabilityFactor, number>();
  value.forEach((entry, i) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      errors.add(`scores.${i}`, 'must be a factor and its level');
      return;
    }
    const item = entry as Readonly<Record<string, unknown>>;
    {
      const factor = errors.oneOf(`scores.${i}.factor`, item['factor'], SUSTAINABILITY_FACTORS);
      const level = errors.number(`scores.${i}.level`, item['level'], {
        min: MIN_SUSTAINABILITY_LEVEL,
        max: MAX_SUSTAINABILITY_LEVEL,
        integer: true,
        rangeName: '1 is the weakest level, 4 the strongest',
      });
      if (factor !== undefined) {
        if (seen.has(factor)) errors.add(`scores.${i}.factor`, `${infoOf(factor).name} is scored more than once: give each factor one level`);
        else if (level !== undefined) seen.set(factor, level);
        else seen.set(factor, MIN_SUSTAINABILITY_LEVEL);
      }
    }
  });
  const missing = SUSTAINABILITY_FACTORS.filter((f) => !seen.has(f));
  if (missing.length > 0 && errors.count === before) {
    errors.add('scores', `every factor needs a level; missing: ${missing.map((f) => infoOf(f).name).join(', ')}`);
  }
  if (errors.count > before) return undefined;
  return SUSTAINABILITY_FACTORS.map((factor) => ({ factor, level: seen.get(factor) as number }));
}

function decide(command: SustainabilityCommand, state: SustainabilityState): SustainabilityEvent[] {
  switch (command.type) {
    case 'AssessSustainability':
      return assessSustainability(command, state);
    default: {
      const _never: never = command.type;
      throw new Error(`Unknown sustainability command ${String(_never)}`);
    }
  }
}

export const sustainabilityDecider: Decider<SustainabilityCommand, SustainabilityEvent, SustainabilityState> = { initialState, evolve, decide };
