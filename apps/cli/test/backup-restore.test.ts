import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCsv } from '@longview/analytics';
import { EventStore, openPglite, type Database } from '@longview/event-store';
import { openFreshPostgresDatabase, TEST_PG_URL_VARIABLE } from '@longview/event-store/testing';
import { signDevToken } from '@longview/gateway';
import { READ_MODELS } from '@longview/query-service';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '../src/platform/embedded-platform';
import { graphqlData, longview } from './support';

jest.setTimeout(300_000);

const PROPOSE = `mutation($input: ProposeInterventionInput!) { proposeIntervention(input: $input) { position intervention { id } } }`;
const REGISTER = `mutation($input: RegisterTrustInput!) { registerTrust(input: $input) { position } }`;

const trust = (n: number) => ({
  code: `ZB${n}`,
  name: `Backup Test Trust ${n} NHS Foundation Trust`,
  context: { kind: 'ACUTE', region: 'LONDON', beds: 400 + n, oversightSegment: 2 },
  effectiveFrom: '2021-04-01',
});
const proposal = (n: number) => ({
  trustCode: `ZB${n % 3}`,
  title: `Intervention ${n}`,
  summary: 'Written while a backup runs',
  category: 'PATIENT_FLOW',
  approach: 'SYSTEMIC',
  targets: [{ metric: 'ae-4hr', direction: 'INCREASE' }],
  sharing: n % 2 === 0 ? 'PUBLIC' : 'PRIVATE',
});

/** Every read model's rows, table by table, in a stable order. */
async function readModelRows(db: Database): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const { projection } of READ_MODELS) {
    for (const table of projection.tables) {
      const { rows: cols } = await db.query<{ n: string }>(
        'SELECT count(*) AS n FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped',
        [table],
      );
      const order = Array.from({ length: Number(cols[0]?.n) }, (_v, i) => i + 1).join(', ');
      out[table] = (await db.query(`SELECT * FROM ${table} ORDER BY ${order}`)).rows;
    }
  }
  return out;
}

async function eventIds(db: Database, upTo?: string): Promise<unknown[]> {
  const { rows } = await db.query(
    `SELECT global_position, event_id, stream_id, stream_version FROM events ${upTo ? 'WHERE global_position <= $1::bigint' : ''} ORDER BY global_position`,
    upTo ? [upTo] : [],
  );
  return rows;
}

function headerOf(file: string): { events: number; commands: number; lastPosition: string } {
  const first = fs.readFileSync(file, 'utf8').split('\n', 1)[0] as string;
  return (JSON.parse(first) as { header: { events: number; commands: number; lastPosition: string } }).header;
}

