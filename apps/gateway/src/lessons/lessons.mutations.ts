import { createHash, randomUUID } from 'node:crypto';
import { CommentNotFoundError, LessonNotFoundError } from '@longview/domain';
import type { CommentOnInterventionInput, EndorseLessonInput, HideCommentInput, RetractCommentInput, ShareLessonInput } from '../__generated__/resolvers-types';
import type { GatewayContext } from '../context';
import { readBackOptions, send } from '../shared/commands';
import { gatewayError } from '../shared/errors';

/** A new lesson's, comment's or programme's id: derived from the actor and the command id when given (a retry names the same one), else random. */
export function newId(context: GatewayContext, kind: string, commandId: string | null | undefined): string {
  if (!commandId) return randomUUID();
  const { actor } = context;
  const hex = createHash('sha256')
    .update([`longview-${kind}`, actor?.role ?? '', actor?.trustCode ?? '', actor?.id ?? '', commandId].join('\u0000'))
    .digest('hex');
  const variant = (8 | (parseInt(hex.charAt(16), 16) & 3)).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

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
  const lessonId = newId(context, 'lesson', input.commandId);
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
  const commentId = newId(context, 'comment', input.commandId);
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
