/**
 * One typed error for every kind of bad input the analytics reject. Callers (the API, the
 * CLI) map `code` to their own error shape, so the message is written for a human and the
 * code for a program.
 */
export type AnalyticsErrorCode = 'INVALID_PERIOD' | 'DUPLICATE_PERIOD' | 'INVALID_VALUE' | 'OUT_OF_RANGE' | 'EMPTY_INPUT';

export class AnalyticsInputError extends Error {
  override readonly name = 'AnalyticsInputError';

  constructor(
    readonly code: AnalyticsErrorCode,
    message: string,
  ) {
    super(message);
  }
}
