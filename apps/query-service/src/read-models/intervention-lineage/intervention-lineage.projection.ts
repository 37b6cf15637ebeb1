import type { Projection } from '../../runner/projection';

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
  async apply(tx, { event, streamVersion, position }) {
    if (event.type === 'InterventionProposed') {
      const d = event.data;
      await tx.query(
        `INSERT INTO rm_lineage (id, adopted_from, trust_code, sharing, proposed_position, stream_version)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
        [d.interventionId, d.adoptedFrom?.interventionId ?? null, d.trustCode, d.sharing, position.toString(), streamVersion],
      );
      return;
    }
    if (event.type === 'InterventionSharingChanged') {
      await tx.query('UPDATE rm_lineage SET sharing = $2, stream_version = $3 WHERE id = $1 AND stream_version < $3', [
        event.data.interventionId,
        event.data.to,
        streamVersion,
      ]);
    }
  },
};
