export { startTracing, runningTracing, tracingModeFromEnv, type RunningTracing, type TracingMode, type TracingOptions } from './tracing';
export {
  activeSpan,
  contextWith,
  deliveryContext,
  extractTraceContext,
  failSpan,
  injectTraceHeaders,
  rememberDeliveryContext,
  runIn,
  SpanKind,
  startSpan,
  tracerOf,
  withSpan,
  type Attributes,
  type Component,
  type Context,
  type HeaderCarrier,
  type Span,
  type SpanOptions,
  type TraceHeaders,
} from './spans';
export { traceHttpRequests } from './http';
