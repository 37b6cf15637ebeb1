import type { IncomingMessage, ServerResponse } from 'node:http';
import { ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_HTTP_ROUTE, ATTR_URL_PATH } from '@opentelemetry/semantic-conventions';
import { SpanStatusCode } from '@opentelemetry/api';
import { contextWith, extractTraceContext, runIn, SpanKind, startSpan, type Component } from './spans';

/** What an Express (or Nest over Express) request adds to Node's: the matched route, once routed. */
interface RoutedRequest extends IncomingMessage {
  readonly route?: { readonly path?: unknown };
  readonly baseUrl?: string;
  readonly path?: string;
}

/**
 * Express middleware: a SERVER span per request, child of the caller's `traceparent` when it
 * sends one, active while the request is handled (so the handler's spans and outgoing calls join
 * the caller's trace). Named `METHOD route` once the router matched one (`POST /commands/:type`),
 * never by the raw path, whose ids would make every name unique.
 */
export function traceHttpRequests(component: Component) {
  return (req: RoutedRequest, res: ServerResponse, next: () => void): void => {
    const method = req.method ?? 'GET';
    const parent = extractTraceContext(req.headers);
    const span = startSpan(component, method, {
      kind: SpanKind.SERVER,
      attributes: { [ATTR_HTTP_REQUEST_METHOD]: method, [ATTR_URL_PATH]: req.path ?? (req.url ?? '/').split('?')[0] ?? '/' },
      ...(parent ? { parent } : {}),
    });
    res.once('finish', () => {
      const routePath = req.route?.path;
      if (typeof routePath === 'string') {
        const route = `${req.baseUrl ?? ''}${routePath}`;
        span.updateName(`${method} ${route}`);
        span.setAttribute(ATTR_HTTP_ROUTE, route);
      }
      span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    res.once('close', () => {
      if (!res.writableFinished) span.end();
    });
    runIn(contextWith(span, parent), next);
  };
}
