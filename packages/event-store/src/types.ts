export interface Actor {
  id: string;
  role: string;
  trustCode?: string;
}

/** Context recorded with every event. Extra keys are kept as they are. */
export interface EventMetadata {
  commandId?: string;
  actor?: Actor;
  /** ISO-8601 instant at which the fact happened (from the command, not the store's clock). */
  occurredAt: string;
  trustCode?: string;
  /** W3C trace context of the request that produced the event. */
  traceparent?: string;
  [key: string]: unknown;
}

/** An event to append. `eventId` is generated (UUID v4) when absent. */
export interface NewEvent {
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: EventMetadata;
  eventId?: string;
}

export interface StoredEvent {
  eventId: string;
  streamId: string;
  /** 1-based position of the event within its stream. */
  streamVersion: number;
  /** Position in the global log; strictly increasing in commit order, gaps possible. */
  globalPosition: bigint;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: EventMetadata;
  /** ISO-8601 instant the store wrote the event. */
  recordedAt: string;
}

/**
 * What the caller believes the stream's version is:
 * a number (0 = the stream must not exist yet), 'no_stream', or 'any' (no check).
 */
export type ExpectedVersion = number | 'no_stream' | 'any';

export interface AppendOptions {
  /** Default 'any'. */
  expectedVersion?: ExpectedVersion;
  /**
   * When set, a second append with the same id in the same scope writes nothing and returns
   * the first result (or throws IdempotencyConflictError when its fingerprint differs).
   */
  commandId?: string;
  /**
   * Whose command this is (see actorScope); ids are unique per scope only. Default: the scope
   * of the first event's `metadata.actor` (SYSTEM when there is none).
   */
  idempotencyScope?: string;
  /** The command's type, recorded for the message of a later conflict. */
  commandType?: string;
  /**
   * commandFingerprint() of the command. A reuse of the id with a different fingerprint is a
   * conflict; without one (or against a row that has none) any reuse replays.
   */
  fingerprint?: string;
}

export interface AppendResult {
  streamId: string;
  /** Stream version after the append. */
  version: number;
  /**
   * Global position of the last event written; for an idempotent retry, the one recorded
   * for that command. Use it as the read-your-writes consistency token.
   */
  position: bigint;
  /** false when the commandId had already been processed (nothing was written). */
  appended: boolean;
}

/** What the store remembers about a processed command. */
export interface CommandRecord {
  commandId: string;
  /** The sender's idempotency scope. */
  scope: string;
  commandType?: string;
  fingerprint?: string;
  streamId: string;
  version: number;
  position: bigint;
  recordedAt: string;
}

export interface ReadAllOptions {
  /** Exclusive lower bound: return events with globalPosition > after. 0n = from the start. */
  after: bigint;
  /** Maximum number of events to return (> 0). */
  limit: number;
}
