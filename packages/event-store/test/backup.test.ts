import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BackupFileError,
  EventStore,
  RestoreTargetNotEmptyError,
  commandFingerprint,
  openBackupFileSink,
  restoreBackupFile,
  verifyBackupFile,
  writeBackup,
  type Database,
} from '../src';
import { testDatabases } from '../src/testing';
import { anEvent, events } from './fixtures';

jest.setTimeout(60_000);

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lv-backup-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function backupTo(db: Database, file: string) {
  const sink = openBackupFileSink(file);
  const summary = await writeBackup(db, sink, { batchSize: 3 });
  await sink.close();
  return summary;
}

/** Everything restore must carry over, as the database holds it. */
async function contents(db: Database) {
  const eventsRows = await db.query(
    `SELECT global_position, event_id, stream_id, stream_version, type, schema_version, data, metadata, recorded_at FROM events ORDER BY global_position`,
  );
  const commands = await db.query(
    'SELECT command_id, scope, command_type, fingerprint, stream_id, version, position, recorded_at FROM commands ORDER BY position, scope, command_id',
  );
  const streams = await db.query('SELECT stream_id, version FROM streams ORDER BY stream_id');
  // recorded_at to the microsecond: a Date would hide a lost fraction.
  const times = await db.query(`SELECT recorded_at::text AS t FROM events ORDER BY global_position`);
  return { events: eventsRows.rows, commands: commands.rows, streams: streams.rows, times: times.rows };
}

async function fill(store: EventStore) {
  await store.appendToStream('trust-RJ1', events(2), {
    commandId: 'c-1',
    commandType: 'RegisterTrust',
    fingerprint: commandFingerprint('RegisterTrust', 'trust-RJ1', { n: 1 }),
  });
  await store.appendToStream('trust-RJ2', [anEvent(3)], { commandId: 'c-2' });
  await store.appendToStream('trust-RJ1', events(5, 4), { expectedVersion: 2, commandId: 'c-3' });
  await store.appendToStream('series-RJ1-ae-4hr', [{ ...anEvent(9), data: { values: [1.5, 2.25], nested: { ü: 'ñ' } } }]);
}

