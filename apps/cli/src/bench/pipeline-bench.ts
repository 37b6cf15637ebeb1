import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { addMonths } from '@longview/analytics';
import { openPostgres } from '@longview/event-store';
import { createKafka, ensureTopics, silentLogger, TopicNames } from '@longview/messaging';
import { signServiceCredential } from '@longview/service-auth';
import { ensureDatabase } from '../platform/distributed-platform';
import { ServiceProcess } from '../platform/service-process';
import { formatLatency, summarise, type LatencySummary } from './latency-stats';

export interface PipelineBenchOptions {
  readonly brokers: string;
  /** PostgreSQL server URL (a database of its own is created per run). */
  readonly serverUrl: string;
  readonly rate: number;
  readonly seconds: number;
  readonly flatOutSeconds: number;
  readonly workers: number;
  readonly series: number;
  readonly queryInstances: number;
  readonly portBase: number;
  readonly bareMessages: number;
  readonly log: (line: string) => void;
}

interface CommandAccepted {
  readonly streamId: string;
  readonly version: number;
  readonly position: string;
}

interface PhaseResult {
  readonly commands: number;
  readonly errors: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly mutation: LatencySummary;
  readonly readYourWrite: LatencySummary;
}

/**
 * `npm run bench:pipeline`: commands through command-service (HTTP) -> event store -> outbox relay
 * -> Kafka -> query-service consumer group -> readable, at a fixed rate and flat out, plus a bare
 * kafkajs produce -> consume loop on the same broker for comparison. Not a test: it prints figures.
 *
 * Read-your-write latency = from the mutation's HTTP answer to the read model having applied that
 * stream version, measured as the duration of `GET /series/...?stream=&minVersion=` issued right
 * after the answer (the query-service answers it as soon as its checkpoint reaches the version).
 */
