import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { MetricsRegistry } from './metrics';
import { runHealthChecks, startOpsServer, type HealthCheck } from './ops-http-server';

describe('ops HTTP server', () => {
  let database: { ok: boolean; detail?: string };
  const checks: HealthCheck[] = [
    { name: 'database', check: () => Promise.resolve(database) },
    { name: 'kafka', check: () => Promise.resolve({ ok: true }) },
  ];
  const metrics = new MetricsRegistry();
  metrics.counter('longview_events_published_total', 'Events the outbox relay published').inc(3);
  metrics.gauge('longview_consumer_lag', 'Messages behind').set(5, { topic: 'events', partition: '2' });
  let server: { url: string; close(): Promise<void> };

  beforeAll(async () => {
    server = await startOpsServer({ port: 0, checks, metrics, extra: () => ({ position: '17' }) });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    database = { ok: true };
  });

  it('serves /metrics as Prometheus text', async () => {
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const families = parsePrometheusTextFormat(await response.text());
    expect(families).toEqual([
      { name: 'longview_events_published_total', help: 'Events the outbox relay published', type: 'COUNTER', metrics: [{ value: '3' }] },
      { name: 'longview_consumer_lag', help: 'Messages behind', type: 'GAUGE', metrics: [{ value: '5', labels: { topic: 'events', partition: '2' } }] },
    ]);
  });

  it('answers /health with 200 and every check when all pass, plus the extra fields', async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', checks: { database: { ok: true }, kafka: { ok: true } }, position: '17' });
  });

  it('answers /health with 503 naming the dependency that is down', async () => {
    database = { ok: false, detail: 'connection refused' };
    const response = await fetch(`${server.url}/health?verbose=1`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'unavailable', checks: { database: { ok: false, detail: 'connection refused' } } });
  });

  it('answers 404 for anything else', async () => {
    expect((await fetch(`${server.url}/`)).status).toBe(404);
  });

  it('reports a check that throws or does not answer in time as failed', async () => {
    const report = await runHealthChecks(
      [
        { name: 'throws', check: () => Promise.reject(new Error('boom')) },
        { name: 'hangs', check: () => new Promise(() => undefined) },
      ],
      50,
    );
    expect(report).toEqual({
      status: 'unavailable',
      checks: { throws: { ok: false, detail: 'boom' }, hangs: { ok: false, detail: 'no answer within 50 ms' } },
    });
  });
});
