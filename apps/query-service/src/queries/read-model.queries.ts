import type { InterventionPage, InterventionStatus, InterventionView, SeriesView, TrustView } from '@longview/contracts';
import type { TrustContext } from '@longview/domain';
import type { Database } from '@longview/event-store';
import { parseJson } from '../projections/trust-directory.projection';

export interface TrustFilter {
  search?: string;
  region?: string;
  kind?: string;
}

export interface InterventionFilter {
  trustCode?: string;
  status?: InterventionStatus;
  category?: string;
  first?: number;
  after?: string;
}

interface TrustRow {
  code: string;
  name: string;
  context: TrustContext | string;
  context_effective_from: string;
  context_history: TrustView['contextHistory'] | string;
  registered_at: string;
  intervention_count: number;
  metrics: string[] | string;
}

const MAX_PAGE = 200;

/** Reads the projections' tables and returns the HTTP contract's views. No writes. */
export class ReadModelQueries {
  constructor(private readonly db: Database) {}

  async trusts(filter: TrustFilter): Promise<TrustView[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.search?.trim()) {
      params.push(`%${filter.search.trim().toLowerCase()}%`);
      where.push(`(lower(code) LIKE $${params.length} OR lower(name) LIKE $${params.length})`);
    }
    if (filter.region) {
      params.push(filter.region);
      where.push(`region = $${params.length}`);
    }
    if (filter.kind) {
      params.push(filter.kind);
      where.push(`kind = $${params.length}`);
    }
    const { rows } = await this.db.query<TrustRow>(
      `SELECT * FROM rm_trusts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY name, code`,
      params,
    );
    return rows.map(toTrustView);
  }

  async trust(code: string): Promise<TrustView | undefined> {
    const { rows } = await this.db.query<TrustRow>('SELECT * FROM rm_trusts WHERE code = $1', [code]);
    return rows[0] ? toTrustView(rows[0]) : undefined;
  }

  async intervention(id: string): Promise<InterventionView | undefined> {
    const { rows } = await this.db.query<{ doc: InterventionView | string }>('SELECT doc FROM rm_interventions WHERE id = $1', [id]);
    return rows[0] ? parseJson<InterventionView>(rows[0].doc) : undefined;
  }

  /** Newest first; the cursor is the proposal's global position. */
  async interventions(filter: InterventionFilter): Promise<InterventionPage> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.trustCode) add('trust_code = ?', filter.trustCode);
    if (filter.status) add('status = ?', filter.status);
    if (filter.category) add('category = ?', filter.category);
    const filtered = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = await this.db.query<{ n: string | number }>(`SELECT count(*) AS n FROM rm_interventions ${filtered}`, params);
    if (filter.after) add('proposed_position < ?', decodeCursor(filter.after));
    const first = Math.min(Math.max(filter.first ?? 50, 0), MAX_PAGE);
    const pageWhere = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const { rows } = await this.db.query<{ doc: InterventionView | string; proposed_position: string }>(
      `SELECT doc, proposed_position FROM rm_interventions ${pageWhere} ORDER BY proposed_position DESC LIMIT ${first + 1}`,
      params,
    );
    const page = rows.slice(0, first);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => parseJson<InterventionView>(r.doc)),
      totalCount: Number(total.rows[0]?.n ?? 0),
      hasNextPage: rows.length > first,
      endCursor: last ? encodeCursor(last.proposed_position) : null,
    };
  }

  async series(trustCode: string, metric: string): Promise<SeriesView | undefined> {
    const { rows } = await this.db.query<{ doc: SeriesView | string }>('SELECT doc FROM rm_series WHERE trust_code = $1 AND metric = $2', [
      trustCode,
      metric,
    ]);
    return rows[0] ? parseJson<SeriesView>(rows[0].doc) : undefined;
  }

  async seriesOfTrust(trustCode: string): Promise<SeriesView[]> {
    const { rows } = await this.db.query<{ doc: SeriesView | string }>('SELECT doc FROM rm_series WHERE trust_code = $1 ORDER BY metric', [
      trustCode,
    ]);
    return rows.map((r) => parseJson<SeriesView>(r.doc));
  }
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
  };
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
