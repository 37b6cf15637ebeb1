import type { FieldError } from '@longview/contracts';

/** A request the service could not even turn into a domain command. */
export class BadRequestError extends Error {
  constructor(
    message: string,
    readonly fields: readonly FieldError[],
  ) {
    super(message);
    this.name = 'BadRequestError';
  }
}

export class UnknownCommandError extends Error {
  constructor(type: string, known: readonly string[]) {
    super(`Unknown command type "${type}". Known: ${known.join(', ')}`);
    this.name = 'UnknownCommandError';
  }
}

/** No valid service credential, or one that names no actor for a command: a 401. */
export class UnauthenticatedError extends Error {
  override name = 'UnauthenticatedError';
}