export async function runPipelineBench(options: PipelineBenchOptions): Promise<void> {
  const { log } = options;
  const run = randomBytes(3).toString('hex');
  const topics = new TopicNames(`bench${run}.`);
  const eventsUrl = await ensureDatabase(options.serverUrl, `lv_bench_events_${run}`);
  const readUrl = await ensureDatabase(options.serverUrl, `lv_bench_read_${run}`);
  const kafka = createKafka({ brokers: options.brokers.split(','), clientId: 'bench', logger: silentLogger });
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, topics.all, 6);
  log(
    `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}, node ${process.version}`,
  );
  log(`run ${run}: topics ${topics.prefix}*, 6 partitions; databases lv_bench_*_${run}`);

  const processes: ServiceProcess[] = [];
  const quiet = (line: string) => {
    if (/"level":"(warn|error)"/.test(line) || /exited/.test(line)) log(line);
  };
  try {
    const common = { KAFKA_BROKERS: options.brokers, KAFKA_TOPIC_PREFIX: topics.prefix, HOST: '127.0.0.1', LONGVIEW_SERVICE_KEY: benchServiceKey };
    const commandUrl = `http://127.0.0.1:${options.portBase + 1}`;
    const command = new ServiceProcess({
      name: 'command',
      script: distMain('@longview/command-service'),
      env: { ...common, DATABASE_URL: eventsUrl, PORT: String(options.portBase + 1) },
      write: quiet,
    });
    processes.push(command);
    await command.ready;
    const queryUrls: string[] = [];
    for (let i = 0; i < options.queryInstances; i++) {
      const port = options.portBase + 2 + i;
      const query = new ServiceProcess({
        name: `query-${i + 1}`,
        script: distMain('@longview/query-service'),
        env: { ...common, QUERY_DATABASE_URL: readUrl, PORT: String(port), INSTANCE: `query-${i + 1}`, KAFKA_GROUP_ID: `bench-${run}` },
        write: quiet,
      });
      processes.push(query);
      queryUrls.push(`http://127.0.0.1:${port}`);
    }
    await Promise.all(processes.map((p) => p.ready));
    log(`processes: command-service (+ relay) ${commandUrl}; query-service ${queryUrls.join(', ')}`);

    // Setup (not measured): trusts to record observations for; each series gets its own months.
    const codes = Array.from({ length: options.series }, (_, i) => `B${i.toString(36).toUpperCase().padStart(3, '0')}`);
    for (const code of codes) {
      await post(commandUrl, 'RegisterTrust', { code, name: `Bench ${code}`, context: { kind: 'ACUTE', region: 'LONDON' }, effectiveFrom: '2000-01-01' });
    }
    const months = new Map(codes.map((c) => [c, 0]));
    const nextCommand = (code: string) => {
      const n = (months.get(code) ?? 0) + 1;
      months.set(code, n);
      const period = addMonths('2000-01', n - 1);
      return { trustCode: code, metric: 'ae-4hr', observations: [{ period, value: 50 + (n % 40) }] };
    };
    let turn = 0;
    const readUrlFor = () => queryUrls[turn++ % queryUrls.length] as string;
    const waitVisible = async (code: string, accepted: CommandAccepted) => {
      const started = performance.now();
      const response = await fetch(
        `${readUrlFor()}/series/${code}/ae-4hr?stream=${encodeURIComponent(accepted.streamId)}&minVersion=${accepted.version}&waitMs=30000`,
        { headers: { authorization: await benchCredential() } },
      );
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`read ${response.status}`);
      return performance.now() - started;
    };
    // Warm-up: JIT, connection pools, consumer fetch sessions.
    for (const code of codes.slice(0, 50)) await waitVisible(code, await post(commandUrl, 'RecordObservations', nextCommand(code)));

    // 1. Fixed rate, open loop: a command every 1/rate s; one series is never written concurrently.
    log(`\n== fixed rate: ${options.rate} commands/s for ${options.seconds} s`);
    const fixed = await phase(async (record) => {
      const total = options.rate * options.seconds;
      const start = performance.now();
      const chains = new Map<string, Promise<void>>();
      for (let i = 0; i < total; i++) {
        const due = start + (i * 1000) / options.rate;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        const code = codes[i % codes.length] as string;
        const previous = chains.get(code) ?? Promise.resolve();
        chains.set(
          code,
          previous.then(() => record(code, true)),
        );
      }
      await Promise.all(chains.values());
    });
    log(describePhase(fixed));

    // 2. Flat out: `workers` closed loops over disjoint series; every 5th write's visibility is measured.
    log(`\n== flat out: ${options.workers} concurrent writers for ${options.flatOutSeconds} s`);
    const flat = await phase(async (record) => {
      const stopAt = performance.now() + options.flatOutSeconds * 1000;
      await Promise.all(
        Array.from({ length: options.workers }, async (_, w) => {
          const mine = codes.filter((_, i) => i % options.workers === w);
          for (let i = 0; performance.now() < stopAt; i++) await record(mine[i % mine.length] as string, i % 5 === 0, true);
        }),
      );
    });
    log(describePhase(flat));

    // 3. Bare kafkajs on the same broker: batched idempotent produce -> consumer group, same message size.
    log(`\n== bare kafkajs: ${options.bareMessages} messages (~${BARE_VALUE.length} bytes), batches of 500, 6 partitions`);
    const bare = await bareKafkajs(options.bareMessages, topics.prefix);
    log(`produce -> consume: ${bare.toFixed(0)} messages/s`);

    log('\n== summary');
    log(`pipeline flat out: ${flat.eventsPerSecond.toFixed(0)} events/s sustained (commands -> readable); bare kafkajs: ${bare.toFixed(0)} messages/s`);
    log(`pipeline / bare kafkajs = ${(flat.eventsPerSecond / bare).toFixed(3)} (aim >= 0.5)`);
    log(`read-your-write at ${options.rate}/s: ${formatLatency(fixed.readYourWrite)} (aim p99 < 100 ms)`);

    async function phase(body: (record: (code: string, measure: boolean, awaitCommandOnly?: boolean) => Promise<void>) => Promise<void>): Promise<PhaseResult> {
      const mutation: number[] = [];
      const visible: number[] = [];
      const reads: Promise<void>[] = [];
      const lastAccepted = new Map<string, CommandAccepted>();
      let commands = 0;
      let errors = 0;
      const start = performance.now();
      const record = async (code: string, measure: boolean, awaitCommandOnly = false): Promise<void> => {
        const t0 = performance.now();
        let accepted: CommandAccepted;
        try {
          accepted = await post(commandUrl, 'RecordObservations', nextCommand(code));
        } catch (error) {
          if (errors++ < 3) log(`  command failed: ${String(error).slice(0, 300)}`);
          return;
        }
        mutation.push(performance.now() - t0);
        commands++;
        lastAccepted.set(code, accepted);
        if (!measure) return; // not sampled: its visibility is covered by the final per-series wait below
        const seen = waitVisible(code, accepted).then(
          (ms) => void visible.push(ms),
          (error: unknown) => {
            if (errors++ < 3) log(`  read failed: ${String(error).slice(0, 300)}`);
          },
        );
        reads.push(seen);
        if (!awaitCommandOnly) await seen;
      };
      await body(record);
      await Promise.all(reads);
      // Sustained throughput counts until the LAST command of every series is readable.
      await Promise.all(
        [...lastAccepted].map(([code, accepted]) =>
          waitVisible(code, accepted).catch((error: unknown) => {
            if (errors++ < 3) log(`  final read of ${accepted.streamId} v${accepted.version} failed: ${String(error).slice(0, 300)}`);
          }),
        ),
      );
      const seconds = (performance.now() - start) / 1000;
      return { commands, errors, seconds, eventsPerSecond: commands / seconds, mutation: summarise(mutation), readYourWrite: summarise(visible) };
    }
  } finally {
    for (const p of processes.reverse()) await p.stop();
    if (process.env['LONGVIEW_BENCH_KEEP'] === '1') {
      log(`kept: topics ${topics.prefix}*, databases lv_bench_events_${run}, lv_bench_read_${run}`);
      await admin.disconnect();
      return;
    }
    await admin.deleteTopics({ topics: topics.all }).catch(() => undefined);
    await admin.disconnect();
    const server = await openPostgres(options.serverUrl, { max: 1 });
    for (const name of [`lv_bench_events_${run}`, `lv_bench_read_${run}`])
      await server.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await server.close();
  }

  async function bareKafkajs(count: number, prefix: string): Promise<number> {
    const topic = `${prefix}bare`;
    await ensureTopics(admin, [topic], 6);
    const consumer = kafka.consumer({ groupId: `bench-bare-${run}`, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    let received = 0;
    let resolveDone: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (resolveDone = resolve));
    await consumer.run({
      eachBatch: async ({ batch }) => {
        received += batch.messages.length;
        if (received >= count) resolveDone();
      },
    });
    await sleep(1500); // group join
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const start = performance.now();
    for (let sent = 0; sent < count; sent += 500) {
      const n = Math.min(500, count - sent);
      await producer.send({ topic, acks: -1, messages: Array.from({ length: n }, (_, i) => ({ key: `series-B${(sent + i) % 400}`, value: BARE_VALUE })) });
    }
    await done;
    const seconds = (performance.now() - start) / 1000;
    await producer.disconnect();
    await consumer.disconnect();
    return count / seconds;
  }
}

