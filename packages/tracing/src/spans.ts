import {
  context,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Link,
  type Span,
  type TextMapGetter,
  type TextMapSetter,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

export { SpanKind, type Attributes, type Context, type Span };

/** The W3C trace context of a span, as carried by HTTP headers, Kafka headers and event metadata. */
export interface TraceHeaders {
  traceparent?: string;
  tracestate?: string;
}

/** Carriers are header maps: Node's (string | string[]), kafkajs' (Buffer), or plain strings. */
export type HeaderCarrier = Readonly<Record<string, string | string[] | Buffer | undefined>>;

// Used directly, not through the global propagator: the wire format does not depend on whether
// (or how) this process registered a tracer provider.
const w3c = new W3CTraceContextPropagator();

/** The parts of Longview that make spans; each is the name of its tracer (the span's instrumentation scope). */
export type Component = 'gateway' | 'command-service' | 'event-store' | 'relay' | 'kafka-consumer' | 'query-service';

export function tracerOf(component: Component) {
  return trace.getTracer(`longview.${component}`);
}

/**
 * The trace context of `ctx` (default: the active one) as W3C headers; {} when there is no valid
 * span in it (tracing off, or outside any span), so nothing is written where nothing is traced.
 */
export function injectTraceHeaders(ctx: Context = context.active()): TraceHeaders {
  const out: TraceHeaders = {};
  w3c.inject(ctx, out, headerSetter);
  return out;
}

/** The remote parent named by W3C headers; undefined when they carry none (or a malformed one). */
export function extractTraceContext(headers: HeaderCarrier | undefined): Context | undefined {
  if (!headers) return undefined;
  const extracted = w3c.extract(ROOT_CONTEXT, headers, headerGetter);
  return trace.getSpanContext(extracted) ? extracted : undefined;
}

const headerSetter: TextMapSetter<TraceHeaders> = {
  set: (carrier, key, value) => {
    if (key === 'traceparent' || key === 'tracestate') carrier[key] = value;
  },
};

const headerGetter: TextMapGetter<HeaderCarrier> = {
  get: (carrier, key) => {
    const value = carrier[key] ?? carrier[key.toLowerCase()];
    if (value === undefined) return undefined;
    if (Array.isArray(value)) return value.map(String);
    return value.toString();
  },
  keys: (carrier) => Object.keys(carrier),
};

export interface SpanOptions {
  readonly kind?: SpanKind;
  readonly attributes?: Attributes;
  /** The parent (default: the active context). */
  readonly parent?: Context;
  readonly links?: Link[];
}

/**
 * Runs `fn` inside a new active span that ends when `fn` settles; a throw is recorded on the span
 * (status ERROR) and rethrown. With tracing off the span is a no-op and this costs a function call.
 */
export function withSpan<T>(component: Component, name: string, options: SpanOptions, fn: (span: Span) => Promise<T>): Promise<T> {
  const parent = options.parent ?? context.active();
  return tracerOf(component).startActiveSpan(
    name,
    {
      kind: options.kind ?? SpanKind.INTERNAL,
      ...(options.attributes ? { attributes: options.attributes } : {}),
      ...(options.links ? { links: options.links } : {}),
    },
    parent,
    async (span) => {
      try {
        return await fn(span);
      } catch (error) {
        failSpan(span, error);
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/** Starts a span that the caller ends (for work that is not one function call, e.g. a message from send to acknowledgement). */
export function startSpan(component: Component, name: string, options: SpanOptions = {}): Span {
  return tracerOf(component).startSpan(
    name,
    {
      kind: options.kind ?? SpanKind.INTERNAL,
      ...(options.attributes ? { attributes: options.attributes } : {}),
      ...(options.links ? { links: options.links } : {}),
    },
    options.parent ?? context.active(),
  );
}

/** The context with `span` active, to inject or to run code in. */
export function contextWith(span: Span, parent: Context = context.active()): Context {
  return trace.setSpan(parent, span);
}

/** Runs `fn` with `ctx` as the active context (its spans and outgoing calls belong to that trace). */
export function runIn<T>(ctx: Context, fn: () => T): T {
  return context.with(ctx, fn);
}

export function failSpan(span: Span, error: unknown): void {
  if (error instanceof Error) span.recordException(error);
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}

/** The active span (a no-op one when there is none): to name it or add attributes once known. */
export function activeSpan(): Span | undefined {
  return trace.getActiveSpan();
}

// The context a delivered object (a decoded Kafka message's event) is processed in, for code that
// receives a whole batch and makes one span per item: kept beside the object, not inside it, so
// the event stays as it was stored.
const deliveries = new WeakMap<object, Context>();

export function rememberDeliveryContext(item: object, ctx: Context): void {
  deliveries.set(item, ctx);
}

export function deliveryContext(item: object): Context | undefined {
  return deliveries.get(item);
}
