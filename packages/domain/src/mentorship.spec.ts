import type { EndMentorship, OfferMentorship, RequestMentorship, RespondToMentorship, WithdrawMentorshipOffer } from './commands';
import { ConflictError, ForbiddenError, InvalidCommandError } from './errors';
import type { MentorshipAccepted, MentorshipOffered, MentorshipRequested } from './events';
import { MentorshipNotFoundError, MentorshipOfferNotFoundError, mentorshipDecider } from './mentorship';
import type { Actor } from './shared';
import { DeciderSpecification } from './testing/decider-spec';
import { actors, commandMetadata } from './testing/fixtures';

const spec = DeciderSpecification.for(mentorshipDecider);
const NOW = '2025-06-15T09:30:00.000Z';
const OFFER = 'offer-1';
const mentor: Actor = { id: 'asha', role: 'TRUST_EDITOR', trustCode: 'RJ1', name: 'Asha Patel' };
const asker: Actor = { id: 'sam', role: 'TRUST_EDITOR', trustCode: 'RXH', name: 'Sam Jones' };
const other: Actor = { id: 'kim', role: 'TRUST_EDITOR', trustCode: 'RA7', name: 'Kim Lee' };

const offer = (data: Partial<OfferMentorship['data']> = {}, actor: Actor = mentor): OfferMentorship => ({
  type: 'OfferMentorship',
  data: { offerId: OFFER, categories: ['PATIENT_FLOW'], metrics: ['ae-4hr'], capacity: 1, note: 'Front-door streaming', ...data },
  metadata: commandMetadata(actor, NOW),
});
const request = (mentorshipId = 'm-1', actor: Actor = asker, trustCode = actor.trustCode ?? 'RXH'): RequestMentorship => ({
  type: 'RequestMentorship',
  data: { offerId: OFFER, mentorshipId, trustCode, message: 'Our 4-hour performance fell after winter' },
  metadata: commandMetadata(actor, NOW),
});
const respond = (accept: boolean, actor: Actor = mentor, mentorshipId = 'm-1'): RespondToMentorship => ({
  type: 'RespondToMentorship',
  data: { offerId: OFFER, mentorshipId, accept },
  metadata: commandMetadata(actor, NOW),
});
const end = (actor: Actor, mentorshipId = 'm-1'): EndMentorship => ({
  type: 'EndMentorship',
  data: { offerId: OFFER, mentorshipId },
  metadata: commandMetadata(actor, NOW),
});
const withdraw = (actor: Actor = mentor): WithdrawMentorshipOffer => ({
  type: 'WithdrawMentorshipOffer',
  data: { offerId: OFFER },
  metadata: commandMetadata(actor, NOW),
});

const person = (a: Actor) => ({ id: a.id, name: a.name as string, role: a.role, trustCode: a.trustCode as string });
const offered: MentorshipOffered = {
  type: 'MentorshipOffered',
  data: {
    offerId: OFFER,
    mentor: person(mentor),
    categories: ['PATIENT_FLOW'],
    metrics: ['ae-4hr'],
    capacity: 1,
    note: 'Front-door streaming',
    offeredAt: NOW,
  },
};
const requested = (mentorshipId = 'm-1', by: Actor = asker): MentorshipRequested => ({
  type: 'MentorshipRequested',
  data: {
    offerId: OFFER,
    mentorshipId,
    trustCode: by.trustCode as string,
    requester: person(by),
    message: 'Our 4-hour performance fell after winter',
    requestedAt: NOW,
  },
});
const accepted = (mentorshipId = 'm-1'): MentorshipAccepted => ({ type: 'MentorshipAccepted', data: { offerId: OFFER, mentorshipId, respondedAt: NOW } });

