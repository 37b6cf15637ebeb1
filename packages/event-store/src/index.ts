export type { Database, Dialect, QueryResult } from './database';
export { openPglite, type PgliteOptions } from './pglite-database';
export { openPostgres, type PostgresOptions } from './postgres-database';
export { EventStore, assertSameCommand, type EventStoreOptions } from './event-store';
export { actorScope, canonicalJson, commandFingerprint } from './idempotency';
export { SYSTEM_SCOPE } from './schema';
export { ConcurrencyError, IdempotencyConflictError, isConcurrencyError } from './errors';
export type { Actor, AppendOptions, AppendResult, CommandRecord, EventMetadata, ExpectedVersion, NewEvent, ReadAllOptions, StoredEvent } from './types';
export {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupFileError,
  RestoreTargetNotEmptyError,
  forEachEventInSnapshot,
  openBackupFileSink,
  restoreBackupFile,
  verifyBackupFile,
  writeBackup,
  type BackupCommand,
  type BackupEvent,
  type BackupHeader,
  type BackupOptions,
  type BackupProgress,
  type BackupSink,
  type BackupSummary,
  type RestoreOptions,
  type RestoreSummary,
  type StoreContents,
  type VerifiedBackup,
} from './backup';
