import { encodeEvent } from '@longview/contracts';
import { visibilityTier, type LongviewEvent } from '@longview/domain';
import { EventStore, type Database, type StoredEvent } from '@longview/event-store';
import { readWholeLog, testDatabases } from '@longview/event-store/testing';
import { trustDirectoryProjection } from '../src/read-models/trust-directory/trust-directory.projection';
import { ProjectionRunner } from '../src/runner/projection-runner';
import type { ProjectedEvent, Projection } from '../src/runner/projection';
import { READ_MODELS } from '../src/read-models/registry';
import { ReadModelQueries } from '../src/read-models/read-model-queries';

/** Reads as an admin sees them (everything): these tests are not about visibility. */
const ALL = visibilityTier({ id: 'test-admin', role: 'ADMIN' });

const NOW = '2026-01-15T10:00:00.000Z';

function registered(code: string): LongviewEvent {
  return {
    type: 'TrustRegistered',
    data: {
      code,
      name: `Trust ${code}`,
      context: { kind: 'ACUTE', region: 'LONDON', beds: 500, oversightSegment: 2 },
      effectiveFrom: '2020-04-01',
      registeredAt: NOW,
    },
  };
}
function contextChanged(code: string, beds: number): LongviewEvent {
  return {
    type: 'TrustContextChanged',
    data: {
      code,
      context: { kind: 'ACUTE', region: 'LONDON', beds, oversightSegment: 2 },
      effectiveFrom: `20${20 + (beds % 9)}-04-01`,
      reason: `beds ${beds}`,
    },
  };
}
function observations(code: string, period: string, value: number): LongviewEvent {
  return { type: 'ObservationsRecorded', data: { trustCode: code, metric: 'ae-4hr', observations: [{ period, value }] } };
}

async function append(store: EventStore, streamId: string, event: LongviewEvent): Promise<void> {
  await store.appendToStream(streamId, [{ ...encodeEvent(event), metadata: { occurredAt: NOW } }]);
}

async function seed(db: Database, store: EventStore): Promise<StoredEvent[]> {
  for (const code of ['ZA1', 'ZA2']) await append(store, `trust-${code}`, registered(code));
  for (let i = 1; i <= 4; i++) {
    for (const code of ['ZA1', 'ZA2']) {
      await append(store, `trust-${code}`, contextChanged(code, 500 + i));
      await append(store, `series-${code}-ae-4hr`, observations(code, `2025-0${i}`, 70 + i));
    }
  }
  return readWholeLog(db, store);
}

async function snapshot(db: Database): Promise<unknown> {
  const queries = new ReadModelQueries(db);
  return { trusts: await queries.trusts(ALL, {}), za1: await queries.seriesOfTrust('ZA1'), za2: await queries.seriesOfTrust('ZA2') };
}

/** Events as one partition would deliver them: each stream in order, streams interleaved differently from the global log. */
function asPartitions(events: readonly StoredEvent[]): StoredEvent[][] {
  const byStream = new Map<string, StoredEvent[]>();
  for (const e of events) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e]);
  const streams = [...byStream.values()].reverse();
  return [streams.filter((_, i) => i % 2 === 0).flat(), streams.filter((_, i) => i % 2 === 1).flat()];
}