function describePhase(r: PhaseResult): string {
  return [
    `commands: ${r.commands} in ${r.seconds.toFixed(1)} s -> ${r.eventsPerSecond.toFixed(0)} events/s readable (errors ${r.errors})`,
    `mutation (HTTP command -> answer): ${formatLatency(r.mutation)}`,
    `read-your-write (answer -> read model at that version): ${formatLatency(r.readYourWrite)}`,
  ].join('\n');
}

/** About the size of a RecordObservations event message (JSON body). */
const BARE_VALUE = JSON.stringify({ pad: 'x'.repeat(560) });

/** The bench's own service key, and a SYSTEM credential signed with it, renewed every 30 s (as the gateway's clients do). */
const benchServiceKey = randomBytes(32).toString('base64url');
let credential: { header: Promise<string>; renewAt: number } | undefined;
function benchCredential(): Promise<string> {
  if (!credential || Date.now() >= credential.renewAt) {
    const header = signServiceCredential(benchServiceKey, { actor: { id: 'pipeline-bench', role: 'SYSTEM' }, issuer: 'longview-cli' }).then(
      (t) => `Bearer ${t}`,
    );
    credential = { header, renewAt: Date.now() + 30_000 };
  }
  return credential.header;
}

async function post(url: string, type: string, data: unknown): Promise<CommandAccepted> {
  const response = await fetch(`${url}/commands/${type}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: await benchCredential() },
    body: JSON.stringify({ data }),
  });
  const body = (await response.json()) as CommandAccepted;
  if (response.status !== 200) throw new Error(`${type}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function distMain(pkg: string): string {
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), 'dist', 'main.js');
}
