import type { LessonPage, LessonView } from '@longview/contracts';
import { visibilityTier, type InterventionCategory, type Viewer } from '@longview/domain';
import type { Database } from '@longview/event-store';
import { visibleTo } from '../../access/visible-to';
import { decodeCursor, encodeCursor } from '../intervention-summary/intervention-summary.queries';

export interface LessonFilter {
  readonly category?: InterventionCategory;
  readonly metric?: string;
  readonly trustCode?: string;
  readonly search?: string;
  readonly interventionId?: string;
  readonly first?: number;
  readonly after?: string;
}

const MAX_PAGE = 100;

interface LessonRow {
  lesson_id: string;
  intervention_id: string | null;
  trust_code: string;
  title: string;
  body: string;
  sharing: LessonView['sharing'];
  author_id: string;
  author_name: string;
  author_role: string;
  author_trust_code: string | null;
  shared_at: string;
  shared_position: string | number;
  endorsements: string | number;
  endorsed_by_viewer: boolean;
}

/**
 * Who may see a lesson, in SQL: its own sharing (with its trust) AND, when it is about an
 * intervention, that intervention's sharing (with the intervention's trust). Lists, totalCount,
 * cursors and lookups by id all use the one condition, so a hidden lesson is absent and uncounted.
 */
function visibleLesson(viewer: Viewer, params: unknown[]): string {
  const tier = visibilityTier(viewer);
  const own = visibleTo(tier, params, { sharing: 'l.sharing', trustCode: 'l.trust_code' });
  const ofIntervention = visibleTo(tier, params, { sharing: 'i.sharing', trustCode: 'i.trust_code' });
  return `(${own} AND (l.intervention_id IS NULL OR (i.intervention_id IS NOT NULL AND ${ofIntervention})))`;
}

export class LessonQueries {
  constructor(private readonly db: Database) {}

  /** Newest first; the cursor is the lesson's position in the log. */
  async lessons(viewer: Viewer, filter: LessonFilter = {}): Promise<LessonPage> {
    const params: unknown[] = [];
    const where = [visibleLesson(viewer, params)];
    const add = (condition: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(condition(`$${params.length}`));
    };
    if (filter.category) add((p) => `i.category = ${p}`, filter.category);
    if (filter.metric) add((p) => `i.metrics @> ${p}::jsonb`, JSON.stringify([filter.metric]));
    if (filter.trustCode) add((p) => `l.trust_code = ${p}`, filter.trustCode);
    if (filter.interventionId) add((p) => `l.intervention_id = ${p}`, filter.interventionId);
    if (filter.search?.trim()) add((p) => `(l.title ILIKE ${p} OR l.body ILIKE ${p})`, `%${escapeLike(filter.search.trim())}%`);
    const from = 'FROM rm_lessons l LEFT JOIN rm_lesson_interventions i ON i.intervention_id = l.intervention_id';
    const total = await this.db.query<{ n: string | number }>(`SELECT count(*) AS n ${from} WHERE ${where.join(' AND ')}`, params);
    if (filter.after) add((p) => `l.shared_position < ${p}`, decodeCursor(filter.after));
    const first = Math.min(Math.max(filter.first ?? 20, 0), MAX_PAGE);
    const rows = await this.select(viewer, params, `${from} WHERE ${where.join(' AND ')} ORDER BY l.shared_position DESC LIMIT ${first + 1}`);
    const page = rows.slice(0, first);
    const last = page[page.length - 1];
    return {
      items: page.map(toView),
      totalCount: Number(total.rows[0]?.n ?? 0),
      hasNextPage: rows.length > first,
      endCursor: last ? encodeCursor(String(last.shared_position)) : null,
    };
  }

  async lesson(viewer: Viewer, id: string): Promise<LessonView | undefined> {
    const params: unknown[] = [];
    const visible = visibleLesson(viewer, params);
    params.push(id);
    const rows = await this.select(
      viewer,
      params,
      `FROM rm_lessons l LEFT JOIN rm_lesson_interventions i ON i.intervention_id = l.intervention_id WHERE ${visible} AND l.lesson_id = $${params.length}`,
    );
    return rows[0] ? toView(rows[0]) : undefined;
  }

  private async select(viewer: Viewer, params: unknown[], rest: string): Promise<LessonRow[]> {
    params.push(viewer?.id ?? null);
    const me = `$${params.length}`;
    const { rows } = await this.db.query<LessonRow>(
      `SELECT l.*,
         (SELECT count(*) FROM rm_lesson_endorsements e WHERE e.lesson_id = l.lesson_id) AS endorsements,
         EXISTS (SELECT 1 FROM rm_lesson_endorsements e WHERE e.lesson_id = l.lesson_id AND e.endorser_id = ${me}::text) AS endorsed_by_viewer
       ${rest}`,
      params,
    );
    return rows;
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function toView(row: LessonRow): LessonView {
  return {
    id: row.lesson_id,
    interventionId: row.intervention_id,
    trustCode: row.trust_code,
    title: row.title,
    body: row.body,
    sharing: row.sharing,
    author: { id: row.author_id, name: row.author_name, role: row.author_role, trustCode: row.author_trust_code },
    endorsements: Number(row.endorsements),
    endorsedByViewer: row.endorsed_by_viewer === true,
    createdAt: row.shared_at,
    cursor: encodeCursor(String(row.shared_position)),
  };
}
