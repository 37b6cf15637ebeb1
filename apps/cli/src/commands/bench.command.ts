import { parseArgs } from 'node:util';
import { brokersFromEnv } from '@longview/messaging';
import { parseOptions, usageError, UsageError } from '../cli-options';
import { runPipelineBench } from '../bench/pipeline-bench';

/**
 * `longview bench pipeline [--rate 200] [--seconds 15] [--flat-out-seconds 15] [--workers 16]
 * [--series 400] [--query-instances 1]`: see docs/benchmarks.md. Needs KAFKA_BROKERS and a
 * PostgreSQL (LONGVIEW_BENCH_PG_URL, else LONGVIEW_TEST_PG_URL, else infra/postgres' default).
 */
export async function runBench(args: readonly string[]): Promise<number> {
  const [what, ...rest] = args;
  if (what !== 'pipeline') return usageError(`bench: unknown benchmark "${what ?? ''}" (only "pipeline")`);
  let values;
  try {
    values = parseOptions(() =>
      parseArgs({
        args: [...rest],
        strict: true,
        options: {
          rate: { type: 'string' },
          seconds: { type: 'string' },
          'flat-out-seconds': { type: 'string' },
          workers: { type: 'string' },
          series: { type: 'string' },
          'query-instances': { type: 'string' },
          'bare-messages': { type: 'string' },
        },
      }).values,
    );
  } catch (error) {
    if (error instanceof UsageError) return usageError(`bench: ${error.message}`);
    throw error;
  }
  const brokers = brokersFromEnv();
  if (!brokers) return usageError('bench: KAFKA_BROKERS must be set (npm run bench:pipeline starts infra/kafka)');
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
