import { assertMayActForTrust } from './authorisation';
import type { EndMentorship, MentorshipCommand, OfferMentorship, RequestMentorship, RespondToMentorship, WithdrawMentorshipOffer } from './commands';
import { ConflictError, ForbiddenError, StreamNotFoundError } from './errors';
import type { MentorshipEvent, MentorshipPerson } from './events';
import { INTERVENTION_CATEGORIES, type Actor, type Decider, type InterventionCategory } from './shared';
import { ENTITY_ID, FieldErrors, ODS_CODE, path, untrusted } from './validation';

/**
 * A mentorship offer and every mentorship made under it (stream `mentorship-<offerId>`). One
 * stream holds both so the capacity rule (accepted, active mentorships < capacity) is checked
 * against the whole truth and two requests racing for the last place are serialised by the
 * stream's expected version: one wins, the other is a conflict, never an over-full offer.
 */

export const MENTORSHIP_STATUSES = ['REQUESTED', 'ACCEPTED', 'DECLINED', 'ENDED'] as const;
export type MentorshipStatus = (typeof MENTORSHIP_STATUSES)[number];

export const MAX_MENTORSHIP_CAPACITY = 20;
export const MAX_MENTORSHIP_NOTE = 2000;
export const MAX_MENTORSHIP_MESSAGE = 2000;

export interface MentorshipEntry {
  readonly mentorshipId: string;
  readonly trustCode: string;
  readonly requesterId: string;
  readonly status: MentorshipStatus;
}

export interface OpenOffer {
  readonly status: 'OPEN' | 'WITHDRAWN';
  readonly offerId: string;
  readonly mentor: MentorshipPerson;
  readonly capacity: number;
  readonly mentorships: readonly MentorshipEntry[];
}
export type MentorshipOfferState = { readonly status: 'INITIAL' } | OpenOffer;

const initialState = (): MentorshipOfferState => ({ status: 'INITIAL' });

function evolve(state: MentorshipOfferState, event: MentorshipEvent): MentorshipOfferState {
  switch (event.type) {
    case 'MentorshipOffered':
      return { status: 'OPEN', offerId: event.data.offerId, mentor: event.data.mentor, capacity: event.data.capacity, mentorships: [] };
    case 'MentorshipOfferWithdrawn':
      return state.status === 'INITIAL' ? state : { ...state, status: 'WITHDRAWN' };
    case 'MentorshipRequested':
      if (state.status === 'INITIAL') return state;
      return {
        ...state,
        mentorships: [
          ...state.mentorships,
          { mentorshipId: event.data.mentorshipId, trustCode: event.data.trustCode, requesterId: event.data.requester.id, status: 'REQUESTED' },
        ],
      };
    case 'MentorshipAccepted':
      return withStatus(state, event.data.mentorshipId, 'ACCEPTED');
    case 'MentorshipDeclined':
      return withStatus(state, event.data.mentorshipId, 'DECLINED');
    case 'MentorshipEnded':
      return withStatus(state, event.data.mentorshipId, 'ENDED');
    default: {
      const _never: never = event;
      return state;
    }
  }
}

function withStatus(state: MentorshipOfferState, mentorshipId: string, status: MentorshipStatus): MentorshipOfferState {
  if (state.status === 'INITIAL') return state;
  return { ...state, mentorships: state.mentorships.map((m) => (m.mentorshipId === mentorshipId ? { ...m, status } : m)) };
}

/** Accepted mentorships that have not ended: what capacity counts (pending requests do not take a place). */
export function activeMentorships(state: MentorshipOfferState): number {
  return state.status === 'INITIAL' ? 0 : state.mentorships.filter((m) => m.status === 'ACCEPTED').length;
}

// ---- Decide ----

