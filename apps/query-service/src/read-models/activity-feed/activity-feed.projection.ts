import { evaluateOutcome, type Sustainability } from '@longview/analytics';
import type { InterventionCategory, Target } from '@longview/domain';
import type { Database } from '@longview/event-store';
import type { ProjectedEvent, Projection } from '../../runner/projection';
import { inKeyOrder, runsOf } from '../batch-fold';
import { parseJson } from '../json-column';
import { isSeriesEvent, type SeriesEvent } from '../metric-series/metric-series.projection';
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
  apply: (tx, projected) => applyFeedBatch(tx, [projected]),
  applyBatch: applyFeedBatch,
};

/**
 * A batch: each run of consecutive series events is folded in memory (applySeriesRun), any other
 * event is applied on its own, in order (an intervention's start or sharing decides what a later
 * series event judges and shows).
 */
async function applyFeedBatch(tx: Database, events: readonly ProjectedEvent[]): Promise<void> {
  for (const run of runsOf(events, ({ event }) => isSeriesEvent(event))) {
    if (run.together) await applySeriesRun(tx, run.events as readonly SeriesProjected[]);
    else for (const projected of run.events) await applyOne(tx, projected);
  }
}

/** One event other than a series event. */
async function applyOne(tx: Database, projected: ProjectedEvent): Promise<void> {
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
      if (started.rows.length > 0) await judgeStarted(tx, projected, event.data.interventionId);
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
    default:
      return;
  }
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

/** A feed row to add: the event it tells of and what it says. */
interface NewRow {
  readonly projected: ProjectedEvent;
  readonly values: RowValues;
}

/**
 * Adds rows in order, numbered by the feed counter: the rows already there (same event id and
 * part, an event applied again) are left out and take no number, the counter moves once by the
 * number added, under its row lock until the transaction ends, and the rows get its last numbers
 * in order, as one bump per row would have numbered them.
 */
