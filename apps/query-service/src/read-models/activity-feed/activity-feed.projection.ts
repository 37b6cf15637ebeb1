import { evaluateOutcome, type Sustainability } from '@longview/analytics';
import type { InterventionCategory, LongviewEvent, Target } from '@longview/domain';
import type { Database } from '@longview/event-store';
import type { ProjectedEvent, Projection } from '../../runner/projection';
import { parseJson } from '../json-column';
import { feedEntry, verdictSummary, type FeedEntry } from './activity-feed.kinds';

interface SeriesPoint {
  readonly period: string;
  readonly value: number;
}

interface InterventionRow {
  id: string;
  trust_code: string;
  title: string;
  category: InterventionCategory;
  started_on: string | null;
  targets: string | Target[];
}

/**
 * The live feed (GET /activity): one row per thing that happened to an intervention, numbered by
 * the feed's own counter. The counter is one row (rm_activity_counter) bumped by an upsert in the
 * transaction that adds the row, so its row lock hands positions out in commit order: a reader
 * that sees position N sees every row below N, whatever order the Kafka partitions apply streams
 * in. `since=N` therefore has no gap and no duplicate.
 *
 * Idempotent: a row is unique on (event id, part) and checked before a position is taken, so an
 * event applied again adds nothing and takes no number. What a row's visibility needs lives in the
 * feed's own tables: each intervention's trust and *current* sharing (rm_activity_interventions,
 * kept by InterventionSharingChanged and joined at read time, so a row made private later is
 * hidden again), trust names, and, for verdict changes, a copy of each series' values and the
 * last verdict per (intervention, metric).
 *
 * Verdict changes are derived, not events: after a series event (or a start) the verdict of each
 * started intervention of that trust targeting that metric is evaluated as the outcomes are
 * (@longview/analytics evaluateOutcome); a change from the last known verdict adds a
 * VERDICT_CHANGED row (the first verdict, on the start, adds none). Which intermediate verdicts
 * are seen depends on the order series and intervention events arrived, as it did live.
 */
export const activityFeedProjection: Projection = {
  name: 'activity-feed',
  schema: [
    `CREATE TABLE IF NOT EXISTS rm_activity_counter (id smallint PRIMARY KEY, last bigint NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS rm_activity (
       position bigint PRIMARY KEY,
       event_id text NOT NULL,
       part text NOT NULL,
       kind text NOT NULL,
       intervention_id text NOT NULL,
       trust_code text NOT NULL,
       category text NOT NULL,
       title text NOT NULL,
       summary text NOT NULL,
       metric text,
       verdict text,
       previous_verdict text,
       occurred_at text NOT NULL,
       own_sharing text,
       comment_id text,
       UNIQUE (event_id, part)
     )`,
    // Comments retracted or hidden by a moderator: their rows leave the feed for everyone.
    `CREATE TABLE IF NOT EXISTS rm_activity_withdrawn_comments (comment_id text PRIMARY KEY)`,
    `CREATE INDEX IF NOT EXISTS rm_activity_intervention ON rm_activity (intervention_id)`,
    `CREATE TABLE IF NOT EXISTS rm_activity_interventions (
       id text PRIMARY KEY,
       trust_code text NOT NULL,
       title text NOT NULL,
       category text NOT NULL,
       sharing text NOT NULL,
       started_on text,
       targets jsonb NOT NULL,
       stream_version integer NOT NULL
     )`,
    `CREATE INDEX IF NOT EXISTS rm_activity_interventions_trust ON rm_activity_interventions (trust_code)`,
    `CREATE TABLE IF NOT EXISTS rm_activity_trusts (code text PRIMARY KEY, name text NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS rm_activity_series (
       trust_code text NOT NULL,
       metric text NOT NULL,
       points jsonb NOT NULL,
       rebase jsonb NOT NULL,
       stream_version integer NOT NULL,
       PRIMARY KEY (trust_code, metric)
     )`,
    `CREATE TABLE IF NOT EXISTS rm_activity_verdicts (
       intervention_id text NOT NULL,
       metric text NOT NULL,
       verdict text NOT NULL,
       PRIMARY KEY (intervention_id, metric)
     )`,
  ],
  tables: [
    'rm_activity_counter',
    'rm_activity',
    'rm_activity_interventions',
    'rm_activity_trusts',
    'rm_activity_series',
    'rm_activity_verdicts',
    'rm_activity_withdrawn_comments',
  ],
  async apply(tx, projected) {
    const { event } = projected;
    switch (event.type) {
      case 'TrustRegistered':
        await tx.query('INSERT INTO rm_activity_trusts (code, name) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING', [event.data.code, event.data.name]);
        return;
      case 'InterventionProposed': {
        const d = event.data;
        await tx.query(
          `INSERT INTO rm_activity_interventions (id, trust_code, title, category, sharing, started_on, targets, stream_version)
           VALUES ($1, $2, $3, $4, $5, NULL, $6, $7) ON CONFLICT (id) DO NOTHING`,
          [d.interventionId, d.trustCode, d.title, d.category, d.sharing, JSON.stringify(d.targets), projected.streamVersion],
        );
        await addEventRow(tx, projected, d.interventionId);
        return;
      }
      case 'InterventionSharingChanged':
        await tx.query('UPDATE rm_activity_interventions SET sharing = $2, stream_version = $3 WHERE id = $1 AND stream_version < $3', [
          event.data.interventionId,
          event.data.to,
          projected.streamVersion,
        ]);
        return;
      case 'InterventionStarted': {
        const started = await tx.query(
          'UPDATE rm_activity_interventions SET started_on = $2, stream_version = $3 WHERE id = $1 AND stream_version < $3 RETURNING id',
          [event.data.interventionId, event.data.startedOn, projected.streamVersion],
        );
        await addEventRow(tx, projected, event.data.interventionId);
        if (started.rows.length > 0) await judge(tx, projected, { interventionId: event.data.interventionId });
        return;
      }
      case 'InterventionCompleted':
      case 'InterventionAbandoned':
      case 'PdsaCycleLogged':
        await tx.query('UPDATE rm_activity_interventions SET stream_version = $2 WHERE id = $1 AND stream_version < $2', [
          event.data.interventionId,
          projected.streamVersion,
        ]);
        await addEventRow(tx, projected, event.data.interventionId);
        return;
      case 'LessonShared':
        // A lesson about an intervention is seen by whoever may see both (a lesson about a trust's
        // work in general, with no intervention, is in the lessons library, not in this feed).
        if (event.data.interventionId) await addEventRow(tx, projected, event.data.interventionId, { ownSharing: event.data.sharing });
        return;
      case 'CommentPosted':
        await addEventRow(tx, projected, event.data.interventionId, { commentId: event.data.commentId });
        return;
      case 'CommentRetracted':
      case 'CommentHidden':
        await tx.query('INSERT INTO rm_activity_withdrawn_comments (comment_id) VALUES ($1) ON CONFLICT (comment_id) DO NOTHING', [event.data.commentId]);
        return;
      case 'ObservationsRecorded':
      case 'ObservationCorrected':
      case 'SeriesRebased':
        if (await applySeries(tx, projected, event)) await judge(tx, projected, { trustCode: event.data.trustCode, metric: event.data.metric });
        return;
      default:
        return;
    }
  },
};

