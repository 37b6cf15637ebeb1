import { assertMayActForTrust, assertMayWrite } from './authorisation';
import type {
  AbandonIntervention,
  AdoptIntervention,
  ChangeSharing,
  CompleteIntervention,
  InterventionCommand,
  LogPdsaCycle,
  ProposeIntervention,
  StartIntervention,
} from './commands';
import {
  AdoptionSourceNotFoundError,
  IllegalInterventionTransitionError,
  InterventionAlreadyExistsError,
  InterventionNotFoundError,
  InvalidCommandError,
} from './errors';
import type { InterventionEvent } from './events';
import {
  APPROACHES,
  DIRECTIONS,
  INTERVENTION_CATEGORIES,
  SHARING_LEVELS,
  TARGET_ROLES,
  withRole,
  type Approach,
  type Decider,
  type InterventionCategory,
  type IsoDate,
  type PdsaCycle,
  type InterventionTarget,
  type Sharing,
} from './shared';
import { isLocalMeasureCode, type LocalMeasure } from './metrics';
import { localMeasuresOf } from './trust';
import { ENTITY_ID, FieldErrors, ODS_CODE, path, untrusted } from './validation';
import { canSee } from './visibility';

// ---- State ----

export const INTERVENTION_STATUSES = ['PROPOSED', 'ACTIVE', 'COMPLETED', 'ABANDONED'] as const;
export type InterventionStatus = (typeof INTERVENTION_STATUSES)[number];

interface InterventionFacts {
  readonly interventionId: string;
  /** The owning trust: only its editors may change the intervention. */
  readonly trustCode: string;
  readonly sharing: Sharing;
  /** What an adoption copies from its source (AdoptIntervention reads the source's state). */
  readonly title: string;
  readonly summary: string;
  readonly category: InterventionCategory;
  readonly approach: Approach;
  /** Every target with its role (targets stored before roles read as OUTCOME). */
  readonly targets: readonly InterventionTarget[];
}
export interface ProposedIntervention extends InterventionFacts {
  readonly status: 'PROPOSED';
}
export interface ActiveIntervention extends InterventionFacts {
  readonly status: 'ACTIVE';
  readonly startedOn: IsoDate;
  readonly cyclesLogged: number;
}
export interface CompletedIntervention extends InterventionFacts {
  readonly status: 'COMPLETED';
  readonly startedOn: IsoDate;
  readonly cyclesLogged: number;
  readonly completedOn: IsoDate;
}
export interface AbandonedIntervention extends InterventionFacts {
  readonly status: 'ABANDONED';
  /** Absent when it was abandoned before it started. */
  readonly startedOn?: IsoDate;
  readonly abandonedOn: IsoDate;
}
export type InterventionState = { readonly status: 'INITIAL' } | ProposedIntervention | ActiveIntervention | CompletedIntervention | AbandonedIntervention;
export type ExistingIntervention = Exclude<InterventionState, { status: 'INITIAL' }>;

const initialState = (): InterventionState => ({ status: 'INITIAL' });

function evolve(state: InterventionState, event: InterventionEvent): InterventionState {
  switch (event.type) {
    case 'InterventionProposed':
      return {
        status: 'PROPOSED',
        interventionId: event.data.interventionId,
        trustCode: event.data.trustCode,
        sharing: event.data.sharing,
        title: event.data.title,
        summary: event.data.summary,
        category: event.data.category,
        approach: event.data.approach,
        targets: event.data.targets.map(withRole),
      };
    case 'InterventionStarted':
      if (state.status !== 'PROPOSED') return state;
      return { ...state, status: 'ACTIVE', startedOn: event.data.startedOn, cyclesLogged: 0 };
    case 'PdsaCycleLogged':
      if (state.status !== 'ACTIVE') return state;
      return { ...state, cyclesLogged: event.data.cycleNumber };
    case 'InterventionCompleted':
      if (state.status !== 'ACTIVE') return state;
      return { ...state, status: 'COMPLETED', completedOn: event.data.completedOn };
    case 'InterventionAbandoned':
      if (state.status === 'PROPOSED') return { ...state, status: 'ABANDONED', abandonedOn: event.data.abandonedOn };
      if (state.status === 'ACTIVE') {
        const { cyclesLogged: _cyclesLogged, ...facts } = state;
        return {
          ...facts,
          status: 'ABANDONED',
          abandonedOn: event.data.abandonedOn,
        };
      }
      return state;
    case 'InterventionSharingChanged':
      if (state.status === 'INITIAL') return state;
      return { ...state, sharing: event.data.to };
    default: {
      const _never: never = event;
      return state;
    }
  }
}

// ---- Decide ----