async function caughtUp(platform: EmbeddedPlatform): Promise<void> {
  const head = await platform.eventStore.headPosition();
  for (let i = 0; i < 200; i++) {
    const { rows } = await platform.database.query<{ p: string | null }>('SELECT min(position) AS p FROM rm_checkpoints');
    if (BigInt(rows[0]?.p ?? 0) >= head) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the query side did not catch up');
}

/** Rows of a CSV with a header row, as objects (read with the repository's own CSV reader). */
function csvTable(text: string): { rows: Record<string, string>[] } {
  const [head, ...body] = parseCsv(text);
  const names = head?.fields ?? [];
  return { rows: body.map((r) => Object.fromEntries(names.map((n, i) => [n, r.fields[i] ?? '']))) };
}

async function withPglite<T>(dir: string, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openPglite({ dataDir: dir });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

describe('longview backup, restore and export', () => {
  let root: string;
  let source: string;
  let platform: EmbeddedPlatform;
  let quietBackup: string;
  let liveRows: Record<string, unknown[]>;
  /** Writes need a token: no token is public and read-only. */
  let adminHeaders: Record<string, string>;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'lv-backup-cli-'));
    source = path.join(root, 'source');
    platform = await startEmbeddedPlatform({ dataDir: source, gatewayPort: 0, commandPort: 0, queryPort: 0 });
    const url = platform.gatewayUrl as string;
    adminHeaders = { authorization: `Bearer ${signDevToken({ role: 'admin' }, platform.jwtSecret)}` };
    for (const n of [0, 1, 2]) await graphqlData(url, REGISTER, { input: trust(n) }, adminHeaders);
    for (let n = 0; n < 15; n++) await graphqlData(url, PROPOSE, { input: proposal(n) }, adminHeaders);
  });
  afterAll(async () => {
    await platform.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('backs up the running platform under writes; the restore holds exactly the log up to the backup', async () => {
    const url = platform.gatewayUrl as string;
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await graphqlData(url, PROPOSE, { input: proposal(100 + written) }, adminHeaders);
        written += 1;
      }
    })();
    const file = path.join(root, 'live.ndjson');
    const backup = await longview('backup', '--data', source, '--out', file);
    const before = written;
    await new Promise((r) => setTimeout(r, 300));
    writing = false;
    await writer;
    expect(backup).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Backed up \d+ events and \d+ command records .* sha256 [0-9a-f]{64}/) });
    expect(written).toBeGreaterThan(before); // writes went on after the backup's snapshot

    const header = headerOf(file);
    expect(BigInt(header.lastPosition)).toBeLessThan(await platform.eventStore.headPosition());
    const target = path.join(root, 'restored-live');
    const restore = await longview('restore', '--in', file, '--data', target);
    expect(restore).toMatchObject({ code: 0, stderr: expect.stringContaining('rebuilding the read models') });
    const expected = await eventIds(platform.database, header.lastPosition);
    await withPglite(target, async (db) => {
      expect(await eventIds(db)).toEqual(expected);
      const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM commands');
      expect(Number(rows[0]?.n)).toBe(header.commands);
    });
  });

  it('restores a backup into a fresh folder with the same read models as the live platform', async () => {
    await caughtUp(platform);
    liveRows = await readModelRows(platform.database);
    expect(liveRows['rm_interventions']?.length).toBeGreaterThan(15);
    quietBackup = path.join(root, 'quiet.ndjson');
    expect((await longview('backup', '--data', source, '--out', quietBackup)).code).toBe(0);
    const target = path.join(root, 'restored');
    const restore = await longview('restore', '--in', quietBackup, '--data', target);
    expect(restore).toMatchObject({ code: 0, stdout: expect.stringContaining('read models rebuilt') });
    await withPglite(target, async (db) => {
      expect(await readModelRows(db)).toEqual(liveRows);
      expect(await eventIds(db)).toEqual(await eventIds(platform.database));
    });

    // Not over existing data: refused, and the target is untouched.
    const again = await longview('restore', '--in', quietBackup, '--data', target);
    expect(again).toMatchObject({ code: 1, stderr: expect.stringMatching(/already holds \d+ event.*--force.*nothing was restored/) });
    // Not into the folder of a running platform.
    const held = await longview('restore', '--in', quietBackup, '--data', source);
    expect(held).toMatchObject({ code: 1, stderr: expect.stringContaining('stop it first') });
  });

  it('refuses a tampered backup and writes nothing', async () => {
    const tampered = path.join(root, 'tampered.ndjson');
    fs.writeFileSync(tampered, fs.readFileSync(quietBackup, 'utf8').replace('Intervention 3"', 'Intervention 4"'));
    const target = path.join(root, 'tampered-target');
    const result = await longview('restore', '--in', tampered, '--data', target);
    expect(result).toMatchObject({ code: 1, stderr: expect.stringMatching(/checksum mismatch.*nothing was restored/) });
    await withPglite(target, async (db) => {
      const { rows } = await db.query(`SELECT to_regclass('events') AS t`);
      expect(rows).toEqual([{ t: null }]);
    });
  });

  it('exports the event log and a read model as NDJSON and CSV, from the running platform and from a folder', async () => {
    const head = await platform.eventStore.headPosition();
    const ndjson = await longview('export', '--data', source);
    expect(ndjson.code).toBe(0);
    const lines = ndjson.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { position: string; type: string });
    expect(lines).toHaveLength(Number(head));
    expect(lines[0]).toMatchObject({ position: '1', type: 'TrustRegistered' });

    const csvFile = path.join(root, 'trusts.csv');
    const csv = await longview('export', '--data', source, '--format', 'csv', '--read-model', 'trust-directory', '--out', csvFile);
    expect(csv.code).toBe(0);
    const table = csvTable(fs.readFileSync(csvFile, 'utf8'));
    expect(table.rows).toHaveLength(liveRows['rm_trusts']?.length ?? -1);
    expect(table.rows.map((r) => r['code']).sort()).toEqual(['ZB0', 'ZB1', 'ZB2']);

    const restored = path.join(root, 'restored');
    const events = await longview('export', '--data', restored, '--format', 'csv');
    expect(events.code).toBe(0);
    const eventTable = csvTable(events.stdout);
    expect(eventTable.rows).toHaveLength(Number(head));
    expect(JSON.parse(eventTable.rows[0]?.['data'] ?? 'null')).toMatchObject({ code: 'ZB0' });

    const unknown = await longview('export', '--data', restored, '--read-model', 'nope');
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining('no read model "nope"; known: trust-directory') });
  });

  it("serves the running platform's backup to the folder's ADMIN tokens only", async () => {
    const url = `${platform.commandService.url}/admin/backup`;
    expect((await fetch(url)).status).toBe(401);
    const community = signDevToken({ role: 'community' }, platform.jwtSecret);
    expect((await fetch(url, { headers: { authorization: `Bearer ${community}` } })).status).toBe(403);
    const otherKey = signDevToken({ role: 'admin' }, 'not-this-folders-key');
    expect((await fetch(url, { headers: { authorization: `Bearer ${otherKey}` } })).status).toBe(401);
    const admin = signDevToken({ role: 'admin' }, platform.jwtSecret);
    const response = await fetch(url, { headers: { authorization: `Bearer ${admin}` } });
    expect(response.status).toBe(200);
    expect((await response.text()).trimEnd().split('\n').at(-1)).toMatch(/^\{"end":\{"sha256":"[0-9a-f]{64}"/);
  });

  const pgUrl = process.env[TEST_PG_URL_VARIABLE];
  (pgUrl ? it : it.skip)('restores into PostgreSQL (events and read models), backs it up and exports it again', async () => {
    const events = await openFreshPostgresDatabase(pgUrl as string);
    const read = await openFreshPostgresDatabase(pgUrl as string);
    try {
      const urlOf = async (db: Database) => {
        const { rows } = await db.query<{ d: string }>('SELECT current_database() AS d');
        const u = new URL(pgUrl as string);
        u.pathname = `/${rows[0]?.d}`;
        return u.toString();
      };
      const flags = ['--database-url', await urlOf(events), '--query-database-url', await urlOf(read)];
      const restore = await longview('restore', '--in', quietBackup, ...flags);
      expect(restore.code).toBe(0);
      expect(await readModelRows(read)).toEqual(liveRows);
      expect(await eventIds(events)).toEqual(await eventIds(platform.database));

      const again = path.join(root, 'from-postgres.ndjson');
      expect((await longview('backup', '--out', again, ...flags)).code).toBe(0);
      const { createdAt: _when, ...header } = headerOf(quietBackup) as ReturnType<typeof headerOf> & { createdAt: string };
      expect(headerOf(again)).toMatchObject({ ...header, source: 'postgres' });
      // The log continues where the restored one stopped.
      const next = await new EventStore(events).appendToStream('trust-ZB9', [
        { type: 'Noted', schemaVersion: 1, data: {}, metadata: { occurredAt: '2026-01-01T00:00:00.000Z' } },
      ]);
      expect(next.position).toBe(BigInt(header.lastPosition) + 1n);
      const exported = await longview('export', ...flags, '--read-model', 'rm_interventions');
      expect(exported.stdout.trimEnd().split('\n')).toHaveLength(liveRows['rm_interventions']?.length ?? -1);
    } finally {
      await events.close();
      await read.close();
    }
  });
});
