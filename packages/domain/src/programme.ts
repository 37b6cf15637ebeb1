import type { AppointProgrammeCoordinator, CreateProgramme, JoinProgramme, LinkToProgramme, ProgrammeCommand } from './commands';
import { ConflictError, ForbiddenError, NotFoundError, TrustNotFoundError } from './errors';
import type { ProgrammeEvent } from './events';
import { visibleIntervention } from './lesson';
import { personOf } from './mentorship';
import { INTERVENTION_CATEGORIES, type Actor, type Decider } from './shared';
import { ENTITY_ID, FieldErrors, ODS_CODE, untrusted } from './validation';

/**
 * A programme (a collaborative): several trusts improving the same thing together, e.g. a
 * regional patient-flow collaborative (stream `programme-<programmeId>`). Its membership, its
 * coordinators and the interventions linked to it live in its one stream, so "join once" and
 * "link only interventions of member trusts" are checked against the whole truth and two racing
 * commands are serialised by the stream's expected version. The coordinator role is the
 * programme's own (its state), not a role in anyone's token: a policymaker who creates a
 * programme coordinates that programme and no other.
 *
 * Facts from other streams (the joining trust is registered; the linked intervention's trust and
 * sharing) are loaded at the command edge into `command.context` (see command-context.ts).
 */

export const MIN_PROGRAMME_NAME = 3;
export const MAX_PROGRAMME_NAME = 120;
export const MAX_PROGRAMME_AIM = 1000;

export interface ActiveProgramme {
  readonly status: 'ACTIVE';
  readonly programmeId: string;
  readonly name: string;
  readonly metric: string;
  readonly coordinatorIds: readonly string[];
  readonly memberCodes: readonly string[];
  readonly interventionIds: readonly string[];
}
export type ProgrammeState = { readonly status: 'INITIAL' } | ActiveProgramme;

const initialState = (): ProgrammeState => ({ status: 'INITIAL' });

function evolve(state: ProgrammeState, event: ProgrammeEvent): ProgrammeState {
  switch (event.type) {
    case 'ProgrammeCreated':
      return {
        status: 'ACTIVE',
        programmeId: event.data.programmeId,
        name: event.data.name,
        metric: event.data.metric,
        coordinatorIds: [event.data.coordinator.id],
        memberCodes: [],
        interventionIds: [],
      };
    case 'ProgrammeCoordinatorAppointed':
      if (state.status === 'INITIAL' || state.coordinatorIds.includes(event.data.coordinator.id)) return state;
      return { ...state, coordinatorIds: [...state.coordinatorIds, event.data.coordinator.id] };
    case 'TrustJoinedProgramme':
      if (state.status === 'INITIAL' || state.memberCodes.includes(event.data.trustCode)) return state;
      return { ...state, memberCodes: [...state.memberCodes, event.data.trustCode] };
    case 'InterventionLinkedToProgramme':
      if (state.status === 'INITIAL' || state.interventionIds.includes(event.data.interventionId)) return state;
      return { ...state, interventionIds: [...state.interventionIds, event.data.interventionId] };
    default: {
      const _never: never = event;
      return state;
    }
  }
}

export class ProgrammeNotFoundError extends NotFoundError {
  constructor(readonly programmeId: string) {
    super('PROGRAMME_NOT_FOUND', `There is no programme ${programmeId}. Check the id of the programme.`);
  }
}

/** Whether the actor coordinates this programme (its own list; no token role grants it). */
export function isCoordinator(actor: Actor, state: ProgrammeState): boolean {
  return state.status === 'ACTIVE' && state.coordinatorIds.includes(actor.id);
}

const isAdmin = (actor: Actor) => actor.role === 'ADMIN' || actor.role === 'SYSTEM';

function existing(state: ProgrammeState, programmeId: string): ActiveProgramme {
  if (state.status === 'INITIAL' || state.programmeId !== programmeId) throw new ProgrammeNotFoundError(programmeId);
  return state;
}

