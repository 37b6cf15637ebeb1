import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import { activeSpan, contextWith, extractTraceContext, runIn, SpanKind, startSpan } from '@longview/tracing';

/**
 * Express middleware on /graphql, after the body parser: a SERVER span per GraphQL request
 * (the root of a command's trace, or the child of a browser's traceparent), active while Apollo
 * runs it, so every call the resolvers make to the services carries its traceparent.
 */
export const graphqlOperationSpan: RequestHandler = (req, res, next) => {
  const parent = extractTraceContext(req.headers);
  const body = req.body as { operationName?: unknown } | undefined;
  const named = typeof body?.operationName === 'string' && body.operationName !== '' ? body.operationName : undefined;
  const span = startSpan('gateway', named ?? 'graphql', {
    kind: SpanKind.SERVER,
    attributes: { 'http.request.method': req.method, 'http.route': '/graphql', ...(named ? { 'graphql.operation.name': named } : {}) },
    ...(parent ? { parent } : {}),
  });
  res.once('close', () => {
    span.setAttribute('http.response.status_code', res.statusCode);
    span.end();
  });
  runIn(contextWith(span, parent), next);
};

/** Names the operation's span once Apollo has parsed it: the operation name, else `graphql <type>`. */
export function operationSpanPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ operationName, operation }) => {
          const span = activeSpan();
          if (!span) return Promise.resolve();
          const type = operation?.operation ?? 'operation';
          span.updateName(operationName ?? `graphql ${type}`);
          span.setAttributes({ 'graphql.operation.type': type, ...(operationName ? { 'graphql.operation.name': operationName } : {}) });
          return Promise.resolve();
        },
      }),
  };
}
