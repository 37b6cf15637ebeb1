export type { Database, Dialect, QueryResult } from './database';
export { openPglite, type PgliteOptions } from './pglite-database';
export { openPostgres, type PostgresOptions } from './postgres-database';
export { EventStore } from './event-store';
export { ConcurrencyError, isConcurrencyError } from './errors';
export type { Actor, AppendOptions, AppendResult, CommandRecord, EventMetadata, ExpectedVersion, NewEvent, ReadAllOptions, StoredEvent } from './types';
