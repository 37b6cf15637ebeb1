import { context, propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, ConsoleSpanExporter, SimpleSpanProcessor, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

/** Where spans go: nowhere (the default), the console (development), or an OTLP/HTTP collector. */
export type TracingMode = 'off' | 'console' | 'otlp';

const MODES: readonly TracingMode[] = ['off', 'console', 'otlp'];

/**
 * LONGVIEW_TRACING (off | console | otlp); unset = `fallback` (off, or console for `longview start --dev`).
 * OTEL_SDK_DISABLED=true switches tracing off whatever else is set, as the OpenTelemetry SDKs do.
 */
export function tracingModeFromEnv(env: NodeJS.ProcessEnv = process.env, fallback: TracingMode = 'off'): TracingMode {
  if (env['OTEL_SDK_DISABLED']?.trim().toLowerCase() === 'true') return 'off';
  const raw = env['LONGVIEW_TRACING']?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if ((MODES as readonly string[]).includes(raw)) return raw as TracingMode;
  throw new Error(`LONGVIEW_TRACING must be one of ${MODES.join(', ')}; it is "${env['LONGVIEW_TRACING']}"`);
}

export interface TracingOptions {
  /** The resource's service.name (OTEL_SERVICE_NAME, when set, wins, as in every OpenTelemetry SDK). */
  readonly serviceName: string;
  /** Default: tracingModeFromEnv(env). Ignored when `exporter` is given. */
  readonly mode?: TracingMode;
  /**
   * Spans go here instead (tests: an InMemorySpanExporter), one by one as they end, so a test can
   * read them without flushing.
   */
  readonly exporter?: SpanExporter;
  readonly env?: NodeJS.ProcessEnv;
}

export interface RunningTracing {
  /** False when tracing is off: every span is then a no-op and no trace context is written anywhere. */
  readonly enabled: boolean;
  readonly mode: TracingMode | 'custom';
  /** Sends what is buffered (OTLP batches). */
  flush(): Promise<void>;
  /** Flushes and unregisters: spans are no-ops again afterwards. */
  shutdown(): Promise<void>;
}

const OFF: RunningTracing = { enabled: false, mode: 'off', flush: async () => undefined, shutdown: async () => undefined };

let current: RunningTracing | undefined;

/**
 * Registers the process's tracer provider (one per process: the in-process platform shares it
 * between its services; spans say which part made them by their tracer's name). Idempotent: a
 * second call returns the first one's handle. With mode off nothing is registered, so the
 * @opentelemetry/api calls in the code stay no-ops.
 */
export function startTracing(options: TracingOptions): RunningTracing {
  if (current) return current;
  const env = options.env ?? process.env;
  const mode = options.exporter ? 'custom' : (options.mode ?? tracingModeFromEnv(env));
  if (mode === 'off') return OFF;
  const processor = spanProcessor(mode, options.exporter);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: env['OTEL_SERVICE_NAME']?.trim() || options.serviceName }),
    spanProcessors: [processor],
  });
  // Registers the AsyncLocalStorage context manager (the active span follows awaits) and the W3C propagator.
  provider.register({ propagator: new W3CTraceContextPropagator() });
  let stopping: Promise<void> | undefined;
  const running: RunningTracing = {
    enabled: true,
    mode,
    flush: () => provider.forceFlush(),
    shutdown: () =>
      (stopping ??= (async () => {
        try {
          await provider.shutdown();
        } finally {
          trace.disable();
          context.disable();
          propagation.disable();
          if (current === running) current = undefined;
        }
      })()),
  };
  current = running;
  return running;
}

/** The handle of the running tracing, if startTracing registered one. */
export function runningTracing(): RunningTracing {
  return current ?? OFF;
}

function spanProcessor(mode: Exclude<TracingMode, 'off'> | 'custom', exporter: SpanExporter | undefined): SpanProcessor {
  if (exporter) return new SimpleSpanProcessor(exporter);
  if (mode === 'console') return new SimpleSpanProcessor(new ConsoleSpanExporter());
  // Endpoint, headers and timeout from the standard variables (OTEL_EXPORTER_OTLP_ENDPOINT,
  // OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, OTEL_EXPORTER_OTLP_HEADERS, ...); default http://localhost:4318.
  return new BatchSpanProcessor(new OTLPTraceExporter());
}
