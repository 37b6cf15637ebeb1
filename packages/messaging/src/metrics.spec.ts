import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { MetricsRegistry, PROMETHEUS_CONTENT_TYPE } from './metrics';

async function scrape(registry: MetricsRegistry) {
  return parsePrometheusTextFormat(await registry.render());
}

describe('MetricsRegistry', () => {
  it('renders counters and gauges as Prometheus text, with help, type and values', async () => {
    const registry = new MetricsRegistry();
    const published = registry.counter('longview_events_published_total', 'Events published');
    const position = registry.gauge('longview_relay_position', 'Global position published up to');
    published.inc(5);
    published.inc();
    position.set(42);

    expect(await scrape(registry)).toEqual([
      { name: 'longview_events_published_total', help: 'Events published', type: 'COUNTER', metrics: [{ value: '6' }] },
      { name: 'longview_relay_position', help: 'Global position published up to', type: 'GAUGE', metrics: [{ value: '42' }] },
    ]);
  });

  it('shows a counter that never went up as 0, so alerts on rate() see the series', async () => {
    const registry = new MetricsRegistry();
    registry.counter('longview_relay_send_failures_total', 'Failed sends');
    expect(await registry.render()).toMatch(/^longview_relay_send_failures_total 0$/m);
  });

  it('keeps one series per label set, learns label names from the first write, and clear() drops them', async () => {
    const registry = new MetricsRegistry();
    const lag = registry.gauge('longview_consumer_lag', 'Messages behind');
    lag.set(3, { topic: 'events', partition: '0' });
    lag.set(7, { topic: 'events', partition: '1' });
    lag.set(4, { topic: 'events', partition: '0' });

    const [family] = await scrape(registry);
    expect(family?.metrics).toEqual(
      expect.arrayContaining([
        { value: '4', labels: { topic: 'events', partition: '0' } },
        { value: '7', labels: { topic: 'events', partition: '1' } },
      ]),
    );
    expect(family?.metrics).toHaveLength(2);
    expect(await lag.value({ partition: '1', topic: 'events' })).toBe(7);

    // Label names in alphabetical order, whatever order the caller wrote them in.
    expect(await registry.render()).toMatch(/^longview_consumer_lag\{partition="1",topic="events"\} 7$/m);

    lag.clear();
    expect((await scrape(registry))[0]?.metrics).toEqual([]);
    expect(() => lag.set(1, { group: 'g' })).toThrow(/first written with labels \[partition, topic\]/);
  });

  it('escapes label values the way Prometheus reads them back', async () => {
    const registry = new MetricsRegistry();
    registry.counter('longview_test_total', 'Escaping').inc(1, { path: 'a\\b "quoted"\nnext' });
    expect((await scrape(registry))[0]?.metrics).toEqual([{ value: '1', labels: { path: 'a\\b "quoted"\nnext' } }]);
  });

  it('returns the same metric for the same name, and refuses one name as two kinds', () => {
    const registry = new MetricsRegistry();
    expect(registry.counter('longview_x_total', 'x')).toBe(registry.counter('longview_x_total', 'x'));
    expect(() => registry.gauge('longview_x_total', 'x')).toThrow(/already registered as a counter/);
    expect(() => registry.counter('not a name', 'x')).toThrow();
  });

  it('refuses to take a counter down', () => {
    const counter = new MetricsRegistry().counter('longview_y_total', 'y');
    expect(() => counter.inc(-1)).toThrow(RangeError);
  });

  it('keeps registries apart (two services in one process)', async () => {
    const a = new MetricsRegistry();
    const b = new MetricsRegistry();
    a.counter('longview_events_appended_total', 'appended').inc(2);
    b.counter('longview_events_appended_total', 'appended').inc(5);
    expect((await scrape(a))[0]?.metrics).toEqual([{ value: '2' }]);
    expect((await scrape(b))[0]?.metrics).toEqual([{ value: '5' }]);
  });

  it('runs collectors before rendering, and a failing collector leaves the last value', async () => {
    const registry = new MetricsRegistry();
    const parked = registry.gauge('longview_events_parked', 'Parked events');
    let rows: number | Error = 2;
    const countParked = (): Promise<number> => (rows instanceof Error ? Promise.reject(rows) : Promise.resolve(rows));
    registry.onCollect(async () => {
      parked.set(await countParked());
    });
    expect(await registry.render()).toMatch(/^longview_events_parked 2$/m);
    rows = new Error('database down');
    expect(await registry.render()).toMatch(/^longview_events_parked 2$/m);
  });

  it('names the text exposition format 0.0.4', () => {
    expect(PROMETHEUS_CONTENT_TYPE).toMatch(/^text\/plain; version=0\.0\.4/);
  });
});