function createProgramme(command: CreateProgramme, state: ProgrammeState): ProgrammeEvent[] {
  const { actor } = command.metadata;
  if (actor.role !== 'POLICYMAKER' && !isAdmin(actor)) {
    throw new ForbiddenError('ROLE_NOT_ALLOWED', 'Only policymakers and administrators can create a programme. Ask one of them to set it up, then join it.');
  }
  const data = untrusted(command.data);
  const errors = new FieldErrors();
  const programmeId = errors.pattern('programmeId', data.programmeId, ENTITY_ID, ENTITY_ID_DESCRIPTION);
  const name = errors.plainText('name', data.name, { max: MAX_PROGRAMME_NAME });
  if (name !== undefined && name.length < MIN_PROGRAMME_NAME) errors.add('name', `must be at least ${MIN_PROGRAMME_NAME} characters`);
  const aim = errors.plainText('aim', data.aim, { max: MAX_PROGRAMME_AIM });
  const category = errors.oneOf('category', data.category, INTERVENTION_CATEGORIES);
  const metric = errors.metric('metric', data.metric);
  errors.throwIfAny('The programme');
  if (!programmeId || !name || !aim || !category || !metric) return [];
  if (state.status !== 'INITIAL')
    throw new ConflictError('PROGRAMME_ALREADY_EXISTS', `A programme with id ${programmeId} already exists. Create the new programme with a new id.`);
  return [
    {
      type: 'ProgrammeCreated',
      data: { programmeId, name, aim, category, metric: metric.code, coordinator: personOf(actor), createdAt: command.metadata.now },
    },
  ];
}

function appointCoordinator(command: AppointProgrammeCoordinator, state: ProgrammeState): ProgrammeEvent[] {
  const { actor } = command.metadata;
  const data = untrusted(command.data);
  const errors = new FieldErrors();
  const programmeId = errors.pattern('programmeId', data.programmeId, ENTITY_ID, ENTITY_ID_DESCRIPTION);
  const coordinatorId = errors.requiredText('personId', data.coordinatorId, { max: 200 });
  const coordinatorName = errors.plainText('name', data.coordinatorName, { max: 200 });
  errors.throwIfAny('The appointment');
  if (!programmeId || !coordinatorId || !coordinatorName) return [];
  const programme = existing(state, programmeId);
  if (!isAdmin(actor) && !isCoordinator(actor, programme)) {
    throw new ForbiddenError('ROLE_NOT_ALLOWED', 'Only a coordinator of this programme or an administrator can appoint its coordinators.');
  }
  if (programme.coordinatorIds.includes(coordinatorId)) return [];
  return [
    {
      type: 'ProgrammeCoordinatorAppointed',
      data: { programmeId, coordinator: { id: coordinatorId, name: coordinatorName }, appointedBy: personOf(actor), appointedAt: command.metadata.now },
    },
  ];
}

function joinProgramme(command: JoinProgramme, state: ProgrammeState): ProgrammeEvent[] {
  const { actor } = command.metadata;
  const data = untrusted(command.data);
  const errors = new FieldErrors();
  const programmeId = errors.pattern('programmeId', data.programmeId, ENTITY_ID, ENTITY_ID_DESCRIPTION);
  const trustCode = errors.pattern('trustCode', data.trustCode, ODS_CODE, 'an ODS code such as RJ1');
  errors.throwIfAny('The request to join');
  if (!programmeId || !trustCode) return [];
  const programme = existing(state, programmeId);
  const forOwnTrust = actor.role === 'TRUST_EDITOR' && actor.trustCode === trustCode;
  if (!forOwnTrust && !isAdmin(actor) && !isCoordinator(actor, programme)) {
    throw new ForbiddenError(
      actor.role === 'TRUST_EDITOR' ? 'OTHER_TRUST' : 'ROLE_NOT_ALLOWED',
      actor.role === 'TRUST_EDITOR'
        ? `You edit for trust ${actor.trustCode ?? '(none)'} and cannot make trust ${trustCode} join a programme; its own editors can.`
        : "Only an editor of the trust, the programme's coordinators or an administrator can make a trust join a programme.",
    );
  }
  const trust = command.context?.trust;
  if (!trust || trust.status !== 'REGISTERED' || trust.code !== trustCode) throw new TrustNotFoundError(trustCode);
  if (programme.memberCodes.includes(trustCode))
    throw new ConflictError('ALREADY_A_MEMBER', `Trust ${trustCode} is already a member of ${programme.name}; it does not need to join again.`);
  return [{ type: 'TrustJoinedProgramme', data: { programmeId, trustCode, trustName: trust.name, joinedBy: personOf(actor), joinedAt: command.metadata.now } }];
}

