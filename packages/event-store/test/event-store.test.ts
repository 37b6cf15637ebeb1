import { ConcurrencyError, EventStore, actorScope, type Database } from '../src';
import { anEvent, events, storeVariants } from './fixtures';

describe.each(storeVariants())('EventStore on $label', ({ name, open, groupCommit }) => {
  let db: Database;
  let store: EventStore;
  let streamCounter = 0;
  // Each test uses its own streams so tests can share one database (PGlite takes seconds to boot).
  const newStream = () => `test-${++streamCounter}-${Math.random().toString(36).slice(2, 8)}`;

  beforeAll(async () => {
    db = await open();
    store = new EventStore(db, { groupCommit });
    await store.migrate();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('reports its dialect', () => {
    expect(db.dialect).toBe(name);
  });

  it('migrate is idempotent, also when called concurrently', async () => {
    await Promise.all([store.migrate(), store.migrate()]);
    await store.migrate();
    const { rows } = await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_name IN ('events', 'streams', 'commands') ORDER BY 1`,
    );
    expect(rows.map((r) => r.table_name)).toEqual(['commands', 'events', 'streams']);
  });

  it('records the database time by default, or the instant of an injected clock (tests of time travel)', async () => {
    const before = Date.now() - 60_000;
    const plain = newStream();
    await store.appendToStream(plain, [anEvent(1)]);
    const recorded = Date.parse((await store.readStream(plain)).events[0]?.recordedAt ?? '');
    expect(recorded).toBeGreaterThan(before);

    let now = new Date('2025-03-03T09:30:00.000Z');
    const clocked = new EventStore(db, { groupCommit, clock: () => now });
    const streamId = newStream();
    await Promise.all([clocked.appendToStream(streamId, [anEvent(1), anEvent(2)]), clocked.appendToStream(newStream(), [anEvent(9)])]);
    now = new Date('2025-06-01T00:00:00.000Z');
    await clocked.appendToStream(streamId, [anEvent(3)]);
    expect((await store.readStream(streamId)).events.map((e) => e.recordedAt)).toEqual([
      '2025-03-03T09:30:00.000Z',
      '2025-03-03T09:30:00.000Z',
      '2025-06-01T00:00:00.000Z',
    ]);
  });

  it('appends and reads back a stream in order with all fields', async () => {
    const streamId = newStream();
    const first = await store.appendToStream(streamId, [anEvent(1), { ...anEvent(2), eventId: '3f0e2b8e-8c53-4d3a-9f0d-2a2f1f1f0a01' }], {
      expectedVersion: 'no_stream',
    });
    expect(first).toMatchObject({ streamId, version: 2, appended: true });
    expect(typeof first.position).toBe('bigint');

    const second = await store.appendToStream(streamId, [anEvent(3, 'OtherThingHappened')], { expectedVersion: 2 });
    expect(second.version).toBe(3);
    expect(second.position).toBeGreaterThan(first.position);

    const read = await store.readStream(streamId);
    expect(read.version).toBe(3);
    expect(read.events.map((e) => [e.streamVersion, e.type, e.data])).toEqual([
      [1, 'SomethingHappened', { n: 1 }],
      [2, 'SomethingHappened', { n: 2 }],
      [3, 'OtherThingHappened', { n: 3 }],
    ]);
    const [e1, e2, e3] = read.events;
    expect(e1?.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(e2?.eventId).toBe('3f0e2b8e-8c53-4d3a-9f0d-2a2f1f1f0a01');
    expect(e1?.eventId).not.toBe(e3?.eventId);
    expect(e1?.streamId).toBe(streamId);
    expect(e1?.schemaVersion).toBe(1);
    expect(e1?.metadata).toEqual(anEvent(1).metadata);
    expect(e3?.globalPosition).toBe(second.position);
    expect(e2?.globalPosition).toBe(first.position);
    expect(new Date(e1?.recordedAt ?? '').toISOString()).toBe(e1?.recordedAt);
  });

  it('reads an unknown stream as version 0 with no events', async () => {
    await expect(store.readStream(newStream())).resolves.toEqual({ version: 0, events: [] });
  });

  it('stores JSON payloads faithfully, including arrays and null', async () => {
    const streamId = newStream();
    const data = { list: [1, 'two', { three: 3 }], nothing: null, text: 'O\'Brien "quoted" \u00e9' };
    await store.appendToStream(streamId, [
      { ...anEvent(0), data },
      { ...anEvent(0), data: [1, 2, 3] },
      { ...anEvent(0), data: null },
    ]);
    const { events: stored } = await store.readStream(streamId);
    expect(stored.map((e) => e.data)).toEqual([data, [1, 2, 3], null]);
  });

  describe('expected version', () => {
    it('rejects a wrong version with a typed error and writes nothing', async () => {
      const streamId = newStream();
      await store.appendToStream(streamId, events(2));
      const attempt = store.appendToStream(streamId, [anEvent(9)], { expectedVersion: 1 });
      await expect(attempt).rejects.toBeInstanceOf(ConcurrencyError);
      await expect(attempt).rejects.toMatchObject({ streamId, expected: 1, actual: 2 });
      expect((await store.readStream(streamId)).version).toBe(2);
    });

    it("rejects 'no_stream' and 0 on an existing stream", async () => {
      const streamId = newStream();
      await store.appendToStream(streamId, events(1));
      await expect(store.appendToStream(streamId, [anEvent(2)], { expectedVersion: 'no_stream' })).rejects.toMatchObject({
        name: 'ConcurrencyError',
        expected: 'no_stream',
        actual: 1,
      });
      await expect(store.appendToStream(streamId, [anEvent(2)], { expectedVersion: 0 })).rejects.toBeInstanceOf(ConcurrencyError);
      expect((await store.readStream(streamId)).events).toHaveLength(1);
    });

    it('rejects a positive version on a stream that does not exist', async () => {
      const streamId = newStream();
      await expect(store.appendToStream(streamId, [anEvent(1)], { expectedVersion: 3 })).rejects.toMatchObject({ actual: 0 });
      expect((await store.readStream(streamId)).version).toBe(0);
    });

    it("'any' (the default) appends whatever the version", async () => {
      const streamId = newStream();
      await store.appendToStream(streamId, events(2));
      const result = await store.appendToStream(streamId, events(3, 3), { expectedVersion: 'any' });
      expect(result.version).toBe(5);
      expect((await store.readStream(streamId)).events.map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5]);
    });

    it('rejects invalid expected versions before touching the database', async () => {
      await expect(store.appendToStream(newStream(), [anEvent(1)], { expectedVersion: -1 })).rejects.toBeInstanceOf(RangeError);
      await expect(store.appendToStream(newStream(), [anEvent(1)], { expectedVersion: 1.5 })).rejects.toBeInstanceOf(RangeError);
    });

    it('lets exactly one of two concurrent appends at the same version win', async () => {
      const streamId = newStream();
      await store.appendToStream(streamId, events(1));
      const results = await Promise.allSettled([
        store.appendToStream(streamId, [anEvent(100)], { expectedVersion: 1 }),
        store.appendToStream(streamId, [anEvent(200)], { expectedVersion: 1 }),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]?.reason).toBeInstanceOf(ConcurrencyError);
      expect(lost[0]?.reason).toMatchObject({ expected: 1, actual: 2 });
      const { version, events: stored } = await store.readStream(streamId);
      expect(version).toBe(2);
      expect(stored).toHaveLength(2);
    });

    it('lets exactly one of many concurrent first appends (no_stream) win', async () => {
      const streamId = newStream();
      const results = await Promise.allSettled(
        Array.from({ length: 6 }, (_, i) => store.appendToStream(streamId, [anEvent(i)], { expectedVersion: 'no_stream' })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConcurrencyError);
      expect((await store.readStream(streamId)).events).toHaveLength(1);
    });

    it('an empty append only checks the version', async () => {
      const streamId = newStream();
      const written = await store.appendToStream(streamId, events(2));
      await expect(store.appendToStream(streamId, [], { expectedVersion: 2 })).resolves.toEqual({
        streamId,
        version: 2,
        position: written.position,
        appended: false,
      });
      await expect(store.appendToStream(streamId, [], { expectedVersion: 1 })).rejects.toBeInstanceOf(ConcurrencyError);
      expect((await store.readStream(streamId)).version).toBe(2);
    });
  });

  describe('command idempotency', () => {
    it('a retried command writes nothing and returns the first result', async () => {
      const streamId = newStream();
      const commandId = `cmd-${newStream()}`;
      const first = await store.appendToStream(streamId, events(2), { expectedVersion: 'no_stream', commandId });
      expect(first.appended).toBe(true);
      // The retry's expectedVersion is now stale; it must still get the stored answer, not a conflict.
      const retry = await store.appendToStream(streamId, events(2), { expectedVersion: 'no_stream', commandId });
      expect(retry).toEqual({ ...first, appended: false });
      const { events: stored } = await store.readStream(streamId);
      expect(stored).toHaveLength(2);
      expect(stored.every((e) => e.metadata.commandId === commandId)).toBe(true);
      await expect(store.findCommand(commandId, actorScope(anEvent(1).metadata.actor))).resolves.toMatchObject({
        commandId,
        streamId,
        version: 2,
        position: first.position,
      });
    });

    it('findCommand returns undefined for an unknown command', async () => {
      await expect(store.findCommand('never-seen')).resolves.toBeUndefined();
    });

    it.each(['any', 'no_stream'] as const)('concurrent attempts of one command (expectedVersion %s) apply it once', async (expectedVersion) => {
      const streamId = newStream();
      const commandId = `cmd-${newStream()}`;
      const results = await Promise.all(Array.from({ length: 5 }, () => store.appendToStream(streamId, [anEvent(1)], { expectedVersion, commandId })));
      expect(results.filter((r) => r.appended)).toHaveLength(1);
      const winner = results.find((r) => r.appended);
      for (const r of results) expect({ ...r, appended: true }).toEqual(winner);
      expect((await store.readStream(streamId)).events).toHaveLength(1);
    });

    it('different command ids on one stream both apply', async () => {
      const streamId = newStream();
      await store.appendToStream(streamId, [anEvent(1)], { commandId: `a-${streamId}` });
      const second = await store.appendToStream(streamId, [anEvent(2)], { commandId: `b-${streamId}` });
      expect(second).toMatchObject({ version: 2, appended: true });
    });
  });

  describe('global log', () => {
    it('readAll pages through every event after a position, in order', async () => {
      const start = await store.headPosition();
      const a = newStream();
      const b = newStream();
      await store.appendToStream(a, events(2));
      await store.appendToStream(b, events(3));
      await store.appendToStream(a, events(1, 3));

      const seen: string[] = [];
      let after = start;
      for (;;) {
        const page = await store.readAll({ after, limit: 2 });
        if (page.length === 0) break;
        expect(page.length).toBeLessThanOrEqual(2);
        for (const e of page) {
          expect(e.globalPosition).toBeGreaterThan(after);
          after = e.globalPosition;
          seen.push(`${e.streamId === a ? 'a' : 'b'}${e.streamVersion}`);
        }
      }
      expect(seen).toEqual(['a1', 'a2', 'b1', 'b2', 'b3', 'a3']);
      expect(await store.headPosition()).toBe(after);
    });

    it('rejects a non-positive limit', async () => {
      await expect(store.readAll({ after: 0n, limit: 0 })).rejects.toBeInstanceOf(RangeError);
    });

    it('does not expose events of a transaction that has not committed (transaction-id filter)', async () => {
      const head = await store.headPosition();
      const streamId = newStream();
      await db.transaction(async (tx) => {
        const inTx = new EventStore(tx);
        const result = await inTx.appendToStream(streamId, events(1));
        expect(result.position).toBeGreaterThan(head);
        // Even the writing transaction's own snapshot holds its rows back: its xid is not
        // below the snapshot's xmin. This shows the filter is active on this engine.
        expect(await inTx.readAll({ after: head, limit: 10 })).toEqual([]);
        expect(await inTx.headPosition()).toBe(head);
      });
      const after = await store.readAll({ after: head, limit: 10 });
      expect(after.map((e) => e.streamId)).toEqual([streamId]);
    });

    it('records the writing transaction id and serialises position allocation with an advisory lock', async () => {
      const streamId = newStream();
      await db.transaction(async (tx) => {
        await new EventStore(tx).appendToStream(streamId, events(1));
        const { rows } = await tx.query<{ locks: string }>(
          `SELECT count(*) AS locks FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted`,
        );
        expect(rows[0]?.locks).toBe('1');
        const { rows: own } = await tx.query<{ same: boolean }>('SELECT transaction_id = pg_current_xact_id() AS same FROM events WHERE stream_id = $1', [
          streamId,
        ]);
        expect(own).toEqual([{ same: true }]);
      });
    });
  });

  describe('transactions', () => {
    it('an append inside a caller transaction rolls back with it', async () => {
      const streamId = newStream();
      await expect(
        db.transaction(async (tx) => {
          await new EventStore(tx).appendToStream(streamId, events(2), { commandId: `rb-${streamId}` });
          throw new Error('caller failed after appending');
        }),
      ).rejects.toThrow('caller failed after appending');
      expect((await store.readStream(streamId)).version).toBe(0);
      await expect(store.findCommand(`rb-${streamId}`)).resolves.toBeUndefined();
    });

    it('nested transaction() runs in the same transaction', async () => {
      await db.query('CREATE TABLE IF NOT EXISTS nested_probe (id int)');
      await expect(
        db.transaction(async (outer) => {
          const inner = await outer.transaction(async (tx) => {
            await tx.query('INSERT INTO nested_probe VALUES (1)');
            return (await tx.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid')).rows[0]?.xid;
          });
          const outerXid = (await outer.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid')).rows[0]?.xid;
          expect(inner).toBe(outerXid);
          throw new Error('roll back everything');
        }),
      ).rejects.toThrow('roll back everything');
      expect((await db.query('SELECT * FROM nested_probe')).rows).toEqual([]);
    });

    it('a transaction handle cannot be closed', async () => {
      await db.transaction(async (tx) => {
        await expect(tx.close()).rejects.toThrow(/transaction handle/);
      });
    });
  });

  it('returns the same JS types on both engines', async () => {
    const { rows } = await db.query(
      `SELECT 9007199254740993::bigint AS big, 42::int AS small, 1.50::numeric AS num, DATE '2024-03-01' AS day,
              '{"a":[1]}'::jsonb AS doc, true AS flag, TIMESTAMPTZ '2024-03-01T10:00:00Z' AS at`,
    );
    expect(rows[0]).toEqual({
      big: '9007199254740993',
      small: 42,
      num: '1.50',
      day: '2024-03-01',
      doc: { a: [1] },
      flag: true,
      at: new Date('2024-03-01T10:00:00Z'),
    });
  });
});
