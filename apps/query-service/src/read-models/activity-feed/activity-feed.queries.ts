import type { ActivityKindView, ActivityPage, ActivityView } from '@longview/contracts';
import type { Sustainability } from '@longview/analytics';
import type { InterventionCategory, VisibilityTier } from '@longview/domain';
import type { Database } from '@longview/event-store';
import { visibleTo } from '../../access/visible-to';

export const DEFAULT_ACTIVITY_LIMIT = 50;
export const MAX_ACTIVITY_LIMIT = 200;

export interface ActivityQuery {
  /** Rows after this feed position, oldest first; absent: the latest `limit` rows. */
  readonly since?: bigint;
  readonly trustCode?: string;
  readonly category?: InterventionCategory;
  readonly limit?: number;
}

interface ActivityRow {
  position: string | number;
  kind: ActivityKindView;
  occurred_at: string;
  intervention_id: string;
  title: string;
  trust_code: string;
  trust_name: string;
  category: InterventionCategory;
  summary: string;
  metric: string | null;
  verdict: Sustainability | null;
  previous_verdict: Sustainability | null;
  head: string | number;
}

function view(row: ActivityRow): ActivityView {
  return {
    position: String(row.position),
    kind: row.kind,
    occurredAt: row.occurred_at,
    interventionId: row.intervention_id,
    interventionTitle: row.title,
    trustCode: row.trust_code,
    trustName: row.trust_name,
    category: row.category,
    summary: row.summary,
    metric: row.metric,
    verdict: row.verdict,
    previousVerdict: row.previous_verdict,
  };
}

/**
 * The feed's reads (its own tables only). Who may see a row is decided here in SQL by the
 * viewer's tier against the intervention's *current* sharing (rm_activity_interventions), never
 * by what it was when the row was added.
 */
export class ActivityFeedQueries {
  constructor(private readonly db: Database) {}

  async head(): Promise<string> {
    const { rows } = await this.db.query<{ last: string | number }>('SELECT last FROM rm_activity_counter WHERE id = 1');
    return String(rows[0]?.last ?? 0);
  }

  async activity(tier: VisibilityTier, query: ActivityQuery = {}): Promise<ActivityPage> {
    const limit = Math.min(Math.max(query.limit ?? DEFAULT_ACTIVITY_LIMIT, 1), MAX_ACTIVITY_LIMIT);
    const params: unknown[] = [];
    const where: string[] = [visibleTo(tier, params, { sharing: 'i.sharing', trustCode: 'i.trust_code' })];
    // A lesson's row also needs the lesson's own sharing; a retracted or hidden comment's row is gone.
    where.push(`(a.own_sharing IS NULL OR ${visibleTo(tier, params, { sharing: 'a.own_sharing', trustCode: 'a.trust_code' })})`);
    where.push('(a.comment_id IS NULL OR NOT EXISTS (SELECT 1 FROM rm_activity_withdrawn_comments w WHERE w.comment_id = a.comment_id))');
    where.push('a.position <= h.last');
    if (query.since !== undefined) where.push(`a.position > $${params.push(query.since.toString())}::bigint`);
    if (query.trustCode) where.push(`a.trust_code = $${params.push(query.trustCode)}`);
    if (query.category) where.push(`a.category = $${params.push(query.category)}`);
    const newestFirst = query.since === undefined;
    // One statement, one snapshot: every row at or below the counter it reads is committed, and
    // the head comes back even when no row does (the LEFT JOIN's one row of nulls).
    const { rows } = await this.db.query<ActivityRow | (Partial<ActivityRow> & { head: string | number; position: null })>(
      `WITH h AS (SELECT coalesce(max(last), 0) AS last FROM rm_activity_counter),
       page AS (
         SELECT a.position, a.kind, a.occurred_at, a.intervention_id, a.title, a.trust_code, coalesce(t.name, a.trust_code) AS trust_name,
                a.category, a.summary, a.metric, a.verdict, a.previous_verdict
           FROM h CROSS JOIN rm_activity a
           JOIN rm_activity_interventions i ON i.id = a.intervention_id
           LEFT JOIN rm_activity_trusts t ON t.code = a.trust_code
          WHERE ${where.join(' AND ')}
          ORDER BY a.position ${newestFirst ? 'DESC' : 'ASC'}
          LIMIT ${limit}
       )
       SELECT h.last AS head, page.* FROM h LEFT JOIN page ON true ORDER BY page.position ASC`,
      params,
    );
    const head = String(rows[0]?.head ?? 0);
    const items = rows.filter((r): r is ActivityRow => r.position !== null && r.position !== undefined).map(view);
    // A full page after `since`: more may follow, so carry on from its last row. Otherwise every
    // visible row up to the head read in the same snapshot has been answered.
    const full = !newestFirst && items.length === limit;
    const cursor = full ? (items[items.length - 1] as ActivityView).position : head;
    return { items, cursor: maxPosition(cursor, query.since) };
  }
}

/** A cursor never goes back (a head read as 0 on an empty page after `since` stays at `since`). */
function maxPosition(cursor: string, since: bigint | undefined): string {
  if (since === undefined) return cursor;
  return BigInt(cursor) > since ? cursor : since.toString();
}
