import type { TrustPageView, TrustView } from '@longview/contracts';
import type { TrustContext, TrustSource, VisibilityTier } from '@longview/domain';
import type { Database } from '@longview/event-store';
import { visibleTo } from '../../access/visible-to';
import { parseJson } from '../json-column';

export interface TrustFilter {
  search?: string;
  region?: string;
  kind?: string;
  source?: TrustSource;
  /** Only these codes (a batch lookup); [] matches nothing. */
  codes?: readonly string[];
}

interface TrustRow {
  code: string;
  name: string;
  context: TrustContext | string;
  context_effective_from: string;
  context_history: TrustView['contextHistory'] | string;
  registered_at: string;
  intervention_count: number | string;
  metrics: string[] | string;
  source: TrustSource;
}

/** A page of the list: `first` trusts from `offset` (ordered by name). */
export interface TrustPageRequest {
  first: number;
  offset: number;
}

/**
 * The trust directory's reads (its own tables only), for a viewer's visibility tier: a trust's
 * `interventionCount` counts the interventions that tier may see, in the same query.
 */
export class TrustDirectoryQueries {
  constructor(private readonly db: Database) {}

  async trusts(tier: VisibilityTier, filter: TrustFilter = {}): Promise<TrustView[]> {
    if (filter.codes?.length === 0) return [];
    const { rows } = await this.select(tier, filter);
    return rows.map(toTrustView);
  }

  /** One page of the list and the number of matches over all pages (counted in the same query, of what the filters match). */
  async page(tier: VisibilityTier, filter: TrustFilter, page: TrustPageRequest): Promise<TrustPageView> {
    if (filter.codes?.length === 0) return { items: [], totalCount: 0 };
    const { rows } = await this.select(tier, filter, page);
    if (rows.length === 0 && page.offset > 0) {
      // Past the last page: still say how many there are.
      const all = await this.select(tier, filter, { first: 1, offset: 0 });
      return { items: [], totalCount: Number(all.rows[0]?.total_count ?? 0) };
    }
    return { items: rows.map(toTrustView), totalCount: Number(rows[0]?.total_count ?? 0) };
  }

  private select(tier: VisibilityTier, filter: TrustFilter, page?: TrustPageRequest) {
    const where: string[] = [];
    const params: unknown[] = [];
    const counted = visibleCount(tier, params);
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replaceAll('?', `$${params.length}`));
    };
    if (filter.search?.trim()) add('(lower(code) LIKE ? OR lower(name) LIKE ?)', `%${filter.search.trim().toLowerCase()}%`);
    if (filter.region) add('region = ?', filter.region);
    if (filter.kind) add('kind = ?', filter.kind);
    if (filter.source) add('source = ?', filter.source);
    if (filter.codes) add('code = ANY(?)', filter.codes);
    let limit = '';
    if (page) {
      params.push(page.first, page.offset);
      limit = ` LIMIT $${params.length - 1} OFFSET $${params.length}`;
    }
    return this.db.query<TrustRow & { total_count?: number | string }>(
      `SELECT t.*, COALESCE(c.n, 0) AS intervention_count${page ? ', count(*) OVER () AS total_count' : ''}
         FROM rm_trusts t LEFT JOIN ${counted} c ON c.trust_code = t.code
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY name, code${limit}`,
      params,
    );
  }

  async trust(tier: VisibilityTier, code: string): Promise<TrustView | undefined> {
    const params: unknown[] = [code];
    const counted = visibleCount(tier, params);
    const { rows } = await this.db.query<TrustRow>(
      `SELECT t.*, COALESCE(c.n, 0) AS intervention_count FROM rm_trusts t LEFT JOIN ${counted} c ON c.trust_code = t.code WHERE code = $1`,
      params,
    );
    return rows[0] ? toTrustView(rows[0]) : undefined;
  }
}

/** Per trust, how many of its interventions the tier may see (one grouped count for the whole list, joined on trust_code). */
function visibleCount(tier: VisibilityTier, params: unknown[]): string {
  return `(SELECT i.trust_code, count(*) AS n FROM rm_trust_interventions i
            WHERE ${visibleTo(tier, params, { sharing: 'i.sharing', trustCode: 'i.trust_code' })} GROUP BY i.trust_code)`;
}

function toTrustView(row: TrustRow): TrustView {
  return {
    code: row.code,
    name: row.name,
    context: parseJson<TrustContext>(row.context),
    contextEffectiveFrom: row.context_effective_from,
    contextHistory: parseJson<TrustView['contextHistory']>(row.context_history),
    registeredAt: row.registered_at,
    interventionCount: Number(row.intervention_count),
    metrics: parseJson<string[]>(row.metrics),
    source: row.source,
  };
}
