import { evaluateOutcome, type Sustainability } from '@longview/analytics';
import type { InterventionCategory, Target } from '@longview/domain';
import type { Database } from '@longview/event-store';
import type { ProjectedEvent, Projection } from '../../runner/projection';
import { inKeyOrder } from '../batch-fold';
import { parseJson } from '../json-column';
import { isSeriesEvent, type SeriesEvent } from '../metric-series/metric-series.projection';
import { feedEntry, verdictSummary, type FeedEntry } from './activity-feed.kinds';

interface SeriesPoint {
  readonly period: string;
  readonly value: number;
}

/** What a feed row copies of its intervention: fields that never change after the proposal. */
interface RowIntervention {
  readonly id: string;
  readonly trust_code: string;
  readonly title: string;
  readonly category: InterventionCategory;
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
 * A batch, folded in memory (FeedBatch): one read each of the intervention copies, series copies
 * and last verdicts it needs; every event applied in log order to those copies as applying it
 * alone would; then one write per table in a fixed order, rows in key order: trusts,
 * interventions, withdrawn comments, series, verdicts, and last the feed rows with one bump of
 * the counter. So every transaction that applies the feed locks its rows in the same order and
 * takes the counter's row last (held until it commits): batches of different partitions applied
 * in parallel cannot deadlock on the feed, and positions are still handed out in commit order.
 */
async function applyFeedBatch(tx: Database, events: readonly ProjectedEvent[]): Promise<void> {
  const batch = await FeedBatch.load(tx, events);
  for (const projected of events) batch.apply(projected);
  await batch.write(tx);
}

/** The feed's copy of an intervention, as rm_activity_interventions keeps it. */
interface FeedInterventionCopy {
  readonly id: string;
  readonly trust_code: string;
  readonly title: string;
  readonly category: InterventionCategory;
  sharing: string;
  started_on: string | null;
  readonly targets: readonly Target[];
  stream_version: number;
}

/** The intervention an event is about, if it names one. */
function interventionIdOf(event: ProjectedEvent['event']): string | undefined {
  const data = event.data as { interventionId?: unknown };
  return typeof data.interventionId === 'string' && data.interventionId !== '' ? data.interventionId : undefined;
}

/** What applying a batch reads first, changes in memory, and writes once. */
class FeedBatch {
  private readonly trusts = new Map<string, { code: string; name: string }>();
  private readonly changedInterventions = new Set<string>();
  private readonly withdrawn = new Map<string, { comment_id: string }>();
  private readonly movedSeries = new Set<string>();
  private readonly rows: NewRow[] = [];

  private constructor(
    private readonly interventions: Map<string, FeedInterventionCopy>,
    private readonly series: Map<string, FeedSeries & { version: number }>,
    private readonly judging: Judging,
  ) {}

