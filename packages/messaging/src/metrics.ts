/**
 * Prometheus metrics for /metrics, on prom-client. Each MetricsRegistry owns its own
 * prom-client Registry (never the global one), so several services in one process (embedded
 * mode, tests) keep separate counters.
 */
import * as prom from 'prom-client';

type Labels = Readonly<Record<string, string>>;

abstract class Metric<M extends prom.Counter | prom.Gauge> {
  protected metric: M;
  private labelNames: readonly string[];
  private written = false;

  constructor(
    readonly name: string,
    readonly help: string,
    readonly kind: 'counter' | 'gauge',
    labelNames: readonly string[],
    private readonly registry: prom.Registry,
  ) {
    this.labelNames = [...labelNames].sort();
    this.metric = this.create();
  }

  /** The current value of one series (0 when it was never written). */
  async value(labels: Labels = {}): Promise<number> {
    const wanted = labelKey(labels);
    const { values } = await this.metric.get();
    return values.find((v) => labelKey(v.labels) === wanted)?.value ?? 0;
  }

  /**
   * prom-client fixes a metric's label names when it is created, while callers name labels
   * when they write (`set(v, { topic, partition })`). Until the first write the metric is
   * recreated with the label names it turns out to need; after that a new name is an error.
   */
  protected labelled(labels: Labels): M {
    const missing = Object.keys(labels).filter((k) => !this.labelNames.includes(k));
    if (missing.length > 0) {
      if (this.written) {
        throw new Error(`metric ${this.name} was first written with labels [${this.labelNames.join(', ')}], not [${missing.join(', ')}]`);
      }
      this.labelNames = [...this.labelNames, ...missing].sort();
      this.registry.removeSingleMetric(this.name);
      this.metric = this.create();
    }
    this.written = true;
    return this.metric;
  }

  /** prom-client prints labels in the order of the object's keys; sorted, a series reads the same however it was written. */
  protected static sorted(labels: Labels): Labels {
    return Object.fromEntries(
      Object.keys(labels)
        .sort()
        .map((k) => [k, labels[k] ?? '']),
    );
  }

  private create(): M {
    const config = { name: this.name, help: this.help, labelNames: this.labelNames, registers: [this.registry] };
    return (this.kind === 'counter' ? new prom.Counter(config) : new prom.Gauge(config)) as M;
  }
}

export class Counter extends Metric<prom.Counter> {
  constructor(name: string, help: string, labelNames: readonly string[] = [], registry: prom.Registry = new prom.Registry()) {
    super(name, help, 'counter', labelNames, registry);
  }

  inc(amount = 1, labels: Labels = {}): void {
    if (amount < 0) throw new RangeError('a counter only goes up');
    this.labelled(labels).inc(Metric.sorted(labels), amount);
  }
}

export class Gauge extends Metric<prom.Gauge> {
  constructor(name: string, help: string, labelNames: readonly string[] = [], registry: prom.Registry = new prom.Registry()) {
    super(name, help, 'gauge', labelNames, registry);
  }

  set(value: number, labels: Labels = {}): void {
    this.labelled(labels).set(Metric.sorted(labels), value);
  }

  /** Drops every labelled value (e.g. partitions this instance no longer owns). */
  clear(): void {
    this.metric.reset();
  }
}

export class MetricsRegistry {
  private readonly registry = new prom.Registry();
  private readonly metrics = new Map<string, Counter | Gauge>();
  /** Called before rendering, so gauges read from elsewhere (a database) are fresh. */
  private readonly collectors: (() => Promise<void> | void)[] = [];

  /** A counter; asking again for the same name returns the same counter. */
  counter(name: string, help: string, labelNames: readonly string[] = []): Counter {
    return this.register(name, 'counter', () => new Counter(name, help, labelNames, this.registry));
  }

  /** A gauge; asking again for the same name returns the same gauge. */
  gauge(name: string, help: string, labelNames: readonly string[] = []): Gauge {
    return this.register(name, 'gauge', () => new Gauge(name, help, labelNames, this.registry));
  }

  onCollect(collect: () => Promise<void> | void): void {
    this.collectors.push(collect);
  }

  /** The Prometheus text exposition of every metric. Content-Type: PROMETHEUS_CONTENT_TYPE */
  async render(): Promise<string> {
    for (const collect of this.collectors) {
      try {
        await collect();
      } catch {
        // A failed collector (database down) leaves its gauges at their last values; /health reports the outage.
      }
    }
    return this.registry.metrics();
  }

  private register<M extends Counter | Gauge>(name: string, kind: M['kind'], create: () => M): M {
    const existing = this.metrics.get(name);
    if (existing) {
      if (existing.kind !== kind) throw new Error(`metric ${name} already registered as a ${existing.kind}`);
      return existing as M;
    }
    const metric = create();
    this.metrics.set(name, metric);
    return metric;
  }
}

/** The text exposition format 0.0.4 that Prometheus scrapes. */
export const PROMETHEUS_CONTENT_TYPE: string = prom.Registry.PROMETHEUS_CONTENT_TYPE;

function labelKey(labels: Readonly<Record<string, string | number | undefined>>): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${String(labels[k])}`)
    .join(',');
}
