/**
 * A small Prometheus text-format registry (exposition format 0.0.4): counters and gauges
 * with optional labels. Enough for /metrics without a dependency.
 */
type Labels = Readonly<Record<string, string>>;

interface Series {
  readonly labels: Labels;
  value: number;
}

abstract class Metric {
  protected readonly series = new Map<string, Series>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly kind: 'counter' | 'gauge',
  ) {
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name)) throw new Error(`invalid metric name ${name}`);
  }

  protected entry(labels: Labels): Series {
    const key = labelText(labels);
    let found = this.series.get(key);
    if (!found) {
      found = { labels, value: 0 };
      this.series.set(key, found);
    }
    return found;
  }

  value(labels: Labels = {}): number {
    return this.series.get(labelText(labels))?.value ?? 0;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} ${this.kind}`];
    if (this.series.size === 0 && this.kind === 'counter') lines.push(`${this.name} 0`);
    for (const [key, s] of this.series) lines.push(`${this.name}${key} ${formatNumber(s.value)}`);
    return lines.join('\n');
  }
}

export class Counter extends Metric {
  constructor(name: string, help: string) {
    super(name, help, 'counter');
  }

  inc(amount = 1, labels: Labels = {}): void {
    if (amount < 0) throw new RangeError('a counter only goes up');
    this.entry(labels).value += amount;
  }
}

export class Gauge extends Metric {
  constructor(name: string, help: string) {
    super(name, help, 'gauge');
  }

  set(value: number, labels: Labels = {}): void {
    this.entry(labels).value = value;
  }

  /** Drops every labelled value (e.g. partitions this instance no longer owns). */
  clear(): void {
    this.series.clear();
  }
}

export class MetricsRegistry {
  private readonly metrics = new Map<string, Metric>();
  /** Called before rendering, so gauges read from elsewhere (a database) are fresh. */
  private readonly collectors: (() => Promise<void> | void)[] = [];

  counter(name: string, help: string): Counter {
    return this.register(new Counter(name, help));
  }

  gauge(name: string, help: string): Gauge {
    return this.register(new Gauge(name, help));
  }

  onCollect(collect: () => Promise<void> | void): void {
    this.collectors.push(collect);
  }

  /** The Prometheus text exposition of every metric. Content-Type: text/plain; version=0.0.4 */
  async render(): Promise<string> {
    for (const collect of this.collectors) {
      try {
        await collect();
      } catch {
        // A failed collector (database down) leaves its gauges at their last values; /health reports the outage.
      }
    }
    return `${[...this.metrics.values()].map((m) => m.render()).join('\n')}\n`;
  }

  private register<M extends Metric>(metric: M): M {
    const existing = this.metrics.get(metric.name);
    if (existing) {
      if (existing.kind !== metric.kind) throw new Error(`metric ${metric.name} already registered as a ${existing.kind}`);
      return existing as M;
    }
    this.metrics.set(metric.name, metric);
    return metric;
  }
}

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

function labelText(labels: Labels): string {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return '';
  return `{${keys.map((k) => `${k}="${escapeLabel(labels[k] ?? '')}"`).join(',')}}`;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}