describe('OfferMentorship', () => {
  it('records the mentor as the verified actor (id, name, trust), never from the data', () => {
    spec.given([]).when(offer()).then([offered]);
  });

  it('names a mentor without a name in their token by role and trust', () => {
    const { name: _name, ...unnamed } = mentor;
    spec
      .given([])
      .when(offer({}, unnamed))
      .then([{ ...offered, data: { ...offered.data, mentor: { ...offered.data.mentor, name: 'Trust editor (RJ1)' } } }]);
  });

  it.each([actors.community, actors.policymaker, actors.admin])('is only for trust editors, not %o', (actor) => {
    const error = spec.given([]).when(offer({}, actor)).thenThrows(ForbiddenError);
    expect(error.message).toMatch(/Only a trust editor can offer mentorship/);
  });

  it('lists every bad field at once, in plain words', () => {
    const error = spec
      .given([])
      .when(offer({ categories: [], metrics: ['no-such-metric'], capacity: 21, note: 'x'.repeat(2001) }))
      .thenThrows(InvalidCommandError);
    expect(error.fields.map((f) => f.path)).toEqual(['categories', 'metrics.0', 'capacity', 'note']);
    expect(error.message).toMatch(/^The mentorship offer is invalid: categories: must have at least one entry/);
    expect(error.message).toContain('capacity: must be between 1 and 20');
    expect(error.message).not.toContain('OfferMentorship');
  });

  it('rejects a capacity of 0 and a repeated category', () => {
    const error = spec
      .given([])
      .when(offer({ capacity: 0, categories: ['WORKFORCE', 'WORKFORCE'] }))
      .thenThrows(InvalidCommandError);
    expect(error.fields.map((f) => f.path)).toEqual(['categories.1', 'capacity']);
  });

  it('is a conflict for an offer id already used', () => {
    spec.given([offered]).when(offer()).thenThrows(ConflictError);
  });
});

describe('RequestMentorship', () => {
  it('records the request with the verified requester', () => {
    spec.given([offered]).when(request()).then([requested()]);
  });

  it('lets an admin ask for any trust', () => {
    const admin: Actor = { id: 'admin-1', role: 'ADMIN', name: 'Ada' };
    spec
      .given([offered])
      .when(request('m-1', admin, 'RXH'))
      .then([{ ...requested(), data: { ...requested().data, requester: { id: 'admin-1', name: 'Ada', role: 'ADMIN' } } }]);
  });

  it('is for an editor of the trust asking only', () => {
    spec
      .given([offered])
      .when(request('m-1', other, 'RXH'))
      .thenThrows(ForbiddenError);
    spec
      .given([offered])
      .when(request('m-1', actors.community, 'RXH'))
      .thenThrows(ForbiddenError);
    spec
      .given([offered])
      .when(request('m-1', actors.policymaker, 'RXH'))
      .thenThrows(ForbiddenError);
  });

  it('is not for your own offer, nor for a mentor at your own trust', () => {
    expect(spec.given([offered]).when(request('m-1', mentor)).thenThrows(ConflictError).code).toBe('OWN_OFFER');
    const colleague: Actor = { id: 'lee', role: 'TRUST_EDITOR', trustCode: 'RJ1' };
    expect(spec.given([offered]).when(request('m-1', colleague)).thenThrows(ConflictError).code).toBe('OWN_TRUST');
  });

  it('respects capacity: a full offer takes no request (pending requests do not take a place)', () => {
    spec
      .given([offered, requested('m-1')])
      .when(request('m-2', other))
      .then([requested('m-2', other)]);
    const error = spec
      .given([offered, requested('m-1'), accepted('m-1')])
      .when(request('m-2', other))
      .thenThrows(ConflictError);
    expect(error.code).toBe('OFFER_FULL');
    expect(error.message).toMatch(/already mentoring 1 trust/);
  });

  it('frees the place when a mentorship ends', () => {
    const ended = { type: 'MentorshipEnded' as const, data: { offerId: OFFER, mentorshipId: 'm-1', endedBy: person(asker), endedAt: NOW } };
    spec
      .given([offered, requested('m-1'), accepted('m-1'), ended])
      .when(request('m-2', other))
      .then([requested('m-2', other)]);
  });

  it('is a conflict while the trust already has an open request, or once the offer is withdrawn', () => {
    expect(
      spec
        .given([offered, requested('m-1')])
        .when(request('m-2'))
        .thenThrows(ConflictError).code,
    ).toBe('ALREADY_REQUESTED');
    const withdrawn = { type: 'MentorshipOfferWithdrawn' as const, data: { offerId: OFFER, withdrawnAt: NOW } };
    expect(spec.given([offered, withdrawn]).when(request()).thenThrows(ConflictError).code).toBe('OFFER_WITHDRAWN');
  });

  it('needs the offer and a message', () => {
    spec.given([]).when(request()).thenThrows(MentorshipOfferNotFoundError);
    const blank = { ...request(), data: { ...request().data, message: ' ' } };
    expect(spec.given([offered]).when(blank).thenThrows(InvalidCommandError).message).toBe('The mentorship request is invalid: message: is required');
  });
});

