import type { MentorshipOfferView, MentorshipStatusView, MentorshipView } from '@longview/contracts';
import type { InterventionCategory, Viewer } from '@longview/domain';
import type { Database } from '@longview/event-store';
import { parseJson } from '../json-column';

/**
 * Who may see what of mentorship, decided here in SQL:
 * - offers: signed-in NHS roles (trust editors, policymakers, admins and the system); the
 *   community and the public see none (a mentor is a named person offering coaching to trusts);
 * - a request or mentorship: its two parties (the mentor; the requester and the editors of the
 *   trust being mentored) and admins. To anyone else it is absent, exactly like a missing one.
 */
export function maySeeOffers(viewer: Viewer): boolean {
  return viewer !== null && viewer.role !== 'COMMUNITY';
}

function isAdmin(viewer: Viewer): boolean {
  return viewer?.role === 'ADMIN' || viewer?.role === 'SYSTEM';
}

/** The SQL condition "the viewer is a party to mentorship m (of offer o), or an admin", values appended to `params`. */
function partyTo(viewer: Viewer, params: unknown[]): string {
  params.push(viewer?.id ?? null);
  const id = `$${params.length}`;
  params.push(viewer?.role === 'TRUST_EDITOR' ? (viewer.trustCode ?? null) : null);
  const trust = `$${params.length}`;
  params.push(isAdmin(viewer));
  const admin = `$${params.length}`;
  return `(${admin}::boolean OR m.requester_id = ${id}::text OR o.mentor_id = ${id}::text OR m.trust_code = ${trust}::text)`;
}

interface OfferRow {
  offer_id: string;
  mentor_id: string;
  mentor_name: string;
  mentor_role: string;
  mentor_trust_code: string | null;
  categories: string | InterventionCategory[];
  metrics: string | string[];
  capacity: number;
  note: string | null;
  status: 'OPEN' | 'WITHDRAWN';
  offered_at: string;
  accepted: number | string;
}

const OFFER_COLUMNS = `o.offer_id, o.mentor_id, o.mentor_name, o.mentor_role, o.mentor_trust_code, o.categories, o.metrics, o.capacity, o.note,
  o.status, o.offered_at,
  (SELECT count(*) FROM rm_mentorships a WHERE a.offer_id = o.offer_id AND a.status = 'ACCEPTED') AS accepted`;

function offerView(row: OfferRow): MentorshipOfferView {
  return {
    id: row.offer_id,
    mentor: { id: row.mentor_id, name: row.mentor_name, role: row.mentor_role, trustCode: row.mentor_trust_code },
    categories: parseJson<InterventionCategory[]>(row.categories),
    metrics: parseJson<string[]>(row.metrics),
    capacity: row.capacity,
    available: row.status === 'OPEN' ? Math.max(0, row.capacity - Number(row.accepted)) : 0,
    note: row.note,
    status: row.status,
    offeredAt: row.offered_at,
  };
}

interface MentorshipRow extends OfferRow {
  mentorship_id: string;
  trust_code: string;
  requester_id: string;
  requester_name: string;
  requester_role: string;
  requester_trust_code: string | null;
  message: string;
  m_status: MentorshipStatusView;
  requested_at: string;
  responded_at: string | null;
  ended_at: string | null;
}

function mentorshipView(row: MentorshipRow): MentorshipView {
  return {
    id: row.mentorship_id,
    offer: offerView(row),
    trustCode: row.trust_code,
    requester: { id: row.requester_id, name: row.requester_name, role: row.requester_role, trustCode: row.requester_trust_code },
    message: row.message,
    status: row.m_status,
    createdAt: row.requested_at,
    respondedAt: row.responded_at,
    endedAt: row.ended_at,
  };
}

const MENTORSHIP_SELECT = `SELECT ${OFFER_COLUMNS}, m.mentorship_id, m.trust_code, m.requester_id, m.requester_name, m.requester_role,
    m.requester_trust_code, m.message, m.status AS m_status, m.requested_at, m.responded_at, m.ended_at
  FROM rm_mentorships m JOIN rm_mentorship_offers o ON o.offer_id = m.offer_id`;

export interface OfferFilter {
  /** Only the viewer's own offers, withdrawn ones too. */
  readonly mine?: boolean;
}

export class MentorshipQueries {
  constructor(private readonly db: Database) {}

  /** Open offers (or, with `mine`, the viewer's own), oldest first; none for the community and the public. */
  async offers(viewer: Viewer, filter: OfferFilter = {}): Promise<MentorshipOfferView[]> {
    if (!maySeeOffers(viewer)) return [];
    const params: unknown[] = [];
    const where = filter.mine ? (params.push(viewer?.id), `o.mentor_id = $1`) : `o.status = 'OPEN'`;
    const { rows } = await this.db.query<OfferRow>(
      `SELECT ${OFFER_COLUMNS} FROM rm_mentorship_offers o WHERE ${where} ORDER BY o.offered_at, o.offer_id`,
      params,
    );
    return rows.map(offerView);
  }

  async offer(viewer: Viewer, offerId: string): Promise<MentorshipOfferView | undefined> {
    if (!maySeeOffers(viewer)) return undefined;
    const { rows } = await this.db.query<OfferRow>(`SELECT ${OFFER_COLUMNS} FROM rm_mentorship_offers o WHERE o.offer_id = $1`, [offerId]);
    return rows[0] ? offerView(rows[0]) : undefined;
  }

  /** Every request and mentorship the viewer is a party to (admins: all), newest first. */
  async mentorships(viewer: Viewer): Promise<MentorshipView[]> {
    if (!viewer) return [];
    const params: unknown[] = [];
    const { rows } = await this.db.query<MentorshipRow>(
      `${MENTORSHIP_SELECT} WHERE ${partyTo(viewer, params)} ORDER BY m.requested_at DESC, m.mentorship_id`,
      params,
    );
    return rows.map(mentorshipView);
  }

  /** Undefined when missing or when the viewer is not a party (the same answer). */
  async mentorship(viewer: Viewer, mentorshipId: string): Promise<MentorshipView | undefined> {
    if (!viewer) return undefined;
    const params: unknown[] = [mentorshipId];
    const { rows } = await this.db.query<MentorshipRow>(`${MENTORSHIP_SELECT} WHERE m.mentorship_id = $1 AND ${partyTo(viewer, params)}`, params);
    return rows[0] ? mentorshipView(rows[0]) : undefined;
  }
}
