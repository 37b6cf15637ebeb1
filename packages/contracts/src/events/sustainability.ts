import { SUSTAINABILITY_FACTORS } from '@longview/domain';
import { z } from 'zod';
import { entityId, isoDate, isoDateTime, odsCode, text } from './common';
import { mentorshipPerson } from './mentorship';

/** SustainabilityAssessed v1 (current). */
export const sustainabilityAssessedV1 = z.strictObject({
  interventionId: entityId,
  trustCode: odsCode,
  assessedOn: isoDate,
  scale: z.literal('LONGVIEW_LINEAR_V1'),
  scores: z.array(z.strictObject({ factor: z.enum(SUSTAINABILITY_FACTORS), level: z.number().int().min(1).max(4) })).length(10),
  note: text.optional(),
  assessedBy: mentorshipPerson,
  assessedAt: isoDateTime,
});
