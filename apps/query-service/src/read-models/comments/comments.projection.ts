import type { Database } from '@longview/event-store';
import type { Projection, ProjectedEvent } from '../../runner/projection';
import { inKeyOrder } from '../batch-fold';

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

/** The comments' copy of an intervention, as rm_comment_interventions keeps it. */
interface CommentIntervention {
  readonly intervention_id: string;
  readonly trust_code: string;
  sharing: string;
  stream_version: number;
}

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
 * A batch, folded in memory: one read of the intervention copies its sharing changes name and one
 * of the comments its retractions and hidings name, each event applied in log order as applying it
 * alone would (a proposal or a post only if its row is unknown; a sharing change only to a known
 * copy behind its stream version; a retraction or hiding only to a known comment, keeping the first
 * time each happened), then one upsert per table that changed, interventions then comments, rows in
 * key order so transactions lock them in the same order.
 *
 * A proposal or a post needs no read: a proposal's copy is written only over a row behind its
 * stream version (a row already there came from that same proposal, the first event of its stream,
 * or later), and a comment's moderation columns only where they are empty (COALESCE), so a row
 * already there is left as it is, as ON CONFLICT DO NOTHING did.
 */
async function applyCommentsBatch(tx: Database, events: readonly ProjectedEvent[]): Promise<void> {
  const interventionIds = new Set<string>();
  const commentIds = new Set<string>();
  for (const { event } of events) {
    if (event.type === 'InterventionSharingChanged') interventionIds.add(event.data.interventionId);
    else if (event.type === 'CommentRetracted' || event.type === 'CommentHidden') commentIds.add(event.data.commentId);
  }
  const interventions = new Map<string, CommentIntervention>();
  if (interventionIds.size > 0) {
    const { rows } = await tx.query<CommentIntervention>(
      `SELECT intervention_id, trust_code, sharing, stream_version FROM rm_comment_interventions
        WHERE intervention_id IN (SELECT jsonb_array_elements_text($1::jsonb))`,
      [JSON.stringify([...interventionIds].sort())],
    );
    for (const r of rows) interventions.set(r.intervention_id, { ...r });
  }
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

  const changedInterventions = new Set<string>();
  const changedComments = new Set<string>();
  for (const { event, streamVersion, position } of events) {
    switch (event.type) {
      case 'InterventionProposed': {
        const d = event.data;
        if (interventions.has(d.interventionId)) break; // proposed already
        interventions.set(d.interventionId, { intervention_id: d.interventionId, trust_code: d.trustCode, sharing: d.sharing, stream_version: streamVersion });
        changedInterventions.add(d.interventionId);
        break;
      }
      case 'InterventionSharingChanged': {
        const copy = interventions.get(event.data.interventionId);
        if (!copy || copy.stream_version >= streamVersion) break; // unknown, or applied already
        copy.sharing = event.data.to;
        copy.stream_version = streamVersion;
        changedInterventions.add(copy.intervention_id);
        break;
      }
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

  if (changedInterventions.size > 0) {
    const changed = new Map([...changedInterventions].map((id) => [id, interventions.get(id) as CommentIntervention]));
    await tx.query(
      `INSERT INTO rm_comment_interventions (intervention_id, trust_code, sharing, stream_version)
       SELECT intervention_id, trust_code, sharing, stream_version
         FROM jsonb_to_recordset($1::jsonb) AS i(intervention_id text, trust_code text, sharing text, stream_version integer)
       ON CONFLICT (intervention_id) DO UPDATE SET sharing = EXCLUDED.sharing, stream_version = EXCLUDED.stream_version
        WHERE rm_comment_interventions.stream_version < EXCLUDED.stream_version`,
      [JSON.stringify(inKeyOrder(changed))],
    );
  }
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
