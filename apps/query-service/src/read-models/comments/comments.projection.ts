import type { Projection } from '../../runner/projection';

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
  async apply(tx, { event, streamVersion, position }) {
    switch (event.type) {
      case 'InterventionProposed':
        await tx.query(
          `INSERT INTO rm_comment_interventions (intervention_id, trust_code, sharing, stream_version) VALUES ($1, $2, $3, $4)
           ON CONFLICT (intervention_id) DO NOTHING`,
          [event.data.interventionId, event.data.trustCode, event.data.sharing, streamVersion],
        );
        return;
      case 'InterventionSharingChanged':
        await tx.query('UPDATE rm_comment_interventions SET sharing = $2, stream_version = $3 WHERE intervention_id = $1 AND stream_version < $3', [
          event.data.interventionId,
          event.data.to,
          streamVersion,
        ]);
        return;
      case 'CommentPosted': {
        const d = event.data;
        await tx.query(
          `INSERT INTO rm_comments (comment_id, intervention_id, author_id, author_name, author_role, author_trust_code, body, posted_at, posted_position)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (comment_id) DO NOTHING`,
          [d.commentId, d.interventionId, d.author.id, d.author.name, d.author.role, d.author.trustCode ?? null, d.body, d.postedAt, position.toString()],
        );
        return;
      }
      case 'CommentRetracted':
        await tx.query('UPDATE rm_comments SET retracted_at = COALESCE(retracted_at, $2) WHERE comment_id = $1', [
          event.data.commentId,
          event.data.retractedAt,
        ]);
        return;
      case 'CommentHidden':
        await tx.query(
          `UPDATE rm_comments SET hidden_reason = COALESCE(hidden_reason, $2), hidden_by = COALESCE(hidden_by, $3), hidden_at = COALESCE(hidden_at, $4)
           WHERE comment_id = $1`,
          [event.data.commentId, event.data.reason, event.data.hiddenBy.name, event.data.hiddenAt],
        );
        return;
      default:
        return;
    }
  },
};