describe.each(testDatabases())('per-stream checkpoints and parking on $name', ({ open }) => {
  let db: Database;
  let store: EventStore;
  let events: StoredEvent[];

  beforeEach(async () => {
    db = await open();
    store = new EventStore(db);
    await store.migrate();
    events = await seed(db, store);
  });
  afterEach(() => db.close());

  it('builds the same read models from partition batches as from the global log, and redelivery changes nothing', async () => {
    const global = new ProjectionRunner(db);
    await global.migrate();
    await global.applyBatch(events);
    const expected = await snapshot(db);
    await global.rebuild({ names: undefined, store: undefined }); // the log is in the same database here
    expect(await snapshot(db)).toEqual(expected);

    for (const p of global.projections) for (const t of p.tables) await db.query(`DELETE FROM ${t}`);
    await db.query('DELETE FROM rm_stream_checkpoints');
    const runner = new ProjectionRunner(db);
    const [first, second] = asPartitions(events) as [StoredEvent[], StoredEvent[]];
    const result1 = await runner.applyStreamBatch(first);
    await runner.applyStreamBatch(second);
    expect(result1).toMatchObject({ applied: first.length, skipped: 0, parked: [] });
    expect(await snapshot(db)).toEqual(expected);

    const again = await runner.applyStreamBatch([...second, ...first]);
    expect(again).toMatchObject({ applied: 0, skipped: events.length, parked: [] });
    expect(again.reached).toEqual(new Map([...new Set(events.map((e) => e.streamId))].map((id) => [id, id.startsWith('trust-') ? 5 : 4])));
    expect(await snapshot(db)).toEqual(expected);
    expect(await runner.streamState('trust-ZA1')).toEqual({ version: 5, parkedFrom: undefined });
    expect(await runner.waitForStream('trust-ZA1', 5, 100)).toBe('reached');
    expect(await runner.waitForStream('trust-ZA1', 6, 50)).toBe('timeout');
  });

  it('answers a request waiting for a stream version when this process applies it, without polling', async () => {
    const runner = new ProjectionRunner(db);
    await runner.migrate();
    const before = events.filter((e) => !(e.streamId === 'trust-ZA1' && e.streamVersion === 5));
    await runner.applyBatch(before);
    runner.streamPollMs = 60_000; // after the first check, the poll would not look again within the test
    const waiting = runner.waitForStream('trust-ZA1', 5, 5_000);
    await new Promise((resolve) => setTimeout(resolve, 50)); // the first check ran and found version 4
    const started = Date.now();
    await runner.applyBatch(events.filter((e) => e.streamId === 'trust-ZA1' && e.streamVersion === 5));
    expect(await waiting).toBe('reached');
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('answers at once for a stream version this process applied, and asks the database again after a reset', async () => {
    const runner = new ProjectionRunner(db);
    await runner.migrate();
    await runner.applyBatch(events);
    const queries: string[] = [];
    const query = db.query.bind(db);
    db.query = ((sql: string, params?: unknown[]) => (queries.push(sql), query(sql, params))) as typeof db.query;
    expect(await runner.waitForStream('trust-ZA1', 5, 1000)).toBe('reached');
    expect(queries).toEqual([]);
    db.query = query;
    await runner.reset();
    expect(await runner.waitForStream('trust-ZA1', 5, 100)).toBe('timeout');
  });

  it('derives stream checkpoints for read models built before they existed (embedded upgrade)', async () => {
    const runner = new ProjectionRunner(db);
    await runner.migrate();
    await runner.applyBatch(events);
    await db.query('DELETE FROM rm_stream_checkpoints');
    await new ProjectionRunner(db).migrate();
    expect(await runner.streamState('trust-ZA1')).toEqual({ version: 5, parkedFrom: undefined });
    expect(await runner.waitForStream('series-ZA2-ae-4hr', 4, 100)).toBe('reached');
  });

  it('parks a poison event and the rest of its stream, lets other streams advance, and retries in order', async () => {
    let failOn: string | undefined = 'beds 502';
    const picky: Projection = {
      name: 'picky',
      schema: [],
      tables: [],
      async apply(_tx, projected) {
        if (projected.event.type === 'TrustContextChanged' && projected.event.data.reason === failOn && projected.streamId === 'trust-ZA1') {
          throw new Error('picky cannot handle beds 502');
        }
      },
    };
    const runner = new ProjectionRunner(db, [trustDirectoryProjection, picky]);
    await runner.migrate();
    const result = await runner.applyStreamBatch(events);
    // trust-ZA1: v1 (registered), v2 (beds 501) applied; v3 (beds 502) fails; v4, v5 wait behind it.
    expect(result.parked.map((p) => [p.event.streamId, p.event.streamVersion])).toEqual([
      ['trust-ZA1', 3],
      ['trust-ZA1', 4],
      ['trust-ZA1', 5],
    ]);
    expect(result.parked[0]?.error).toMatch(/projection failed: picky cannot handle beds 502/);
    expect(result.parked[1]?.error).toMatch(/waiting behind parked version 3/);
    expect(await runner.streamState('trust-ZA1')).toEqual({ version: 2, parkedFrom: 3 });
    expect(await runner.streamState('trust-ZA2')).toEqual({ version: 5, parkedFrom: undefined });
    expect((await new ReadModelQueries(db).trust(ALL, 'ZA1'))?.context.beds).toBe(501);
    expect(await runner.waitForStream('trust-ZA1', 4, 1000)).toBe('parked');

    // Redelivery of the whole batch parks nothing new and applies nothing twice.
    expect(await runner.applyStreamBatch(events)).toMatchObject({ applied: 0, parked: [] });
    const listed = await runner.listParked();
    expect(listed.map((p) => p.event.streamVersion)).toEqual([3, 4, 5]);

    // Still failing: stays parked, retries counted.
    expect(await runner.retryParked('trust-ZA1')).toEqual({ streams: 1, applied: 0, stillParked: 3 });
    expect((await runner.listParked())[0]?.retries).toBe(1);

    failOn = undefined;
    expect(await runner.retryParked()).toEqual({ streams: 1, applied: 3, stillParked: 0 });
    expect(await runner.listParked()).toEqual([]);
    expect(await runner.streamState('trust-ZA1')).toEqual({ version: 5, parkedFrom: undefined });
    expect((await new ReadModelQueries(db).trust(ALL, 'ZA1'))?.contextHistory).toHaveLength(5);
  });

  it('parks only the failing event when an applyBatch throws: the batch is redone event by event, the batched read models keep the rest', async () => {
    const poison = (projected: ProjectedEvent) => projected.streamId === 'series-ZA2-ae-4hr' && projected.streamVersion === 2;
    const calls = { batches: 0, events: 0 };
    const pickyBatch: Projection = {
      name: 'picky-batch',
      schema: [],
      tables: [],
      async apply(_tx, projected) {
        calls.events++;
        if (poison(projected)) throw new Error('picky-batch cannot handle ZA2 2025-02');
      },
      async applyBatch(_tx, batch) {
        calls.batches++;
        if (batch.some(poison)) throw new Error('picky-batch cannot handle ZA2 2025-02');
      },
    };
    const runner = new ProjectionRunner(db, [...READ_MODELS.map((m) => m.projection), pickyBatch]);
    await runner.migrate();
    const result = await runner.applyStreamBatch(events);
    expect(result.parked.map((p) => [p.event.streamId, p.event.streamVersion])).toEqual([
      ['series-ZA2-ae-4hr', 2],
      ['series-ZA2-ae-4hr', 3],
      ['series-ZA2-ae-4hr', 4],
    ]);
    expect(result.parked[0]?.error).toMatch(/projection failed: picky-batch cannot handle ZA2 2025-02/);
    expect(result.applied).toBe(events.length - 3);
    // One try of the whole batch, then event by event: every event but the two waiting behind the poison.
    expect(calls).toEqual({ batches: 1, events: events.length - 2 });
    const withParked = await snapshot(db);
    expect((await new ReadModelQueries(db).seriesOfTrust('ZA2')).map((s) => s.observations.map((o) => o.period))).toEqual([['2025-01']]);

    // The read models are those of the log without the parked events, applied by the fast path.
    for (const p of runner.projections) for (const t of p.tables) await db.query(`DELETE FROM ${t}`);
    await db.query('DELETE FROM rm_stream_checkpoints');
    const clean = new ProjectionRunner(db);
    const parked = new Set(result.parked.map((p) => p.event.eventId));
    expect(await clean.applyStreamBatch(events.filter((e) => !parked.has(e.eventId)))).toMatchObject({ applied: events.length - 3, parked: [] });
    expect(await snapshot(db)).toEqual(withParked);
  });

  it('parks an event that arrives after a gap, and one it cannot decode', async () => {
    const runner = new ProjectionRunner(db);
    await runner.migrate();
    const za2 = events.filter((e) => e.streamId === 'trust-ZA2');
    const za1 = events.filter((e) => e.streamId === 'series-ZA1-ae-4hr');
    const broken: StoredEvent = { ...(za1[0] as StoredEvent), data: { trustCode: 'ZA1' } };
    const result = await runner.applyStreamBatch([za2[0] as StoredEvent, za2[2] as StoredEvent, broken]);
    expect(result.applied).toBe(1);
    expect(result.parked.map((p) => p.error)).toEqual([
      expect.stringMatching(/^gap: projection trust-directory has trust-ZA2 at version 1, received version 3/),
      expect.stringMatching(/^cannot decode: Cannot decode ObservationsRecorded/),
    ]);
  });
});
