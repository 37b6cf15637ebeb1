import { z } from 'zod';
import { approach, entityId, interventionCategory, isoDate, isoDateTime, odsCode, pdsaCycle, sharing, target, text } from './common';

/** InterventionProposed v1 (current). */
export const interventionProposedV1 = z.strictObject({
  interventionId: entityId,
  trustCode: odsCode,
  title: text,
  summary: text,
  category: interventionCategory,
  rootCause: text.optional(),
  approach,
  targets: z.array(target).min(1),
  sharing,
  proposedAt: isoDateTime,
  // An adoption (AdoptIntervention): optional, so every event stored before adoptions existed is
  // this same v1 shape; readers that ignore it see an ordinary proposal at the adopting trust.
  adoptedFrom: z.strictObject({ interventionId: entityId, adaptations: text }).optional(),
});

/** InterventionStarted v1 (current). */
export const interventionStartedV1 = z.strictObject({ interventionId: entityId, startedOn: isoDate });

/** PdsaCycleLogged v1 (current). */
export const pdsaCycleLoggedV1 = z.strictObject({
  interventionId: entityId,
  cycleNumber: z.number().int().positive(),
  cycle: pdsaCycle,
  loggedAt: isoDateTime,
});

/** InterventionCompleted v1 (current). */
export const interventionCompletedV1 = z.strictObject({
  interventionId: entityId,
  completedOn: isoDate,
  summary: text.optional(),
});

/** InterventionAbandoned v1 (current). */
export const interventionAbandonedV1 = z.strictObject({ interventionId: entityId, abandonedOn: isoDate, reason: text });

/** InterventionSharingChanged v1 (current). */
export const interventionSharingChangedV1 = z.strictObject({ interventionId: entityId, from: sharing, to: sharing });