/** The next position of the feed: the one-row counter, bumped under its row lock until the transaction ends. */
async function nextPosition(tx: Database): Promise<string> {
  const { rows } = await tx.query<{ last: string | number }>(
    `INSERT INTO rm_activity_counter (id, last) VALUES (1, 1)
     ON CONFLICT (id) DO UPDATE SET last = rm_activity_counter.last + 1 RETURNING last`,
  );
  return String((rows[0] as { last: string | number }).last);
}

async function alreadyThere(tx: Database, eventId: string, part: string): Promise<boolean> {
  const { rows } = await tx.query('SELECT 1 FROM rm_activity WHERE event_id = $1 AND part = $2', [eventId, part]);
  return rows.length > 0;
}

interface RowValues {
  readonly part: string;
  readonly entry: FeedEntry;
  readonly intervention: InterventionRow;
  readonly metric?: string;
  readonly verdict?: Sustainability;
  readonly previousVerdict?: Sustainability;
  /** A lesson's own sharing: its row is seen only by whoever may see the lesson as well as its intervention. */
  readonly ownSharing?: string;
  /** A comment's id: its row leaves the feed when the comment is retracted or hidden. */
  readonly commentId?: string;
}

async function insertRow(tx: Database, projected: ProjectedEvent, values: RowValues): Promise<void> {
  if (await alreadyThere(tx, projected.eventId, values.part)) return;
  const position = await nextPosition(tx);
  const i = values.intervention;
  await tx.query(
    `INSERT INTO rm_activity (position, event_id, part, kind, intervention_id, trust_code, category, title, summary, metric, verdict, previous_verdict, occurred_at,
                              own_sharing, comment_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
    [
      position,
      projected.eventId,
      values.part,
      values.entry.kind,
      i.id,
      i.trust_code,
      i.category,
      i.title,
      values.entry.summary,
      values.metric ?? null,
      values.verdict ?? null,
      values.previousVerdict ?? null,
      projected.metadata.occurredAt ?? projected.recordedAt,
      values.ownSharing ?? null,
      values.commentId ?? null,
    ],
  );
}

async function interventionRow(tx: Database, id: string): Promise<InterventionRow | undefined> {
  const { rows } = await tx.query<InterventionRow>('SELECT id, trust_code, title, category, started_on, targets FROM rm_activity_interventions WHERE id = $1', [
    id,
  ]);
  return rows[0];
}

/** The row of an event in FEED_KINDS (none for other types, or when its intervention is unknown). */
async function addEventRow(
  tx: Database,
  projected: ProjectedEvent,
  interventionId: string,
  extra: Pick<RowValues, 'ownSharing' | 'commentId'> = {},
): Promise<void> {
  const intervention = await interventionRow(tx, interventionId);
  if (!intervention) return;
  const entry = feedEntry(projected.event, intervention);
  if (!entry) return;
  await insertRow(tx, projected, { part: '', entry, intervention, ...extra });
}

/** Keeps the feed's copy of a series' values; false when this stream version was applied already. */
async function applySeries(
  tx: Database,
  projected: ProjectedEvent,
  event: Extract<LongviewEvent, { type: 'ObservationsRecorded' | 'ObservationCorrected' | 'SeriesRebased' }>,
): Promise<boolean> {
  const { trustCode, metric } = event.data;
  const { rows } = await tx.query<{ points: string | SeriesPoint[]; rebase: string | string[]; stream_version: number }>(
    'SELECT points, rebase, stream_version FROM rm_activity_series WHERE trust_code = $1 AND metric = $2',
    [trustCode, metric],
  );
  const current = rows[0];
  if (current && current.stream_version >= projected.streamVersion) return false;
  const byPeriod = new Map((current ? parseJson<SeriesPoint[]>(current.points) : []).map((p) => [p.period, p]));
  let rebase = current ? parseJson<string[]>(current.rebase) : [];
  if (event.type === 'ObservationsRecorded') {
    for (const o of event.data.observations) byPeriod.set(o.period, { period: o.period, value: o.value });
  } else if (event.type === 'ObservationCorrected') {
    if (byPeriod.has(event.data.period)) byPeriod.set(event.data.period, { period: event.data.period, value: event.data.value });
  } else {
    rebase = [...new Set([...rebase, event.data.fromPeriod])].sort();
  }
  const points = [...byPeriod.values()].sort((a, b) => a.period.localeCompare(b.period));
  await tx.query(
    `INSERT INTO rm_activity_series (trust_code, metric, points, rebase, stream_version) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (trust_code, metric) DO UPDATE SET points = EXCLUDED.points, rebase = EXCLUDED.rebase, stream_version = EXCLUDED.stream_version`,
    [trustCode, metric, JSON.stringify(points), JSON.stringify(rebase), projected.streamVersion],
  );
  return true;
}

/** The verdict outcomes would give now (INSUFFICIENT_DATA without data, as GET /interventions/:id/outcomes says). */
async function verdictNow(tx: Database, intervention: InterventionRow, target: Target): Promise<Sustainability> {
  if (!intervention.started_on) return 'INSUFFICIENT_DATA';
  const { rows } = await tx.query<{ points: string | SeriesPoint[]; rebase: string | string[] }>(
    'SELECT points, rebase FROM rm_activity_series WHERE trust_code = $1 AND metric = $2',
    [intervention.trust_code, target.metric],
  );
  const series = rows[0];
  const points = series ? parseJson<SeriesPoint[]>(series.points) : [];
  if (points.length === 0) return 'INSUFFICIENT_DATA';
  return evaluateOutcome({ series: points, startedOn: intervention.started_on, direction: target.direction, rebase: parseJson<string[]>(series!.rebase) })
    .sustainability;
}

/**
 * Re-judges the started interventions concerned (one, on its start; or those of a trust that
 * target a metric, after its series moved) and adds a VERDICT_CHANGED row for each verdict that
 * differs from the last one known.
 */
async function judge(tx: Database, projected: ProjectedEvent, scope: { interventionId: string } | { trustCode: string; metric: string }): Promise<void> {
  const { rows } =
    'interventionId' in scope
      ? await tx.query<InterventionRow>(
          'SELECT id, trust_code, title, category, started_on, targets FROM rm_activity_interventions WHERE id = $1 AND started_on IS NOT NULL',
          [scope.interventionId],
        )
      : await tx.query<InterventionRow>(
          'SELECT id, trust_code, title, category, started_on, targets FROM rm_activity_interventions WHERE trust_code = $1 AND started_on IS NOT NULL ORDER BY id',
          [scope.trustCode],
        );
  for (const intervention of rows) {
    for (const target of parseJson<Target[]>(intervention.targets)) {
      if ('metric' in scope && target.metric !== scope.metric) continue;
      const verdict = await verdictNow(tx, intervention, target);
      const known = await tx.query<{ verdict: Sustainability }>('SELECT verdict FROM rm_activity_verdicts WHERE intervention_id = $1 AND metric = $2', [
        intervention.id,
        target.metric,
      ]);
      const previous = known.rows[0]?.verdict;
      if (previous === verdict) continue;
      await tx.query(
        `INSERT INTO rm_activity_verdicts (intervention_id, metric, verdict) VALUES ($1, $2, $3)
         ON CONFLICT (intervention_id, metric) DO UPDATE SET verdict = EXCLUDED.verdict`,
        [intervention.id, target.metric, verdict],
      );
      if (previous === undefined) continue; // the first verdict is where it starts, not a change
      await insertRow(tx, projected, {
        part: `${intervention.id}:${target.metric}`,
        entry: { kind: 'VERDICT_CHANGED', summary: verdictSummary(intervention, target.metric, previous, verdict) },
        intervention,
        metric: target.metric,
        verdict,
        previousVerdict: previous,
      });
    }
  }
}
