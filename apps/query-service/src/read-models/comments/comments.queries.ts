import type { CommentView } from '@longview/contracts';
import { visibilityTier, type Viewer } from '@longview/domain';
import type { Database } from '@longview/event-store';
import { visibleTo } from '../../access/visible-to';

interface CommentRow {
  comment_id: string;
  intervention_id: string;
  author_id: string;
  author_name: string;
  author_role: string;
  author_trust_code: string | null;
  body: string;
  posted_at: string;
  hidden_reason: string | null;
  hidden_by: string | null;
  hidden_at: string | null;
}

function isAdmin(viewer: Viewer): boolean {
  return viewer?.role === 'ADMIN' || viewer?.role === 'SYSTEM';
}

/**
 * Who may see a comment, in SQL: whoever may see its intervention; never once retracted; once
 * hidden by a moderator, administrators only (who see the reason). To anyone else it is absent,
 * exactly like a missing one.
 */
function visibleComment(viewer: Viewer, params: unknown[]): string {
  const intervention = visibleTo(visibilityTier(viewer), params, { sharing: 'i.sharing', trustCode: 'i.trust_code' });
  params.push(isAdmin(viewer));
  return `(${intervention} AND c.retracted_at IS NULL AND (c.hidden_at IS NULL OR $${params.length}::boolean))`;
}

export class CommentQueries {
  constructor(private readonly db: Database) {}

  /** The comments on an intervention the viewer may see, oldest first. */
  async ofIntervention(viewer: Viewer, interventionId: string): Promise<CommentView[]> {
    const params: unknown[] = [];
    const visible = visibleComment(viewer, params);
    params.push(interventionId);
    return this.select(viewer, `${visible} AND c.intervention_id = $${params.length} ORDER BY c.posted_position`, params);
  }

  async comment(viewer: Viewer, id: string): Promise<CommentView | undefined> {
    const params: unknown[] = [];
    const visible = visibleComment(viewer, params);
    params.push(id);
    return (await this.select(viewer, `${visible} AND c.comment_id = $${params.length}`, params))[0];
  }

  private async select(viewer: Viewer, where: string, params: unknown[]): Promise<CommentView[]> {
    const { rows } = await this.db.query<CommentRow>(
      `SELECT c.* FROM rm_comments c JOIN rm_comment_interventions i ON i.intervention_id = c.intervention_id WHERE ${where}`,
      params,
    );
    const admin = isAdmin(viewer);
    return rows.map((row) => ({
      id: row.comment_id,
      interventionId: row.intervention_id,
      author: { id: row.author_id, name: row.author_name, role: row.author_role, trustCode: row.author_trust_code },
      body: row.body,
      createdAt: row.posted_at,
      hidden: admin && row.hidden_at ? { reason: row.hidden_reason ?? '', by: row.hidden_by ?? '', at: row.hidden_at } : null,
    }));
  }
}
