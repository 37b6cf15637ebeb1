import { trustSourceOf, type LongviewEvent, type TrustContext } from '@longview/domain';
import type { Database } from '@longview/event-store';
import type { ProjectedEvent, Projection } from '../../runner/projection';
import { inKeyOrder, runsOf } from '../batch-fold';
import { parseJson } from '../json-column';

/**
 * rm_trusts: one row per trust, shaped for the trust list and the trust page. Its other tables
 * hold what it needs from other streams (interventions and series of a trust), so the result does
 * not depend on the order in which streams are consumed, and replaying anything changes nothing.
 */
export const trustDirectoryProjection: Projection = {
  name: 'trust-directory',
  // 2: intervention_count is a count of distinct intervention ids (was a counter), stream_version gates trust events.
  // 3: rm_trust_interventions keeps each intervention's sharing, so a trust's count is of what the viewer may see.
  // 4: rm_trusts.source (DEMO | IMPORTED | REGISTERED, from who registered the trust); rebuilt from the log.
  version: 4,
  schema: [
    `CREATE TABLE IF NOT EXISTS rm_trusts (
       code text PRIMARY KEY,
       name text NOT NULL,
       kind text NOT NULL,
       region text NOT NULL,
       context jsonb NOT NULL,
       context_effective_from text NOT NULL,
       context_history jsonb NOT NULL,
       registered_at text NOT NULL,
       metrics jsonb NOT NULL DEFAULT '[]'::jsonb,
       stream_version integer NOT NULL DEFAULT 0,
       source text NOT NULL DEFAULT 'REGISTERED'
     )`,
    // Tables of version 1 lack it.
    `ALTER TABLE rm_trusts ADD COLUMN IF NOT EXISTS stream_version integer NOT NULL DEFAULT 0`,
    // Tables of versions 1-3 lack it (the rebuild from the log fills it in).
    `ALTER TABLE rm_trusts ADD COLUMN IF NOT EXISTS source text NOT NULL DEFAULT 'REGISTERED'`,
    `CREATE INDEX IF NOT EXISTS rm_trusts_source ON rm_trusts (source)`,
    // Versions 1 and 2 stored one count for every viewer; it is counted per viewer at read time now.
    `ALTER TABLE rm_trusts DROP COLUMN IF EXISTS intervention_count`,
    `CREATE INDEX IF NOT EXISTS rm_trusts_region ON rm_trusts (region)`,
    // Metrics of a trust recorded before its TrustRegistered was applied (in distributed mode each
    // aggregate has its own topic, so a series can arrive first); merged in on registration.
    `CREATE TABLE IF NOT EXISTS rm_trust_pending (
       code text PRIMARY KEY,
       metrics jsonb NOT NULL DEFAULT '[]'::jsonb
     )`,
    // Every intervention proposed for a trust, registered or not, with its current sharing: a
    // trust's intervention count is counted at read time from the rows the viewer may see.
    `CREATE TABLE IF NOT EXISTS rm_trust_interventions (
       trust_code text NOT NULL,
       intervention_id text NOT NULL,
       sharing text NOT NULL,
       stream_version integer NOT NULL DEFAULT 0,
       PRIMARY KEY (trust_code, intervention_id)
     )`,
    // Tables of version 2 lack them (rebuilt from the log, which fills them in).
    `ALTER TABLE rm_trust_interventions ADD COLUMN IF NOT EXISTS sharing text NOT NULL DEFAULT 'PRIVATE'`,
    `ALTER TABLE rm_trust_interventions ADD COLUMN IF NOT EXISTS stream_version integer NOT NULL DEFAULT 0`,
    `CREATE INDEX IF NOT EXISTS rm_trust_interventions_id ON rm_trust_interventions (intervention_id)`,
  ],
  tables: ['rm_trusts', 'rm_trust_pending', 'rm_trust_interventions'],
  apply: (tx, projected) => applyTrustBatch(tx, [projected]),
  applyBatch: applyTrustBatch,
};

/**
 * Events of one trust come from three streams (trust, interventions, series), which the
 * distributed mode applies in parallel (other partitions, other instances). Each batch first
 * takes the advisory lock of every trust it touches, in sorted order (so two batches cannot wait
 * on each other), held for the rest of the transaction: the pending-facts merge never loses an
 * update (READ COMMITTED re-reads the latest row after the lock). Then each run of consecutive
 * ObservationsRecorded is one metrics merge (a union, so its order within the run does not
 * matter), and any other event is applied on its own.
 */
async function applyTrustBatch(tx: Database, events: readonly ProjectedEvent[]): Promise<void> {
  const codes = [...new Set(events.flatMap(({ event }) => trustCodeTouched(event) ?? []))].sort();
  if (codes.length > 0) {
    await tx.query('SELECT pg_advisory_xact_lock($1, hashtext(code)) FROM jsonb_array_elements_text($2::jsonb) WITH ORDINALITY AS t(code, n) ORDER BY n', [
      TRUST_LOCK_SPACE,
      JSON.stringify(codes),
    ]);
  }
  for (const run of runsOf(events, ({ event }) => event.type === 'ObservationsRecorded')) {
    if (run.together) await addMetrics(tx, run.events);
    else for (const projected of run.events) await applyOne(tx, projected);
  }
}

