import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PROMETHEUS_CONTENT_TYPE, type MetricsRegistry } from './metrics';

/** One dependency's state, as /health reports it. */
export interface HealthCheck {
  readonly name: string;
  check(): Promise<{ ok: boolean; detail?: string }>;
}

export interface HealthReport {
  readonly status: 'ok' | 'unavailable';
  readonly checks: Record<string, { ok: boolean; detail?: string }>;
  readonly [extra: string]: unknown;
}

/** Runs every check (each bounded by a timeout) and reports ok only if all pass. */
export async function runHealthChecks(checks: readonly HealthCheck[], timeoutMs = 2000): Promise<HealthReport> {
  const results: Record<string, { ok: boolean; detail?: string }> = {};
  await Promise.all(
    checks.map(async (c) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<{ ok: boolean; detail?: string }>((resolve) => {
        timer = setTimeout(() => resolve({ ok: false, detail: `no answer within ${timeoutMs} ms` }), timeoutMs);
      });
      results[c.name] = await Promise.race([
        c.check().catch((error: unknown) => ({ ok: false, detail: error instanceof Error ? error.message : String(error) })),
        timeout,
      ]);
      clearTimeout(timer);
    }),
  );
  const ok = Object.values(results).every((r) => r.ok);
  return { status: ok ? 'ok' : 'unavailable', checks: results };
}

/**
 * Express/connect-style handlers for GET /health (503 when a dependency is down) and
 * GET /metrics, so the Nest services can mount them and the relay can serve them alone.
 */
export function healthHandler(checks: readonly HealthCheck[], extra: () => Record<string, unknown> = () => ({})) {
  return (_req: http.IncomingMessage, res: http.ServerResponse): void => {
    void runHealthChecks(checks).then((report) => {
      res.statusCode = report.status === 'ok' ? 200 : 503;
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ ...report, ...extra() }));
    });
  };
}

export function metricsHandler(registry: MetricsRegistry) {
  return (_req: http.IncomingMessage, res: http.ServerResponse): void => {
    void registry.render().then((text) => {
      res.statusCode = 200;
      res.setHeader('Content-Type', PROMETHEUS_CONTENT_TYPE);
      res.end(text);
    });
  };
}

/** A bare HTTP server with /health and /metrics only (the standalone relay). */
export async function startOpsServer(options: {
  port: number;
  host?: string;
  checks: readonly HealthCheck[];
  metrics: MetricsRegistry;
  extra?: () => Record<string, unknown>;
}): Promise<{ url: string; close(): Promise<void> }> {
  const health = healthHandler(options.checks, options.extra);
  const metrics = metricsHandler(options.metrics);
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/health') return health(req, res);
    if (path === '/metrics') return metrics(req, res);
    res.statusCode = 404;
    res.end();
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(options.port, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
