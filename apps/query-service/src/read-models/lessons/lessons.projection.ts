import type { Projection } from '../../runner/projection';

/**
 * rm_lessons and rm_lesson_endorsements, with what they need of interventions kept here
 * (rm_lesson_interventions: trust, sharing, category and target metrics), for the lessons
 * library and an intervention's lessons. A lesson may arrive before its intervention in
 * distributed mode: the two are joined at read time, and a lesson whose intervention is not yet
 * known is shown to no one. Idempotent: rows keyed by what the events identify, endorsements a
 * set (counted at read time, never incremented).
 */
export const lessonsProjection: Projection = {
  name: 'lessons',
  schema: [
    `CREATE TABLE IF NOT EXISTS rm_lesson_interventions (
       intervention_id text PRIMARY KEY,
       trust_code text NOT NULL,
       sharing text NOT NULL,
       category text NOT NULL,
       metrics jsonb NOT NULL,
       stream_version integer NOT NULL
     )`,
    `CREATE TABLE IF NOT EXISTS rm_lessons (
       lesson_id text PRIMARY KEY,
       intervention_id text,
       trust_code text NOT NULL,
       title text NOT NULL,
       body text NOT NULL,
       sharing text NOT NULL,
       author_id text NOT NULL,
       author_name text NOT NULL,
       author_role text NOT NULL,
       author_trust_code text,
       shared_at text NOT NULL,
       shared_position bigint NOT NULL
     )`,
    `CREATE INDEX IF NOT EXISTS rm_lessons_intervention ON rm_lessons (intervention_id)`,
    `CREATE TABLE IF NOT EXISTS rm_lesson_endorsements (
       lesson_id text NOT NULL,
       endorser_id text NOT NULL,
       endorsed_at text NOT NULL,
       PRIMARY KEY (lesson_id, endorser_id)
     )`,
  ],
  tables: ['rm_lesson_interventions', 'rm_lessons', 'rm_lesson_endorsements'],
  async apply(tx, { event, streamVersion, position }) {
    switch (event.type) {
      case 'InterventionProposed': {
        const d = event.data;
        await tx.query(
          `INSERT INTO rm_lesson_interventions (intervention_id, trust_code, sharing, category, metrics, stream_version)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (intervention_id) DO NOTHING`,
          [d.interventionId, d.trustCode, d.sharing, d.category, JSON.stringify(d.targets.map((t) => t.metric)), streamVersion],
        );
        return;
      }
      case 'InterventionSharingChanged':
        await tx.query('UPDATE rm_lesson_interventions SET sharing = $2, stream_version = $3 WHERE intervention_id = $1 AND stream_version < $3', [
          event.data.interventionId,
          event.data.to,
          streamVersion,
        ]);
        return;
      case 'LessonShared': {
        const d = event.data;
        await tx.query(
          `INSERT INTO rm_lessons (lesson_id, intervention_id, trust_code, title, body, sharing, author_id, author_name, author_role, author_trust_code, shared_at, shared_position)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (lesson_id) DO NOTHING`,
          [
            d.lessonId,
            d.interventionId ?? null,
            d.trustCode,
            d.title,
            d.body,
            d.sharing,
            d.author.id,
            d.author.name,
            d.author.role,
            d.author.trustCode ?? null,
            d.sharedAt,
            position.toString(),
          ],
        );
        return;
      }
      case 'LessonEndorsed':
        await tx.query(
          'INSERT INTO rm_lesson_endorsements (lesson_id, endorser_id, endorsed_at) VALUES ($1, $2, $3) ON CONFLICT (lesson_id, endorser_id) DO NOTHING',
          [event.data.lessonId, event.data.endorser.id, event.data.endorsedAt],
        );
        return;
      default:
        return;
    }
  },
};
