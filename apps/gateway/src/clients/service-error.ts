import type { ErrorBody } from '@longview/contracts';

/**
 * A non-2xx answer (or no answer) from the command or query service. Carries the service's
 * ErrorBody and HTTP status; `errors.ts` turns it into a GraphQL error code.
 */
export class ServiceError extends Error {
  constructor(
    readonly service: 'command-service' | 'query-service',
    /** HTTP status, or 502 when the service could not be reached or answered garbage. */
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(`${service}: ${status} ${body.code}: ${body.message}`);
    this.name = 'ServiceError';
  }
}

export function isServiceError(error: unknown): error is ServiceError {
  return error instanceof ServiceError;
}

const ERROR_CODES = new Set(['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'TIMEOUT', 'INTERNAL']);

/** An error response's status and body. Tolerates bodies that are not an ErrorBody (proxies, crashes). */
export function serviceErrorFromBody(service: ServiceError['service'], status: number, text: string): ServiceError {
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (isErrorBody(parsed)) return new ServiceError(service, status, parsed);
  return new ServiceError(service, status, {
    code: codeForStatus(status),
    message: text.slice(0, 200) || `HTTP ${status}`,
  });
}

export function unreachable(service: ServiceError['service'], cause: unknown): ServiceError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  const error = new ServiceError(service, 502, { code: 'INTERNAL', message: `${service} unreachable: ${reason}` });
  (error as { cause?: unknown }).cause = cause;
  return error;
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.code === 'string' && ERROR_CODES.has(candidate.code) && typeof candidate.message === 'string';
}

function codeForStatus(status: number): ErrorBody['code'] {
  switch (status) {
    case 400:
    case 422:
      return 'BAD_USER_INPUT';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'CONFLICT';
    case 504:
      return 'TIMEOUT';
    default:
      return 'INTERNAL';
  }
}
