import { PGlite, types, type Transaction } from '@electric-sql/pglite';
import { type Database, type QueryResult, parseDateAsString, transactionHandleCannotClose } from './database';

export interface PgliteOptions {
  /** Directory for durable storage; omitted = in-memory (lost on close). */
  dataDir?: string;
}

/**
 * Opens an embedded PostgreSQL (PGlite, WASM). PGlite is a single connection: its own
 * `transaction()` holds a mutex, so queries issued outside a running transaction wait
 * for it instead of leaking into it. Transactions are therefore serialised.
 */
export async function openPglite(options: PgliteOptions = {}): Promise<Database> {
  const pglite = await PGlite.create({
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    parsers: {
      // PGlite parses int8 into a JS number by default (losing precision past 2^53);
      // node-postgres returns strings. Keep both identical.
      [types.INT8]: (value: string) => value,
      [types.DATE]: parseDateAsString,
    },
  });
  return new PgliteDatabase(pglite);
}

class PgliteDatabase implements Database {
  readonly dialect = 'pglite' as const;
  private closed = false;

  constructor(private readonly pglite: PGlite) {}

  async query<R>(sql: string, params?: unknown[]): Promise<QueryResult<R>> {
    const result = await this.pglite.query<R>(sql, params);
    return { rows: result.rows };
  }

  transaction<T>(fn: (tx: Database) => Promise<T>): Promise<T> {
    return this.pglite.transaction((tx) => fn(new PgliteTransaction(tx)));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pglite.close();
  }
}

class PgliteTransaction implements Database {
  readonly dialect = 'pglite' as const;

  constructor(private readonly tx: Transaction) {}

  async query<R>(sql: string, params?: unknown[]): Promise<QueryResult<R>> {
    const result = await this.tx.query<R>(sql, params);
    return { rows: result.rows };
  }

  transaction<T>(fn: (tx: Database) => Promise<T>): Promise<T> {
    return fn(this);
  }

  close(): Promise<void> {
    return transactionHandleCannotClose();
  }
}