describe.each(testDatabases())('backup and restore on $name', ({ open }) => {
  let source: Database;
  let target: Database;
  beforeEach(async () => {
    source = await open();
    target = await open();
    await new EventStore(source).migrate();
  });
  afterEach(async () => {
    await source.close();
    await target.close();
  });

  it('restores every event, command record and stream version exactly, and appends continue after them', async () => {
    const store = new EventStore(source);
    await fill(store);
    const file = path.join(dir, 'b.ndjson');
    const summary = await backupTo(source, file);
    expect(summary.header).toMatchObject({ events: 9, commands: 3, lastPosition: (await store.headPosition()).toString() });

    const restored = await restoreBackupFile(target, file);
    expect(restored).toMatchObject({ sha256: summary.sha256, replaced: undefined });
    expect(await contents(target)).toEqual(await contents(source));

    const again = new EventStore(target);
    // Idempotency survives: a retried command answers as before and writes nothing.
    await expect(again.appendToStream('trust-RJ2', [anEvent(99)], { commandId: 'c-2' })).resolves.toMatchObject({ appended: false, version: 1 });
    // A reused id for another command is still a conflict (the fingerprint came along).
    await expect(
      again.appendToStream('trust-RJ1', [anEvent(99)], { commandId: 'c-1', fingerprint: commandFingerprint('RegisterTrust', 'trust-RJ1', { n: 2 }) }),
    ).rejects.toThrow('already used for a different command');
    // Stream versions and positions continue.
    await expect(again.appendToStream('trust-RJ1', [anEvent(10)], { expectedVersion: 6 })).rejects.toMatchObject({ actual: 7 });
    const next = await again.appendToStream('trust-RJ1', [anEvent(10)], { expectedVersion: 7 });
    expect(next.position).toBe(BigInt(summary.header.lastPosition) + 1n);
  });

  it('backs up and restores an empty store', async () => {
    const file = path.join(dir, 'empty.ndjson');
    await backupTo(source, file);
    await restoreBackupFile(target, file);
    const result = await new EventStore(target).appendToStream('s', [anEvent(1)]);
    expect(result.position).toBe(1n);
  });

  it('refuses a tampered file before writing anything', async () => {
    await fill(new EventStore(source));
    const file = path.join(dir, 'b.ndjson');
    await backupTo(source, file);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"n":3', '"n":4'));
    await expect(verifyBackupFile(file)).rejects.toThrow(/checksum mismatch/);
    await expect(restoreBackupFile(target, file)).rejects.toBeInstanceOf(BackupFileError);
    const { rows } = await target.query(`SELECT to_regclass('events') AS t`);
    expect(rows).toEqual([{ t: null }]);
  });

  it('refuses a truncated file and one that is not a backup', async () => {
    await fill(new EventStore(source));
    const file = path.join(dir, 'b.ndjson');
    await backupTo(source, file);
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    fs.writeFileSync(file, `${lines.slice(0, -1).join('\n')}\n`);
    await expect(restoreBackupFile(target, file)).rejects.toThrow(/ends before its checksum line/);
    fs.writeFileSync(file, 'period,value\n2024-01,3\n');
    await expect(restoreBackupFile(target, file)).rejects.toThrow(/line 1: not a JSON line/);
    await expect(restoreBackupFile(target, path.join(dir, 'missing.ndjson'))).rejects.toThrow(/cannot read/);
  });

  it('refuses a non-empty store, and with force saves what it replaces first', async () => {
    await fill(new EventStore(source));
    const file = path.join(dir, 'b.ndjson');
    await backupTo(source, file);
    const targetStore = new EventStore(target);
    await targetStore.migrate();
    await targetStore.appendToStream('trust-ZZ9', [anEvent(42)], { commandId: 'other' });
    const before = await contents(target);

    await expect(restoreBackupFile(target, file)).rejects.toBeInstanceOf(RestoreTargetNotEmptyError);
    expect(await contents(target)).toEqual(before);

    const saved = path.join(dir, 'replaced.ndjson');
    const result = await restoreBackupFile(target, file, { force: true, saveReplacedTo: () => openBackupFileSink(saved) });
    expect(result.replaced).toMatchObject({ events: 1, commands: 1, lastPosition: '1' });
    expect(await contents(target)).toEqual(await contents(source));

    // The replaced contents are a valid backup of their own.
    const third = await open();
    try {
      await restoreBackupFile(third, saved);
      expect(await contents(third)).toEqual(before);
    } finally {
      await third.close();
    }
  });

  it('takes a consistent snapshot while appends continue', async () => {
    const store = new EventStore(source);
    let written = 0;
    const append = async () => {
      written += 1;
      await store.appendToStream(`stream-${written % 7}`, [anEvent(written)], { commandId: `w-${written}` });
    };
    for (let i = 0; i < 20; i++) await append();
    let writing = true;
    const writer = (async () => {
      // Yield between appends as requests do: PGlite settles its promises without a macrotask.
      while (writing) {
        await append();
        await new Promise((r) => setImmediate(r));
      }
    })();
    const file = path.join(dir, 'live.ndjson');
    const summary = await backupTo(source, file);
    await new Promise((r) => setTimeout(r, 50));
    writing = false;
    await writer;
    expect(BigInt(summary.header.lastPosition)).toBeLessThan(await store.headPosition());

    await restoreBackupFile(target, file);
    const last = summary.header.lastPosition;
    const prefix = await source.query('SELECT event_id, global_position FROM events WHERE global_position <= $1::bigint ORDER BY global_position', [last]);
    const restored = await target.query('SELECT event_id, global_position FROM events ORDER BY global_position');
    expect(restored.rows).toEqual(prefix.rows);
    expect(prefix.rows.length).toBeGreaterThanOrEqual(20);
    // Every command whose events are in the snapshot, and no other.
    const commands = await target.query<{ n: string }>('SELECT count(*) AS n FROM commands');
    expect(Number(commands.rows[0]?.n)).toBe(prefix.rows.length);
  });
});
