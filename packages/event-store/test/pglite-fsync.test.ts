import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EventStore, openPglite } from '../src';
import { anEvent } from './fixtures';

jest.setTimeout(120_000);

/** The files the host fsync'ed while `fn` ran, relative to `dir`. */
async function fsyncedFiles(dir: string, fn: () => Promise<void>): Promise<string[]> {
  const real = fs.realpathSync(dir);
  const files: string[] = [];
  const original = fs.fsyncSync.bind(fs);
  const spy = jest.spyOn(fs, 'fsyncSync').mockImplementation((fd: number) => {
    try {
      files.push(path.relative(real, fs.readlinkSync(`/proc/self/fd/${fd}`)));
    } catch {
      files.push('?');
    }
    original(fd);
  });
  try {
    await fn();
  } finally {
    spy.mockRestore();
  }
  return files;
}

describe('durable embedded writes (PGlite on a data folder)', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(tmpdir(), 'lv-fsync-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('flushes the WAL to disk before a commit returns (the default)', async () => {
    const db = await openPglite({ dataDir });
    try {
      const store = new EventStore(db);
      await store.migrate();
      const synced = await fsyncedFiles(dataDir, async () => {
        await store.appendToStream('trust-RJ1', [anEvent(1)]);
      });
      expect(synced.some((f) => f.startsWith(`pg_wal${path.sep}`))).toBe(true);
    } finally {
      await db.close();
    }
  });

  it("flushes nothing with durability 'none' (PGlite's own default: survives a killed process, not a power loss)", async () => {
    const db = await openPglite({ dataDir, durability: 'none' });
    try {
      const store = new EventStore(db);
      await store.migrate();
      const synced = await fsyncedFiles(dataDir, async () => {
        await store.appendToStream('trust-RJ1', [anEvent(1)]);
      });
      expect(synced).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('keeps every acknowledged append across a kill -9 of the writing process', async () => {
    // A child process appends and prints each position once the append has returned; it is killed mid-stream.
    const dist = path.resolve(__dirname, '../dist/index.js');
    const script = `
      const { EventStore, openPglite } = require(${JSON.stringify(dist)});
      (async () => {
        const db = await openPglite({ dataDir: ${JSON.stringify(dataDir)} });
        const store = new EventStore(db);
        await store.migrate();
        for (let n = 1; ; n++) {
          const r = await store.appendToStream('trust-RJ1', [{ type: 'SomethingHappened', schemaVersion: 1, data: { n }, metadata: { occurredAt: '2024-05-01T12:00:00.000Z' } }]);
          process.stdout.write(r.position + '\\n');
        }
      })();`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const acknowledged: bigint[] = [];
    await new Promise<void>((resolve, reject) => {
      let buffer = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) acknowledged.push(BigInt(line));
        if (acknowledged.length >= 30) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited with ${code}`))));
    });
    await new Promise((r) => child.once('close', r));

    const reopened = await openPglite({ dataDir });
    try {
      const store = new EventStore(reopened);
      const { events } = await store.readStream('trust-RJ1');
      const positions = new Set(events.map((e) => e.globalPosition));
      expect(acknowledged.filter((p) => !positions.has(p))).toEqual([]);
    } finally {
      await reopened.close();
    }
  });
});
