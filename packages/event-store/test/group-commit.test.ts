import { ConcurrencyError, EventStore, IdempotencyConflictError, type Database } from '../src';
import { anEvent, events, storeVariants } from './fixtures';

/** Counts the transactions the store opens on `db`. */
function countingTransactions(db: Database): { db: Database; transactions: () => number } {
  let count = 0;
  return {
    transactions: () => count,
    db: {
      dialect: db.dialect,
      query: (sql, params) => db.query(sql, params),
      transaction: (fn) => {
        count++;
        return db.transaction(fn);
      },
      close: () => db.close(),
    },
  };
}

describe.each(storeVariants().filter((v) => v.groupCommit))('group commit on $name', ({ open }) => {
  let raw: Database;
  let db: Database;
  let transactions: () => number;
  let store: EventStore;
  let counter = 0;
  const newStream = () => `gc-${++counter}-${Math.random().toString(36).slice(2, 8)}`;

  beforeAll(async () => {
    raw = await open();
    ({ db, transactions } = countingTransactions(raw));
    store = new EventStore(db, { groupCommit: true });
    await store.migrate();
  });
  afterAll(async () => raw?.close());

  it('writes concurrent appends to different streams in one transaction, each with its own answer, one failing its expected version', async () => {
    const [a, b, c, d] = [newStream(), newStream(), newStream(), newStream()];
    await store.appendToStream(c, events(2));
    const before = transactions();
    const results = await Promise.allSettled([
      store.appendToStream(a, events(1), { expectedVersion: 'no_stream' }),
      store.appendToStream(b, events(3), { expectedVersion: 'no_stream', commandId: `cmd-${b}` }),
      store.appendToStream(c, events(1), { expectedVersion: 1 }), // c is at 2: this one fails alone
      store.appendToStream(d, events(2), { expectedVersion: 0 }),
    ]);
    expect(transactions() - before).toBe(1);

    const [ra, rb, rc, rd] = results;
    expect(ra).toMatchObject({ status: 'fulfilled', value: { streamId: a, version: 1, appended: true } });
    expect(rb).toMatchObject({ status: 'fulfilled', value: { streamId: b, version: 3, appended: true } });
    expect(rd).toMatchObject({ status: 'fulfilled', value: { streamId: d, version: 2, appended: true } });
    expect(rc.status).toBe('rejected');
    const failure = (rc as PromiseRejectedResult).reason as ConcurrencyError;
    expect(failure).toBeInstanceOf(ConcurrencyError);
    expect(failure).toMatchObject({ streamId: c, expected: 1, actual: 2 });
    expect((await store.readStream(c)).version).toBe(2);

    // Each answer's position is the last event it wrote; the positions of the batch follow one another without a gap.
    const positions = [ra, rb, rd].map((r) => (r as PromiseFulfilledResult<{ position: bigint }>).value.position);
    for (const [streamId, position] of [
      [a, positions[0]],
      [b, positions[1]],
      [d, positions[2]],
    ] as const) {
      expect((await store.readStream(streamId)).events.at(-1)?.globalPosition).toBe(position);
    }
    const written = (await store.readAll({ after: 0n, limit: 10_000 })).filter((e) => [a, b, d].includes(e.streamId)).map((e) => e.globalPosition);
    expect(written).toHaveLength(6);
    written.forEach((position, i) => expect(position).toBe((written[0] as bigint) + BigInt(i)));
    expect((await store.findCommand(`cmd-${b}`, 'actor:TRUST_EDITOR:RJ1:user-1'))?.version).toBe(3);
  });

  it('two appends to the same stream at once: the second sees the first (as if one ran after the other)', async () => {
    const s = newStream();
    const [first, second] = await Promise.allSettled([
      store.appendToStream(s, events(1), { expectedVersion: 'no_stream' }),
      store.appendToStream(s, events(1), { expectedVersion: 'no_stream' }),
    ]);
    expect(first).toMatchObject({ status: 'fulfilled', value: { version: 1 } });
    expect(second).toMatchObject({ status: 'rejected', reason: { name: 'ConcurrencyError', actual: 1 } });
    const [x, y] = await Promise.all([
      store.appendToStream(s, events(1), { expectedVersion: 1 }),
      store.appendToStream(s, events(2), { expectedVersion: 'any' }),
    ]);
    expect([x.version, y.version]).toEqual([2, 4]);
  });

  it('answers retries and reused ids in a batch from the commands table, each on its own', async () => {
    const s = newStream();
    const t = newStream();
    const first = await store.appendToStream(s, events(1), { commandId: `once-${s}`, fingerprint: 'f1', commandType: 'DoIt' });
    const [retry, reused, fresh] = await Promise.allSettled([
      store.appendToStream(s, events(1), { commandId: `once-${s}`, fingerprint: 'f1' }),
      store.appendToStream(t, events(1), { commandId: `once-${s}`, fingerprint: 'other' }),
      store.appendToStream(t, events(1), { commandId: `new-${t}` }),
    ]);
    expect(retry).toMatchObject({ status: 'fulfilled', value: { version: 1, position: first.position, appended: false } });
    expect(reused.status).toBe('rejected');
    expect((reused as PromiseRejectedResult).reason).toBeInstanceOf(IdempotencyConflictError);
    expect(fresh).toMatchObject({ status: 'fulfilled', value: { streamId: t, version: 1, appended: true } });
    expect((await store.readStream(s)).version).toBe(1);
  });

  it('the same command twice in one batch is written once; the second attempt gets the first answer', async () => {
    const s = newStream();
    const [one, two] = await Promise.all([
      store.appendToStream(s, events(1), { commandId: `twice-${s}` }),
      store.appendToStream(s, events(1), { commandId: `twice-${s}` }),
    ]);
    expect(one).toMatchObject({ version: 1, appended: true });
    expect(two).toMatchObject({ version: 1, position: one.position, appended: false });
  });

  it('a batch that fails as a whole (duplicate event id) is written append by append: only the faulty one fails', async () => {
    const s = newStream();
    const u = newStream();
    const taken = `dup-${s}`;
    await store.appendToStream(s, [{ ...anEvent(1), eventId: taken }]);
    const [bad, good] = await Promise.allSettled([
      store.appendToStream(u, [{ ...anEvent(2), eventId: taken }]),
      store.appendToStream(s, events(1), { expectedVersion: 1 }),
    ]);
    expect(bad.status).toBe('rejected');
    expect(good).toMatchObject({ status: 'fulfilled', value: { version: 2, appended: true } });
    expect((await store.readStream(u)).version).toBe(0);
  });
});
