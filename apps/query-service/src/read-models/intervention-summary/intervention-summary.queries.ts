import type { InterventionPage, InterventionStatus, InterventionView } from '@longview/contracts';
import { withRole, type VisibilityTier } from '@longview/domain';
import type { Database } from '@longview/event-store';
import { visibleTo } from '../../access/visible-to';
import { parseJson } from '../json-column';

export interface InterventionFilter {
  trustCode?: string;
  status?: InterventionStatus;
  category?: string;
  first?: number;
  after?: string;
}

const MAX_PAGE = 200;

/**
 * The intervention summary's reads (rm_interventions only). Every read is made for a viewer's
 * visibility tier and filtered in SQL: what the tier may not see is neither returned nor counted,
 * and an intervention it may not see is `undefined` exactly like a missing one.
 */
export class InterventionSummaryQueries {
  constructor(private readonly db: Database) {}

  async intervention(tier: VisibilityTier, id: string): Promise<InterventionView | undefined> {
    const params: unknown[] = [id];
    const { rows } = await this.db.query<{ doc: InterventionView | string }>(
      `SELECT doc FROM rm_interventions WHERE id = $1 AND ${visibleTo(tier, params)}`,
      params,
    );
    return rows[0] ? viewOf(rows[0].doc) : undefined;
  }

  /**
   * The interventions with these ids that exist, are visible to the tier (and match the filter),
   * in the order asked: a batch lookup, so the page is never cut short (totalCount = items found).
   */
  async interventionsById(
    tier: VisibilityTier,
    ids: readonly string[],
    filter: Pick<InterventionFilter, 'trustCode' | 'status' | 'category'> = {},
  ): Promise<InterventionPage> {
    if (ids.length === 0) return { items: [], totalCount: 0, hasNextPage: false, endCursor: null };
    const { where, params } = conditions(tier, filter);
    params.push(ids);
    where.push(`id = ANY($${params.length})`);
    const { rows } = await this.db.query<{ id: string; doc: InterventionView | string }>(
      `SELECT id, doc FROM rm_interventions WHERE ${where.join(' AND ')}`,
      params,
    );
    const byId = new Map(rows.map((r) => [r.id, viewOf(r.doc)]));
    const items = ids.flatMap((id) => byId.get(id) ?? []);
    return { items, totalCount: items.length, hasNextPage: false, endCursor: null };
  }

  /** Newest first; the cursor is the proposal's global position. `totalCount` counts what the tier may see. */
  async interventions(tier: VisibilityTier, filter: InterventionFilter = {}): Promise<InterventionPage> {
    const { where, params } = conditions(tier, filter);
    const filtered = `WHERE ${where.join(' AND ')}`;
    const total = await this.db.query<{ n: string | number }>(`SELECT count(*) AS n FROM rm_interventions ${filtered}`, params);
    if (filter.after) {
      params.push(decodeCursor(filter.after));
      where.push(`proposed_position < $${params.length}`);
    }
    const first = Math.min(Math.max(filter.first ?? 50, 0), MAX_PAGE);
    const pageWhere = `WHERE ${where.join(' AND ')}`;
    const { rows } = await this.db.query<{ doc: InterventionView | string; proposed_position: string }>(
      `SELECT doc, proposed_position FROM rm_interventions ${pageWhere} ORDER BY proposed_position DESC LIMIT ${first + 1}`,
      params,
    );
    const page = rows.slice(0, first);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => viewOf(r.doc)),
      totalCount: Number(total.rows[0]?.n ?? 0),
      hasNextPage: rows.length > first,
      endCursor: last ? encodeCursor(last.proposed_position) : null,
    };
  }
}

function conditions(tier: VisibilityTier, filter: Pick<InterventionFilter, 'trustCode' | 'status' | 'category'>): { where: string[]; params: unknown[] } {
  const params: unknown[] = [];
  const where: string[] = [visibleTo(tier, params)];
  const add = (column: string, value: unknown) => {
    params.push(value);
    where.push(`${column} = $${params.length}`);
  };
  if (filter.trustCode) add('trust_code', filter.trustCode);
  if (filter.status) add('status', filter.status);
  if (filter.category) add('category', filter.category);
  return { where, params };
}

export function encodeCursor(position: string): string {
  return Buffer.from(`p:${position}`).toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString();
  if (!/^p:\d+$/.test(text)) throw new InvalidCursorError(cursor);
  return text.slice(2);
}

export class InvalidCursorError extends Error {
  constructor(cursor: string) {
    super(`Invalid cursor "${cursor}"`);
    this.name = 'InvalidCursorError';
  }
}

/**
 * A stored document in the current shape: a document written before roles (by version 2 of the
 * projection, until it is rebuilt) has targets without one, which are outcomes.
 */
function viewOf(doc: InterventionView | string): InterventionView {
  const view = parseJson<InterventionView>(doc);
  return view.targets.every((t) => (t.role as string | undefined) !== undefined) ? view : { ...view, targets: view.targets.map(withRole) };
}