function proposeIntervention(command: ProposeIntervention, state: InterventionState): InterventionEvent[] {
  assertMayWrite(command.metadata.actor, command.type);
  const data = untrusted(command.data);
  const errors = new FieldErrors();
  const interventionId = errors.pattern('interventionId', data.interventionId, ENTITY_ID, ENTITY_ID_DESCRIPTION);
  const trustCode = errors.pattern('trustCode', data.trustCode, ODS_CODE, ODS_DESCRIPTION);
  const title = errors.requiredText('title', data.title, { max: 200 });
  const summary = errors.requiredText('summary', data.summary, { max: 5000 });
  const category = errors.oneOf('category', data.category, INTERVENTION_CATEGORIES);
  const rootCause = errors.optionalText('rootCause', data.rootCause, { max: 2000 });
  const approach = errors.oneOf('approach', data.approach, APPROACHES);
  const targets = validateTargets(errors, data.targets, trustCode, localMeasuresOf(command.context?.trust));
  const sharing = errors.oneOf('sharing', data.sharing, SHARING_LEVELS);
  errors.throwIfAny(command.type);
  if (!interventionId || !trustCode || !title || !summary || !category || !approach || !targets || !sharing) return [];

  assertMayActForTrust(command.metadata.actor, trustCode, command.type);
  if (state.status !== 'INITIAL') throw new InterventionAlreadyExistsError(interventionId);

  return [
    {
      type: 'InterventionProposed',
      data: {
        interventionId,
        trustCode,
        title,
        summary,
        category,
        ...(rootCause !== undefined ? { rootCause } : {}),
        approach,
        targets,
        sharing,
        proposedAt: command.metadata.now,
      },
    },
  ];
}

function startIntervention(command: StartIntervention, state: InterventionState): InterventionEvent[] {
  const errors = new FieldErrors();
  const data = untrusted(command.data);
  const startedOn = errors.date('startedOn', data.startedOn);
  const intervention = existing(command, state, errors);
  if (!startedOn) return [];

  if (intervention.status !== 'PROPOSED') throw illegal(command, intervention, ['PROPOSED']);
  return [{ type: 'InterventionStarted', data: { interventionId: intervention.interventionId, startedOn } }];
}

function logPdsaCycle(command: LogPdsaCycle, state: InterventionState): InterventionEvent[] {
  const errors = new FieldErrors();
  const cycle = validateCycle(errors, untrusted(command.data).cycle);
  const intervention = existing(command, state, errors);
  if (!cycle) return [];

  if (intervention.status !== 'ACTIVE') throw illegal(command, intervention, ['ACTIVE']);
  if (cycle.cycleDate < intervention.startedOn) {
    throw new InvalidCommandError(command.type, [
      { path: 'cycle.cycleDate', message: `must be on or after ${intervention.startedOn}, the day the intervention started` },
    ]);
  }
  return [
    {
      type: 'PdsaCycleLogged',
      data: {
        interventionId: intervention.interventionId,
        cycleNumber: intervention.cyclesLogged + 1,
        cycle,
        loggedAt: command.metadata.now,
      },
    },
  ];
}

function completeIntervention(command: CompleteIntervention, state: InterventionState): InterventionEvent[] {
  const errors = new FieldErrors();
  const data = untrusted(command.data);
  const completedOn = errors.date('completedOn', data.completedOn);
  const summary = errors.optionalText('summary', data.summary, { max: 5000 });
  const intervention = existing(command, state, errors);
  if (!completedOn) return [];

  if (intervention.status !== 'ACTIVE') throw illegal(command, intervention, ['ACTIVE']);
  if (completedOn < intervention.startedOn) {
    throw new InvalidCommandError(command.type, [
      { path: 'completedOn', message: `must be on or after ${intervention.startedOn}, the day the intervention started` },
    ]);
  }
  return [
    {
      type: 'InterventionCompleted',
      data: { interventionId: intervention.interventionId, completedOn, ...(summary !== undefined ? { summary } : {}) },
    },
  ];
}

function abandonIntervention(command: AbandonIntervention, state: InterventionState): InterventionEvent[] {
  const errors = new FieldErrors();
  const data = untrusted(command.data);
  const abandonedOn = errors.date('abandonedOn', data.abandonedOn);
  const reason = errors.requiredText('reason', data.reason, { max: 2000 });
  const intervention = existing(command, state, errors);
  if (!abandonedOn || !reason) return [];

  if (intervention.status !== 'PROPOSED' && intervention.status !== 'ACTIVE') {
    throw illegal(command, intervention, ['PROPOSED', 'ACTIVE']);
  }
  if (intervention.status === 'ACTIVE' && abandonedOn < intervention.startedOn) {
    throw new InvalidCommandError(command.type, [
      { path: 'abandonedOn', message: `must be on or after ${intervention.startedOn}, the day the intervention started` },
    ]);
  }
  return [{ type: 'InterventionAbandoned', data: { interventionId: intervention.interventionId, abandonedOn, reason } }];
}

