import type { ProgrammeMemberView, ProgrammeSummaryView, ProgrammeTimelineEntryView } from '@longview/contracts';
import type { InterventionCategory, VisibilityTier } from '@longview/domain';
import type { Database } from '@longview/event-store';
import { visibleTo } from '../../access/visible-to';

/** What the programme's own tables say, with the linked interventions the tier may see (and only those). */
export interface ProgrammeRecord extends ProgrammeSummaryView {
  readonly coordinators: readonly { readonly id: string; readonly name: string }[];
  readonly members: readonly ProgrammeMemberView[];
  /** Visible linked interventions, in the order they were linked. */
  readonly links: readonly { readonly interventionId: string; readonly trustCode: string; readonly linkedAt: string }[];
  readonly timeline: readonly ProgrammeTimelineEntryView[];
}

interface ProgrammeRow {
  programme_id: string;
  name: string;
  aim: string;
  category: InterventionCategory;
  metric: string;
  created_at: string;
  member_count: string | number;
  intervention_count: string | number;
}

/**
 * The links a tier may see, in SQL: joined to the intervention's own row (unknown yet: hidden) and
 * filtered by its sharing and trust, so hidden interventions are absent from lists, counts, the
 * timeline and everything pooled from them.
 */
function visibleLinks(tier: VisibilityTier, params: unknown[]): string {
  const visible = visibleTo(tier, params, { sharing: 'i.sharing', trustCode: 'i.trust_code' });
  return `rm_programme_links l JOIN rm_programme_interventions i ON i.intervention_id = l.intervention_id AND ${visible}`;
}

export class ProgrammeQueries {
  constructor(private readonly db: Database) {}

  /** Every programme (names and memberships are public), newest first, with the linked interventions the tier may see counted. */
  async programmes(tier: VisibilityTier, filter: { readonly trustCode?: string } = {}): Promise<ProgrammeSummaryView[]> {
    return (await this.summaries(tier, undefined, filter.trustCode)).map(toSummary);
  }

  async programme(tier: VisibilityTier, id: string): Promise<ProgrammeRecord | undefined> {
    const [row] = await this.summaries(tier, id);
    if (!row) return undefined;
    const coordinators = await this.db.query<{ person_id: string; name: string }>(
      'SELECT person_id, name FROM rm_programme_coordinators WHERE programme_id = $1 ORDER BY appointed_at, person_id',
      [id],
    );
    const params: unknown[] = [];
    const links = visibleLinks(tier, params);
    params.push(id);
    const me = `$${params.length}`;
    const members = await this.db.query<{ trust_code: string; trust_name: string; joined_at: string; n: string | number }>(
      `SELECT m.trust_code, m.trust_name, m.joined_at,
         (SELECT count(*) FROM ${links} WHERE l.programme_id = m.programme_id AND l.trust_code = m.trust_code) AS n
       FROM rm_programme_members m WHERE m.programme_id = ${me} ORDER BY m.joined_at, m.trust_code`,
      params,
    );
    const linkParams: unknown[] = [];
    const linkFrom = visibleLinks(tier, linkParams);
    linkParams.push(id);
    const linked = await this.db.query<{
      intervention_id: string;
      trust_code: string;
      linked_at: string;
      title: string;
      started_on: string | null;
      completed_on: string | null;
      abandoned_on: string | null;
    }>(
      `SELECT l.intervention_id, l.trust_code, l.linked_at, i.title, i.started_on, i.completed_on, i.abandoned_on
       FROM ${linkFrom} WHERE l.programme_id = $${linkParams.length} ORDER BY l.linked_at, l.intervention_id`,
      linkParams,
    );
    const appointed = await this.db.query<{ name: string; appointed_at: string; appointed_by: string | null }>(
      'SELECT name, appointed_at, appointed_by FROM rm_programme_coordinators WHERE programme_id = $1 AND appointed_by IS NOT NULL',
      [id],
    );
    const names = new Map(members.rows.map((m) => [m.trust_code, m.trust_name]));
    const timeline: ProgrammeTimelineEntryView[] = [
      entry(row.created_at, 'PROGRAMME_CREATED', `${row.name} was set up`),
      ...appointed.rows.map((a) =>
        entry(a.appointed_at, 'COORDINATOR_APPOINTED', `${a.name} was appointed a coordinator by ${a.appointed_by ?? 'a coordinator'}`),
      ),
      ...members.rows.map((m) => entry(m.joined_at, 'TRUST_JOINED', `${m.trust_name} joined`, m.trust_code)),
      ...linked.rows.flatMap((l) => {
        const trust = names.get(l.trust_code) ?? l.trust_code;
        const at = (type: ProgrammeTimelineEntryView['type'], date: string | null, verb: string) =>
          date ? [entry(date, type, `${trust} ${verb} “${l.title}”`, l.trust_code, l.intervention_id)] : [];
        return [
          entry(l.linked_at, 'INTERVENTION_LINKED', `“${l.title}” (${trust}) was linked to the programme`, l.trust_code, l.intervention_id),
          ...at('INTERVENTION_STARTED', l.started_on, 'started'),
          ...at('INTERVENTION_COMPLETED', l.completed_on, 'completed'),
          ...at('INTERVENTION_ABANDONED', l.abandoned_on, 'abandoned'),
        ];
      }),
    ].sort((a, b) => a.date.localeCompare(b.date) || TIMELINE_ORDER.indexOf(a.type) - TIMELINE_ORDER.indexOf(b.type) || a.summary.localeCompare(b.summary));
    return {
      ...toSummary(row),
      coordinators: coordinators.rows.map((c) => ({ id: c.person_id, name: c.name })),
      members: members.rows.map((m) => ({ code: m.trust_code, name: m.trust_name, joinedAt: m.joined_at, interventionCount: Number(m.n) })),
      links: linked.rows.map((l) => ({ interventionId: l.intervention_id, trustCode: l.trust_code, linkedAt: l.linked_at })),
      timeline,
    };
  }

