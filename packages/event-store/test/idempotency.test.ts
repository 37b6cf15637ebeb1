import {
  EventStore,
  IdempotencyConflictError,
  SYSTEM_SCOPE,
  actorScope,
  canonicalJson,
  commandFingerprint,
  type Actor,
  type Database,
  type NewEvent,
} from '../src';
import { storeVariants } from './fixtures';

const editorRJ1: Actor = { id: 'user-1', role: 'TRUST_EDITOR', trustCode: 'RJ1' };
const editorZE3: Actor = { id: 'user-1', role: 'TRUST_EDITOR', trustCode: 'ZE3' };

function eventBy(actor: Actor | undefined, n: number): NewEvent {
  return { type: 'SomethingHappened', schemaVersion: 1, data: { n }, metadata: { occurredAt: '2024-05-01T12:00:00.000Z', ...(actor ? { actor } : {}) } };
}

describe('actorScope and commandFingerprint', () => {
  it('gives each actor (id, role, trust) its own scope and SYSTEM one', () => {
    expect(actorScope(editorRJ1)).not.toBe(actorScope(editorZE3));
    expect(actorScope({ id: 'user-1', role: 'ADMIN' })).not.toBe(actorScope({ id: 'user-1', role: 'TRUST_EDITOR' }));
    expect(actorScope(undefined)).toBe(SYSTEM_SCOPE);
    expect(actorScope({ id: 'system', role: 'SYSTEM' })).toBe(SYSTEM_SCOPE);
  });

  it('ignores key order and tells types, streams and payloads apart', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
    const base = commandFingerprint('ProposeIntervention', 'intervention-1', { title: 't', trustCode: 'RJ1' });
    expect(commandFingerprint('ProposeIntervention', 'intervention-1', { trustCode: 'RJ1', title: 't' })).toBe(base);
    expect(commandFingerprint('StartIntervention', 'intervention-1', { title: 't', trustCode: 'RJ1' })).not.toBe(base);
    expect(commandFingerprint('ProposeIntervention', 'intervention-2', { title: 't', trustCode: 'RJ1' })).not.toBe(base);
    expect(commandFingerprint('ProposeIntervention', 'intervention-1', { title: 'u', trustCode: 'RJ1' })).not.toBe(base);
  });
});

