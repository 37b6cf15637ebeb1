import type { LongviewEvent, TrustContext } from '@longview/domain';
import type { Projection } from './projection';

/** rm_trusts: one row per trust, shaped for the trust list and the trust page. */
export const trustDirectoryProjection: Projection = {
  name: 'trust-directory',
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
       intervention_count integer NOT NULL DEFAULT 0,
       metrics jsonb NOT NULL DEFAULT '[]'::jsonb
     )`,
    `CREATE INDEX IF NOT EXISTS rm_trusts_region ON rm_trusts (region)`,
    // Facts about a trust that arrived before its TrustRegistered. In distributed mode each
    // aggregate has its own Kafka topic, so a trust's first series or intervention event can be
    // applied before the trust itself; they are merged in when it is registered, so the result
    // does not depend on the order in which streams are consumed.
    `CREATE TABLE IF NOT EXISTS rm_trust_pending (
       code text PRIMARY KEY,
       intervention_count integer NOT NULL DEFAULT 0,
       metrics jsonb NOT NULL DEFAULT '[]'::jsonb
     )`,
  ],
  tables: ['rm_trusts', 'rm_trust_pending'],
  async apply(tx, { event }) {
    const code = trustCodeTouched(event);
    // Events of one trust come from three streams (trust, interventions, series), which the
    // distributed mode applies in parallel (other partitions, other instances). Serialise them
    // per trust for the rest of the transaction, so the pending-facts merge and the counters
    // never lose an update (READ COMMITTED re-reads the latest row after the lock).
    if (code !== undefined) await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [TRUST_LOCK_SPACE, code]);
    switch (event.type) {
      case 'TrustRegistered': {
        const { code, name, context, effectiveFrom, registeredAt } = event.data;
        const history = [{ context, effectiveFrom }];
        await tx.query(
          `INSERT INTO rm_trusts (code, name, kind, region, context, context_effective_from, context_history, registered_at, intervention_count, metrics)
           SELECT $1, $2, $3, $4, $5, $6, $7, $8, COALESCE(p.intervention_count, 0), COALESCE(p.metrics, '[]'::jsonb)
             FROM (SELECT 1) AS one LEFT JOIN rm_trust_pending p ON p.code = $1
           ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, region = EXCLUDED.region,
             context = EXCLUDED.context, context_effective_from = EXCLUDED.context_effective_from,
             context_history = EXCLUDED.context_history, registered_at = EXCLUDED.registered_at`,
          [code, name, context.kind, context.region, JSON.stringify(context), effectiveFrom, JSON.stringify(history), registeredAt],
        );
        await tx.query('DELETE FROM rm_trust_pending WHERE code = $1', [code]);
        return;
      }
      case 'TrustContextChanged': {
        const { code, context, effectiveFrom, reason } = event.data;
        const { rows } = await tx.query<{ context_history: HistoryRow[] | string }>(
          'SELECT context_history FROM rm_trusts WHERE code = $1',
          [code],
        );
        const row = rows[0];
        if (!row) return;
        const history = [...parseJson<HistoryRow[]>(row.context_history), { context, effectiveFrom, ...(reason ? { reason } : {}) }]
          // The current context is the one with the latest effective date, whatever order changes arrive in.
          .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
        const current = history[history.length - 1] as HistoryRow;
        await tx.query(
          `UPDATE rm_trusts SET context = $2, kind = $3, region = $4, context_effective_from = $5, context_history = $6 WHERE code = $1`,
          [code, JSON.stringify(current.context), current.context.kind, current.context.region, current.effectiveFrom, JSON.stringify(history)],
        );
        return;
      }
      case 'InterventionProposed': {
        const { rows } = await tx.query('UPDATE rm_trusts SET intervention_count = intervention_count + 1 WHERE code = $1 RETURNING code', [
          event.data.trustCode,
        ]);
        if (rows.length === 0) {
          await tx.query(
            `INSERT INTO rm_trust_pending (code, intervention_count) VALUES ($1, 1)
             ON CONFLICT (code) DO UPDATE SET intervention_count = rm_trust_pending.intervention_count + 1`,
            [event.data.trustCode],
          );
        }
        return;
      }
      case 'ObservationsRecorded': {
        const addMetric = (table: string) => `metrics = (SELECT jsonb_agg(DISTINCT m ORDER BY m) FROM jsonb_array_elements_text(${table}.metrics || to_jsonb($2::text)) AS m)`;
        const { rows } = await tx.query(`UPDATE rm_trusts SET ${addMetric('rm_trusts')} WHERE code = $1 RETURNING code`, [
          event.data.trustCode,
          event.data.metric,
        ]);
        if (rows.length === 0) {
          await tx.query(
            `INSERT INTO rm_trust_pending (code, metrics) VALUES ($1, jsonb_build_array($2::text))
             ON CONFLICT (code) DO UPDATE SET ${addMetric('rm_trust_pending')}`,
            [event.data.trustCode, event.data.metric],
          );
        }
        return;
      }
      default:
        return;
    }
  },
};

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

interface HistoryRow {
  context: TrustContext;
  effectiveFrom: string;
  reason?: string;
}

/** pg returns jsonb parsed; keep the code robust if an adapter hands back text. */
export function parseJson<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}
