import { CommentNotFoundError, LessonNotFoundError } from '@longview/domain';
import type { CommentOnInterventionInput, EndorseLessonInput, HideCommentInput, RetractCommentInput, ShareLessonInput } from '../__generated__/resolvers-types';
import type { GatewayContext } from '../context';
import { readBackOptions, send } from '../shared/commands';
import { newAggregateId } from '../shared/new-ids';
import { gatewayError } from '../shared/errors';

async function lessonPayload(context: GatewayContext, lessonId: string, accepted: { position: string; streamId: string; version: number }) {
  const lesson = await context.queries.getLesson(lessonId, readBackOptions({ ...accepted, events: [] }));
  if (!lesson) throw gatewayError('NOT_FOUND', new LessonNotFoundError(lessonId).message);
  return { lesson, position: accepted.position };
}

async function commentPayload(context: GatewayContext, commentId: string, accepted: { position: string; streamId: string; version: number }) {
  const comment = await context.queries.getComment(commentId, readBackOptions({ ...accepted, events: [] }));
  if (!comment) throw gatewayError('NOT_FOUND', new CommentNotFoundError(commentId).message);
  return { comment, position: accepted.position };
}

export async function shareLesson(context: GatewayContext, input: ShareLessonInput) {
  const lessonId = newAggregateId(context, 'lesson', input.commandId);
  const accepted = await send(context, 'ShareLesson', input, {
    lessonId,
    ...(input.interventionId ? { interventionId: input.interventionId } : {}),
    title: input.title,
    body: input.body,
    sharing: input.sharing,
  });
  return lessonPayload(context, lessonId, accepted);
}

/** Endorsing twice is a no-op on the command side: the payload is the lesson as it is. */
export async function endorseLesson(context: GatewayContext, input: EndorseLessonInput) {
  const accepted = await send(context, 'EndorseLesson', {}, { lessonId: input.lessonId });
  return lessonPayload(context, input.lessonId, accepted);
}

export async function commentOnIntervention(context: GatewayContext, input: CommentOnInterventionInput) {
  const commentId = newAggregateId(context, 'comment', input.commandId);
  const accepted = await send(context, 'CommentOnIntervention', input, { commentId, interventionId: input.interventionId, body: input.body });
  return commentPayload(context, commentId, accepted);
}

export async function retractComment(context: GatewayContext, input: RetractCommentInput) {
  const accepted = await send(context, 'RetractComment', {}, { commentId: input.commentId });
  return { commentId: input.commentId, position: accepted.position };
}

export async function hideComment(context: GatewayContext, input: HideCommentInput) {
  const accepted = await send(context, 'HideComment', {}, { commentId: input.commentId, reason: input.reason });
  return commentPayload(context, input.commentId, accepted);
}
