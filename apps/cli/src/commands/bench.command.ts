import { brokersFromEnv } from '@longview/messaging';
import { commandUsageError, parseCommandLine, wantsHelp } from '../cli-options';
import { runPipelineBench } from '../bench/pipeline-bench';

export const BENCH_PIPELINE = {
  name: 'bench pipeline',
  usage: `usage: longview bench pipeline [--rate 200] [--seconds 15] [--flat-out-seconds 15] [--workers 16]
                                [--series 400] [--query-instances 1] [--bare-messages 20000]

Benchmarks commands -> Kafka -> readable in distributed mode: read-your-write latency at a fixed
rate beside its commit-to-Kafka part, throughput flat out beside raw pg inserts by as many clients,
CPU per command of each process, and a bare kafkajs loop; ends with the JSON lines \`pipeline\` and
\`ryw-<rate>\` (docs/benchmarks.md). Needs KAFKA_BROKERS and a
PostgreSQL (LONGVIEW_BENCH_PG_URL, else LONGVIEW_TEST_PG_URL, else infra/postgres' default);
services on ports from LONGVIEW_BENCH_PORT_BASE (default 4700).

  -h, --help   this text
`,
  options: {
    rate: { type: 'string' },
    seconds: { type: 'string' },
    'flat-out-seconds': { type: 'string' },
    workers: { type: 'string' },
    series: { type: 'string' },
    'query-instances': { type: 'string' },
    'bare-messages': { type: 'string' },
  },
} as const;

/** `longview bench pipeline …`: see BENCH_PIPELINE.usage. */
export async function runBench(args: readonly string[]): Promise<number> {
  const [what, ...rest] = args;
  if (what !== 'pipeline') {
    if (what !== undefined && wantsHelp([what])) {
      process.stdout.write(BENCH_PIPELINE.usage);
      return 0;
    }
    return commandUsageError(BENCH_PIPELINE, `unknown benchmark "${what ?? ''}" (only "pipeline")`);
  }
  const parsed = parseCommandLine(BENCH_PIPELINE, rest);
  if ('exitCode' in parsed) return parsed.exitCode;
  const { values } = parsed;
  const brokers = brokersFromEnv();
  if (!brokers) return commandUsageError(BENCH_PIPELINE, 'KAFKA_BROKERS must be set (npm run bench:pipeline starts infra/kafka)');
  const int = (value: string | undefined, fallback: number) => (value === undefined ? fallback : Number(value));
  await runPipelineBench({
    brokers: brokers.join(','),
    serverUrl: process.env['LONGVIEW_BENCH_PG_URL'] ?? process.env['LONGVIEW_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:54329/postgres',
    rate: int(values.rate, 200),
    seconds: int(values.seconds, 15),
    flatOutSeconds: int(values['flat-out-seconds'], 15),
    workers: int(values.workers, 16),
    series: int(values.series, 400),
    queryInstances: int(values['query-instances'], 1),
    portBase: Number(process.env['LONGVIEW_BENCH_PORT_BASE'] ?? 4700),
    bareMessages: int(values['bare-messages'], 20000),
    log: (line) => process.stdout.write(`${line}\n`),
  });
  return 0;
}
