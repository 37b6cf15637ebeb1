import { ROLES } from '@longview/domain';
import { z } from 'zod';
import { entityId, interventionCategory, isoDateTime, metricCode, odsCode, text } from './common';

/** A person as the verified actor named them (never taken from a command's input). */
export const mentorshipPerson = z.strictObject({
  id: z.string().min(1),
  name: text,
  role: z.enum(ROLES),
  trustCode: odsCode.optional(),
});

/** MentorshipOffered v1 (current). */
export const mentorshipOfferedV1 = z.strictObject({
  offerId: entityId,
  mentor: mentorshipPerson,
  categories: z.array(interventionCategory).min(1),
  metrics: z.array(metricCode),
  capacity: z.number().int().positive(),
  note: text.optional(),
  offeredAt: isoDateTime,
});

/** MentorshipOfferWithdrawn v1 (current). */
export const mentorshipOfferWithdrawnV1 = z.strictObject({ offerId: entityId, withdrawnAt: isoDateTime });

/** MentorshipRequested v1 (current). */
export const mentorshipRequestedV1 = z.strictObject({
  offerId: entityId,
  mentorshipId: entityId,
  trustCode: odsCode,
  requester: mentorshipPerson,
  message: text,
  requestedAt: isoDateTime,
});

/** MentorshipAccepted v1 (current). */
export const mentorshipAcceptedV1 = z.strictObject({ offerId: entityId, mentorshipId: entityId, respondedAt: isoDateTime });

/** MentorshipDeclined v1 (current). */
export const mentorshipDeclinedV1 = z.strictObject({ offerId: entityId, mentorshipId: entityId, respondedAt: isoDateTime });

/** MentorshipEnded v1 (current). */
export const mentorshipEndedV1 = z.strictObject({ offerId: entityId, mentorshipId: entityId, endedBy: mentorshipPerson, endedAt: isoDateTime });
