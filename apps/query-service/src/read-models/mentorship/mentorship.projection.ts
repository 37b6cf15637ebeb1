import type { LongviewEvent } from '@longview/domain';
import type { Database } from '@longview/event-store';
import type { Projection, ProjectedEvent } from '../../runner/projection';
import { inKeyOrder } from '../batch-fold';
import { parseJson } from '../json-column';

/**
 * rm_mentorship_offers and rm_mentorships: the offers (one stream each) and the mentorships made
 * under them, shaped for the mentors panel and "My mentorships". Every event of an offer's
 * stream is gated by the offer row's stream_version, so each applies once and a replay changes
 * nothing. Places left are counted at read time from the accepted mentorships, never stored.
 */
export const mentorshipProjection: Projection = {
  name: 'mentorship',
  schema: [
    `CREATE TABLE IF NOT EXISTS rm_mentorship_offers (
       offer_id text PRIMARY KEY,
       mentor_id text NOT NULL,
       mentor_name text NOT NULL,
       mentor_role text NOT NULL,
       mentor_trust_code text,
       categories jsonb NOT NULL,
       metrics jsonb NOT NULL,
       capacity integer NOT NULL,
       note text,
       status text NOT NULL,
       offered_at text NOT NULL,
       stream_version integer NOT NULL
     )`,
    `CREATE INDEX IF NOT EXISTS rm_mentorship_offers_mentor ON rm_mentorship_offers (mentor_id)`,
    `CREATE TABLE IF NOT EXISTS rm_mentorships (
       mentorship_id text PRIMARY KEY,
       offer_id text NOT NULL,
       trust_code text NOT NULL,
       requester_id text NOT NULL,
       requester_name text NOT NULL,
       requester_role text NOT NULL,
       requester_trust_code text,
       message text NOT NULL,
       status text NOT NULL,
       requested_at text NOT NULL,
       responded_at text,
       ended_at text
     )`,
    `CREATE INDEX IF NOT EXISTS rm_mentorships_offer ON rm_mentorships (offer_id)`,
    `CREATE INDEX IF NOT EXISTS rm_mentorships_requester ON rm_mentorships (requester_id)`,
    `CREATE INDEX IF NOT EXISTS rm_mentorships_trust ON rm_mentorships (trust_code)`,
  ],
  tables: ['rm_mentorship_offers', 'rm_mentorships'],
  apply: (tx, projected) => applyMentorshipBatch(tx, [projected]),
  applyBatch: applyMentorshipBatch,
};

type MentorshipEvent = Extract<
  LongviewEvent,
  { type: 'MentorshipOffered' | 'MentorshipOfferWithdrawn' | 'MentorshipRequested' | 'MentorshipAccepted' | 'MentorshipDeclined' | 'MentorshipEnded' }
>;

function isMentorshipEvent(event: LongviewEvent): event is MentorshipEvent {
  return event.type.startsWith('Mentorship');
}

/** A row of rm_mentorship_offers. */
interface OfferRow {
  readonly offer_id: string;
  readonly mentor_id: string;
  readonly mentor_name: string;
  readonly mentor_role: string;
  readonly mentor_trust_code: string | null;
  readonly categories: readonly string[];
  readonly metrics: readonly string[];
  readonly capacity: number;
  readonly note: string | null;
  status: string;
  readonly offered_at: string;
  stream_version: number;
}

/** A row of rm_mentorships. */
interface MentorshipRow {
  readonly mentorship_id: string;
  readonly offer_id: string;
  readonly trust_code: string;
  readonly requester_id: string;
  readonly requester_name: string;
  readonly requester_role: string;
  readonly requester_trust_code: string | null;
  readonly message: string;
  status: string;
  readonly requested_at: string;
  responded_at: string | null;
  ended_at: string | null;
}

/**
 * A batch, folded in memory: one read of the offers and one of the mentorships its events name,
 * every event applied in log order as alone (an offer inserted once; each later event of an
 * offer's stream applied only when its stream version is above the offer's, which it then moves,
 * even when the mentorship it names is unknown), then one upsert of the offers and one of the
 * mentorships that changed, in key order.
 */
