import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { EventStore, type Database, type StoredEvent } from '@longview/event-store';
import { openFreshPostgresDatabase, TEST_PG_URL_VARIABLE } from '@longview/event-store/testing';
import type { EventPublisher } from '../src/kafka-event-publisher';
import { OutboxRelay } from '../src/outbox-relay';
import { LeaderElectedRelay, PostgresAdvisoryLeaderLock } from '../src/relay-leadership';

jest.setTimeout(120_000);

const EVENTS = 400;
const BATCH = 20;

/** Records what it was asked to publish, slowly enough that a kill lands mid-stream. */
class RecordingPublisher implements EventPublisher {
  readonly positions: bigint[] = [];
  async publish(events: readonly StoredEvent[]): Promise<void> {
    await new Promise((r) => setTimeout(r, 20));
    this.positions.push(...events.map((e) => e.globalPosition));
  }
  async reset(): Promise<void> {}
  async close(): Promise<void> {}
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function urlOf(db: Database, server: string): Promise<string> {
  const { rows } = await db.query<{ d: string }>('SELECT current_database() AS d');
  const url = new URL(server);
  url.pathname = `/${rows[0]?.d}`;
  return url.toString();
}

const pgUrl = process.env[TEST_PG_URL_VARIABLE];
(pgUrl ? describe : describe.skip)('one relay leader among command-service instances', () => {
  let db: Database;
  let child: ChildProcess | undefined;
  afterEach(async () => {
    child?.kill('SIGKILL');
    await db.close();
  });

  it('publishes through one relay at a time; after a SIGKILL of the leader the other takes over within seconds, with no gap', async () => {
    db = await openFreshPostgresDatabase(pgUrl as string);
    const url = await urlOf(db, pgUrl as string);
    const store = new EventStore(db);
    await store.migrate();
    for (let i = 0; i < EVENTS; i += 50) {
      await store.appendToStream(
        `s-${i}`,
        Array.from({ length: 50 }, (_v, k) => ({ type: 'Noted', schemaVersion: 1, data: { n: i + k }, metadata: { occurredAt: '2024-01-01T00:00:00.000Z' } })),
      );
    }

    // Instance A, in its own process: a relay whose publisher prints each position it sent.
    const dist = (p: string) => JSON.stringify(path.resolve(__dirname, '..', '..', p, 'dist/index.js'));
    const script = `
      const { EventStore, openPostgres } = require(${dist('event-store')});
      const { OutboxRelay, LeaderElectedRelay, PostgresAdvisoryLeaderLock } = require(${dist('messaging')});
      (async () => {
        const db = await openPostgres(${JSON.stringify(url)});
        const publisher = { async publish(events) { await new Promise((r) => setTimeout(r, 20)); process.stdout.write(events.map((e) => e.globalPosition).join('\\n') + '\\n'); },
                            async reset() {}, async close() {} };
        const relay = new OutboxRelay({ store: new EventStore(db), database: db, publisher, batchSize: ${BATCH}, pollMs: 50 });
        new LeaderElectedRelay(relay, new PostgresAdvisoryLeaderLock(${JSON.stringify(url)}), { pollMs: 200 }).start();
      })();`;
    const sentByA: bigint[] = [];
    child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      sentByA.push(...lines.filter(Boolean).map((l) => BigInt(l)));
    });
    await until(() => sentByA.length > 0);

    // Instance B, here: a standby while A leads.
    const publisherB = new RecordingPublisher();
    const relayB = new OutboxRelay({ store, database: db, publisher: publisherB, batchSize: BATCH, pollMs: 50 });
    const b = new LeaderElectedRelay(relayB, new PostgresAdvisoryLeaderLock(url), { pollMs: 200 });
    b.start();
    try {
      await until(() => sentByA.length >= 100);
      expect(b.isLeader).toBe(false);
      expect(publisherB.positions).toEqual([]);

      child.kill('SIGKILL');
      const killedAt = Date.now();
      await new Promise((r) => child?.once('close', r));
      await until(() => b.isLeader, 10_000);
      const takeover = Date.now() - killedAt;
      expect(takeover).toBeLessThan(5_000);
      await until(() => publisherB.positions.at(-1) === BigInt(EVENTS));

      const all = new Set([...sentByA, ...publisherB.positions].map(String));
      const expected = Array.from({ length: EVENTS }, (_v, i) => String(i + 1));
      expect(expected.filter((p) => !all.has(p))).toEqual([]); // no gap
      // Duplicates only from at-least-once: what A sent after its last checkpoint, at most one batch.
      const fromA = new Set(sentByA.map(String));
      const twice = publisherB.positions.filter((p) => fromA.has(String(p)));
      expect(twice.length).toBeLessThanOrEqual(BATCH);
      expect(new Set(publisherB.positions.map(String)).size).toBe(publisherB.positions.length);
      process.stdout.write(`relay failover: B led ${takeover} ms after the SIGKILL; ${twice.length} event(s) sent twice\n`);
    } finally {
      await b.stop();
    }
  });
});
