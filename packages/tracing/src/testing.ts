// For tests that collect the spans of a run: startTracing({ serviceName, exporter: new InMemorySpanExporter() }).
export { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
