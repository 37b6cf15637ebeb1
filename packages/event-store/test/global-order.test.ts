import { EventStore, type Database, type StoredEvent } from '../src';
import { testDatabases } from '../src/testing';
import { anEvent, sleep, stillPendingAfter, storeVariants } from './fixtures';

async function openStore(open: () => Promise<Database>, groupCommit = false): Promise<{ db: Database; store: EventStore }> {
  const db = await open();
  const store = new EventStore(db, { groupCommit });
  await store.migrate();
  return { db, store };
}

describe.each(storeVariants())('global log under concurrent writers on $label', ({ name, open, groupCommit }) => {
  let db: Database;
  let store: EventStore;
  beforeAll(async () => ({ db, store } = await openStore(open, groupCommit)));
  afterAll(async () => db?.close());

  // PGlite is one connection, so its writers interleave but never overlap; PostgreSQL runs them in parallel.
  const writers = 8;
  const appendsPerWriter = name === 'postgres' ? 50 : 20;

  it(`a polling reader sees every event exactly once, in increasing positions (${writers} writers)`, async () => {
    const written = new Set<string>();
    let writing = true;

    const writer = async (w: number) => {
      for (let i = 0; i < appendsPerWriter; i++) {
        // Several writers per stream so optimistic concurrency is exercised too; losers re-read and retry.
        const streamId = `order-${w % 4}-${i % 5}`;
        const eventCount = 1 + (i % 2);
        for (;;) {
          const { version } = await store.readStream(streamId);
          try {
            const batch = Array.from({ length: eventCount }, (_, k) => ({ ...anEvent(i), eventId: `${w}-${i}-${k}-${version}` }));
            await store.appendToStream(streamId, batch, { expectedVersion: version });
            for (const e of batch) written.add(e.eventId);
            break;
          } catch (error) {
            if ((error as Error).name !== 'ConcurrencyError') throw error;
          }
        }
      }
    };

    const seen: StoredEvent[] = [];
    const reader = async () => {
      let after = 0n;
      for (;;) {
        const finished = !writing;
        const page = await store.readAll({ after, limit: 37 });
        for (const e of page) {
          expect(e.globalPosition).toBeGreaterThan(after);
          after = e.globalPosition;
          seen.push(e);
        }
        // One more full drain after the writers finished, then stop.
        if (finished && page.length === 0) return;
        if (page.length === 0) await sleep(1);
      }
    };

    const readerDone = reader();
    await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
    writing = false;
    await readerDone;

    const seenIds = seen.map((e) => e.eventId);
    expect(new Set(seenIds).size).toBe(seenIds.length); // exactly once
    expect(seenIds.length).toBe(written.size); // nothing skipped
    expect(new Set(seenIds)).toEqual(written);
    // Per stream, versions arrive in order with no holes.
    const byStream = new Map<string, number[]>();
    for (const e of seen) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e.streamVersion]);
    for (const versions of byStream.values()) expect(versions).toEqual(versions.map((_, i) => i + 1));
  }, 120_000);
});