  /** Reads the copies the batch's events touch or judge on (three statements at most). */
  static async load(tx: Database, events: readonly ProjectedEvent[]): Promise<FeedBatch> {
    const ids = new Set<string>();
    const seriesTrusts = new Set<string>();
    const seriesKeys = new Map<string, { trust_code: string; metric: string }>();
    const proposedHere = new Map<string, { trustCode: string; targets: readonly Target[] }>();
    const startedHere = new Set<string>();
    for (const { event } of events) {
      if (isSeriesEvent(event)) {
        seriesTrusts.add(event.data.trustCode);
        seriesKeys.set(seriesKey(event.data.trustCode, event.data.metric), { trust_code: event.data.trustCode, metric: event.data.metric });
        continue;
      }
      const id = interventionIdOf(event);
      if (id === undefined) continue;
      ids.add(id);
      if (event.type === 'InterventionProposed') proposedHere.set(id, { trustCode: event.data.trustCode, targets: event.data.targets });
      if (event.type === 'InterventionStarted') startedHere.add(id);
    }
    const interventions = new Map<string, FeedInterventionCopy>();
    if (ids.size > 0 || seriesTrusts.size > 0) {
      const { rows } = await tx.query<Omit<FeedInterventionCopy, 'targets'> & { targets: string | Target[] }>(
        `SELECT id, trust_code, title, category, sharing, started_on, targets, stream_version FROM rm_activity_interventions
          WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb)) OR trust_code IN (SELECT jsonb_array_elements_text($2::jsonb))`,
        [JSON.stringify([...ids].sort()), JSON.stringify([...seriesTrusts].sort())],
      );
      for (const r of rows) interventions.set(r.id, { ...r, targets: parseJson<Target[]>(r.targets) });
    }
    // A start is judged on its intervention's series: the copy's trust and targets, or the proposal's in this batch.
    for (const id of startedHere) {
      const known = interventions.get(id);
      const proposal = proposedHere.get(id);
      for (const { trustCode, targets } of [...(known ? [{ trustCode: known.trust_code, targets: known.targets }] : []), ...(proposal ? [proposal] : [])]) {
        for (const t of targets) seriesKeys.set(seriesKey(trustCode, t.metric), { trust_code: trustCode, metric: t.metric });
      }
    }
    const series = seriesKeys.size > 0 ? await readSeries(tx, inKeyOrder(seriesKeys)) : new Map<string, FeedSeries & { version: number }>();
    const judging = new Judging();
    await judging.load(tx, [...interventions.keys()].sort());
    return new FeedBatch(interventions, series, judging);
  }

  /** One event, on the copies as the events before it in the batch left them. */
  apply(projected: ProjectedEvent): void {
    const { event } = projected;
    if (isSeriesEvent(event)) return this.applySeries(projected as SeriesProjected);
    switch (event.type) {
      case 'TrustRegistered':
        if (!this.trusts.has(event.data.code)) this.trusts.set(event.data.code, { code: event.data.code, name: event.data.name });
        return;
      case 'InterventionProposed': {
        const d = event.data;
        if (!this.interventions.has(d.interventionId)) {
          this.interventions.set(d.interventionId, {
            id: d.interventionId,
            trust_code: d.trustCode,
            title: d.title,
            category: d.category,
            sharing: d.sharing,
            started_on: null,
            targets: d.targets,
            stream_version: projected.streamVersion,
          });
          this.changedInterventions.add(d.interventionId);
        }
        this.addEventRow(projected, d.interventionId);
        return;
      }
      case 'InterventionSharingChanged': {
        const copy = this.newerCopy(event.data.interventionId, projected.streamVersion);
        if (copy) copy.sharing = event.data.to;
        return;
      }
      case 'InterventionStarted': {
        const copy = this.newerCopy(event.data.interventionId, projected.streamVersion);
        if (copy) copy.started_on = event.data.startedOn;
        this.addEventRow(projected, event.data.interventionId);
        // The intervention's first verdict on each of its targets (a row only if one was known before, as after a replay).
        if (copy) for (const target of copy.targets) this.judge(projected, copy, target);
        return;
      }
      case 'InterventionCompleted':
      case 'InterventionAbandoned':
      case 'PdsaCycleLogged':
        this.newerCopy(event.data.interventionId, projected.streamVersion);
        this.addEventRow(projected, event.data.interventionId);
        return;
      case 'LessonShared':
        // A lesson about an intervention is seen by whoever may see both (a lesson about a trust's
        // work in general, with no intervention, is in the lessons library, not in this feed).
        if (event.data.interventionId) this.addEventRow(projected, event.data.interventionId, { ownSharing: event.data.sharing });
        return;
      case 'CommentPosted':
        this.addEventRow(projected, event.data.interventionId, { commentId: event.data.commentId });
        return;
      case 'CommentRetracted':
      case 'CommentHidden':
        this.withdrawn.set(event.data.commentId, { comment_id: event.data.commentId });
        return;
      default:
        return;
    }
  }

