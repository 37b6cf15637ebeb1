import { CommentNotFoundError, LessonNotFoundError } from '@longview/domain';
import type { CommentOnInterventionInput, EndorseLessonInput, HideCommentInput, RetractCommentInput, ShareLessonInput } from '../__generated__/resolvers-types';
import type { GatewayContext } from '../context';
import type { CommandAccepted } from '@longview/contracts';
import { readBackOrNotFound, send } from '../shared/commands';
import { newAggregateId } from '../shared/new-ids';

async function lessonPayload(context: GatewayContext, lessonId: string, accepted: CommandAccepted) {
  const lesson = await readBackOrNotFound(accepted, (options) => context.queries.getLesson(lessonId, options), new LessonNotFoundError(lessonId).message);
  return { lesson, position: accepted.position };
}

async function commentPayload(context: GatewayContext, commentId: string, accepted: CommandAccepted) {
  const comment = await readBackOrNotFound(accepted, (options) => context.queries.getComment(commentId, options), new CommentNotFoundError(commentId).message);
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
