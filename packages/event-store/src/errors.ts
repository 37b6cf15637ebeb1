import type { ExpectedVersion } from './types';

/**
 * The stream was not at the version the caller expected (or another writer won the race).
 * Nothing was written. Callers re-read the stream and decide again, or report a conflict.
 */
export class ConcurrencyError extends Error {
  override readonly name = 'ConcurrencyError';

  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    /** The stream's version when the conflict was detected (0 = no stream). */
    readonly actual: number,
  ) {
    super(`stream ${streamId}: expected version ${String(expected)} but it is at ${actual}`);
  }
}

export function isConcurrencyError(error: unknown): error is ConcurrencyError {
  return error instanceof ConcurrencyError;
}

/**
 * The actor already used this command id for a different command (another type, stream or
 * payload). Nothing was written; the caller must pick a new id.
 */
export class IdempotencyConflictError extends Error {
  override readonly name = 'IdempotencyConflictError';

  constructor(
    readonly commandId: string,
    /** The command the id was first used for (undefined when the store did not record it). */
    readonly previousType: string | undefined,
    readonly previousStreamId: string,
  ) {
    super(`command id ${commandId} was already used for a different command (${previousType ?? 'a command'} on ${previousStreamId}); use a new id`);
  }
}