function offerMentorship(command: OfferMentorship, state: MentorshipOfferState): MentorshipEvent[] {
  const { actor } = command.metadata;
  // Offered by a person at a trust, for themselves: only a trust editor has both.
  if (actor.role !== 'TRUST_EDITOR' || !actor.trustCode) {
    throw new ForbiddenError('ROLE_NOT_ALLOWED', 'Only a trust editor can offer mentorship, as a person at their own trust.');
  }
  const data = untrusted(command.data);
  const errors = new FieldErrors();
  const offerId = errors.pattern('offerId', data.offerId, ENTITY_ID, ENTITY_ID_DESCRIPTION);
  const categories = validateCategories(errors, data.categories);
  const metrics = validateMetrics(errors, data.metrics);
  const capacity = errors.number('capacity', data.capacity, { min: 1, max: MAX_MENTORSHIP_CAPACITY, integer: true, rangeName: 'people at a time' });
  const note = errors.optionalText('note', data.note, { max: MAX_MENTORSHIP_NOTE });
  errors.throwIfAny(describe(command));
  if (!offerId || !categories || !metrics || capacity === undefined) return [];
  if (state.status !== 'INITIAL') throw new ConflictError('OFFER_ALREADY_EXISTS', `A mentorship offer with id ${offerId} already exists.`);
  return [
    {
      type: 'MentorshipOffered',
      data: {
        offerId,
        mentor: personOf(actor),
        categories,
        metrics,
        capacity,
        ...(note !== undefined ? { note } : {}),
        offeredAt: command.metadata.now,
      },
    },
  ];
}

function withdrawOffer(command: WithdrawMentorshipOffer, state: MentorshipOfferState): MentorshipEvent[] {
  const offer = existingOffer(command, state);
  if (command.metadata.actor.id !== offer.mentor.id && !isAdmin(command.metadata.actor)) {
    throw new ForbiddenError('ROLE_NOT_ALLOWED', 'Only the mentor who made this offer can withdraw it.');
  }
  if (offer.status === 'WITHDRAWN') return [];
  return [{ type: 'MentorshipOfferWithdrawn', data: { offerId: offer.offerId, withdrawnAt: command.metadata.now } }];
}

function requestMentorship(command: RequestMentorship, state: MentorshipOfferState): MentorshipEvent[] {
  const { actor } = command.metadata;
  if (actor.role !== 'TRUST_EDITOR' && !isAdmin(actor)) {
    throw new ForbiddenError('ROLE_NOT_ALLOWED', 'Only an editor of the trust asking (or an administrator) can ask for mentorship.');
  }
  const data = untrusted(command.data);
  const errors = new FieldErrors();
  const mentorshipId = errors.pattern('mentorshipId', data.mentorshipId, ENTITY_ID, ENTITY_ID_DESCRIPTION);
  const trustCode = errors.pattern('trustCode', data.trustCode, ODS_CODE, 'an ODS code: 3 to 5 upper-case letters or digits, e.g. RJ1');
  const message = errors.requiredText('message', data.message, { max: MAX_MENTORSHIP_MESSAGE });
  const offer = existingOffer(command, state, errors);
  if (!mentorshipId || !trustCode || !message) return [];
  assertMayActForTrust(actor, trustCode, 'ask for mentorship');

  if (offer.mentor.id === actor.id) throw new ConflictError('OWN_OFFER', 'You cannot ask for mentorship on your own offer.');
  if (offer.mentor.trustCode === trustCode) {
    throw new ConflictError('OWN_TRUST', `This mentor works at ${trustCode}: mentorship here is between trusts, so ask a mentor at another trust.`);
  }
  if (offer.status === 'WITHDRAWN') throw new ConflictError('OFFER_WITHDRAWN', 'This mentor has withdrawn the offer; it no longer takes requests.');
  if (offer.mentorships.some((m) => m.mentorshipId === mentorshipId)) {
    throw new ConflictError('MENTORSHIP_ALREADY_EXISTS', `A mentorship with id ${mentorshipId} already exists.`);
  }
  if (offer.mentorships.some((m) => m.trustCode === trustCode && (m.status === 'REQUESTED' || m.status === 'ACCEPTED'))) {
    throw new ConflictError('ALREADY_REQUESTED', `${trustCode} already has an open request or mentorship with this mentor.`);
  }
  if (activeMentorships(offer) >= offer.capacity) throw offerFull(offer);
  return [
    {
      type: 'MentorshipRequested',
      data: { offerId: offer.offerId, mentorshipId, trustCode, requester: personOf(actor), message, requestedAt: command.metadata.now },
    },
  ];
}

