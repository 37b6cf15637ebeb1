import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { addMonths } from '@longview/analytics';
import { openPostgres, type Database } from '@longview/event-store';
import { createKafka, ensureTopics, fromEventMessage, silentLogger, TopicNames } from '@longview/messaging';
import { signServiceCredential } from '@longview/service-auth';
import { ensureDatabase } from '../platform/distributed-platform';
import { ServiceProcess } from '../platform/service-process';
import { benchLine } from './bench-lines';
import { formatLatency, summarise, type LatencySummary } from './latency-stats';
import { CpuAccount, pidListeningOn } from './process-cpu';
import { rawPgBaselineName, rawPgInsertRate } from './raw-pg-baseline';

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
 * -> Kafka -> query-service consumer group -> readable, at a fixed rate and flat out. Not a test: it
 * prints figures, and ends with two JSON lines (bench-lines.ts):
 * - `pipeline`: flat-out sustained events/s, against raw `pg` single-row inserts by as many clients
 *   as the pipeline has writers, run in this process on this PostgreSQL just before the flat-out phase;
 * - `ryw-<rate>` (`ryw-200` by default): p99 read-your-write ms at the fixed rate, against the p99
 *   commit-to-Kafka delay of the same commands (lower is better; the ratio is still value / baseline).
 * Also printed: CPU ms per command of each process during the flat-out phase, and a bare kafkajs
 * produce -> consume loop on the same broker.
 *
 * Read-your-write latency = from the mutation's HTTP answer to the read model having applied that
 * stream version, measured as the duration of `GET /series/...?stream=&minVersion=` issued right
 * after the answer (the query-service answers it as soon as its checkpoint reaches the version).
 *
 * Commit-to-Kafka = from the same answer (the driver's wall clock when it arrives) to the broker's
 * append of that event: the bench's topics are created with `message.timestamp.type=LogAppendTime`,
 * so each record's timestamp is the broker's clock when it wrote the record (same machine, same
 * clock). The records are read back after the fixed-rate phase, so measuring costs the phase nothing.
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
  // LogAppendTime: a record's timestamp is when the broker appended it (read back for commit-to-Kafka).
  await admin.createTopics({
    waitForLeaders: false,
    topics: topics.all.map((topic) => ({
      topic,
      numPartitions: 6,
      replicationFactor: 1,
      configEntries: [{ name: 'message.timestamp.type', value: 'LogAppendTime' }],
    })),
  });
  await ensureTopics(admin, topics.all, 6);
  log(
    `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}, node ${process.version}`,
  );
  log(`run ${run}: topics ${topics.prefix}*, 6 partitions; databases lv_bench_*_${run}`);

  const processes: ServiceProcess[] = [];
  /** The services' processes by the name their CPU is reported under. */
  const cpuNames = new Map<ServiceProcess, string>();
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
    cpuNames.set(command, 'command-service');
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
      cpuNames.set(query, options.queryInstances === 1 ? 'query-service' : `query-service-${i + 1}`);
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
    const answeredAt = new Map<string, number>();
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
    }, answeredAt);
    log(describePhase(fixed));
    const onTopic = await commitToKafkaDelays(answeredAt);
    log(
      `commit-to-Kafka (answer -> broker's LogAppendTime of that event): ${formatLatency(onTopic.delays)}; ${onTopic.found} of ${answeredAt.size} events found on the topic`,
    );

    // The baseline of the `pipeline` line: raw pg inserts, as many clients as writers, on this server, now.
    log(`\n== raw pg: ${options.workers} clients, single-row INSERT, 1 row/txn, for ${options.flatOutSeconds} s`);
    const rawDb = await openPostgres(eventsUrl, { max: options.workers });
    const rawPg = await rawPgInsertRate(rawDb, options.workers, options.flatOutSeconds).finally(() => rawDb.close());
    log(`raw pg: ${rawPg.toFixed(0)} inserts/s`);

    // 2. Flat out: `workers` closed loops over disjoint series; every 5th write's visibility is measured.
    log(`\n== flat out: ${options.workers} concurrent writers for ${options.flatOutSeconds} s`);
    const cpu = await accountCpu();
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
    log(await cpu.report(flat));

    // 3. Bare kafkajs on the same broker: batched idempotent produce -> consumer group, same message size.
    log(`\n== bare kafkajs: ${options.bareMessages} messages (~${BARE_VALUE.length} bytes), batches of 500, 6 partitions`);
    const bare = await bareKafkajs(options.bareMessages, topics.prefix);
    log(`produce -> consume: ${bare.toFixed(0)} messages/s`);

    log('\n== summary');
    log(
      `pipeline flat out: ${flat.eventsPerSecond.toFixed(0)} events/s sustained (commands -> readable); raw pg ${rawPg.toFixed(0)} inserts/s (aim: ratio >= 0.25); bare kafkajs ${bare.toFixed(0)} messages/s`,
    );
    log(`read-your-write at ${options.rate}/s: ${formatLatency(fixed.readYourWrite)} (aim p99 < 100 ms)`);
    log(`commit-to-Kafka at ${options.rate}/s: ${formatLatency(onTopic.delays)}`);
    log(
      `ryw-${options.rate}: lower is better (a latency); its ratio is still value / baseline = read-your-write p99 / commit-to-Kafka p99, so 1 would mean the read side adds nothing to the Kafka leg`,
    );
    log(benchLine('pipeline', flat.eventsPerSecond, 'events/s', rawPg, rawPgBaselineName(options.workers)));
    log(
      benchLine(
        `ryw-${options.rate}`,
        fixed.readYourWrite.p99,
        'ms p99',
        onTopic.delays.p99,
        `commit-to-Kafka p99, same commands (answer -> broker LogAppendTime), ${options.rate}/s distributed`,
      ),
    );

    /**
     * CPU of every process of the pipeline over the flat-out phase: the services, this driver, the
     * Kafka broker (the process listening on the first broker's port, if it is on this machine) and
     * the PostgreSQL backends connected to the bench's two databases (sampled each second: backends
     * come and go with the pools).
     */
    async function accountCpu(): Promise<{ report: (result: PhaseResult) => Promise<string> }> {
      const [brokerHost, brokerPort] = (options.brokers.split(',')[0] ?? '').split(':');
      const kafkaPid = brokerHost && /^(127\.0\.0\.1|localhost)$/.test(brokerHost) ? pidListeningOn(Number(brokerPort)) : undefined;
      const server = await openPostgres(options.serverUrl, { max: 1 });
      const account = new CpuAccount(async () => {
        const fixedProcesses = [
          ...processes.flatMap((p) => (p.child.pid === undefined ? [] : [{ group: cpuNames.get(p) ?? 'service', pid: p.child.pid }])),
          { group: 'driver', pid: process.pid },
          ...(kafkaPid === undefined ? [] : [{ group: 'kafka', pid: kafkaPid }]),
        ];
        return [...fixedProcesses, ...(await backendsOf(server))];
      });
      await account.start();
      let sampling = Promise.resolve();
      // Samples run one after another; a failed one (the activity query) is skipped, the next reads the same processes again.
      const timer = setInterval(() => {
        sampling = sampling.then(() => account.sample()).catch(() => undefined);
      }, 1000);
      return {
        report: async (result) => {
          clearInterval(timer);
          await sampling;
          await account.sample();
          await server.close();
          const perCommand = (ms: number) => `${(ms / Math.max(1, result.commands)).toFixed(2)} ms`;
          const parts = account.groupNames.map((group) => {
            const used = account.usedMs(group);
            const label = group === POSTGRES_BACKENDS ? `${group} (${used.processes})` : group;
            return `${label} ${perCommand(used.ms)} (${((used.ms / (result.seconds * 1000)) * 100).toFixed(0)} % of a core)`;
          });
          const total = account.groupNames.reduce((sum, group) => sum + account.usedMs(group).ms, 0);
          const missing = kafkaPid === undefined ? '; kafka not counted (broker process not found on this machine)' : '';
          return `CPU per command, flat out (${result.commands} commands, ${result.seconds.toFixed(1)} s; /proc utime+stime): ${parts.join(', ')}; total ${perCommand(total)}${missing}`;
        },
      };
    }

    async function backendsOf(server: Database): Promise<{ group: string; pid: number }[]> {
      const rows = await server.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = ANY($1::text[])', [
        [`lv_bench_events_${run}`, `lv_bench_read_${run}`],
      ]);
      return rows.rows.map((row) => ({ group: POSTGRES_BACKENDS, pid: Number(row.pid) }));
    }

    /** Reads the events of `answeredAt` back from the event topics: broker append time minus answer time, per event. */
    async function commitToKafkaDelays(answered: ReadonlyMap<string, number>): Promise<{ delays: LatencySummary; found: number }> {
      const [described] = (await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: 2 /* TOPIC */, name: topics.eventTopics[0] as string }] }))
        .resources;
      const timestampType = described?.configEntries.find((entry) => entry.configName === 'message.timestamp.type')?.configValue;
      if (timestampType !== 'LogAppendTime') throw new Error(`the bench's topics must use LogAppendTime timestamps, ${String(timestampType)} found`);
      // By event: the relay is at-least-once, and a re-sent record's later append time is not the event's.
      const delays = new Map<string, number>();
      const consumer = kafka.consumer({ groupId: `bench-on-topic-${run}`, maxWaitTimeInMs: 100 });
      await consumer.connect();
      try {
        await consumer.subscribe({ topics: topics.eventTopics, fromBeginning: true });
        let resolveDone: () => void = () => undefined;
        const done = new Promise<void>((resolve) => (resolveDone = resolve));
        await consumer.run({
          eachBatch: async ({ batch }) => {
            for (const message of batch.messages) {
              const event = fromEventMessage(message.value);
              const key = `${event.streamId}@${event.streamVersion}`;
              const at = answered.get(key);
              if (at !== undefined && !delays.has(key)) delays.set(key, Number(message.timestamp) - at);
            }
            if (delays.size >= answered.size) resolveDone();
          },
        });
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([done, new Promise((resolve) => (timer = setTimeout(resolve, 30_000)))]);
        clearTimeout(timer);
      } finally {
        await consumer.disconnect();
      }
      if (delays.size === 0) throw new Error(`none of the ${answered.size} events of the fixed-rate phase was found on the topics within 30 s`);
      return { delays: summarise([...delays.values()]), found: delays.size };
    }

    async function phase(
      body: (record: (code: string, measure: boolean, awaitCommandOnly?: boolean) => Promise<void>) => Promise<void>,
      answeredAt?: Map<string, number>,
    ): Promise<PhaseResult> {
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
          answeredAt?.set(`${accepted.streamId}@${accepted.version}`, Date.now());
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

const POSTGRES_BACKENDS = 'postgres backends';

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