  private async summaries(tier: VisibilityTier, id?: string, memberCode?: string): Promise<ProgrammeRow[]> {
    const params: unknown[] = [];
    const links = visibleLinks(tier, params);
    const conditions: string[] = [];
    if (id !== undefined) {
      params.push(id);
      conditions.push(`p.programme_id = $${params.length}`);
    }
    if (memberCode !== undefined) {
      params.push(memberCode);
      conditions.push(`EXISTS (SELECT 1 FROM rm_programme_members m WHERE m.programme_id = p.programme_id AND m.trust_code = $${params.length})`);
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const { rows } = await this.db.query<ProgrammeRow>(
      `SELECT p.programme_id, p.name, p.aim, p.category, p.metric, p.created_at,
         (SELECT count(*) FROM rm_programme_members m WHERE m.programme_id = p.programme_id) AS member_count,
         (SELECT count(*) FROM ${links} WHERE l.programme_id = p.programme_id) AS intervention_count
       FROM rm_programmes p ${where} ORDER BY p.created_position DESC`,
      params,
    );
    return rows;
  }
}

const TIMELINE_ORDER: readonly ProgrammeTimelineEntryView['type'][] = [
  'PROGRAMME_CREATED',
  'COORDINATOR_APPOINTED',
  'TRUST_JOINED',
  'INTERVENTION_LINKED',
  'INTERVENTION_STARTED',
  'INTERVENTION_COMPLETED',
  'INTERVENTION_ABANDONED',
];

function entry(
  at: string,
  type: ProgrammeTimelineEntryView['type'],
  summary: string,
  trustCode: string | null = null,
  interventionId: string | null = null,
): ProgrammeTimelineEntryView {
  return { date: at.slice(0, 10), type, summary, trustCode, interventionId };
}

function toSummary(row: ProgrammeRow): ProgrammeSummaryView {
  return {
    id: row.programme_id,
    name: row.name,
    aim: row.aim,
    category: row.category,
    metric: row.metric,
    createdAt: row.created_at,
    memberCount: Number(row.member_count),
    interventionCount: Number(row.intervention_count),
  };
}
