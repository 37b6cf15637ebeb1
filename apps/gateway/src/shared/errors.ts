import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { FieldError } from '@longview/contracts';
import { InvalidTokenError } from '../auth';
import { ServiceError } from '../clients/service-error';

/**
 * The one place where failures become GraphQL error codes (`extensions.code`).
 * Resolvers and clients throw whatever they naturally throw (ServiceError, InvalidTokenError,
 * the helpers below); `formatError` maps it here. Unknown errors are masked.
 */

export const ERROR_CODES = ['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'INTERNAL_SERVER_ERROR'] as const;
export type GatewayErrorCode = (typeof ERROR_CODES)[number];

const HTTP_STATUS: Record<GatewayErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INTERNAL_SERVER_ERROR: 500,
};

export function gatewayError(code: GatewayErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

/** Thrown from the context function: Apollo answers with this HTTP status before executing anything. */
export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: HTTP_STATUS.UNAUTHENTICATED } } });
}

export function authenticationRequired(): GraphQLError {
  return gatewayError('UNAUTHENTICATED', 'Sign in to make changes: send "Authorization: Bearer <token>"');
}

export function badUserInput(message: string, fields: readonly FieldError[]): GraphQLError {
  return gatewayError('BAD_USER_INPUT', message, { fields });
}

/** The write happened but the object cannot be read back: say so, with the position. */
export function notReadable(what: string, position: string): GraphQLError {
  return gatewayError('INTERNAL_SERVER_ERROR', `${what} was written at position ${position} but could not be read back yet`, { position });
}

/** Maps anything thrown during a request to a GraphQL error with a known code. */
export function toGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError && typeof error.extensions.code === 'string') return error;
  if (error instanceof InvalidTokenError) return gatewayError('UNAUTHENTICATED', error.message);
  if (error instanceof ServiceError) return fromServiceError(error);
  return gatewayError('INTERNAL_SERVER_ERROR', 'Internal server error');
}

function fromServiceError(error: ServiceError): GraphQLError {
  const { body, status } = error;
  // A 400 is always the caller's input (e.g. an unknown metric code for the analytics routes).
  if (status === 400 && body.code !== 'BAD_USER_INPUT') return badUserInput(body.message, body.fields ?? []);
  switch (body.code) {
    case 'BAD_USER_INPUT':
      return badUserInput(body.message, body.fields ?? []);
    case 'UNAUTHENTICATED':
    case 'FORBIDDEN':
    case 'NOT_FOUND':
    case 'CONFLICT':
      return gatewayError(body.code, body.message);
    case 'TIMEOUT':
      return gatewayError('INTERNAL_SERVER_ERROR', 'The read side did not catch up in time; retry shortly', { reason: 'TIMEOUT' });
    case 'INTERNAL':
      // Don't leak internals of the services, but say which one failed.
      return gatewayError('INTERNAL_SERVER_ERROR', status === 502 ? `${error.service} is unavailable` : 'Internal server error', {
        service: error.service,
      });
  }
}

/** Apollo `formatError`: the whole mapping applied to every error in a response. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  // Errors Apollo/graphql-js raise themselves (parse, validation, variable coercion) already carry a code.
  if (original instanceof GraphQLError && original === error && typeof formatted.extensions?.code === 'string') {
    // Never a stack trace, whatever the server's options (NODE_ENV, includeStacktraceInErrorResponses).
    const { stacktrace: _stacktrace, exception: _exception, ...rest } = formatted.extensions;
    const message = rest.code === 'PERSISTED_QUERY_NOT_SUPPORTED' ? 'Persisted queries are not supported: send the whole query in "query"' : formatted.message;
    return { ...formatted, message, extensions: rest };
  }
  const mapped = toGraphQLError(original);
  if (mapped.extensions.code === 'INTERNAL_SERVER_ERROR' && !(original instanceof GraphQLError) && !(original instanceof ServiceError)) {
    console.error('[gateway] unexpected error', original);
  }
  const { http: _http, ...extensions } = mapped.extensions as Record<string, unknown>;
  return {
    message: mapped.message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions,
  };
}