async function applyMentorshipBatch(tx: Database, events: readonly ProjectedEvent[]): Promise<void> {
  const offerIds = new Set<string>();
  const mentorshipIds = new Set<string>();
  for (const { event } of events) {
    if (!isMentorshipEvent(event)) continue;
    offerIds.add(event.data.offerId);
    if ('mentorshipId' in event.data) mentorshipIds.add(event.data.mentorshipId);
  }
  if (offerIds.size === 0) return;
  const offers = new Map<string, OfferRow>();
  const { rows: offerRows } = await tx.query<Omit<OfferRow, 'categories' | 'metrics'> & { categories: string | string[]; metrics: string | string[] }>(
    `SELECT offer_id, mentor_id, mentor_name, mentor_role, mentor_trust_code, categories, metrics, capacity, note, status, offered_at, stream_version
       FROM rm_mentorship_offers WHERE offer_id IN (SELECT jsonb_array_elements_text($1::jsonb))`,
    [JSON.stringify([...offerIds].sort())],
  );
  for (const r of offerRows) offers.set(r.offer_id, { ...r, categories: parseJson<string[]>(r.categories), metrics: parseJson<string[]>(r.metrics) });
  const mentorships = new Map<string, MentorshipRow>();
  if (mentorshipIds.size > 0) {
    const { rows } = await tx.query<MentorshipRow>(
      `SELECT mentorship_id, offer_id, trust_code, requester_id, requester_name, requester_role, requester_trust_code, message, status, requested_at,
              responded_at, ended_at
         FROM rm_mentorships WHERE mentorship_id IN (SELECT jsonb_array_elements_text($1::jsonb))`,
      [JSON.stringify([...mentorshipIds].sort())],
    );
    for (const r of rows) mentorships.set(r.mentorship_id, { ...r });
  }

  const changedOffers = new Set<string>();
  const changedMentorships = new Set<string>();
  for (const { event, streamVersion } of events) {
    if (!isMentorshipEvent(event)) continue;
    if (event.type === 'MentorshipOffered') {
      const d = event.data;
      if (offers.has(d.offerId)) continue; // offered already
      offers.set(d.offerId, {
        offer_id: d.offerId,
        mentor_id: d.mentor.id,
        mentor_name: d.mentor.name,
        mentor_role: d.mentor.role,
        mentor_trust_code: d.mentor.trustCode ?? null,
        categories: d.categories,
        metrics: d.metrics,
        capacity: d.capacity,
        note: d.note ?? null,
        status: 'OPEN',
        offered_at: d.offeredAt,
        stream_version: streamVersion,
      });
      changedOffers.add(d.offerId);
      continue;
    }
    // Later events of the stream: applied once each, in stream order (the offer is always version 1).
    const offer = offers.get(event.data.offerId);
    if (!offer || offer.stream_version >= streamVersion) continue; // offer unknown, or applied already
    offer.stream_version = streamVersion;
    changedOffers.add(offer.offer_id);
    if (event.type === 'MentorshipOfferWithdrawn') {
      offer.status = 'WITHDRAWN';
      continue;
    }
    if (event.type === 'MentorshipRequested') {
      const r = event.data;
      if (mentorships.has(r.mentorshipId)) continue; // requested already
      mentorships.set(r.mentorshipId, {
        mentorship_id: r.mentorshipId,
        offer_id: r.offerId,
        trust_code: r.trustCode,
        requester_id: r.requester.id,
        requester_name: r.requester.name,
        requester_role: r.requester.role,
        requester_trust_code: r.requester.trustCode ?? null,
        message: r.message,
        status: 'REQUESTED',
        requested_at: r.requestedAt,
        responded_at: null,
        ended_at: null,
      });
      changedMentorships.add(r.mentorshipId);
      continue;
    }
    const mentorship = mentorships.get(event.data.mentorshipId);
    if (!mentorship || mentorship.offer_id !== event.data.offerId) continue; // no such mentorship under this offer
    if (event.type === 'MentorshipEnded') {
      mentorship.status = 'ENDED';
      mentorship.ended_at = event.data.endedAt;
    } else {
      mentorship.status = event.type === 'MentorshipAccepted' ? 'ACCEPTED' : 'DECLINED';
      mentorship.responded_at = event.data.respondedAt;
    }
    changedMentorships.add(mentorship.mentorship_id);
  }

  if (changedOffers.size > 0) {
    await tx.query(
      `INSERT INTO rm_mentorship_offers
         (offer_id, mentor_id, mentor_name, mentor_role, mentor_trust_code, categories, metrics, capacity, note, status, offered_at, stream_version)
       SELECT offer_id, mentor_id, mentor_name, mentor_role, mentor_trust_code, categories, metrics, capacity, note, status, offered_at, stream_version
         FROM jsonb_to_recordset($1::jsonb) AS o(offer_id text, mentor_id text, mentor_name text, mentor_role text, mentor_trust_code text, categories jsonb,
                                                 metrics jsonb, capacity integer, note text, status text, offered_at text, stream_version integer)
       ON CONFLICT (offer_id) DO UPDATE SET status = EXCLUDED.status, stream_version = EXCLUDED.stream_version`,
      [JSON.stringify(inKeyOrder(new Map([...changedOffers].map((id) => [id, offers.get(id) as OfferRow]))))],
    );
  }
  if (changedMentorships.size > 0) {
    await tx.query(
      `INSERT INTO rm_mentorships
         (mentorship_id, offer_id, trust_code, requester_id, requester_name, requester_role, requester_trust_code, message, status, requested_at, responded_at, ended_at)
       SELECT mentorship_id, offer_id, trust_code, requester_id, requester_name, requester_role, requester_trust_code, message, status, requested_at,
              responded_at, ended_at
         FROM jsonb_to_recordset($1::jsonb) AS m(mentorship_id text, offer_id text, trust_code text, requester_id text, requester_name text, requester_role text,
                                                 requester_trust_code text, message text, status text, requested_at text, responded_at text, ended_at text)
       ON CONFLICT (mentorship_id) DO UPDATE SET status = EXCLUDED.status, responded_at = EXCLUDED.responded_at, ended_at = EXCLUDED.ended_at`,
      [JSON.stringify(inKeyOrder(new Map([...changedMentorships].map((id) => [id, mentorships.get(id) as MentorshipRow]))))],
    );
  }
}
