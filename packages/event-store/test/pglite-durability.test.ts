import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore, openPglite } from '../src';
import { anEvent } from './fixtures';

describe('durable PGlite', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'lv-pglite-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps events, stream versions and commands across close and reopen', async () => {
    const first = await openPglite({ dataDir });
    const store = new EventStore(first);
    await store.migrate();
    const written = await store.appendToStream('trust-RJ1', [anEvent(1), anEvent(2)], { commandId: 'cmd-1' });
    await first.close();

    const reopened = await openPglite({ dataDir });
    try {
      const again = new EventStore(reopened);
      await again.migrate();
      const { version, events } = await again.readStream('trust-RJ1');
      expect(version).toBe(2);
      expect(events.map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }]);
      expect(await again.headPosition()).toBe(written.position);
      await expect(again.appendToStream('trust-RJ1', [anEvent(3)], { commandId: 'cmd-1' })).resolves.toEqual({
        ...written,
        appended: false,
      });
      await expect(again.appendToStream('trust-RJ1', [anEvent(3)], { expectedVersion: 1 })).rejects.toMatchObject({ actual: 2 });
      // Positions keep increasing after a restart.
      const next = await again.appendToStream('trust-RJ1', [anEvent(3)], { expectedVersion: 2 });
      expect(next.position).toBeGreaterThan(written.position);
    } finally {
      await reopened.close();
    }
  }, 60_000);

  it('an in-memory database starts empty every time', async () => {
    const one = await openPglite();
    await new EventStore(one).migrate();
    await new EventStore(one).appendToStream('s', [anEvent(1)]);
    await one.close();
    const two = await openPglite();
    try {
      const { rows } = await two.query(`SELECT to_regclass('events') AS t`);
      expect(rows).toEqual([{ t: null }]);
    } finally {
      await two.close();
    }
  }, 60_000);
});
