import { z } from 'zod';
import { entityId, isoDateTime, odsCode, sharing, text } from './common';
import { mentorshipPerson } from './mentorship';

/** LessonShared v1 (current). */
export const lessonSharedV1 = z.strictObject({
  lessonId: entityId,
  interventionId: entityId.optional(),
  trustCode: odsCode,
  title: text,
  body: text,
  sharing,
  author: mentorshipPerson,
  sharedAt: isoDateTime,
});

/** LessonEndorsed v1 (current). */
export const lessonEndorsedV1 = z.strictObject({ lessonId: entityId, endorser: mentorshipPerson, endorsedAt: isoDateTime });
