import type { Projection } from '../../runner/projection';

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
  async apply(tx, { event, position }) {
    if (event.type !== 'LocalMeasureDefined') return;
    const { code, trustCode, name, unit, direction, definedAt } = event.data;
    // A definition never changes: applying it again leaves the row as it is.
    await tx.query(
      `INSERT INTO rm_local_measures (code, trust_code, name, unit, direction, defined_at, defined_position)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (code) DO NOTHING`,
      [code, trustCode, name, unit, direction, definedAt, position.toString()],
    );
  },
};
