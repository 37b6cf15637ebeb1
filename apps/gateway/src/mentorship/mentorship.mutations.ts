import type { CommandAccepted } from '@longview/contracts';
import type {
  EndMentorshipInput,
  OfferMentorshipInput,
  RequestMentorshipInput,
  RespondToMentorshipInput,
  WithdrawMentorshipOfferInput,
} from '../__generated__/resolvers-types';
import type { GatewayContext } from '../context';
import { readBackOrNotFound, send } from '../shared/commands';
import { newAggregateId } from '../shared/new-ids';
import { offerNotFound, visibleMentorship } from './mentorship.reads';
import { MentorshipNotFoundError } from '@longview/domain';

async function offerPayload(context: GatewayContext, offerId: string, accepted: CommandAccepted) {
  const offer = await readBackOrNotFound(accepted, (options) => context.queries.getMentorshipOffer(offerId, options), offerNotFound(offerId).message);
  return { offer, position: accepted.position };
}

async function mentorshipPayload(context: GatewayContext, mentorshipId: string, accepted: CommandAccepted) {
  const mentorship = await readBackOrNotFound(
    accepted,
    (options) => context.queries.getMentorship(mentorshipId, options),
    new MentorshipNotFoundError(mentorshipId).message,
  );
  return { mentorship, position: accepted.position };
}

export async function offerMentorship(context: GatewayContext, input: OfferMentorshipInput) {
  const offerId = newAggregateId(context, 'mentorship-offer', input.commandId);
  const accepted = await send(context, 'OfferMentorship', input, {
    offerId,
    categories: [...input.categories],
    metrics: [...input.metrics],
    capacity: input.capacity,
    ...(input.note ? { note: input.note } : {}),
  });
  return offerPayload(context, offerId, accepted);
}

export async function withdrawMentorshipOffer(context: GatewayContext, input: WithdrawMentorshipOfferInput) {
  const accepted = await send(context, 'WithdrawMentorshipOffer', {}, { offerId: input.offerId });
  return offerPayload(context, input.offerId, accepted);
}

export async function requestMentorship(context: GatewayContext, input: RequestMentorshipInput) {
  const mentorshipId = newAggregateId(context, 'mentorship', input.commandId);
  const accepted = await send(context, 'RequestMentorship', input, {
    offerId: input.offerId,
    mentorshipId,
    trustCode: input.trustCode,
    message: input.message,
  });
  return mentorshipPayload(context, mentorshipId, accepted);
}

/** The command side routes by offer: the offer of a mentorship the viewer may see (a stranger's is NOT_FOUND). */
export async function respondToMentorship(context: GatewayContext, input: RespondToMentorshipInput) {
  const { offer } = await visibleMentorship(context, input.mentorshipId);
  const accepted = await send(context, 'RespondToMentorship', {}, { offerId: offer.id, mentorshipId: input.mentorshipId, accept: input.accept });
  return mentorshipPayload(context, input.mentorshipId, accepted);
}

export async function endMentorship(context: GatewayContext, input: EndMentorshipInput) {
  const { offer } = await visibleMentorship(context, input.mentorshipId);
  const accepted = await send(context, 'EndMentorship', {}, { offerId: offer.id, mentorshipId: input.mentorshipId });
  return mentorshipPayload(context, input.mentorshipId, accepted);
}
