import type { Database } from '@longview/event-store';
import type { Projection, ProjectedEvent } from '../../runner/projection';
import { inKeyOrder } from '../batch-fold';
import { InterventionSharingCopies } from '../intervention-sharing-copies';

/**
 * rm_comments (one row per comment, with its retraction and moderation) and what comments need of
 * interventions (rm_comment_interventions: trust and sharing, for visibility). Every step of a
 * comment stays in its stream; the row keeps the first time each happened (COALESCE), so
 * applying an event again changes nothing.
 */
export const commentsProjection: Projection = {
  name: 'comments',
  schema: [
    `CREATE TABLE IF NOT EXISTS rm_comment_interventions (
       intervention_id text PRIMARY KEY,
       trust_code text NOT NULL,
       sharing text NOT NULL,
       stream_version integer NOT NULL
     )`,
    `CREATE TABLE IF NOT EXISTS rm_comments (
       comment_id text PRIMARY KEY,
       intervention_id text NOT NULL,
       author_id text NOT NULL,
       author_name text NOT NULL,
       author_role text NOT NULL,
       author_trust_code text,
       body text NOT NULL,
       posted_at text NOT NULL,
       posted_position bigint NOT NULL,
       retracted_at text,
       hidden_reason text,
       hidden_by text,
       hidden_at text
     )`,
    `CREATE INDEX IF NOT EXISTS rm_comments_intervention ON rm_comments (intervention_id)`,
  ],
  tables: ['rm_comment_interventions', 'rm_comments'],
  apply: (tx, projected) => applyCommentsBatch(tx, [projected]),
  applyBatch: applyCommentsBatch,
};

/** A comment's row in rm_comments. */
interface CommentRow {
  readonly comment_id: string;
  readonly intervention_id: string;
  readonly author_id: string;
  readonly author_name: string;
  readonly author_role: string;
  readonly author_trust_code: string | null;
  readonly body: string;
  readonly posted_at: string;
  readonly posted_position: string;
  retracted_at: string | null;
  hidden_reason: string | null;
  hidden_by: string | null;
  hidden_at: string | null;
}

/**
 * A batch, folded in memory: the intervention copies through InterventionSharingCopies (one read,
 * one upsert), one read of the comments its retractions and hidings name, each event applied in
 * log order as applying it alone would (a post only if its row is unknown; a retraction or hiding
 * only to a known comment, keeping the first time each happened), then one upsert per table that
 * changed, interventions then comments, rows in key order so transactions lock them in the same
 * order. A post needs no read: a comment's moderation columns are written only where they are
 * empty (COALESCE), so a row already there is left as it is, as ON CONFLICT DO NOTHING did.
 */
async function applyCommentsBatch(tx: Database, events: readonly ProjectedEvent[]): Promise<void> {
  const commentIds = new Set<string>();
  for (const { event } of events) {
    if (event.type === 'CommentRetracted' || event.type === 'CommentHidden') commentIds.add(event.data.commentId);
  }
  const interventions = await InterventionSharingCopies.load(tx, 'rm_comment_interventions', events);
  const comments = new Map<string, CommentRow>();
  if (commentIds.size > 0) {
    const { rows } = await tx.query<Omit<CommentRow, 'posted_position'> & { posted_position: string | number }>(
      `SELECT comment_id, intervention_id, author_id, author_name, author_role, author_trust_code, body, posted_at, posted_position,
              retracted_at, hidden_reason, hidden_by, hidden_at
         FROM rm_comments WHERE comment_id IN (SELECT jsonb_array_elements_text($1::jsonb))`,
      [JSON.stringify([...commentIds].sort())],
    );
    for (const r of rows) comments.set(r.comment_id, { ...r, posted_position: String(r.posted_position) });
  }

  const changedComments = new Set<string>();
  for (const projected of events) {
    const { event, position } = projected;
    switch (event.type) {
      case 'InterventionProposed':
      case 'InterventionSharingChanged':
        interventions.apply(projected);
        break;
      case 'CommentPosted': {
        const d = event.data;
        if (comments.has(d.commentId)) break; // posted already
        comments.set(d.commentId, {
          comment_id: d.commentId,
          intervention_id: d.interventionId,
          author_id: d.author.id,
          author_name: d.author.name,
          author_role: d.author.role,
          author_trust_code: d.author.trustCode ?? null,
          body: d.body,
          posted_at: d.postedAt,
          posted_position: position.toString(),
          retracted_at: null,
          hidden_reason: null,
          hidden_by: null,
          hidden_at: null,
        });
        changedComments.add(d.commentId);
        break;
      }
      case 'CommentRetracted': {
        const row = comments.get(event.data.commentId);
        if (!row || row.retracted_at !== null) break; // unknown, or retracted already
        row.retracted_at = event.data.retractedAt;
        changedComments.add(row.comment_id);
        break;
      }
      case 'CommentHidden': {
        const row = comments.get(event.data.commentId);
        if (!row || (row.hidden_reason !== null && row.hidden_by !== null && row.hidden_at !== null)) break; // unknown, or hidden already
        // Each column keeps the first value it was given (COALESCE, event by event).
        row.hidden_reason ??= event.data.reason;
        row.hidden_by ??= event.data.hiddenBy.name;
        row.hidden_at ??= event.data.hiddenAt;
        changedComments.add(row.comment_id);
        break;
      }
      default:
        break;
    }
  }

  await interventions.write(tx);
  if (changedComments.size > 0) {
    const changed = new Map([...changedComments].map((id) => [id, comments.get(id) as CommentRow]));
    await tx.query(
      `INSERT INTO rm_comments (comment_id, intervention_id, author_id, author_name, author_role, author_trust_code, body, posted_at, posted_position,
                                retracted_at, hidden_reason, hidden_by, hidden_at)
       SELECT comment_id, intervention_id, author_id, author_name, author_role, author_trust_code, body, posted_at, posted_position,
              retracted_at, hidden_reason, hidden_by, hidden_at
         FROM jsonb_to_recordset($1::jsonb) AS c(comment_id text, intervention_id text, author_id text, author_name text, author_role text,
                                                 author_trust_code text, body text, posted_at text, posted_position bigint,
                                                 retracted_at text, hidden_reason text, hidden_by text, hidden_at text)
       ON CONFLICT (comment_id) DO UPDATE SET retracted_at = COALESCE(rm_comments.retracted_at, EXCLUDED.retracted_at),
                                              hidden_reason = COALESCE(rm_comments.hidden_reason, EXCLUDED.hidden_reason),
                                              hidden_by = COALESCE(rm_comments.hidden_by, EXCLUDED.hidden_by),
                                              hidden_at = COALESCE(rm_comments.hidden_at, EXCLUDED.hidden_at)`,
      [JSON.stringify(inKeyOrder(changed))],
    );
  }
}
