import type { Database } from '@longview/event-store';
import type { Projection, ProjectedEvent } from '../../runner/projection';
import { inKeyOrder } from '../batch-fold';

/**
 * rm_lineage: one row per intervention with the edge to the intervention it was adopted from
 * (InterventionProposed with `adoptedFrom`), and the owning trust and current sharing that decide
 * who may see the node. Originals are rows too: a lineage is walked through them, and each node's
 * visibility is its own. It reads no other projection's tables; `stream_version` makes a sharing
 * change apply once and never undo a later one.
 */
export const interventionLineageProjection: Projection = {
  name: 'intervention-lineage',
  schema: [
    `CREATE TABLE IF NOT EXISTS rm_lineage (
       id text PRIMARY KEY,
       adopted_from text,
       trust_code text NOT NULL,
       sharing text NOT NULL,
       proposed_position bigint NOT NULL,
       stream_version integer NOT NULL
     )`,
    `CREATE INDEX IF NOT EXISTS rm_lineage_adopted_from ON rm_lineage (adopted_from, proposed_position)`,
  ],
  tables: ['rm_lineage'],
  apply: (tx, projected) => applyLineageBatch(tx, [projected]),
  applyBatch: applyLineageBatch,
};

/** A row of rm_lineage (proposed_position as text: a bigint, kept exact). */
interface LineageRow {
  readonly id: string;
  readonly adopted_from: string | null;
  readonly trust_code: string;
  sharing: string;
  readonly proposed_position: string;
  stream_version: number;
}

/**
 * A batch, folded in memory: one read of the rows its events name, every event applied in log
 * order (a proposal inserts its row once; a sharing change applies when its stream version is
 * above the row's), then one upsert of the rows that changed, in key order.
 */
async function applyLineageBatch(tx: Database, events: readonly ProjectedEvent[]): Promise<void> {
  const ids = new Set<string>();
  for (const { event } of events) {
    if (event.type === 'InterventionProposed' || event.type === 'InterventionSharingChanged') ids.add(event.data.interventionId);
  }
  if (ids.size === 0) return;
  const { rows } = await tx.query<LineageRow>(
    `SELECT id, adopted_from, trust_code, sharing, proposed_position::text AS proposed_position, stream_version
       FROM rm_lineage WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb))`,
    [JSON.stringify([...ids].sort())],
  );
  const lineage = new Map(rows.map((r) => [r.id, { ...r }]));
  const changed = new Set<string>();
  for (const { event, streamVersion, position } of events) {
    if (event.type === 'InterventionProposed') {
      const d = event.data;
      if (lineage.has(d.interventionId)) continue; // proposed already
      lineage.set(d.interventionId, {
        id: d.interventionId,
        adopted_from: d.adoptedFrom?.interventionId ?? null,
        trust_code: d.trustCode,
        sharing: d.sharing,
        proposed_position: position.toString(),
        stream_version: streamVersion,
      });
      changed.add(d.interventionId);
    } else if (event.type === 'InterventionSharingChanged') {
      const row = lineage.get(event.data.interventionId);
      if (!row || row.stream_version >= streamVersion) continue; // not known, or applied already
      row.sharing = event.data.to;
      row.stream_version = streamVersion;
      changed.add(row.id);
    }
  }
  if (changed.size === 0) return;
  await tx.query(
    `INSERT INTO rm_lineage (id, adopted_from, trust_code, sharing, proposed_position, stream_version)
     SELECT id, adopted_from, trust_code, sharing, proposed_position, stream_version
       FROM jsonb_to_recordset($1::jsonb) AS l(id text, adopted_from text, trust_code text, sharing text, proposed_position bigint, stream_version integer)
     ON CONFLICT (id) DO UPDATE SET sharing = EXCLUDED.sharing, stream_version = EXCLUDED.stream_version`,
    [JSON.stringify(inKeyOrder(new Map([...changed].map((id) => [id, lineage.get(id) as LineageRow]))))],
  );
}
