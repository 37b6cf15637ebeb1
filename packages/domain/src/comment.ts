import type { CommentCommand, CommentOnIntervention, HideComment, RetractComment } from './commands';
import { ConflictError, ForbiddenError, NotFoundError } from './errors';
import type { CommentEvent } from './events';
import type { InterventionState } from './intervention';
import { visibleIntervention } from './lesson';
import { personOf } from './mentorship';
import type { Actor, Decider } from './shared';
import { ENTITY_ID, FieldErrors, untrusted } from './validation';
import { canSee } from './visibility';

/**
 * One comment on an intervention (stream `comment-<commentId>`), with its retraction and its
 * moderation. A stream per comment rather than per intervention: no rule spans two comments,
 * so comments on a busy intervention never contend for one stream's version, and retracting
 * or hiding one touches only its own short history. Every step stays in that history.
 */

export const MAX_COMMENT_BODY = 2000;
export const MAX_HIDE_REASON = 500;

export interface PostedComment {
  readonly status: 'POSTED';
  readonly commentId: string;
  readonly interventionId: string;
  readonly authorId: string;
  readonly retracted: boolean;
  readonly hidden: boolean;
}
export type CommentState = { readonly status: 'INITIAL' } | PostedComment;

const initialState = (): CommentState => ({ status: 'INITIAL' });

function evolve(state: CommentState, event: CommentEvent): CommentState {
  switch (event.type) {
    case 'CommentPosted':
      return {
        status: 'POSTED',
        commentId: event.data.commentId,
        interventionId: event.data.interventionId,
        authorId: event.data.author.id,
        retracted: false,
        hidden: false,
      };
    case 'CommentRetracted':
      return state.status === 'INITIAL' ? state : { ...state, retracted: true };
    case 'CommentHidden':
      return state.status === 'INITIAL' ? state : { ...state, hidden: true };
    default: {
      const _never: never = event;
      return state;
    }
  }
}

export class CommentNotFoundError extends NotFoundError {
  constructor(readonly commentId: string) {
    super('COMMENT_NOT_FOUND', `There is no comment ${commentId}. It may have been removed; check the id.`);
  }
}

function isAdmin(actor: Actor): boolean {
  return actor.role === 'ADMIN' || actor.role === 'SYSTEM';
}

/** Any signed-in role that may see the intervention comments on it, the community included. */
function commentOnIntervention(command: CommentOnIntervention, state: CommentState): CommentEvent[] {
  const { actor } = command.metadata;
  const data = untrusted(command.data);
  const errors = new FieldErrors();
  const commentId = errors.pattern('commentId', data.commentId, ENTITY_ID, ENTITY_ID_DESCRIPTION);
  const interventionId = errors.pattern('interventionId', data.interventionId, ENTITY_ID, ENTITY_ID_DESCRIPTION);
  const body = errors.plainText('body', data.body, { max: MAX_COMMENT_BODY });
  errors.throwIfAny('The comment');
  if (!commentId || !interventionId || !body) return [];
  const intervention = visibleIntervention(actor, interventionId, command.context?.intervention);
  if (state.status !== 'INITIAL')
    throw new ConflictError('COMMENT_ALREADY_EXISTS', `A comment with id ${commentId} already exists. Post the new comment with a new id.`);
  return [
    {
      type: 'CommentPosted',
      data: { commentId, interventionId, trustCode: intervention.trustCode, author: personOf(actor), body, postedAt: command.metadata.now },
    },
  ];
}

/**
 * Only its author retracts a comment. To anyone else who may not see it (its intervention hidden
 * from them, or the comment hidden by a moderator) it answers exactly like a missing one.
 */
function retractComment(command: RetractComment, state: CommentState): CommentEvent[] {
  const { actor } = command.metadata;
  const commentId = existingId(command);
  if (state.status === 'INITIAL') throw new CommentNotFoundError(commentId);
  if (state.authorId !== actor.id) {
    if (!mayReadComment(actor, state, command.context?.intervention)) throw new CommentNotFoundError(commentId);
    throw new ForbiddenError('ROLE_NOT_ALLOWED', 'Only the person who wrote a comment can retract it; an administrator can hide it instead.');
  }
  if (state.retracted) return [];
  return [{ type: 'CommentRetracted', data: { commentId: state.commentId, interventionId: state.interventionId, retractedAt: command.metadata.now } }];
}

/** Moderation: an administrator hides a comment, with a reason other administrators see. */
function hideComment(command: HideComment, state: CommentState): CommentEvent[] {
  const { actor } = command.metadata;
  if (!isAdmin(actor))
    throw new ForbiddenError('ROLE_NOT_ALLOWED', 'Only an administrator can hide a comment. If a comment breaks the rules, report it to an administrator.');
  const data = untrusted(command.data);
  const errors = new FieldErrors();
  const commentId = errors.pattern('commentId', data.commentId, ENTITY_ID, ENTITY_ID_DESCRIPTION);
  const reason = errors.plainText('reason', data.reason, { max: MAX_HIDE_REASON });
  errors.throwIfAny('Hiding the comment');
  if (!commentId || !reason) return [];
  if (state.status === 'INITIAL') throw new CommentNotFoundError(commentId);
  if (state.hidden) return [];
  return [
    {
      type: 'CommentHidden',
      data: { commentId: state.commentId, interventionId: state.interventionId, reason, hiddenBy: personOf(actor), hiddenAt: command.metadata.now },
    },
  ];
}

function mayReadComment(actor: Actor, comment: PostedComment, intervention: InterventionState | undefined): boolean {
  if (isAdmin(actor)) return true;
  if (comment.hidden) return false;
  return !!intervention && intervention.status !== 'INITIAL' && intervention.interventionId === comment.interventionId && canSee(actor, intervention);
}

function existingId(command: RetractComment): string {
  const errors = new FieldErrors();
  const commentId = errors.pattern('commentId', untrusted(command.data).commentId, ENTITY_ID, ENTITY_ID_DESCRIPTION);
  errors.throwIfAny('The retraction');
  return commentId as string;
}

function decide(command: CommentCommand, state: CommentState): CommentEvent[] {
  switch (command.type) {
    case 'CommentOnIntervention':
      return commentOnIntervention(command, state);
    case 'RetractComment':
      return retractComment(command, state);
    case 'HideComment':
      return hideComment(command, state);
    default: {
      const _never: never = command;
      throw new Error(`Unknown comment command ${(_never as { type: string }).type}`);
    }
  }
}

export const commentDecider: Decider<CommentCommand, CommentEvent, CommentState> = { initialState, evolve, decide };

const ENTITY_ID_DESCRIPTION = 'an id of up to 64 letters, digits and hyphens (a UUID)';