function linkToProgramme(command: LinkToProgramme, state: ProgrammeState): ProgrammeEvent[] {
  const { actor } = command.metadata;
  const data = untrusted(command.data);
  const errors = new FieldErrors();
  const programmeId = errors.pattern('programmeId', data.programmeId, ENTITY_ID, ENTITY_ID_DESCRIPTION);
  const interventionId = errors.pattern('interventionId', data.interventionId, ENTITY_ID, ENTITY_ID_DESCRIPTION);
  errors.throwIfAny('The link');
  if (!programmeId || !interventionId) return [];
  const programme = existing(state, programmeId);
  // An intervention the actor may not see answers like a missing one.
  const intervention = visibleIntervention(actor, interventionId, command.context?.intervention);
  const coordinator = isCoordinator(actor, programme);
  const ownTrustsEditor = actor.role === 'TRUST_EDITOR' && actor.trustCode === intervention.trustCode;
  if (!coordinator && !ownTrustsEditor && !isAdmin(actor)) {
    throw new ForbiddenError(
      actor.role === 'TRUST_EDITOR' ? 'OTHER_TRUST' : 'ROLE_NOT_ALLOWED',
      actor.role === 'TRUST_EDITOR'
        ? `You edit for trust ${actor.trustCode ?? '(none)'} and cannot link trust ${intervention.trustCode}'s intervention to a programme; its editors or the programme's coordinators can.`
        : "Only the programme's coordinators, editors of the intervention's trust or an administrator can link an intervention to a programme.",
    );
  }
  if (!programme.memberCodes.includes(intervention.trustCode)) {
    throw new ConflictError(
      'TRUST_NOT_A_MEMBER',
      `Trust ${intervention.trustCode} is not a member of ${programme.name}. The trust must join the programme before its interventions can be linked.`,
    );
  }
  if (programme.interventionIds.includes(interventionId))
    throw new ConflictError('ALREADY_LINKED', `This intervention is already linked to ${programme.name}.`);
  return [
    {
      type: 'InterventionLinkedToProgramme',
      data: { programmeId, interventionId, trustCode: intervention.trustCode, linkedBy: personOf(actor), linkedAt: command.metadata.now },
    },
  ];
}

function decide(command: ProgrammeCommand, state: ProgrammeState): ProgrammeEvent[] {
  switch (command.type) {
    case 'CreateProgramme':
      return createProgramme(command, state);
    case 'AppointProgrammeCoordinator':
      return appointCoordinator(command, state);
    case 'JoinProgramme':
      return joinProgramme(command, state);
    case 'LinkToProgramme':
      return linkToProgramme(command, state);
    default: {
      const _never: never = command;
      throw new Error(`Unknown programme command ${(_never as { type: string }).type}`);
    }
  }
}

export const programmeDecider: Decider<ProgrammeCommand, ProgrammeEvent, ProgrammeState> = { initialState, evolve, decide };

const ENTITY_ID_DESCRIPTION = 'an id of up to 64 letters, digits and hyphens (a UUID)';
