import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { extractTraceContext, injectTraceHeaders, runIn, withSpan } from './spans';
import { startTracing, tracingModeFromEnv, type RunningTracing } from './tracing';

const PARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('W3C trace context without a tracer provider (tracing off)', () => {
  it('extracts a traceparent from Node, kafkajs (Buffer) and plain headers, and nothing from a malformed one', () => {
    for (const headers of [{ traceparent: PARENT }, { traceparent: Buffer.from(PARENT) }, { traceparent: [PARENT] }]) {
      const ctx = extractTraceContext(headers);
      expect(trace.getSpanContext(ctx ?? (undefined as never))).toMatchObject({
        traceId: '0af7651916cd43dd8448eb211c80319c',
        spanId: 'b7ad6b7169203331',
        traceFlags: 1,
        isRemote: true,
      });
    }
    expect(extractTraceContext({ traceparent: '00-zz-yy-01' })).toBeUndefined();
    expect(extractTraceContext({ traceparent: '00-00000000000000000000000000000000-b7ad6b7169203331-01' })).toBeUndefined();
    expect(extractTraceContext({})).toBeUndefined();
    expect(extractTraceContext(undefined)).toBeUndefined();
  });

  it('round-trips an extracted context, tracestate included', () => {
    const ctx = extractTraceContext({ traceparent: PARENT, tracestate: 'lv=1,other=x' });
    expect(injectTraceHeaders(ctx)).toEqual({ traceparent: PARENT, tracestate: 'lv=1,other=x' });
  });

  it('writes nothing: no active span outside or inside a no-op span (nothing is stamped on events or requests)', async () => {
    expect(injectTraceHeaders()).toEqual({});
    const parent = extractTraceContext({ traceparent: PARENT });
    const seen = await withSpan('gateway', 'op', { ...(parent ? { parent } : {}) }, async () => injectTraceHeaders());
    expect(seen).toEqual({});
  });
});

describe('with a tracer provider (in-memory exporter)', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: RunningTracing;
  beforeAll(() => {
    tracing = startTracing({ serviceName: 'spec', exporter });
  });
  afterAll(() => tracing.shutdown());
  beforeEach(() => exporter.reset());

  it('injects the active span as the parent, and a span started in an extracted context is its child', async () => {
    const sent = await withSpan('gateway', 'client', {}, async (span) => {
      const headers = injectTraceHeaders();
      expect(headers.traceparent).toBe(`00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`);
      return headers;
    });
    const received = extractTraceContext({ traceparent: sent.traceparent });
    await withSpan('command-service', 'server', { ...(received ? { parent: received } : {}) }, async () => undefined);
    const [client, server] = exporter.getFinishedSpans();
    expect(server?.spanContext().traceId).toBe(client?.spanContext().traceId);
    expect(server?.parentSpanContext?.spanId).toBe(client?.spanContext().spanId);
    expect(server?.instrumentationScope.name).toBe('longview.command-service');
  });

  it('keeps the active span across awaits (AsyncLocalStorage), records a throw and ends the span', async () => {
    await expect(
      withSpan('command-service', 'outer', {}, async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        await withSpan('event-store', 'inner', {}, async () => {
          throw new Error('the database is down');
        });
      }),
    ).rejects.toThrow('the database is down');
    const [inner, outer] = exporter.getFinishedSpans();
    expect(inner?.name).toBe('inner');
    expect(inner?.parentSpanContext?.spanId).toBe(outer?.spanContext().spanId);
    expect(inner?.status).toMatchObject({ code: 2, message: 'the database is down' });
    expect(inner?.events.map((e) => e.name)).toEqual(['exception']);
  });

  it('runIn makes an extracted context active for code that is not a span of its own', () => {
    const ctx = extractTraceContext({ traceparent: PARENT });
    expect(runIn(ctx as never, () => injectTraceHeaders())).toEqual({ traceparent: PARENT });
  });
});

describe('LONGVIEW_TRACING', () => {
  it('is off by default, console or otlp when set, and refuses anything else in plain words', () => {
    expect(tracingModeFromEnv({})).toBe('off');
    expect(tracingModeFromEnv({}, 'console')).toBe('console');
    expect(tracingModeFromEnv({ LONGVIEW_TRACING: 'OTLP' })).toBe('otlp');
    expect(tracingModeFromEnv({ LONGVIEW_TRACING: 'console', OTEL_SDK_DISABLED: 'true' })).toBe('off');
    expect(() => tracingModeFromEnv({ LONGVIEW_TRACING: 'jaeger' })).toThrow('LONGVIEW_TRACING must be one of off, console, otlp; it is "jaeger"');
  });
});