function changeSharing(command: ChangeSharing, state: InterventionState): InterventionEvent[] {
  const errors = new FieldErrors();
  const sharing = errors.oneOf('sharing', untrusted(command.data).sharing, SHARING_LEVELS);
  const intervention = existing(command, state, errors);
  if (!sharing) return [];

  // Sharing may change in any status: what was learnt from a finished or abandoned intervention is worth sharing too.
  if (intervention.sharing === sharing) return [];
  return [
    {
      type: 'InterventionSharingChanged',
      data: { interventionId: intervention.interventionId, from: intervention.sharing, to: sharing },
    },
  ];
}

/** The plain words for the adoption in errors ("cannot adopt an intervention for trust RX1"). */
const ADOPT = 'adopt an intervention';
const ADAPTATIONS_MAX = 2000;
// Control characters other than tab and line breaks have no place in a plain-text note.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * A trust adopts an intervention it may see: a new intervention at the adopting trust, proposed
 * with `adoptedFrom`. What is copied (category, approach, targets, summary, and the title unless
 * a local one is given) comes from the source's own state, which the command side loads into
 * `command.context`; the sender supplies only what is the adopter's to say. A source the actor
 * may not see answers exactly like a missing one.
 */
function adoptIntervention(command: AdoptIntervention, state: InterventionState): InterventionEvent[] {
  const { actor } = command.metadata;
  assertMayWrite(actor, ADOPT);
  const data = untrusted(command.data);
  const errors = new FieldErrors();
  const interventionId = errors.pattern('interventionId', data.interventionId, ENTITY_ID, ENTITY_ID_DESCRIPTION);
  const sourceInterventionId = errors.pattern('sourceInterventionId', data.sourceInterventionId, ENTITY_ID, ENTITY_ID_DESCRIPTION);
  const trustCode = errors.pattern('trustCode', data.trustCode, ODS_CODE, ODS_DESCRIPTION);
  const title = errors.optionalText('title', data.title, { max: 200 });
  const adaptations = adaptationNote(errors, data.adaptations);
  const sharing = errors.oneOf('sharing', data.sharing, SHARING_LEVELS);
  errors.throwIfAny('The adoption');
  if (!interventionId || !sourceInterventionId || !trustCode || !adaptations || !sharing) return [];

  assertMayActForTrust(actor, trustCode, ADOPT);
  const source = command.context?.source;
  if (!source || source.status === 'INITIAL' || source.interventionId !== sourceInterventionId || !canSee(actor, source)) {
    throw new AdoptionSourceNotFoundError(sourceInterventionId);
  }
  if (state.status !== 'INITIAL') throw new InterventionAlreadyExistsError(interventionId);

  return [
    {
      type: 'InterventionProposed',
      data: {
        interventionId,
        trustCode,
        title: title ?? source.title,
        summary: source.summary,
        category: source.category,
        approach: source.approach,
        targets: adoptedTargets(source.targets, source.trustCode === trustCode),
        sharing,
        proposedAt: command.metadata.now,
        adoptedFrom: { interventionId: source.interventionId, adaptations },
      },
    },
  ];
}

/**
 * The targets an adoption copies, roles and all. Another trust's local measures are left out: the
 * adopting trust cannot record data for them (it may define its own and propose instead). If that
 * leaves no outcome measure, there is nothing to judge the adoption by, and it is refused.
 */
function adoptedTargets(targets: readonly InterventionTarget[], sameTrust: boolean): InterventionTarget[] {
  const kept = targets.filter((t) => sameTrust || !isLocalMeasureCode(t.metric)).map((t) => ({ metric: t.metric, direction: t.direction, role: t.role }));
  if (!kept.some((t) => t.role === 'OUTCOME')) {
    throw new InvalidCommandError(ADOPT_SUBJECT, [
      {
        path: 'sourceInterventionId',
        message:
          "its outcome measures are the other trust's own local measures, which your trust cannot record; define a local measure of your own and propose the intervention instead",
      },
    ]);
  }
  return kept;
}
const ADOPT_SUBJECT = 'The adoption';

function adaptationNote(errors: FieldErrors, value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') {
    errors.add('adaptations', 'is required: say what your trust changed to fit its own context');
    return undefined;
  }
  const note = value.trim();
  if (note.length > ADAPTATIONS_MAX) {
    errors.add('adaptations', `must be at most ${ADAPTATIONS_MAX} characters (it has ${note.length})`);
    return undefined;
  }
  if (CONTROL_CHARACTERS.test(note)) {
    errors.add('adaptations', 'must be plain text: remove the control characters');
    return undefined;
  }
  return note;
}