function respondToMentorship(command: RespondToMentorship, state: MentorshipOfferState): MentorshipEvent[] {
  const errors = new FieldErrors();
  const accept = untrusted(command.data).accept;
  if (typeof accept !== 'boolean') errors.add('accept', 'must be true (accept) or false (decline)');
  const { offer, mentorship } = existingMentorship(command, state, errors);
  if (command.metadata.actor.id !== offer.mentor.id) throw new ForbiddenError('ROLE_NOT_ALLOWED', 'Only the mentor can accept or decline a request.');
  if (mentorship.status !== 'REQUESTED') {
    throw new ConflictError('ALREADY_ANSWERED', `This request has already been answered: the mentorship is ${mentorship.status.toLowerCase()}.`);
  }
  const data = { offerId: offer.offerId, mentorshipId: mentorship.mentorshipId, respondedAt: command.metadata.now };
  if (!accept) return [{ type: 'MentorshipDeclined', data }];
  if (offer.status === 'WITHDRAWN') throw new ConflictError('OFFER_WITHDRAWN', 'You have withdrawn this offer, so you can only decline its requests.');
  if (activeMentorships(offer) >= offer.capacity) throw offerFull(offer);
  return [{ type: 'MentorshipAccepted', data }];
}

function endMentorship(command: EndMentorship, state: MentorshipOfferState): MentorshipEvent[] {
  const { actor } = command.metadata;
  const { offer, mentorship } = existingMentorship(command, state, new FieldErrors());
  const party =
    actor.id === offer.mentor.id || actor.id === mentorship.requesterId || (actor.role === 'TRUST_EDITOR' && actor.trustCode === mentorship.trustCode);
  if (!party && !isAdmin(actor)) throw new ForbiddenError('ROLE_NOT_ALLOWED', 'Only the mentor or the trust being mentored can end a mentorship.');
  if (mentorship.status === 'ENDED' || mentorship.status === 'DECLINED') return [];
  return [
    {
      type: 'MentorshipEnded',
      data: { offerId: offer.offerId, mentorshipId: mentorship.mentorshipId, endedBy: personOf(actor), endedAt: command.metadata.now },
    },
  ];
}

function decide(command: MentorshipCommand, state: MentorshipOfferState): MentorshipEvent[] {
  switch (command.type) {
    case 'OfferMentorship':
      return offerMentorship(command, state);
    case 'WithdrawMentorshipOffer':
      return withdrawOffer(command, state);
    case 'RequestMentorship':
      return requestMentorship(command, state);
    case 'RespondToMentorship':
      return respondToMentorship(command, state);
    case 'EndMentorship':
      return endMentorship(command, state);
    default: {
      const _never: never = command;
      throw new Error(`Unknown mentorship command ${(_never as { type: string }).type}`);
    }
  }
}

export const mentorshipDecider: Decider<MentorshipCommand, MentorshipEvent, MentorshipOfferState> = { initialState, evolve, decide };

// ---- Helpers ----

const ENTITY_ID_DESCRIPTION = 'an id of up to 64 letters, digits and hyphens (a UUID)';
const MAX_METRICS = 10;

/** How a command is named in an error message: in words, never its type name. */
function describe(command: MentorshipCommand): string {
  switch (command.type) {
    case 'OfferMentorship':
      return 'The mentorship offer';
    case 'WithdrawMentorshipOffer':
      return 'The withdrawal';
    case 'RequestMentorship':
      return 'The mentorship request';
    case 'RespondToMentorship':
      return 'The answer to the request';
    case 'EndMentorship':
      return 'Ending the mentorship';
  }
}

