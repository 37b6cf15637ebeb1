import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database, Dialect } from './database';
import type { EventStore } from './event-store';
import type { StoredEvent } from './types';
import { openPglite } from './pglite-database';
import { openPostgres } from './postgres-database';

export interface TestDatabase {
  name: Dialect;
  /** Opens a fresh, empty database; closing it releases (and for postgres drops) it. */
  open(): Promise<Database>;
}

export const TEST_PG_URL_VARIABLE = 'LONGVIEW_TEST_PG_URL';
const MISSING_URL_MESSAGE = `${TEST_PG_URL_VARIABLE} is not set: run infra/postgres/start.sh (then \`. infra/postgres/env.sh\`)`;

let skipNoticeShown = false;

/**
 * The databases every storage test should run against, for `describe.each`:
 *
 *   describe.each(testDatabases())('$name', ({ open }) => { ... })
 *
 * - pglite: always, in-memory.
 * - postgres: when LONGVIEW_TEST_PG_URL is set; each open() creates a uniquely named
 *   database (lv_test_<random>) on that server and close() drops it. Without the URL the
 *   entry is left out (with a one-time notice), except on CI (CI=true), where open()
 *   fails so the suite cannot pass silently without PostgreSQL.
 */
export function testDatabases(): TestDatabase[] {
  const databases: TestDatabase[] = [{ name: 'pglite', open: () => openPglite() }];
  const url = process.env[TEST_PG_URL_VARIABLE];
  if (url) {
    databases.push({ name: 'postgres', open: () => openFreshPostgresDatabase(url) });
  } else if (process.env.CI === 'true') {
    databases.push({ name: 'postgres', open: () => Promise.reject(new Error(MISSING_URL_MESSAGE)) });
  } else if (!skipNoticeShown) {
    skipNoticeShown = true;
    console.warn(`[event-store/testing] PostgreSQL tests skipped: ${MISSING_URL_MESSAGE}`);
  }
  return databases;
}

/** Creates `lv_test_<random>` on the server at `serverUrl` and opens it; close() drops it. */
export async function openFreshPostgresDatabase(serverUrl: string): Promise<Database> {
  const name = `lv_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(serverUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  const databaseUrl = new URL(serverUrl);
  databaseUrl.pathname = `/${name}`;
  const db = await openPostgres(databaseUrl.toString());
  let closed = false;
  return {
    dialect: db.dialect,
    query: (sql, params) => db.query(sql, params),
    transaction: (fn) => db.transaction(fn),
    async close() {
      if (closed) return;
      closed = true;
      await db.close();
      // FORCE (PostgreSQL 13+) also ends connections a failed test left behind.
      await withAdminClient(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function withAdminClient<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Every event after `after`, once readAll can return all of them. On PostgreSQL readAll stops at
 * the safe horizon, and a write transaction open anywhere in the cluster (another test's
 * database included) holds that horizon back, so a single readAll right after an append may
 * return a prefix. Tests that mean "the whole log" wait here instead (up to `timeoutMs`).
 */
export async function readWholeLog(db: Database, store: EventStore, after = 0n, timeoutMs = 10_000): Promise<StoredEvent[]> {
  const deadline = Date.now() + timeoutMs;
  const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM events WHERE global_position > $1::bigint', [after.toString()]);
  const expected = Number(rows[0]?.n ?? 0);
  for (;;) {
    const events = await store.readAll({ after, limit: Math.max(expected, 1) });
    if (events.length >= expected) return events;
    if (Date.now() > deadline) throw new Error(`readAll returned ${events.length} of ${expected} events after ${timeoutMs} ms: a transaction stays open`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
