import type { Database } from '@longview/event-store';
import type { Projection, ProjectedEvent } from '../../runner/projection';
import { inKeyOrder } from '../batch-fold';

/**
 * rm_local_measures: every trust's own measures (LocalMeasureDefined), one row each, keyed by the
 * generated code (unique across trusts: it carries the trust). Read by the trust page, by the forms
 * that choose targets, and by analytics to know a local code's name, unit and direction.
 */
export const localMeasuresProjection: Projection = {
  name: 'local-measures',
  schema: [
    `CREATE TABLE IF NOT EXISTS rm_local_measures (
       code text PRIMARY KEY,
       trust_code text NOT NULL,
       name text NOT NULL,
       unit text NOT NULL,
       direction text NOT NULL,
       defined_at text NOT NULL,
       defined_position bigint NOT NULL
     )`,
    `CREATE INDEX IF NOT EXISTS rm_local_measures_trust ON rm_local_measures (trust_code)`,
  ],
  tables: ['rm_local_measures'],
  apply: (tx, projected) => applyLocalMeasuresBatch(tx, [projected]),
  applyBatch: applyLocalMeasuresBatch,
};

/**
 * A batch in one insert: a definition never changes, so the first one of each code stands (a row
 * already there, or the first in the batch) and applying it again leaves the row as it is. Rows go
 * in code order, so transactions lock them in the same order.
 */
async function applyLocalMeasuresBatch(tx: Database, events: readonly ProjectedEvent[]): Promise<void> {
  const defined = new Map<string, Record<string, string>>();
  for (const { event, position } of events) {
    if (event.type !== 'LocalMeasureDefined') continue;
    const { code, trustCode, name, unit, direction, definedAt } = event.data;
    if (defined.has(code)) continue; // defined earlier in the batch
    defined.set(code, { code, trust_code: trustCode, name, unit, direction, defined_at: definedAt, defined_position: position.toString() });
  }
  if (defined.size === 0) return;
  await tx.query(
    `INSERT INTO rm_local_measures (code, trust_code, name, unit, direction, defined_at, defined_position)
     SELECT code, trust_code, name, unit, direction, defined_at, defined_position
       FROM jsonb_to_recordset($1::jsonb) AS m(code text, trust_code text, name text, unit text, direction text, defined_at text, defined_position bigint)
     ON CONFLICT (code) DO NOTHING`,
    [JSON.stringify(inKeyOrder(defined))],
  );
}