  /** The intervention's copy moved to `streamVersion`, if it is known and behind it (else undefined: applied already). */
  private newerCopy(id: string, streamVersion: number): FeedInterventionCopy | undefined {
    const copy = this.interventions.get(id);
    if (!copy || copy.stream_version >= streamVersion) return undefined;
    copy.stream_version = streamVersion;
    this.changedInterventions.add(id);
    return copy;
  }

  /**
   * A series event not applied yet (its stream version above the copy's) moves its copy, and
   * re-judges the started interventions of its trust that target its metric, in id order.
   */
  private applySeries(projected: SeriesProjected): void {
    const { trustCode, metric } = projected.event.data;
    const key = seriesKey(trustCode, metric);
    const current = this.series.get(key);
    if (projected.streamVersion <= (current?.version ?? 0)) return; // applied already
    this.series.set(key, { ...evolveFeedSeries(current, projected.event), version: projected.streamVersion });
    this.movedSeries.add(key);
    const started = [...this.interventions.values()]
      .filter((i) => i.trust_code === trustCode && i.started_on !== null)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const intervention of started) {
      for (const target of intervention.targets) if (target.metric === metric) this.judge(projected, intervention, target);
    }
  }

  private judge(projected: ProjectedEvent, intervention: FeedInterventionCopy, target: Target): void {
    const row = this.judging.judge(projected, intervention, target, this.series.get(seriesKey(intervention.trust_code, target.metric)));
    if (row) this.rows.push(row);
  }

  /** The row of an event in FEED_KINDS (none for other types, or when its intervention is unknown). */
  private addEventRow(projected: ProjectedEvent, interventionId: string, extra: Pick<RowValues, 'ownSharing' | 'commentId'> = {}): void {
    const intervention = this.interventions.get(interventionId);
    if (!intervention) return;
    const entry = feedEntry(projected.event, intervention);
    if (!entry) return;
    this.rows.push({ projected, values: { part: '', entry, intervention: rowIntervention(intervention), ...extra } });
  }

  /** One statement per table that changed, in a fixed order, rows in key order; the feed rows (and the counter) last. */
  async write(tx: Database): Promise<void> {
    if (this.trusts.size > 0) {
      await tx.query(
        `INSERT INTO rm_activity_trusts (code, name) SELECT code, name FROM jsonb_to_recordset($1::jsonb) AS t(code text, name text) ON CONFLICT (code) DO NOTHING`,
        [JSON.stringify(inKeyOrder(this.trusts))],
      );
    }
    if (this.changedInterventions.size > 0) {
      const changed = new Map([...this.changedInterventions].map((id) => [id, this.interventions.get(id) as FeedInterventionCopy]));
      await tx.query(
        `INSERT INTO rm_activity_interventions (id, trust_code, title, category, sharing, started_on, targets, stream_version)
         SELECT id, trust_code, title, category, sharing, started_on, targets, stream_version
           FROM jsonb_to_recordset($1::jsonb) AS i(id text, trust_code text, title text, category text, sharing text, started_on text, targets jsonb, stream_version integer)
         ON CONFLICT (id) DO UPDATE SET sharing = EXCLUDED.sharing, started_on = EXCLUDED.started_on, stream_version = EXCLUDED.stream_version`,
        [JSON.stringify(inKeyOrder(changed))],
      );
    }
    if (this.withdrawn.size > 0) {
      await tx.query(
        `INSERT INTO rm_activity_withdrawn_comments (comment_id) SELECT comment_id FROM jsonb_to_recordset($1::jsonb) AS c(comment_id text)
         ON CONFLICT (comment_id) DO NOTHING`,
        [JSON.stringify(inKeyOrder(this.withdrawn))],
      );
    }
    if (this.movedSeries.size > 0) {
      const moved = new Map(
        [...this.movedSeries].map((key) => {
          const [trust_code, metric] = JSON.parse(key) as [string, string];
          const copy = this.series.get(key) as FeedSeries & { version: number };
          return [key, { trust_code, metric, points: copy.points, rebase: copy.rebase, stream_version: copy.version }];
        }),
      );
      await tx.query(
        `INSERT INTO rm_activity_series (trust_code, metric, points, rebase, stream_version)
         SELECT trust_code, metric, points, rebase, stream_version FROM jsonb_to_recordset($1::jsonb) AS s(trust_code text, metric text, points jsonb, rebase jsonb, stream_version integer)
         ON CONFLICT (trust_code, metric) DO UPDATE SET points = EXCLUDED.points, rebase = EXCLUDED.rebase, stream_version = EXCLUDED.stream_version`,
        [JSON.stringify(inKeyOrder(moved))],
      );
    }
    await this.judging.write(tx);
    await insertRows(tx, this.rows);
  }
}