function decide(command: InterventionCommand, state: InterventionState): InterventionEvent[] {
  switch (command.type) {
    case 'ProposeIntervention':
      return proposeIntervention(command, state);
    case 'StartIntervention':
      return startIntervention(command, state);
    case 'LogPdsaCycle':
      return logPdsaCycle(command, state);
    case 'CompleteIntervention':
      return completeIntervention(command, state);
    case 'AbandonIntervention':
      return abandonIntervention(command, state);
    case 'ChangeSharing':
      return changeSharing(command, state);
    case 'AdoptIntervention':
      return adoptIntervention(command, state);
    default: {
      const _never: never = command;
      throw new Error(`Unknown intervention command ${(_never as { type: string }).type}`);
    }
  }
}

export const interventionDecider: Decider<InterventionCommand, InterventionEvent, InterventionState> = {
  initialState,
  evolve,
  decide,
};

// ---- Helpers ----

const ODS_DESCRIPTION = 'an ODS code: 3 to 5 upper-case letters or digits, e.g. RJ1';
const ENTITY_ID_DESCRIPTION = 'an id of up to 64 letters, digits and hyphens (a UUID)';
const MAX_TARGETS = 10;

type LifecycleCommand = Exclude<InterventionCommand, ProposeIntervention | AdoptIntervention>;

/**
 * The common front of every lifecycle command, in a fixed order: the role may write at all,
 * the data is valid (all problems at once), the intervention exists and the actor may see it,
 * and the actor may act for the trust that owns it. One the actor may not see (another trust's
 * PRIVATE intervention) is not found, exactly like a missing one: the answer must not tell that
 * it exists. One the actor may see but not change (another trust's TRUSTS one) is forbidden.
 */
function existing(command: LifecycleCommand, state: InterventionState, errors: FieldErrors): ExistingIntervention {
  const { actor } = command.metadata;
  assertMayWrite(actor, command.type);
  const interventionId = errors.requiredText('interventionId', untrusted(command.data).interventionId, { max: 64 });
  errors.throwIfAny(command.type);
  if (state.status === 'INITIAL' || !canSee(actor, state)) throw new InterventionNotFoundError(interventionId ?? '');
  assertMayActForTrust(actor, state.trustCode, command.type);
  return state;
}

function illegal(
  command: LifecycleCommand,
  intervention: ExistingIntervention,
  allowedFrom: readonly InterventionStatus[],
): IllegalInterventionTransitionError {
  return new IllegalInterventionTransitionError(intervention.interventionId, command.type, intervention.status, allowedFrom);
}

/**
 * Each target: a metric valid for the trust (catalogue or its own local measure), a direction and a
 * role (OUTCOME when not given). At least one target must be an outcome: process and balancing
 * measures only make sense beside what the intervention sets out to improve.
 */
function validateTargets(
  errors: FieldErrors,
  value: unknown,
  trustCode: string | undefined,
  localMeasures: readonly LocalMeasure[],
): InterventionTarget[] | undefined {
  const before = errors.count;
  const items = errors.list('targets', value, { min: 1, max: MAX_TARGETS });
  const targets: InterventionTarget[] = [];
  const seenAt = new Map<string, number>();
  items.forEach((item, index) => {
    const raw = errors.object(path('targets', index), item);
    const metric = errors.metric(path('targets', index, 'metric'), raw.metric, { trustCode, localMeasures });
    const direction = errors.oneOf(path('targets', index, 'direction'), raw.direction, DIRECTIONS);
    const role = raw.role === undefined || raw.role === null ? 'OUTCOME' : errors.oneOf(path('targets', index, 'role'), raw.role, TARGET_ROLES);
    if (metric) {
      const first = seenAt.get(metric.code);
      if (first !== undefined) {
        errors.add(path('targets', index, 'metric'), `${metric.code} is already a target (targets.${first})`);
      } else {
        seenAt.set(metric.code, index);
      }
    }
    if (metric && direction && role) targets.push({ metric: metric.code, direction, role });
  });
  if (errors.count === before && targets.length > 0 && !targets.some((t) => t.role === 'OUTCOME')) {
    errors.add(
      'targets',
      'must include at least one outcome measure: the result the intervention sets out to improve (process and balancing measures go beside it)',
    );
  }
  return errors.count > before ? undefined : targets;
}

function validateCycle(errors: FieldErrors, value: unknown): PdsaCycle | undefined {
  const before = errors.count;
  const raw = errors.object('cycle', value);
  if (errors.count > before) return undefined;
  const limits = { max: 5000 };
  const plan = errors.requiredText('cycle.plan', raw.plan, limits);
  const doStep = errors.requiredText('cycle.do', raw.do, limits);
  const study = errors.requiredText('cycle.study', raw.study, limits);
  const act = errors.requiredText('cycle.act', raw.act, limits);
  const cycleDate = errors.date('cycle.cycleDate', raw.cycleDate);
  if (!plan || !doStep || !study || !act || !cycleDate) return undefined;
  return { plan, do: doStep, study, act, cycleDate };
}
