/** Which engine a {@link Database} talks to. Both run the same SQL. */
export type Dialect = 'pglite' | 'postgres';

export interface QueryResult<R> {
  rows: R[];
}

/**
 * The SQL executor shared by the event store and the query side's read models.
 *
 * Both adapters return the same JS types for the same SQL: bigint (int8) columns come
 * back as strings, `date` columns as 'YYYY-MM-DD' strings, timestamptz as `Date`,
 * json/jsonb parsed, numeric as strings.
 */
export interface Database {
  readonly dialect: Dialect;
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<R>>;
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it
   * throws. Calling `transaction` on the handle passed to `fn` does not nest: it runs in
   * the same transaction, so code that opens its own transaction can be composed into a
   * caller's one.
   */
  transaction<T>(fn: (tx: Database) => Promise<T>): Promise<T>;
  /** Releases the connection(s). Transaction handles cannot be closed. */
  close(): Promise<void>;
}

/** OIDs of the built-in types whose parsing both adapters align. */
export const PG_TYPE_OID = {
  int8: 20,
  date: 1082,
} as const;

/** `date` stays the literal 'YYYY-MM-DD': turning it into a `Date` shifts it by the local UTC offset. */
export function parseDateAsString(value: string): string {
  return value;
}

export function transactionHandleCannotClose(): Promise<void> {
  return Promise.reject(new Error('close() called on a transaction handle; close the Database that opened it'));
}