describe.each(storeVariants())('scoped idempotency on $label', ({ open, groupCommit }) => {
  let db: Database;
  let store: EventStore;
  let counter = 0;
  const unique = (prefix: string) => `${prefix}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;

  beforeAll(async () => {
    db = await open();
    store = new EventStore(db, { groupCommit });
    await store.migrate();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('another actor using the same id gets its own command applied', async () => {
    const commandId = unique('cmd');
    const victimStream = unique('victim');
    const attackerStream = unique('attacker');
    const claimed = await store.appendToStream(attackerStream, [eventBy(editorZE3, 1)], { commandId, fingerprint: 'f-attacker', commandType: 'A' });
    const victim = await store.appendToStream(victimStream, [eventBy(editorRJ1, 1)], { commandId, fingerprint: 'f-victim', commandType: 'A' });
    expect(claimed.appended).toBe(true);
    expect(victim).toMatchObject({ appended: true, streamId: victimStream, version: 1 });
    expect((await store.readStream(victimStream)).events).toHaveLength(1);
    expect(await store.findCommand(commandId, actorScope(editorRJ1))).toMatchObject({ streamId: victimStream, fingerprint: 'f-victim', commandType: 'A' });
    expect(await store.findCommand(commandId, actorScope(editorZE3))).toMatchObject({ streamId: attackerStream });
  });

  it('the same actor retrying the same command gets the first answer', async () => {
    const commandId = unique('cmd');
    const streamId = unique('s');
    const first = await store.appendToStream(streamId, [eventBy(editorRJ1, 1)], { commandId, fingerprint: 'same', expectedVersion: 'no_stream' });
    const retry = await store.appendToStream(streamId, [eventBy(editorRJ1, 1)], { commandId, fingerprint: 'same', expectedVersion: 'no_stream' });
    expect(retry).toEqual({ ...first, appended: false });
  });

  it('the same actor reusing an id for another command is a conflict that names the first one', async () => {
    const commandId = unique('cmd');
    const streamId = unique('s');
    await store.appendToStream(streamId, [eventBy(editorRJ1, 1)], { commandId, fingerprint: 'one', commandType: 'ProposeIntervention' });
    const reuse = store.appendToStream(unique('other'), [eventBy(editorRJ1, 2)], { commandId, fingerprint: 'two', commandType: 'StartIntervention' });
    await expect(reuse).rejects.toBeInstanceOf(IdempotencyConflictError);
    await expect(reuse).rejects.toThrow(`command id ${commandId} was already used for a different command (ProposeIntervention on ${streamId}); use a new id`);
  });

  it('concurrent retries by one actor apply the command once; a racing different payload conflicts', async () => {
    const commandId = unique('cmd');
    const streamId = unique('s');
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        store.appendToStream(streamId, [eventBy(editorRJ1, 1)], { commandId, fingerprint: i === 5 ? 'different' : 'same', expectedVersion: 'no_stream' }),
      ),
    );
    const applied = results.filter((r) => r.status === 'fulfilled' && r.value.appended);
    expect(applied).toHaveLength(1);
    expect((await store.readStream(streamId)).events).toHaveLength(1);
    const winner = await store.findCommand(commandId, actorScope(editorRJ1));
    for (const [i, r] of results.entries()) {
      const sameAsWinner = (i === 5 ? 'different' : 'same') === winner?.fingerprint;
      if (sameAsWinner) expect(r.status).toBe('fulfilled');
      else expect(r).toMatchObject({ status: 'rejected', reason: expect.any(IdempotencyConflictError) });
    }
  });

  it('upgrades a commands table from before scopes: old rows keep replaying for their actor only', async () => {
    const legacyDb = await open();
    try {
      // The first schema, as earlier versions created it.
      await legacyDb.query(`CREATE TABLE streams (stream_id text PRIMARY KEY, version integer NOT NULL CHECK (version >= 0))`);
      await legacyDb.query(`CREATE TABLE events (
        global_position bigserial PRIMARY KEY, event_id text NOT NULL UNIQUE, stream_id text NOT NULL,
        stream_version integer NOT NULL CHECK (stream_version >= 1), type text NOT NULL, schema_version integer NOT NULL,
        data jsonb NOT NULL, metadata jsonb NOT NULL, transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_stream_version_unique UNIQUE (stream_id, stream_version))`);
      await legacyDb.query(`CREATE TABLE commands (command_id text NOT NULL, stream_id text NOT NULL, version integer NOT NULL,
        position bigint NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now(), CONSTRAINT commands_pkey PRIMARY KEY (command_id))`);
      const rows: [string, string, Actor | undefined][] = [
        ['old-editor', 'stream-editor', editorRJ1],
        ['old-system', 'stream-system', undefined],
      ];
      for (const [commandId, streamId, actor] of rows) {
        await legacyDb.query(`INSERT INTO streams VALUES ($1, 1)`, [streamId]);
        const { rows: inserted } = await legacyDb.query<{ global_position: string }>(
          `INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, data, metadata)
           VALUES ($1, $2, 1, 'SomethingHappened', 1, '{}'::jsonb, $3::jsonb) RETURNING global_position`,
          [`e-${commandId}`, streamId, JSON.stringify({ ...eventBy(actor, 1).metadata, commandId })],
        );
        await legacyDb.query(`INSERT INTO commands (command_id, stream_id, version, position) VALUES ($1, $2, 1, $3::bigint)`, [
          commandId,
          streamId,
          inserted[0]!.global_position,
        ]);
      }

      const upgraded = new EventStore(legacyDb);
      await Promise.all([upgraded.migrate(), upgraded.migrate()]);
      await upgraded.migrate();

      // The recorded actor's retry replays (old rows have no fingerprint: no payload check).
      await expect(upgraded.appendToStream('stream-editor', [eventBy(editorRJ1, 9)], { commandId: 'old-editor', fingerprint: 'new' })).resolves.toMatchObject({
        appended: false,
        version: 1,
      });
      await expect(upgraded.appendToStream('stream-system', [eventBy(undefined, 9)], { commandId: 'old-system' })).resolves.toMatchObject({ appended: false });
      // Another actor's use of the old id is its own command.
      await expect(upgraded.appendToStream('stream-editor', [eventBy(editorZE3, 9)], { commandId: 'old-editor' })).resolves.toMatchObject({
        appended: true,
        version: 2,
      });
      const { rows: scopes } = await legacyDb.query<{ command_id: string; scope: string }>(`SELECT command_id, scope FROM commands ORDER BY command_id, scope`);
      expect(scopes).toEqual([
        { command_id: 'old-editor', scope: actorScope(editorRJ1) },
        { command_id: 'old-editor', scope: actorScope(editorZE3) },
        { command_id: 'old-system', scope: SYSTEM_SCOPE },
      ]);
    } finally {
      await legacyDb.close();
    }
  }, 60_000);
});