const postgresOnly = testDatabases().filter((d) => d.name === 'postgres');
(postgresOnly.length > 0 ? describe.each(postgresOnly) : describe.skip.each([{ name: 'postgres', open: async () => undefined as never }]))(
  'out-of-order commits on $name',
  ({ open }) => {
    let db: Database;
    let store: EventStore;
    beforeAll(async () => ({ db, store } = await openStore(open)));
    afterAll(async () => db?.close());
    // A failed assertion must not leave a transaction open (it would block the cleanup).
    const held: Array<{ release(): void; done: Promise<void> }> = [];
    afterEach(async () => {
      for (const h of held.splice(0)) {
        h.release();
        await h.done.catch(() => undefined);
      }
    });

    /** Opens a transaction and keeps it open until `release()` is called; `ready` resolves once `work` ran. */
    function holdOpen<T>(work: (tx: Database) => Promise<T>) {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let markReady!: (value: T) => void;
      const ready = new Promise<T>((resolve) => (markReady = resolve));
      const done = db.transaction(async (tx) => {
        markReady(await work(tx));
        await released;
      });
      held.push({ release, done });
      return { ready, release, done };
    }

    it('readAll does not pass a committed event while an older transaction holding a lower position is open', async () => {
      // Transaction A takes a global position WITHOUT the store's lock (as a writer that
      // bypasses appendToStream would), so only the transaction-id filter protects readers.
      const start = await store.headPosition();
      const a = holdOpen(async (tx) => {
        const { rows } = await tx.query<{ global_position: string }>(
          `INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, data, metadata)
           VALUES ('raw-a', 'ooo-a', 1, 'Raw', 1, '{}', '{"occurredAt":"2024-01-01T00:00:00Z"}') RETURNING global_position`,
        );
        return BigInt(rows[0]?.global_position ?? -1);
      });
      const positionA = await a.ready;

      const b = await store.appendToStream('ooo-b', [anEvent(1)]);
      expect(b.position).toBeGreaterThan(positionA);

      // B is committed with a higher position, but A (lower position) is still in flight:
      // a reader that returned B now would move its checkpoint past A and lose it forever.
      expect(await store.readAll({ after: start, limit: 100 })).toEqual([]);
      expect(await store.headPosition()).toBe(start);

      a.release();
      await a.done;
      const seen = await store.readAll({ after: start, limit: 100 });
      expect(seen.map((e) => [e.streamId, e.globalPosition])).toEqual([
        ['ooo-a', positionA],
        ['ooo-b', b.position],
      ]);
    });

    it('readAll stops before an event whose transaction id is newer than an open transaction, even if a later position has an older id', async () => {
      const start = await store.headPosition();
      // L takes a transaction id first and appends only later; M takes the next id and stays open.
      let appendL!: () => void;
      const lMayAppend = new Promise<void>((resolve) => (appendL = resolve));
      let lHasId!: () => void;
      const lIdTaken = new Promise<void>((resolve) => (lHasId = resolve));
      const l = db.transaction(async (tx) => {
        await tx.query('SELECT pg_current_xact_id()');
        lHasId();
        await lMayAppend;
        return new EventStore(tx).appendToStream('xid-l', [anEvent(1)]);
      });
      await lIdTaken;
      const m = holdOpen((tx) => tx.query('SELECT pg_current_xact_id()'));
      await m.ready;
      // H (newest id) commits position P; then L (oldest id) commits position P+1.
      const h = await store.appendToStream('xid-h', [anEvent(1)]);
      appendL();
      const lResult = await l;
      expect(lResult.position).toBeGreaterThan(h.position);

      // M is open: H's id is above the horizon, L's below. Returning L alone would skip H forever.
      expect(await store.readAll({ after: start, limit: 100 })).toEqual([]);
      expect(await store.headPosition()).toBe(start);

      m.release();
      await m.done;
      const seen = await store.readAll({ after: start, limit: 100 });
      expect(seen.map((e) => [e.streamId, e.globalPosition])).toEqual([
        ['xid-h', h.position],
        ['xid-l', lResult.position],
      ]);
      expect(await store.headPosition()).toBe(lResult.position);
    });

    it('an append waits for an open append to commit, so positions follow commit order (advisory lock)', async () => {
      const start = await store.headPosition();
      const a = holdOpen((tx) => new EventStore(tx).appendToStream('lock-a', [anEvent(1)]));
      const resultA = await a.ready;

      const bAppend = store.appendToStream('lock-b', [anEvent(2)]);
      // B cannot take a position (nor commit) while A holds the position lock.
      expect(await stillPendingAfter(bAppend, 300)).toBe(true);
      expect(await store.readAll({ after: start, limit: 100 })).toEqual([]);

      a.release();
      await a.done;
      const resultB = await bAppend;
      expect(resultB.position).toBeGreaterThan(resultA.position);
      const seen = await store.readAll({ after: start, limit: 100 });
      expect(seen.map((e) => e.streamId)).toEqual(['lock-a', 'lock-b']);
    });

    it('a reader polling during a held-open append never skips it', async () => {
      const start = await store.headPosition();
      const a = holdOpen((tx) => new EventStore(tx).appendToStream('poll-a', [anEvent(1), anEvent(2)]));
      await a.ready;
      const others = Promise.all([1, 2, 3].map((n) => store.appendToStream(`poll-${n}`, [anEvent(n)])));

      let after = start;
      const seen: string[] = [];
      for (let poll = 0; poll < 5; poll++) {
        for (const e of await store.readAll({ after, limit: 100 })) {
          after = e.globalPosition;
          seen.push(e.streamId);
        }
        await sleep(20);
      }
      expect(seen).toEqual([]);
      a.release();
      await Promise.all([a.done, others]);
      for (const e of await store.readAll({ after, limit: 100 })) seen.push(e.streamId);
      expect(seen.slice(0, 2)).toEqual(['poll-a', 'poll-a']);
      expect(seen.slice(2).sort()).toEqual(['poll-1', 'poll-2', 'poll-3']);
    });
  },
);
