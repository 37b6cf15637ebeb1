export type { Database, Dialect, QueryResult } from './database';
export { openPglite, type PgliteOptions } from './pglite-database';
export { openPostgres, type PostgresOptions } from './postgres-database';
export { EventStore, assertSameCommand, type EventStoreOptions } from './event-store';
export { actorScope, canonicalJson, commandFingerprint } from './idempotency';
export { SYSTEM_SCOPE } from './schema';
export { ConcurrencyError, IdempotencyConflictError, isConcurrencyError } from './errors';
export type { Actor, AppendOptions, AppendResult, CommandRecord, EventMetadata, ExpectedVersion, NewEvent, ReadAllOptions, StoredEvent } from './types';