async function insertRows(tx: Database, rows: readonly NewRow[]): Promise<void> {
  if (rows.length === 0) return;
  const keyOf = (eventId: string, part: string) => JSON.stringify([eventId, part]);
  const { rows: present } = await tx.query<{ event_id: string; part: string }>(
    `SELECT a.event_id, a.part FROM rm_activity a JOIN jsonb_to_recordset($1::jsonb) AS k(event_id text, part text) ON a.event_id = k.event_id AND a.part = k.part`,
    [JSON.stringify(rows.map((r) => ({ event_id: r.projected.eventId, part: r.values.part })))],
  );
  const there = new Set(present.map((r) => keyOf(r.event_id, r.part)));
  const added = rows.filter((r) => {
    const key = keyOf(r.projected.eventId, r.values.part);
    if (there.has(key)) return false;
    there.add(key);
    return true;
  });
  if (added.length === 0) return;
  const { rows: counter } = await tx.query<{ last: string | number }>(
    `INSERT INTO rm_activity_counter (id, last) VALUES (1, $1::bigint)
     ON CONFLICT (id) DO UPDATE SET last = rm_activity_counter.last + $1::bigint RETURNING last`,
    [added.length],
  );
  const first = BigInt((counter[0] as { last: string | number }).last) - BigInt(added.length) + 1n;
  await tx.query(
    `INSERT INTO rm_activity (position, event_id, part, kind, intervention_id, trust_code, category, title, summary, metric, verdict, previous_verdict, occurred_at,
                              own_sharing, comment_id)
     SELECT position, event_id, part, kind, intervention_id, trust_code, category, title, summary, metric, verdict, previous_verdict, occurred_at, own_sharing, comment_id
       FROM jsonb_to_recordset($1::jsonb) AS r(position bigint, event_id text, part text, kind text, intervention_id text, trust_code text, category text,
                                               title text, summary text, metric text, verdict text, previous_verdict text, occurred_at text,
                                               own_sharing text, comment_id text)`,
    [
      JSON.stringify(
        added.map(({ projected, values }, i) => ({
          position: (first + BigInt(i)).toString(),
          event_id: projected.eventId,
          part: values.part,
          kind: values.entry.kind,
          intervention_id: values.intervention.id,
          trust_code: values.intervention.trust_code,
          category: values.intervention.category,
          title: values.intervention.title,
          summary: values.entry.summary,
          metric: values.metric ?? null,
          verdict: values.verdict ?? null,
          previous_verdict: values.previousVerdict ?? null,
          occurred_at: projected.metadata.occurredAt ?? projected.recordedAt,
          own_sharing: values.ownSharing ?? null,
          comment_id: values.commentId ?? null,
        })),
      ),
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
  await insertRows(tx, [{ projected, values: { part: '', entry, intervention, ...extra } }]);
}

type SeriesProjected = ProjectedEvent & { readonly event: SeriesEvent };

/** The feed's copy of a series: its values and rebase periods. */
interface FeedSeries {
  readonly points: readonly SeriesPoint[];
  readonly rebase: readonly string[];
}

const seriesKey = (trustCode: string, metric: string) => JSON.stringify([trustCode, metric]);

/** The feed's copy of a series after one of its events. Pure. */
function evolveFeedSeries(current: FeedSeries | undefined, event: SeriesEvent): FeedSeries {
  const byPeriod = new Map((current?.points ?? []).map((p) => [p.period, p]));
  let rebase = current?.rebase ?? [];
  if (event.type === 'ObservationsRecorded') {
    for (const o of event.data.observations) byPeriod.set(o.period, { period: o.period, value: o.value });
  } else if (event.type === 'ObservationCorrected') {
    if (byPeriod.has(event.data.period)) byPeriod.set(event.data.period, { period: event.data.period, value: event.data.value });
  } else {
    rebase = [...new Set([...rebase, event.data.fromPeriod])].sort();
  }
  return { points: [...byPeriod.values()].sort((a, b) => a.period.localeCompare(b.period)), rebase };
}

/** The copies of the series named (trust, metric), by seriesKey, with the stream version each has reached. */
async function readSeries(tx: Database, keys: readonly { trust_code: string; metric: string }[]): Promise<Map<string, FeedSeries & { version: number }>> {
  const { rows } = await tx.query<{ trust_code: string; metric: string; points: string | SeriesPoint[]; rebase: string | string[]; stream_version: number }>(
    `SELECT s.trust_code, s.metric, s.points, s.rebase, s.stream_version FROM rm_activity_series s
       JOIN jsonb_to_recordset($1::jsonb) AS k(trust_code text, metric text) ON k.trust_code = s.trust_code AND k.metric = s.metric`,
    [JSON.stringify(keys)],
  );
  return new Map(
    rows.map((r) => [
      seriesKey(r.trust_code, r.metric),
      { points: parseJson<SeriesPoint[]>(r.points), rebase: parseJson<string[]>(r.rebase), version: r.stream_version },
    ]),
  );
}

/** The verdict outcomes would give now (INSUFFICIENT_DATA without data, as GET /interventions/:id/outcomes says). Pure. */
function verdictOf(intervention: InterventionRow, target: Target, series: FeedSeries | undefined): Sustainability {
  if (!intervention.started_on || !series || series.points.length === 0) return 'INSUFFICIENT_DATA';
  return evaluateOutcome({ series: [...series.points], startedOn: intervention.started_on, direction: target.direction, rebase: [...series.rebase] })
    .sustainability;
}

/**
 * Verdicts being judged: the last one known per (intervention, metric), loaded before, and what
 * judging adds, written once at the end (the verdicts that changed, and a VERDICT_CHANGED row for
 * each change from a known verdict; the first verdict is where it starts, not a change).
 */
class Judging {
  private readonly known = new Map<string, Sustainability>();
  private readonly changed = new Map<string, { intervention_id: string; metric: string; verdict: Sustainability }>();
  private readonly rows: NewRow[] = [];

  /** Loads the last verdicts of these interventions. */
  async load(tx: Database, interventionIds: readonly string[]): Promise<void> {
    if (interventionIds.length === 0) return;
    const { rows } = await tx.query<{ intervention_id: string; metric: string; verdict: Sustainability }>(
      'SELECT intervention_id, metric, verdict FROM rm_activity_verdicts WHERE intervention_id IN (SELECT jsonb_array_elements_text($1::jsonb))',
      [JSON.stringify(interventionIds)],
    );
    for (const r of rows) this.known.set(seriesKey(r.intervention_id, r.metric), r.verdict);
  }

  judge(projected: ProjectedEvent, intervention: InterventionRow, target: Target, series: FeedSeries | undefined): void {
    const verdict = verdictOf(intervention, target, series);
    const key = seriesKey(intervention.id, target.metric);
    const previous = this.known.get(key);
    if (previous === verdict) return;
    this.known.set(key, verdict);
    this.changed.set(key, { intervention_id: intervention.id, metric: target.metric, verdict });
    if (previous === undefined) return;
    this.rows.push({
      projected,
      values: {
        part: `${intervention.id}:${target.metric}`,
        entry: { kind: 'VERDICT_CHANGED', summary: verdictSummary(intervention, target.metric, previous, verdict) },
        intervention,
        metric: target.metric,
        verdict,
        previousVerdict: previous,
      },
    });
  }

  async write(tx: Database): Promise<void> {
    if (this.changed.size > 0) {
      await tx.query(
        `INSERT INTO rm_activity_verdicts (intervention_id, metric, verdict)
         SELECT intervention_id, metric, verdict FROM jsonb_to_recordset($1::jsonb) AS v(intervention_id text, metric text, verdict text)
         ON CONFLICT (intervention_id, metric) DO UPDATE SET verdict = EXCLUDED.verdict`,
        [JSON.stringify(inKeyOrder(this.changed))],
      );
    }
    await insertRows(tx, this.rows);
  }
}

const STARTED_INTERVENTION_COLUMNS = 'id, trust_code, title, category, started_on, targets';

/** On a start: the intervention's first verdict on each of its targets (a row only if one was known before, as after a replay). */
async function judgeStarted(tx: Database, projected: ProjectedEvent, interventionId: string): Promise<void> {
  const { rows } = await tx.query<InterventionRow>(
    `SELECT ${STARTED_INTERVENTION_COLUMNS} FROM rm_activity_interventions WHERE id = $1 AND started_on IS NOT NULL`,
    [interventionId],
  );
  const intervention = rows[0];
  if (!intervention) return;
  const targets = parseJson<Target[]>(intervention.targets);
  if (targets.length === 0) return;
  const series = await readSeries(
    tx,
    targets.map((t) => ({ trust_code: intervention.trust_code, metric: t.metric })),
  );
  const judging = new Judging();
  await judging.load(tx, [intervention.id]);
  for (const target of targets) judging.judge(projected, intervention, target, series.get(seriesKey(intervention.trust_code, target.metric)));
  await judging.write(tx);
}

/**
 * A run of series events, folded in memory: one read of the series copies it touches; each event
 * not applied yet (its stream version above the copy's) moves its copy, and re-judges the started
 * interventions of its trust that target its metric (in id order) on the copy as it is then; then
 * one upsert of the copies that moved, and the verdicts and rows that judging added. Nothing else
 * changes within the run, so this is what applying its events one by one gives.
 */
async function applySeriesRun(tx: Database, events: readonly SeriesProjected[]): Promise<void> {
  const keys = inKeyOrder(
    new Map(events.map(({ event: { data } }) => [seriesKey(data.trustCode, data.metric), { trust_code: data.trustCode, metric: data.metric }])),
  );
  const series = await readSeries(tx, keys);
  const versionOf = (trustCode: string, metric: string) => series.get(seriesKey(trustCode, metric))?.version ?? 0;
  const moving = events.filter(({ event, streamVersion }) => streamVersion > versionOf(event.data.trustCode, event.data.metric));
  if (moving.length === 0) return; // all applied already

  const trusts = [...new Set(moving.map(({ event }) => event.data.trustCode))].sort();
  const { rows: interventions } = await tx.query<InterventionRow>(
    `SELECT ${STARTED_INTERVENTION_COLUMNS} FROM rm_activity_interventions
      WHERE trust_code IN (SELECT jsonb_array_elements_text($1::jsonb)) AND started_on IS NOT NULL ORDER BY id`,
    [JSON.stringify(trusts)],
  );
  const judging = new Judging();
  await judging.load(
    tx,
    interventions.map((i) => i.id),
  );
  const moved = new Set<string>();
  for (const projected of events) {
    const { trustCode, metric } = projected.event.data;
    const key = seriesKey(trustCode, metric);
    if (projected.streamVersion <= versionOf(trustCode, metric)) continue; // applied already
    series.set(key, { ...evolveFeedSeries(series.get(key), projected.event), version: projected.streamVersion });
    moved.add(key);
    for (const intervention of interventions) {
      if (intervention.trust_code !== trustCode) continue;
      for (const target of parseJson<Target[]>(intervention.targets)) {
        if (target.metric === metric) judging.judge(projected, intervention, target, series.get(key));
      }
    }
  }
  await tx.query(
    `INSERT INTO rm_activity_series (trust_code, metric, points, rebase, stream_version)
     SELECT trust_code, metric, points, rebase, stream_version FROM jsonb_to_recordset($1::jsonb) AS s(trust_code text, metric text, points jsonb, rebase jsonb, stream_version integer)
     ON CONFLICT (trust_code, metric) DO UPDATE SET points = EXCLUDED.points, rebase = EXCLUDED.rebase, stream_version = EXCLUDED.stream_version`,
    [
      JSON.stringify(
        keys.flatMap(({ trust_code, metric }) => {
          const copy = series.get(seriesKey(trust_code, metric));
          return copy && moved.has(seriesKey(trust_code, metric))
            ? [{ trust_code, metric, points: copy.points, rebase: copy.rebase, stream_version: copy.version }]
            : [];
        }),
      ),
    ],
  );
  await judging.write(tx);
}
