import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface Row {
  position: number;
  kind: string;
  summary: string;
  trustCode: string;
  interventionId: string;
  interventionTitle: string;
}

export const SUBSCRIPTION = `subscription($since: Int, $filter: ActivityFilter) {
  activity(since: $since, filter: $filter) { position kind summary trustCode interventionId interventionTitle }
}`;
export const PROPOSE = `mutation($input: ProposeInterventionInput!) { proposeIntervention(input: $input) { position intervention { id } } }`;

/** PROPOSE's variables: a patient-flow intervention at `trustCode`, the kind both activity suites propose to watch the feed. */
export const proposalOf = (trustCode: string | undefined, title: string, sharing: string) => ({
  input: {
    trustCode,
    title,
    summary: 'Try it for a month',
    category: 'PATIENT_FLOW',
    approach: 'SYSTEMIC',
    targets: [{ metric: 'ae-4hr', direction: 'INCREASE' }],
    sharing,
  },
});

/** A subscriber that records every row with the time it arrived, and can wait for one. */
export class Subscriber {
  readonly rows: { row: Row; at: number }[] = [];
  private readonly waiters: { test: (row: Row) => boolean; resolve: (at: number) => void }[] = [];
  readonly client: Client;
  readonly closed: Promise<number>;

  constructor(url: string, token: string | undefined, variables: Record<string, unknown> = {}) {
    let closed!: (code: number) => void;
    this.closed = new Promise((resolve) => (closed = resolve));
    this.client = createClient({
      url,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      connectionParams: token ? { Authorization: `Bearer ${token}` } : {},
      on: { closed: (event) => closed((event as { code: number }).code) },
      onNonLazyError: () => undefined,
    });
    this.client.subscribe<{ activity: Row }>(
      { query: SUBSCRIPTION, variables },
      {
        next: (message) => {
          const row = message.data?.activity;
          if (!row) return;
          const at = performance.now();
          this.rows.push({ row, at });
          for (const waiter of [...this.waiters]) {
            if (waiter.test(row)) {
              this.waiters.splice(this.waiters.indexOf(waiter), 1);
              waiter.resolve(at);
            }
          }
        },
        error: () => undefined,
        complete: () => undefined,
      },
    );
  }

  /** When the first row passing `test` arrived (waiting for it if it has not). */
  arrival(test: (row: Row) => boolean, timeoutMs = 15_000): Promise<number> {
    const seen = this.rows.find((r) => test(r.row));
    if (seen) return Promise.resolve(seen.at);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no such activity arrived in time')), timeoutMs);
      this.waiters.push({ test, resolve: (at) => (clearTimeout(timer), resolve(at)) });
    });
  }

  positions(): number[] {
    return this.rows.map((r) => r.row.position);
  }

  async stop(): Promise<void> {
    await this.client.dispose();
  }
}

/** The median, and the spread, of latencies in ms, as one line for the test output. */
export function latencyLine(mode: string, latencies: readonly number[]): { median: number; line: string } {
  const sorted = [...latencies].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] as number;
  return {
    median,
    line: `activity subscription latency (${mode}, n=${sorted.length}): median ${median.toFixed(1)} ms, min ${sorted[0]?.toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms`,
  };
}
