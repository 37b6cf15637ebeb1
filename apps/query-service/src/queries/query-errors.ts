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
