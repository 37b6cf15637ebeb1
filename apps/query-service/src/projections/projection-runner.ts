import { decodeEvent } from '@longview/contracts';
import type { Database, StoredEvent } from '@longview/event-store';
import { interventionSummaryProjection } from './intervention-summary.projection';
import { metricSeriesProjection } from './metric-series.projection';
import type { Projection, ProjectedEvent } from './projection';
import { trustDirectoryProjection } from './trust-directory.projection';

/** Order matters: interventions read trust names that the trust directory writes. */
export const ALL_PROJECTIONS: readonly Projection[] = [trustDirectoryProjection, interventionSummaryProjection, metricSeriesProjection];

const CHECKPOINT_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS rm_checkpoints (projection text PRIMARY KEY, position bigint NOT NULL)`,
];

interface Waiter {
  readonly position: bigint;
  readonly resolve: () => void;
}

/**
 * Applies events to every projection, each batch in ONE transaction together with the
 * projections' checkpoints: an event's effect and the record that it was applied commit
 * together, so a redelivered event (position <= checkpoint) changes nothing.
 */
export class ProjectionRunner {
  private current = 0n;
  private waiters: Waiter[] = [];

  constructor(
    private readonly db: Database,
    readonly projections: readonly Projection[] = ALL_PROJECTIONS,
  ) {}

  async migrate(): Promise<void> {
    for (const ddl of [...CHECKPOINT_SCHEMA, ...this.projections.flatMap((p) => p.schema)]) await this.db.query(ddl);
    for (const p of this.projections) {
      await this.db.query('INSERT INTO rm_checkpoints (projection, position) VALUES ($1, 0) ON CONFLICT DO NOTHING', [p.name]);
    }
    this.advanceTo(await this.readPosition(this.db));
  }

  /** The position every projection has reached (the lowest checkpoint). */
  get position(): bigint {
    return this.current;
  }

  async applyBatch(events: readonly StoredEvent[]): Promise<void> {
    if (events.length === 0) return;
    const reached = await this.db.transaction(async (tx) => {
      const checkpoints = await this.lockCheckpoints(tx);
      for (const stored of events) {
        const projected = toProjected(stored);
        for (const projection of this.projections) {
          const checkpoint = checkpoints.get(projection.name) ?? 0n;
          if (stored.globalPosition <= checkpoint) continue; // already applied: redelivery is a no-op
          await projection.apply(tx, projected);
          checkpoints.set(projection.name, stored.globalPosition);
        }
      }
      for (const [name, position] of checkpoints) {
        await tx.query('UPDATE rm_checkpoints SET position = $2 WHERE projection = $1', [name, position.toString()]);
      }
      return minOf(checkpoints.values());
    });
    this.advanceTo(reached);
  }

  /** Empties the named projections (all when omitted) and resets their checkpoints to 0. */
  async reset(names?: readonly string[]): Promise<void> {
    const chosen = names ? this.projections.filter((p) => names.includes(p.name)) : this.projections;
    await this.db.transaction(async (tx) => {
      for (const p of chosen) {
        for (const table of p.tables) await tx.query(`DELETE FROM ${table}`);
        await tx.query('UPDATE rm_checkpoints SET position = 0 WHERE projection = $1', [p.name]);
      }
    });
    this.current = await this.readPosition(this.db);
  }

  /** Resolves once the projections have reached `position`; false on timeout. */
  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.current >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs);
      const waiter: Waiter = {
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve(true);
        },
      };
      this.waiters.push(waiter);
    });
  }

  private advanceTo(position: bigint): void {
    if (position > this.current) this.current = position;
    const ready = this.waiters.filter((w) => w.position <= this.current);
    this.waiters = this.waiters.filter((w) => w.position > this.current);
    for (const w of ready) w.resolve();
  }

  private async lockCheckpoints(tx: Database): Promise<Map<string, bigint>> {
    const { rows } = await tx.query<{ projection: string; position: string }>(
      'SELECT projection, position FROM rm_checkpoints WHERE projection = ANY($1) FOR UPDATE',
      [this.projections.map((p) => p.name)],
    );
    return new Map(rows.map((r) => [r.projection, BigInt(r.position)]));
  }

  private async readPosition(db: Database): Promise<bigint> {
    const { rows } = await db.query<{ position: string }>('SELECT position FROM rm_checkpoints WHERE projection = ANY($1)', [
      this.projections.map((p) => p.name),
    ]);
    return minOf(rows.map((r) => BigInt(r.position)));
  }
}

function minOf(values: Iterable<bigint>): bigint {
  let min: bigint | undefined;
  for (const v of values) if (min === undefined || v < min) min = v;
  return min ?? 0n;
}

function toProjected(stored: StoredEvent): ProjectedEvent {
  return {
    event: decodeEvent({ type: stored.type, schemaVersion: stored.schemaVersion, data: stored.data }),
    streamId: stored.streamId,
    streamVersion: stored.streamVersion,
    position: stored.globalPosition,
    metadata: stored.metadata,
    recordedAt: stored.recordedAt,
  };
}
