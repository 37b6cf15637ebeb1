import { randomUUID } from 'node:crypto';
import type { LongviewEvent } from '@longview/domain';
import type { Database } from '@longview/event-store';
import type { Projection, ProjectedEvent } from '../../runner/projection';

const OCCURRED_AT = '2026-01-15T10:00:00.000Z';

/** A log as projections see it: stream versions counted per stream, positions in order. */
export function projectedLog(history: readonly (readonly [string, LongviewEvent])[]): ProjectedEvent[] {
  const versions = new Map<string, number>();
  return history.map(([streamId, event], i) => {
    const streamVersion = (versions.get(streamId) ?? 0) + 1;
    versions.set(streamId, streamVersion);
    return { event, eventId: randomUUID(), streamId, streamVersion, position: BigInt(i + 1), metadata: { occurredAt: OCCURRED_AT }, recordedAt: OCCURRED_AT };
  });
}

/** Every row of the projection's tables, in a stable order. */
export async function tablesOf(db: Database, projection: Projection): Promise<Record<string, unknown[]>> {
  const dump: Record<string, unknown[]> = {};
  for (const table of projection.tables) dump[table] = (await db.query(`SELECT * FROM ${table} AS t ORDER BY t::text`)).rows;
  return dump;
}

/** Applies `events` to the projection alone (no runner, no checkpoints), each in its own transaction like a feed, and dumps its tables. */
export async function stateAfter(db: Database, projection: Projection, events: readonly ProjectedEvent[]): Promise<Record<string, unknown[]>> {
  for (const table of projection.tables) await db.query(`DELETE FROM ${table}`);
  for (const event of events) await db.transaction((tx) => projection.apply(tx, event));
  return tablesOf(db, projection);
}

/** The log with its streams in reverse order of first appearance (each stream still in order): another order a Kafka feed may deliver. */
export function streamsReversed(events: readonly ProjectedEvent[]): ProjectedEvent[] {
  const byStream = new Map<string, ProjectedEvent[]>();
  for (const e of events) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e]);
  return [...byStream.values()].reverse().flat();
}

/**
 * The idempotency every projection must have on its own, without the runner's checkpoints:
 * the whole log applied twice, and each event applied twice in a row, leave the same tables as the
 * log applied once; so does another interleaving of the streams (distributed mode). Returns the
 * three states next to the expected one, for `expect(...).toEqual`.
 */
export async function replayTwice(
  db: Database,
  projection: Projection,
  events: readonly ProjectedEvent[],
): Promise<{ once: unknown; logTwice: unknown; eachEventTwice: unknown; streamsReordered: unknown }> {
  for (const ddl of projection.schema) await db.query(ddl);
  const once = await stateAfter(db, projection, events);
  const logTwice = await stateAfter(db, projection, [...events, ...events]);
  const eachEventTwice = await stateAfter(
    db,
    projection,
    events.flatMap((e) => [e, e]),
  );
  const streamsReordered = await stateAfter(db, projection, streamsReversed(events));
  return { once, logTwice, eachEventTwice, streamsReordered };
}

/** Applies `events` to the projection alone with `applyBatch`, `batchSize` events per transaction (all of them by default), and dumps its tables. */
export async function stateAfterBatches(
  db: Database,
  projection: Projection,
  events: readonly ProjectedEvent[],
  batchSize = events.length,
): Promise<Record<string, unknown[]>> {
  if (!projection.applyBatch) throw new Error(`${projection.name} has no applyBatch`);
  for (const table of projection.tables) await db.query(`DELETE FROM ${table}`);
  for (let from = 0; from < events.length; from += batchSize) {
    await db.transaction(async (tx) => projection.applyBatch?.(tx, events.slice(from, from + batchSize)));
  }
  return tablesOf(db, projection);
}

/**
 * What `applyBatch` must give: the tables `apply` leaves event by event. Returns, for the log,
 * its state applied one event at a time (`expected`) beside its states through `applyBatch`: the
 * whole log in one batch, in batches of three, the log twice in one batch, each event twice in a
 * row in one batch, the log then the log again newest first in one batch; and the same for the log
 * with its streams in another order (which some read models, such as the activity feed, answer
 * differently, hence its own expected state).
 */
export async function batchedAndOneByOne(
  db: Database,
  projection: Projection,
  events: readonly ProjectedEvent[],
): Promise<{ expected: unknown; batched: Record<string, unknown>; reorderedExpected: unknown; reorderedBatched: unknown }> {
  for (const ddl of projection.schema) await db.query(ddl);
  const expected = await stateAfter(db, projection, events);
  const batched = {
    wholeLog: await stateAfterBatches(db, projection, events),
    inBatchesOfThree: await stateAfterBatches(db, projection, events, 3),
    logTwice: await stateAfterBatches(db, projection, [...events, ...events]),
    eachEventTwice: await stateAfterBatches(
      db,
      projection,
      events.flatMap((e) => [e, e]),
    ),
    // Every event applied already, redelivered after later ones of its stream: a guard that lets
    // an old event overwrite a newer one's effect shows here (a plain replay ends on the newest).
    logThenLogNewestFirst: await stateAfterBatches(db, projection, [...events, ...[...events].reverse()]),
  };
  const reordered = streamsReversed(events);
  const reorderedExpected = await stateAfter(db, projection, reordered);
  const reorderedBatched = await stateAfterBatches(db, projection, reordered);
  return { expected, batched, reorderedExpected, reorderedBatched };
}
