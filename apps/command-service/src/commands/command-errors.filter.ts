import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { ContractViolationError, type ErrorBody } from '@longview/contracts';
import { DomainError, InvalidCommandError } from '@longview/domain';
import { ConcurrencyError, IdempotencyConflictError } from '@longview/event-store';
import { BadRequestError, UnauthenticatedError, UnknownCommandError } from './request-errors';

const STATUS_OF_KIND = { INVALID: 400, NOT_FOUND: 404, CONFLICT: 409, FORBIDDEN: 403 } as const;
const CODE_OF_KIND = { INVALID: 'BAD_USER_INPUT', NOT_FOUND: 'NOT_FOUND', CONFLICT: 'CONFLICT', FORBIDDEN: 'FORBIDDEN' } as const;

/** The one place where errors become HTTP answers (ErrorBody from the contracts package). */
@Catch()
export class CommandErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('CommandErrors');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const [status, body] = this.toHttp(error);
    if (status >= 500) this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    response.status(status).json(body);
  }

  private toHttp(error: unknown): [number, ErrorBody] {
    if (error instanceof UnauthenticatedError) return [401, { code: 'UNAUTHENTICATED', message: error.message }];
    if (error instanceof InvalidCommandError) {
      return [400, { code: 'BAD_USER_INPUT', message: error.message, fields: error.fields }];
    }
    if (error instanceof DomainError) {
      return [STATUS_OF_KIND[error.kind], { code: CODE_OF_KIND[error.kind], message: error.message }];
    }
    if (error instanceof IdempotencyConflictError) return [409, { code: 'CONFLICT', message: error.message }];
    if (error instanceof ConcurrencyError) return [409, { code: 'CONFLICT', message: error.message }];
    if (error instanceof BadRequestError) return [400, { code: 'BAD_USER_INPUT', message: error.message, fields: error.fields }];
    if (error instanceof UnknownCommandError) return [404, { code: 'NOT_FOUND', message: error.message }];
    if (error instanceof ContractViolationError) return [400, { code: 'BAD_USER_INPUT', message: error.message }];
    if (error instanceof HttpException) {
      const status = error.getStatus();
      return [status, { code: status === 400 ? 'BAD_USER_INPUT' : status === 404 ? 'NOT_FOUND' : 'INTERNAL', message: error.message }];
    }
    return [500, { code: 'INTERNAL', message: 'Internal error' }];
  }
}
