import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from '@apollo/client/react';
import type { CommentFieldsFragment } from '../__generated__/graphql';
import { COMMENT_ON_INTERVENTION_MUTATION, HIDE_COMMENT_MUTATION, INTERVENTION_COMMENTS_QUERY, RETRACT_COMMENT_MUTATION } from '../graphql/lessons';
import { VIEWER_QUERY } from '../graphql/viewer';
import { formatDateTime } from '../lib/format';
import { ROLE_LABELS, label } from '../lib/labels';
import { interpretMutationError } from '../lib/serverErrors';
import { MAX_COMMENT, hideReasonError, validateComment } from '../lib/lessons';
import { TextArea, TextField, newCommandId, useFormErrors } from './FormFields';

function problemText(error: unknown, fallback: string): string {
  const interpreted = interpretMutationError(error);
  return [...interpreted.general, ...interpreted.fields.map((f) => f.message)].join(' ') || fallback;
}

/** Comments on one intervention (plain text), a form for any signed-in viewer, retraction and moderation. */
export function InterventionComments({ interventionId }: { interventionId: string }) {
  const { data, loading, error } = useQuery(INTERVENTION_COMMENTS_QUERY, { variables: { id: interventionId } });
  const viewer = useQuery(VIEWER_QUERY).data?.viewer ?? null;
  const comments = data?.intervention?.comments ?? [];
  const isAdmin = viewer?.role === 'ADMIN';
  return (
    <section aria-label="Comments">
      {loading && !data ? (
        <p className="nhsuk-body">Loading comments…</p>
      ) : error && !data ? (
        <p className="nhsuk-body">The comments could not be loaded. Try again later.</p>
      ) : comments.length === 0 ? (
        <p className="nhsuk-body">No comments yet.</p>
      ) : (
        <ul className="nhsuk-list app-comments">
          {comments.map((c) => (
            <CommentItem key={c.id} comment={c} isAdmin={isAdmin} />
          ))}
        </ul>
      )}
      {viewer ? (
        <CommentForm interventionId={interventionId} />
      ) : (
        <p className="nhsuk-body">
          <Link to="/sign-in">Sign in</Link> to comment on this intervention.
        </p>
      )}
    </section>
  );
}

function CommentItem({ comment, isAdmin }: { comment: CommentFieldsFragment; isAdmin: boolean }) {
  const [retract, retracting] = useMutation(RETRACT_COMMENT_MUTATION, { refetchQueries: ['InterventionComments'] });
  const [hide, hiding] = useMutation(HIDE_COMMENT_MUTATION, { refetchQueries: ['InterventionComments'] });
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [actionError, setActionError] = useState<string | null>(null);
  const reasonId = `hide-reason-${comment.id}`;
  const trustName = comment.author.trust?.name ?? comment.author.trustCode;

  async function doRetract() {
    setActionError(null);
    try {
      await retract({ variables: { commentId: comment.id } });
    } catch (problem) {
      setActionError(problemText(problem, 'Your comment could not be retracted. Try again.'));
    }
  }

  async function doHide(event: FormEvent) {
    event.preventDefault();
    setActionError(null);
    const problem = hideReasonError(reason);
    setReasonError(problem);
    if (problem) return;
    try {
      await hide({ variables: { commentId: comment.id, reason: reason.trim() } });
      setReason('');
    } catch (failure) {
      setActionError(problemText(failure, 'The comment could not be hidden. Try again.'));
    }
  }

  return (
    <li className="nhsuk-card" data-comment-id={comment.id}>
      <div className="nhsuk-card__content">
        <p className="nhsuk-body-s nhsuk-u-margin-bottom-2">
          <strong>{comment.author.name}</strong>
          {trustName ? ` at ${trustName}` : ` (${label(ROLE_LABELS, comment.author.role)})`} ·{' '}
          <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt)}</time>
          {comment.mine ? ' · your comment' : ''}
        </p>
        {comment.moderation && (
          <div className="nhsuk-warning-callout nhsuk-u-margin-bottom-2">
            <p className="nhsuk-body-s">
              <strong>Hidden from everyone but administrators</strong> by {comment.moderation.hiddenBy} on {formatDateTime(comment.moderation.hiddenAt)}.
              Reason: {comment.moderation.reason}
            </p>
          </div>
        )}
        <p className="nhsuk-body app-pre-wrap">{comment.body}</p>
        {comment.mine && (
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
            disabled={retracting.loading}
            onClick={() => void doRetract()}
          >
            Retract<span className="nhsuk-u-visually-hidden"> your comment</span>
          </button>
        )}
        {isAdmin && !comment.moderation && (
          <form onSubmit={(e) => void doHide(e)} noValidate>
            <TextField id={reasonId} label="Reason for hiding (seen by administrators only)" error={reasonError} value={reason} onChange={setReason} />
            <button type="submit" className="nhsuk-button nhsuk-button--warning nhsuk-button--small" disabled={hiding.loading}>
              Hide<span className="nhsuk-u-visually-hidden"> this comment</span>
            </button>
          </form>
        )}
        {actionError && (
          <p className="nhsuk-error-message" role="alert">
            <span className="nhsuk-u-visually-hidden">Error:</span> {actionError}
          </p>
        )}
      </div>
    </li>
  );
}

function CommentForm({ interventionId }: { interventionId: string }) {
  const [body, setBody] = useState('');
  const [commandId, setCommandId] = useState(newCommandId);
  const form = useFormErrors(['comment-body'], (path) => (path.split('.')[0] === 'body' ? 'comment-body' : undefined));
  const [comment, { loading }] = useMutation(COMMENT_ON_INTERVENTION_MUTATION, { refetchQueries: ['InterventionComments'] });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = validateComment(body);
    if (Object.keys(found).length > 0) {
      form.fail(found);
      return;
    }
    try {
      await comment({ variables: { input: { interventionId, body: body.trim(), commandId } } });
      form.clear();
      setBody('');
      setCommandId(newCommandId());
    } catch (problem) {
      form.fail(problem);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      {form.summary}
      <TextArea
        id="comment-body"
        label="Add a comment"
        hint={`Plain text, at most ${MAX_COMMENT.toLocaleString('en-GB')} characters. Everyone who can see this intervention can read it.`}
        error={form.errors['comment-body']}
        value={body}
        onChange={setBody}
        rows={4}
      />
      <button type="submit" className="nhsuk-button" disabled={loading}>
        Post comment
      </button>
    </form>
  );
}
