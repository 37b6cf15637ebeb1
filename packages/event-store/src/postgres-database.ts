import pg from 'pg';
import { type Database, type QueryResult, PG_TYPE_OID, parseDateAsString, transactionHandleCannotClose } from './database';

export interface PostgresOptions {
  /** Maximum pooled connections (default 10). */
  max?: number;
}

// node-postgres already returns int8 as strings; only `date` is overridden so both
// adapters agree. Set per pool rather than globally so other pg users are unaffected.
const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === PG_TYPE_OID.date && format !== 'binary'
      ? parseDateAsString
      : (pg.types.getTypeParser(oid, format) as (value: string) => unknown)) as pg.CustomTypesConfig['getTypeParser'],
};

/** Opens a pooled connection to a real PostgreSQL server. Each transaction gets its own client. */
export function openPostgres(connectionString: string, options: PostgresOptions = {}): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, types: typeParsers });
  // An idle client can fail (server restart, network); without a listener that error
  // would crash the process. The pool discards the client and the next query reports it.
  pool.on('error', () => undefined);
  return Promise.resolve(new PostgresDatabase(pool));
}

class PostgresDatabase implements Database {
  readonly dialect = 'postgres' as const;
  private closed = false;

  constructor(private readonly pool: pg.Pool) {}

  async query<R>(sql: string, params?: unknown[]): Promise<QueryResult<R>> {
    const result = await this.pool.query(sql, params);
    return { rows: result.rows as R[] };
  }

  async transaction<T>(fn: (tx: Database) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let brokenClient: Error | undefined;
    try {
      await client.query('BEGIN');
      try {
        const result = await fn(new PostgresTransaction(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: unknown) => {
          // The connection is in an unknown state: destroy it rather than return it to the pool.
          brokenClient = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        });
        throw error;
      }
    } finally {
      client.release(brokenClient);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

class PostgresTransaction implements Database {
  readonly dialect = 'postgres' as const;

  constructor(private readonly client: pg.PoolClient) {}

  async query<R>(sql: string, params?: unknown[]): Promise<QueryResult<R>> {
    const result = await this.client.query(sql, params);
    return { rows: result.rows as R[] };
  }

  transaction<T>(fn: (tx: Database) => Promise<T>): Promise<T> {
    return fn(this);
  }

  close(): Promise<void> {
    return transactionHandleCannotClose();
  }
}