function isAdmin(actor: Actor): boolean {
  return actor.role === 'ADMIN' || actor.role === 'SYSTEM';
}

/** The person as the verified actor names them (never from the command's data). */
export function personOf(actor: Actor): MentorshipPerson {
  return {
    id: actor.id,
    name: actor.name ?? (actor.trustCode ? `Trust editor (${actor.trustCode})` : actor.role === 'ADMIN' ? 'Administrator' : 'Longview'),
    role: actor.role,
    ...(actor.trustCode ? { trustCode: actor.trustCode } : {}),
  };
}

function offerFull(offer: OpenOffer): ConflictError {
  return new ConflictError(
    'OFFER_FULL',
    `This mentor is already mentoring ${offer.capacity} ${offer.capacity === 1 ? 'trust' : 'trusts'}, as many as they offered; ask another mentor or try again later.`,
  );
}

export class MentorshipOfferNotFoundError extends StreamNotFoundError {
  constructor(readonly offerId: string) {
    super(`Mentorship offer ${offerId} does not exist. Check the id.`, 'MENTORSHIP_OFFER_NOT_FOUND');
  }
}

export class MentorshipNotFoundError extends StreamNotFoundError {
  constructor(readonly mentorshipId: string) {
    super(`Mentorship ${mentorshipId} does not exist. Check the id.`, 'MENTORSHIP_NOT_FOUND');
  }
}

function existingOffer(command: MentorshipCommand, state: MentorshipOfferState, errors = new FieldErrors()): OpenOffer {
  const offerId = errors.requiredText('offerId', untrusted(command.data).offerId, { max: 64 });
  errors.throwIfAny(describe(command));
  if (state.status === 'INITIAL') throw new MentorshipOfferNotFoundError(offerId ?? '');
  return state;
}

/**
 * The mentorship the command names, in this offer. Anyone other than its two parties and admins
 * is told it does not exist, exactly as for a missing one: a request is private to its parties.
 */
function existingMentorship(
  command: RespondToMentorship | EndMentorship,
  state: MentorshipOfferState,
  errors: FieldErrors,
): { offer: OpenOffer; mentorship: MentorshipEntry } {
  const mentorshipId = errors.requiredText('mentorshipId', untrusted(command.data).mentorshipId, { max: 64 });
  const offer = existingOffer(command, state, errors);
  const mentorship = offer.mentorships.find((m) => m.mentorshipId === mentorshipId);
  const { actor } = command.metadata;
  const party =
    !!mentorship &&
    (actor.id === offer.mentor.id ||
      actor.id === mentorship.requesterId ||
      isAdmin(actor) ||
      (actor.role === 'TRUST_EDITOR' && actor.trustCode === mentorship.trustCode));
  if (!mentorship || !party) throw new MentorshipNotFoundError(mentorshipId ?? '');
  return { offer, mentorship };
}

function validateCategories(errors: FieldErrors, value: unknown): InterventionCategory[] | undefined {
  const before = errors.count;
  const items = errors.list('categories', value, { min: 1, max: INTERVENTION_CATEGORIES.length });
  const out: InterventionCategory[] = [];
  items.forEach((item, index) => {
    const category = errors.oneOf(path('categories', index), item, INTERVENTION_CATEGORIES);
    if (category && out.includes(category)) errors.add(path('categories', index), `${category} is listed twice`);
    else if (category) out.push(category);
  });
  return errors.count > before ? undefined : out;
}

function validateMetrics(errors: FieldErrors, value: unknown): string[] | undefined {
  const before = errors.count;
  const items = errors.list('metrics', value, { min: 0, max: MAX_METRICS });
  const out: string[] = [];
  items.forEach((item, index) => {
    const metric = errors.metric(path('metrics', index), item);
    if (metric && out.includes(metric.code)) errors.add(path('metrics', index), `${metric.code} is listed twice`);
    else if (metric) out.push(metric.code);
  });
  return errors.count > before ? undefined : out;
}