describe('RespondToMentorship', () => {
  it('accepts or declines, by the mentor only', () => {
    spec.given([offered, requested()]).when(respond(true)).then([accepted()]);
    spec
      .given([offered, requested()])
      .when(respond(false))
      .then([{ type: 'MentorshipDeclined', data: { offerId: OFFER, mentorshipId: 'm-1', respondedAt: NOW } }]);
    spec.given([offered, requested()]).when(respond(true, asker)).thenThrows(ForbiddenError);
  });

  it('answers a stranger exactly as for a missing mentorship', () => {
    const hidden = spec.given([offered, requested()]).when(respond(true, other)).thenThrows(MentorshipNotFoundError);
    const missing = spec
      .given([offered, requested()])
      .when(respond(true, other, 'm-9'))
      .thenThrows(MentorshipNotFoundError);
    expect(hidden.message.replace('m-1', 'X')).toBe(missing.message.replace('m-9', 'X'));
  });

  it('does not accept beyond capacity, nor answer twice', () => {
    const full = spec
      .given([offered, requested('m-1'), requested('m-2', other), accepted('m-1')])
      .when(respond(true, mentor, 'm-2'))
      .thenThrows(ConflictError);
    expect(full.code).toBe('OFFER_FULL');
    expect(spec.given([offered, requested(), accepted()]).when(respond(false)).thenThrows(ConflictError).code).toBe('ALREADY_ANSWERED');
  });
});

describe('EndMentorship', () => {
  it('may be ended by either party or an admin, and ending twice changes nothing', () => {
    for (const by of [mentor, asker, actors.admin] as Actor[]) {
      spec
        .given([offered, requested(), accepted()])
        .when(end(by))
        .then([
          {
            type: 'MentorshipEnded',
            data: {
              offerId: OFFER,
              mentorshipId: 'm-1',
              endedBy: { id: by.id, name: by.name ?? 'Administrator', role: by.role, ...(by.trustCode ? { trustCode: by.trustCode } : {}) },
              endedAt: NOW,
            },
          },
        ]);
    }
    const ended = { type: 'MentorshipEnded' as const, data: { offerId: OFFER, mentorshipId: 'm-1', endedBy: person(asker), endedAt: NOW } };
    spec.given([offered, requested(), ended]).when(end(mentor)).thenNothingHappens();
  });

  it('is not found for a third party', () => {
    spec.given([offered, requested()]).when(end(other)).thenThrows(MentorshipNotFoundError);
  });
});

describe('WithdrawMentorshipOffer', () => {
  it('is for the mentor (or an admin), once', () => {
    const withdrawn = { type: 'MentorshipOfferWithdrawn' as const, data: { offerId: OFFER, withdrawnAt: NOW } };
    spec.given([offered]).when(withdraw()).then([withdrawn]);
    spec.given([offered, withdrawn]).when(withdraw()).thenNothingHappens();
    spec.given([offered]).when(withdraw(asker)).thenThrows(ForbiddenError);
  });
});
