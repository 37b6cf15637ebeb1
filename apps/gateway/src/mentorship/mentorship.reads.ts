import { findMetric, INTERVENTION_CATEGORIES, MentorshipNotFoundError, MentorshipOfferNotFoundError } from '@longview/domain';
import type { MentorMatchView, MentorshipOfferView, MentorshipView } from '@longview/contracts';
import type { GatewayContext } from '../context';
import { badUserInput, gatewayError } from '../shared/errors';

/** Query.mentors: BAD_USER_INPUT for an unknown metric, NOT_FOUND for an unknown trust. */
export async function mentors(
  context: GatewayContext,
  trustCode: string,
  category: string | null | undefined,
  metric: string | null | undefined,
): Promise<readonly MentorMatchView[]> {
  if (metric && !findMetric(metric)) {
    throw badUserInput(`Unknown metric "${metric}"`, [{ path: 'metric', message: 'Must be a metric code from Query.metrics, e.g. ae-4hr' }]);
  }
  if (category && !(INTERVENTION_CATEGORIES as readonly string[]).includes(category)) {
    throw badUserInput(`Unknown category "${category}"`, [{ path: 'category', message: `Must be one of ${INTERVENTION_CATEGORIES.join(', ')}` }]);
  }
  const found = await context.queries.listMentors(trustCode, category ?? undefined, metric ?? undefined, context.position.options());
  if (!found) throw gatewayError('NOT_FOUND', `There is no trust with code ${trustCode}.`);
  return found;
}

export async function mentorshipOffer(context: GatewayContext, id: string): Promise<MentorshipOfferView | null> {
  return context.queries.getMentorshipOffer(id, context.position.options());
}

export async function myMentorshipOffers(context: GatewayContext): Promise<readonly MentorshipOfferView[]> {
  if (!context.actor) return [];
  return context.queries.listMentorshipOffers(true, context.position.options());
}

export async function mentorships(context: GatewayContext): Promise<readonly MentorshipView[]> {
  if (!context.actor) return [];
  return context.queries.listMentorships(context.position.options());
}

export async function mentorship(context: GatewayContext, id: string): Promise<MentorshipView | null> {
  if (!context.actor) return null;
  return context.queries.getMentorship(id, context.position.options());
}

/** The mentorship a command names, as the viewer may see it; NOT_FOUND in the command side's own words otherwise. */
export async function visibleMentorship(context: GatewayContext, id: string): Promise<MentorshipView> {
  const found = await mentorship(context, id);
  if (!found) throw gatewayError('NOT_FOUND', new MentorshipNotFoundError(id).message);
  return found;
}

export function offerNotFound(id: string) {
  return gatewayError('NOT_FOUND', new MentorshipOfferNotFoundError(id).message);
}
