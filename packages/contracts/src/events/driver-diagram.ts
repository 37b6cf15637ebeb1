import { z } from 'zod';
import { entityId, isoDateTime, metricCode, odsCode, sharing, text } from './common';
import { mentorshipPerson } from './mentorship';

const changeIdea = z.strictObject({ text, interventionIds: z.array(entityId) });
const secondaryDriver = z.strictObject({ text, changeIdeas: z.array(changeIdea) });
const primaryDriver = z.strictObject({ text, secondaryDrivers: z.array(secondaryDriver) });

/** DriverDiagramDefined v1 (current). */
export const driverDiagramDefinedV1 = z.strictObject({
  driverDiagramId: entityId,
  trustCode: odsCode,
  aim: text,
  measure: metricCode,
  sharing,
  primaryDrivers: z.array(primaryDriver),
  definedBy: mentorshipPerson,
  definedAt: isoDateTime,
});

/** DriverDiagramRevised v1 (current). */
export const driverDiagramRevisedV1 = z.strictObject({
  driverDiagramId: entityId,
  trustCode: odsCode,
  revision: z.number().int().min(2),
  aim: text,
  measure: metricCode,
  sharing,
  primaryDrivers: z.array(primaryDriver),
  note: text.optional(),
  revisedBy: mentorshipPerson,
  revisedAt: isoDateTime,
});