function rowIntervention(copy: FeedInterventionCopy): RowIntervention {
  return { id: copy.id, trust_code: copy.trust_code, title: copy.title, category: copy.category };
}

interface RowValues {
  readonly part: string;
  readonly entry: FeedEntry;
  readonly intervention: RowIntervention;
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
function verdictOf(intervention: Pick<FeedInterventionCopy, 'started_on'>, target: Target, series: FeedSeries | undefined): Sustainability {
  if (!intervention.started_on || !series || series.points.length === 0) return 'INSUFFICIENT_DATA';
  return evaluateOutcome({ series: [...series.points], startedOn: intervention.started_on, direction: target.direction, rebase: [...series.rebase] })
    .sustainability;
}

/**
 * The last verdict known per (intervention, metric), loaded once per batch, and the ones judging
 * changed, written once at the end (before the feed rows). A change from a known verdict gives a
 * VERDICT_CHANGED row; the first verdict is where it starts, not a change.
 */
class Judging {
  private readonly known = new Map<string, Sustainability>();
  private readonly changed = new Map<string, { intervention_id: string; metric: string; verdict: Sustainability }>();

  /** Loads the last verdicts of these interventions. */
  async load(tx: Database, interventionIds: readonly string[]): Promise<void> {
    if (interventionIds.length === 0) return;
    const { rows } = await tx.query<{ intervention_id: string; metric: string; verdict: Sustainability }>(
      'SELECT intervention_id, metric, verdict FROM rm_activity_verdicts WHERE intervention_id IN (SELECT jsonb_array_elements_text($1::jsonb))',
      [JSON.stringify(interventionIds)],
    );
    for (const r of rows) this.known.set(seriesKey(r.intervention_id, r.metric), r.verdict);
  }

  /** The verdict outcomes would give now; the feed row of its change, if it changed from a known one. */
  judge(projected: ProjectedEvent, intervention: FeedInterventionCopy, target: Target, series: FeedSeries | undefined): NewRow | undefined {
    const verdict = verdictOf(intervention, target, series);
    const key = seriesKey(intervention.id, target.metric);
    const previous = this.known.get(key);
    if (previous === verdict) return undefined;
    this.known.set(key, verdict);
    this.changed.set(key, { intervention_id: intervention.id, metric: target.metric, verdict });
    if (previous === undefined) return undefined;
    return {
      projected,
      values: {
        part: `${intervention.id}:${target.metric}`,
        entry: { kind: 'VERDICT_CHANGED', summary: verdictSummary(intervention, target.metric, previous, verdict) },
        intervention: rowIntervention(intervention),
        metric: target.metric,
        verdict,
        previousVerdict: previous,
      },
    };
  }

  async write(tx: Database): Promise<void> {
    if (this.changed.size === 0) return;
    await tx.query(
      `INSERT INTO rm_activity_verdicts (intervention_id, metric, verdict)
       SELECT intervention_id, metric, verdict FROM jsonb_to_recordset($1::jsonb) AS v(intervention_id text, metric text, verdict text)
       ON CONFLICT (intervention_id, metric) DO UPDATE SET verdict = EXCLUDED.verdict`,
      [JSON.stringify(inKeyOrder(this.changed))],
    );
  }
}
