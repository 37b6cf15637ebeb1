import { z } from 'zod';
import { entityId, interventionCategory, isoDateTime, metricCode, odsCode, text } from './common';
import { mentorshipPerson } from './mentorship';

/** A person named on a programme: a coordinator appointed by id and name. */
export const programmePerson = z.strictObject({ id: z.string().min(1), name: text });

/** ProgrammeCreated v1 (current). */
export const programmeCreatedV1 = z.strictObject({
  programmeId: entityId,
  name: text,
  aim: text,
  category: interventionCategory,
  metric: metricCode,
  coordinator: mentorshipPerson,
  createdAt: isoDateTime,
});

/** ProgrammeCoordinatorAppointed v1 (current). */
export const programmeCoordinatorAppointedV1 = z.strictObject({
  programmeId: entityId,
  coordinator: programmePerson,
  appointedBy: mentorshipPerson,
  appointedAt: isoDateTime,
});

/** TrustJoinedProgramme v1 (current). */
export const trustJoinedProgrammeV1 = z.strictObject({
  programmeId: entityId,
  trustCode: odsCode,
  trustName: text,
  joinedBy: mentorshipPerson,
  joinedAt: isoDateTime,
});

/** InterventionLinkedToProgramme v1 (current). */
export const interventionLinkedToProgrammeV1 = z.strictObject({
  programmeId: entityId,
  interventionId: entityId,
  trustCode: odsCode,
  linkedBy: mentorshipPerson,
  linkedAt: isoDateTime,
});
