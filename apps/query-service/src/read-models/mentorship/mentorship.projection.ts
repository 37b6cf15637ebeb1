import type { LongviewEvent } from '@longview/domain';
import type { Projection } from '../../runner/projection';

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
  async apply(tx, { event, streamVersion }) {
    if (!isMentorshipEvent(event)) return;
    if (event.type === 'MentorshipOffered') {
      const d = event.data;
      await tx.query(
        `INSERT INTO rm_mentorship_offers
           (offer_id, mentor_id, mentor_name, mentor_role, mentor_trust_code, categories, metrics, capacity, note, status, offered_at, stream_version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'OPEN', $10, $11) ON CONFLICT (offer_id) DO NOTHING`,
        [
          d.offerId,
          d.mentor.id,
          d.mentor.name,
          d.mentor.role,
          d.mentor.trustCode ?? null,
          JSON.stringify(d.categories),
          JSON.stringify(d.metrics),
          d.capacity,
          d.note ?? null,
          d.offeredAt,
          streamVersion,
        ],
      );
      return;
    }
    // Later events of the stream: applied once each, in stream order (the offer is always version 1).
    const gate = await tx.query('UPDATE rm_mentorship_offers SET stream_version = $2 WHERE offer_id = $1 AND stream_version < $2 RETURNING offer_id', [
      event.data.offerId,
      streamVersion,
    ]);
    if (gate.rows.length === 0) return;
    switch (event.type) {
      case 'MentorshipOfferWithdrawn':
        await tx.query(`UPDATE rm_mentorship_offers SET status = 'WITHDRAWN' WHERE offer_id = $1`, [event.data.offerId]);
        return;
      case 'MentorshipRequested': {
        const d = event.data;
        await tx.query(
          `INSERT INTO rm_mentorships
             (mentorship_id, offer_id, trust_code, requester_id, requester_name, requester_role, requester_trust_code, message, status, requested_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'REQUESTED', $9) ON CONFLICT (mentorship_id) DO NOTHING`,
          [d.mentorshipId, d.offerId, d.trustCode, d.requester.id, d.requester.name, d.requester.role, d.requester.trustCode ?? null, d.message, d.requestedAt],
        );
        return;
      }
      case 'MentorshipAccepted':
      case 'MentorshipDeclined':
        await tx.query('UPDATE rm_mentorships SET status = $3, responded_at = $4 WHERE mentorship_id = $1 AND offer_id = $2', [
          event.data.mentorshipId,
          event.data.offerId,
          event.type === 'MentorshipAccepted' ? 'ACCEPTED' : 'DECLINED',
          event.data.respondedAt,
        ]);
        return;
      case 'MentorshipEnded':
        await tx.query(`UPDATE rm_mentorships SET status = 'ENDED', ended_at = $3 WHERE mentorship_id = $1 AND offer_id = $2`, [
          event.data.mentorshipId,
          event.data.offerId,
          event.data.endedAt,
        ]);
        return;
    }
  },
};

type MentorshipEvent = Extract<
  LongviewEvent,
  { type: 'MentorshipOffered' | 'MentorshipOfferWithdrawn' | 'MentorshipRequested' | 'MentorshipAccepted' | 'MentorshipDeclined' | 'MentorshipEnded' }
>;

function isMentorshipEvent(event: LongviewEvent): event is MentorshipEvent {
  return event.type.startsWith('Mentorship');
}
