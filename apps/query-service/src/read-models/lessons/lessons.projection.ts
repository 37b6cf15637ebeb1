import type { Database } from '@longview/event-store';
import type { Projection, ProjectedEvent } from '../../runner/projection';
import { inKeyOrder } from '../batch-fold';
import { parseJson } from '../json-column';

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
  apply: (tx, projected) => applyLessonsBatch(tx, [projected]),
  applyBatch: applyLessonsBatch,
};

/** The lessons' copy of an intervention, as rm_lesson_interventions keeps it. */
interface LessonIntervention {
  readonly intervention_id: string;
  readonly trust_code: string;
  sharing: string;
  readonly category: string;
  readonly metrics: readonly string[];
  stream_version: number;
}

/**
 * A batch, folded in memory: one read of the intervention copies its sharing changes name, each
 * event applied in log order as applying it alone would (a proposal only if its copy is unknown, a
 * sharing change only to a known copy behind its stream version; a lesson and an endorsement only
 * the first time, as they never change), then one write per table that changed, in the order of
 * `tables`, rows in key order so transactions lock them in the same order.
 *
 * A proposal needs no read: the copy it makes is written only over a row behind its stream
 * version, and a row already there came from that same proposal (the first event of its stream)
 * or later, so an intervention proposed again is left as it is, as ON CONFLICT DO NOTHING did.
 */
async function applyLessonsBatch(tx: Database, events: readonly ProjectedEvent[]): Promise<void> {
  const ids = new Set<string>();
  for (const { event } of events) {
    if (event.type === 'InterventionSharingChanged') ids.add(event.data.interventionId);
  }
  const interventions = new Map<string, LessonIntervention>();
  if (ids.size > 0) {
    const { rows } = await tx.query<Omit<LessonIntervention, 'metrics'> & { metrics: string | string[] }>(
      `SELECT intervention_id, trust_code, sharing, category, metrics, stream_version FROM rm_lesson_interventions
        WHERE intervention_id IN (SELECT jsonb_array_elements_text($1::jsonb))`,
      [JSON.stringify([...ids].sort())],
    );
    for (const r of rows) interventions.set(r.intervention_id, { ...r, metrics: parseJson<string[]>(r.metrics) });
  }

  const changedInterventions = new Set<string>();
  const lessons = new Map<string, Record<string, string | null>>();
  const endorsements = new Map<string, { lesson_id: string; endorser_id: string; endorsed_at: string }>();
  for (const { event, streamVersion, position } of events) {
    switch (event.type) {
      case 'InterventionProposed': {
        const d = event.data;
        if (interventions.has(d.interventionId)) break; // proposed already
        interventions.set(d.interventionId, {
          intervention_id: d.interventionId,
          trust_code: d.trustCode,
          sharing: d.sharing,
          category: d.category,
          metrics: d.targets.map((t) => t.metric),
          stream_version: streamVersion,
        });
        changedInterventions.add(d.interventionId);
        break;
      }
      case 'InterventionSharingChanged': {
        const copy = interventions.get(event.data.interventionId);
        if (!copy || copy.stream_version >= streamVersion) break; // unknown, or applied already
        copy.sharing = event.data.to;
        copy.stream_version = streamVersion;
        changedInterventions.add(copy.intervention_id);
        break;
      }
      case 'LessonShared': {
        const d = event.data;
        if (lessons.has(d.lessonId)) break; // shared earlier in the batch
        lessons.set(d.lessonId, {
          lesson_id: d.lessonId,
          intervention_id: d.interventionId ?? null,
          trust_code: d.trustCode,
          title: d.title,
          body: d.body,
          sharing: d.sharing,
          author_id: d.author.id,
          author_name: d.author.name,
          author_role: d.author.role,
          author_trust_code: d.author.trustCode ?? null,
          shared_at: d.sharedAt,
          shared_position: position.toString(),
        });
        break;
      }
      case 'LessonEndorsed': {
        const key = JSON.stringify([event.data.lessonId, event.data.endorser.id]);
        if (endorsements.has(key)) break; // endorsed earlier in the batch
        endorsements.set(key, { lesson_id: event.data.lessonId, endorser_id: event.data.endorser.id, endorsed_at: event.data.endorsedAt });
        break;
      }
      default:
        break;
    }
  }

  if (changedInterventions.size > 0) {
    const changed = new Map([...changedInterventions].map((id) => [id, interventions.get(id) as LessonIntervention]));
    await tx.query(
      `INSERT INTO rm_lesson_interventions (intervention_id, trust_code, sharing, category, metrics, stream_version)
       SELECT intervention_id, trust_code, sharing, category, metrics, stream_version
         FROM jsonb_to_recordset($1::jsonb) AS i(intervention_id text, trust_code text, sharing text, category text, metrics jsonb, stream_version integer)
       ON CONFLICT (intervention_id) DO UPDATE SET sharing = EXCLUDED.sharing, stream_version = EXCLUDED.stream_version
        WHERE rm_lesson_interventions.stream_version < EXCLUDED.stream_version`,
      [JSON.stringify(inKeyOrder(changed))],
    );
  }
  // Lessons and endorsements never change: a row already there stays as it is.
  if (lessons.size > 0) {
    await tx.query(
      `INSERT INTO rm_lessons (lesson_id, intervention_id, trust_code, title, body, sharing, author_id, author_name, author_role, author_trust_code, shared_at, shared_position)
       SELECT lesson_id, intervention_id, trust_code, title, body, sharing, author_id, author_name, author_role, author_trust_code, shared_at, shared_position
         FROM jsonb_to_recordset($1::jsonb) AS l(lesson_id text, intervention_id text, trust_code text, title text, body text, sharing text, author_id text,
                                                 author_name text, author_role text, author_trust_code text, shared_at text, shared_position bigint)
       ON CONFLICT (lesson_id) DO NOTHING`,
      [JSON.stringify(inKeyOrder(lessons))],
    );
  }
  if (endorsements.size > 0) {
    await tx.query(
      `INSERT INTO rm_lesson_endorsements (lesson_id, endorser_id, endorsed_at)
       SELECT lesson_id, endorser_id, endorsed_at FROM jsonb_to_recordset($1::jsonb) AS e(lesson_id text, endorser_id text, endorsed_at text)
       ON CONFLICT (lesson_id, endorser_id) DO NOTHING`,
      [JSON.stringify(inKeyOrder(endorsements))],
    );
  }
}
