import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import type { ErrorBody, ErrorCode } from '@longview/contracts';

const ERROR_CODES: ReadonlySet<string> = new Set<ErrorCode>(['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'TIMEOUT', 'INTERNAL']);

/**
 * Every error the query service answers is a JSON ErrorBody (packages/contracts): the routes'
 * own (BadQueryError, ViewNotFoundError, the read-your-writes TIMEOUT) pass through as they are;
 * Nest's (unknown route, malformed body) get a code from their status; anything else is a 500
 * with no detail, logged here. Never a stack trace or a path in the answer.
 */
@Catch()
export class QueryErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('QueryErrors');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const [status, body] = toHttp(error);
    if (status >= 500 && status !== 504) this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    if (response.headersSent) return;
    response.status(status).json(body);
  }
}

function toHttp(error: unknown): [number, ErrorBody] {
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const answer = error.getResponse();
    if (isErrorBody(answer)) return [status, answer];
    return [status, { code: codeForStatus(status), message: status >= 500 ? 'Internal error' : error.message }];
  }
  const { status } = (error ?? {}) as { status?: unknown };
  // The body parser's errors (malformed JSON, too large) carry a 4xx status.
  if (typeof status === 'number' && status >= 400 && status < 500) return [status, { code: codeForStatus(status), message: 'The request body cannot be read' }];
  return [500, { code: 'INTERNAL', message: 'Internal error' }];
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return typeof code === 'string' && ERROR_CODES.has(code) && typeof message === 'string';
}

function codeForStatus(status: number): ErrorCode {
  if (status === 404) return 'NOT_FOUND';
  if (status === 403) return 'FORBIDDEN';
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 409) return 'CONFLICT';
  if (status === 504) return 'TIMEOUT';
  return status < 500 ? 'BAD_USER_INPUT' : 'INTERNAL';
}
