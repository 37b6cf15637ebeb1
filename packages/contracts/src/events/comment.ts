import { z } from 'zod';
import { entityId, isoDateTime, odsCode, text } from './common';
import { mentorshipPerson } from './mentorship';

/** CommentPosted v1 (current). */
export const commentPostedV1 = z.strictObject({
  commentId: entityId,
  interventionId: entityId,
  trustCode: odsCode,
  author: mentorshipPerson,
  body: text,
  postedAt: isoDateTime,
});

/** CommentRetracted v1 (current). */
export const commentRetractedV1 = z.strictObject({ commentId: entityId, interventionId: entityId, retractedAt: isoDateTime });

/** CommentHidden v1 (current). */
export const commentHiddenV1 = z.strictObject({
  commentId: entityId,
  interventionId: entityId,
  reason: text,
  hiddenBy: mentorshipPerson,
  hiddenAt: isoDateTime,
});