/** The metrics of a run of ObservationsRecorded merged into each trust's list, or into its pending facts if it is not registered yet. */
async function addMetrics(tx: Database, events: readonly ProjectedEvent[]): Promise<void> {
  const byTrust = new Map<string, Set<string>>();
  for (const { event } of events) {
    if (event.type !== 'ObservationsRecorded') continue;
    byTrust.set(event.data.trustCode, (byTrust.get(event.data.trustCode) ?? new Set()).add(event.data.metric));
  }
  const added = inKeyOrder(new Map([...byTrust].map(([code, metrics]) => [code, { code, metrics: [...metrics] }])));
  const union = (table: string, extra: string) => `(SELECT jsonb_agg(DISTINCT m ORDER BY m) FROM jsonb_array_elements_text(${table}.metrics || ${extra}) AS m)`;
  const { rows } = await tx.query<{ code: string }>(
    `UPDATE rm_trusts SET metrics = ${union('rm_trusts', 'a.metrics')}
       FROM jsonb_to_recordset($1::jsonb) AS a(code text, metrics jsonb) WHERE rm_trusts.code = a.code RETURNING rm_trusts.code`,
    [JSON.stringify(added)],
  );
  const registered = new Set(rows.map((r) => r.code));
  const pending = added.filter((a) => !registered.has(a.code));
  if (pending.length === 0) return;
  await tx.query(
    `INSERT INTO rm_trust_pending (code, metrics)
     SELECT code, (SELECT jsonb_agg(DISTINCT m ORDER BY m) FROM jsonb_array_elements_text(p.metrics) AS m) FROM jsonb_to_recordset($1::jsonb) AS p(code text, metrics jsonb)
     ON CONFLICT (code) DO UPDATE SET metrics = ${union('rm_trust_pending', 'EXCLUDED.metrics')}`,
    [JSON.stringify(pending)],
  );
}

/** One event other than ObservationsRecorded (its trust's lock is held). */
async function applyOne(tx: Database, { event, streamVersion, metadata }: ProjectedEvent): Promise<void> {
  switch (event.type) {
    case 'TrustRegistered': {
      const { code, name, context, effectiveFrom, registeredAt } = event.data;
      const history = [{ context, effectiveFrom }];
      await tx.query(
        `INSERT INTO rm_trusts (code, name, kind, region, context, context_effective_from, context_history, registered_at, metrics, stream_version, source)
           SELECT $1, $2, $3, $4, $5, $6, $7, $8,
                  COALESCE((SELECT metrics FROM rm_trust_pending WHERE code = $1), '[]'::jsonb), $9, $10
           ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, region = EXCLUDED.region,
             context = EXCLUDED.context, context_effective_from = EXCLUDED.context_effective_from,
             context_history = EXCLUDED.context_history, registered_at = EXCLUDED.registered_at, stream_version = EXCLUDED.stream_version,
             source = EXCLUDED.source
           WHERE rm_trusts.stream_version < EXCLUDED.stream_version`,
        [
          code,
          name,
          context.kind,
          context.region,
          JSON.stringify(context),
          effectiveFrom,
          JSON.stringify(history),
          registeredAt,
          streamVersion,
          // Who registered it says where it came from: the demo loader, an import, or the API.
          trustSourceOf(metadata.actor),
        ],
      );
      await tx.query('DELETE FROM rm_trust_pending WHERE code = $1', [code]);
      return;
    }
    case 'TrustContextChanged': {
      const { code, context, effectiveFrom, reason } = event.data;
      const { rows } = await tx.query<{ context_history: HistoryRow[] | string }>(
        'SELECT context_history FROM rm_trusts WHERE code = $1 AND stream_version < $2',
        [code, streamVersion],
      );
      const row = rows[0];
      if (!row) return; // already applied (or, impossibly, a trust not registered in its own stream)
      const { history, current } = withContextChange(parseJson<HistoryRow[]>(row.context_history), { context, effectiveFrom, ...(reason ? { reason } : {}) });
      await tx.query(
        `UPDATE rm_trusts SET context = $2, kind = $3, region = $4, context_effective_from = $5, context_history = $6, stream_version = $7 WHERE code = $1`,
        [code, JSON.stringify(current.context), current.context.kind, current.context.region, current.effectiveFrom, JSON.stringify(history), streamVersion],
      );
      return;
    }
    case 'InterventionProposed': {
      const { trustCode, interventionId, sharing } = event.data;
      await tx.query(
        'INSERT INTO rm_trust_interventions (trust_code, intervention_id, sharing, stream_version) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
        [trustCode, interventionId, sharing, streamVersion],
      );
      return;
    }
    case 'InterventionSharingChanged': {
      // The intervention's own stream: applied once, in order (stream_version).
      await tx.query('UPDATE rm_trust_interventions SET sharing = $2, stream_version = $3 WHERE intervention_id = $1 AND stream_version < $3', [
        event.data.interventionId,
        event.data.to,
        streamVersion,
      ]);
      return;
    }
    default:
      return;
  }
}

/** First key of the per-trust advisory locks (the second is hashtext(code)). */
const TRUST_LOCK_SPACE = 7341003;

function trustCodeTouched(event: LongviewEvent): string | undefined {
  switch (event.type) {
    case 'TrustRegistered':
    case 'TrustContextChanged':
      return event.data.code;
    case 'InterventionProposed':
    case 'ObservationsRecorded':
      return event.data.trustCode;
    default:
      return undefined;
  }
}

export interface HistoryRow {
  context: TrustContext;
  effectiveFrom: string;
  reason?: string;
}

/**
 * A trust's context history with one more change, and the current context: the one with the
 * latest effective date, whatever order changes arrive in. Pure: time travel folds the same way.
 */
export function withContextChange(history: readonly HistoryRow[], change: HistoryRow): { history: HistoryRow[]; current: HistoryRow } {
  const next = [...history, change].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  return { history: next, current: next[next.length - 1] as HistoryRow };
}
