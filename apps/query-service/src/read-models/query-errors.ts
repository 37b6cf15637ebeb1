import { BadRequestException, NotFoundException } from '@nestjs/common';

export class BadQueryError extends BadRequestException {
  constructor(message: string) {
    super({ code: 'BAD_USER_INPUT', message });
  }
}

export class ViewNotFoundError extends NotFoundException {
  constructor(message: string) {
    super({ code: 'NOT_FOUND', message });
  }
}

/** The view, or a 404 with `message` when there is none. */
export function found<T>(value: T | undefined, message: string): T {
  if (value === undefined) throw new ViewNotFoundError(message);
  return value;
}
