import type { Database } from '@longview/event-store';
import type { ProjectedEvent } from '../runner/projection';
import { inKeyOrder } from './batch-fold';

/** A read model's copy of an intervention: what deciding who may see something linked to it needs. */
interface InterventionSharingRow {
  readonly intervention_id: string;
  readonly trust_code: string;
  sharing: string;
  stream_version: number;
}

/**
 * A batch's fold of a table `(intervention_id PRIMARY KEY, trust_code, sharing, stream_version)`
 * that a read model keeps from InterventionProposed (inserted once, later proposals of the same id
 * change nothing) and InterventionSharingChanged (applied when its stream version is above the
 * row's, so once and never undoing a later one). One read of the rows the batch's events name,
 * each event applied in log order as its statements alone would, one upsert of the rows that
 * changed, in key order.
 */
export class InterventionSharingCopies {
  private readonly changed = new Set<string>();

  private constructor(
    private readonly table: string,
    private readonly rows: Map<string, InterventionSharingRow>,
  ) {}

  /** Reads the rows of `table` (a constant of the calling projection) that the batch's intervention events name. */
  static async load(tx: Database, table: string, events: readonly ProjectedEvent[]): Promise<InterventionSharingCopies> {
    const ids = new Set<string>();
    for (const { event } of events) {
      if (event.type === 'InterventionProposed' || event.type === 'InterventionSharingChanged') ids.add(event.data.interventionId);
    }
    const rows = new Map<string, InterventionSharingRow>();
    if (ids.size > 0) {
      const read = await tx.query<InterventionSharingRow>(
        `SELECT intervention_id, trust_code, sharing, stream_version FROM ${table} WHERE intervention_id IN (SELECT jsonb_array_elements_text($1::jsonb))`,
        [JSON.stringify([...ids].sort())],
      );
      for (const r of read.rows) rows.set(r.intervention_id, { ...r });
    }
    return new InterventionSharingCopies(table, rows);
  }

  /** Applies the event if it is a proposal or a sharing change; other events are not this table's. */
  apply({ event, streamVersion }: ProjectedEvent): void {
    if (event.type === 'InterventionProposed') {
      const d = event.data;
      if (this.rows.has(d.interventionId)) return; // proposed already
      this.rows.set(d.interventionId, { intervention_id: d.interventionId, trust_code: d.trustCode, sharing: d.sharing, stream_version: streamVersion });
      this.changed.add(d.interventionId);
    } else if (event.type === 'InterventionSharingChanged') {
      const row = this.rows.get(event.data.interventionId);
      if (!row || row.stream_version >= streamVersion) return; // not known, or applied already
      row.sharing = event.data.to;
      row.stream_version = streamVersion;
      this.changed.add(row.intervention_id);
    }
  }

  /** One upsert of the rows that changed (none if nothing did). */
  async write(tx: Database): Promise<void> {
    if (this.changed.size === 0) return;
    const changed = new Map([...this.changed].map((id) => [id, this.rows.get(id) as InterventionSharingRow]));
    await tx.query(
      `INSERT INTO ${this.table} (intervention_id, trust_code, sharing, stream_version)
       SELECT intervention_id, trust_code, sharing, stream_version
         FROM jsonb_to_recordset($1::jsonb) AS i(intervention_id text, trust_code text, sharing text, stream_version integer)
       ON CONFLICT (intervention_id) DO UPDATE SET sharing = EXCLUDED.sharing, stream_version = EXCLUDED.stream_version`,
      [JSON.stringify(inKeyOrder(changed))],
    );
  }
}
