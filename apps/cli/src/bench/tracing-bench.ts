/**
 * Tracing overhead (not a test; no thresholds): `npm run bench:tracing`, or after a build
 * `node apps/cli/dist/bench/tracing-bench.js [--mutations 200] [--rounds 3]`.
 *
 * One embedded platform (PGlite in memory, ports picked free) in this process; per round,
 * `mutations` registerTrust mutations through the gateway one after another (each waits for its
 * read model) with tracing off, then the same with tracing on (an in-memory exporter, so the
 * figure is the cost of making the spans, not of shipping them). Ends with one JSON line
 * {"bench","value","unit","baseline","baselineName","ratio"} of the medians, and the spans per mutation.
 */
import { signDevToken } from '@longview/gateway';
import { startTracing } from '@longview/tracing';
import { InMemorySpanExporter } from '@longview/tracing/testing';
import { startEmbeddedPlatform } from '../platform/embedded-platform';
import { benchLine, flag, median } from './bench-lines';

const MUTATION = 'mutation BenchRegister($input: RegisterTrustInput!) { registerTrust(input: $input) { position } }';

export async function runTracingBench(options: { mutations: number; rounds: number }, print: (line: string) => void): Promise<void> {
  const platform = await startEmbeddedPlatform({ gatewayPort: 0, commandPort: 0, queryPort: 0 });
  try {
    const url = `${platform.gatewayUrl ?? ''}/graphql`;
    const authorization = `Bearer ${signDevToken({ role: 'ADMIN' }, platform.jwtSecret)}`;
    let next = 0;
    // ms per mutation over `count` mutations, each a new trust (ODS-like codes T0000, T0001, ...).
    const run = async (count: number): Promise<number> => {
      const started = process.hrtime.bigint();
      for (let i = 0; i < count; i++) {
        const code = `T${String(next++).padStart(4, '0')}`;
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization },
          body: JSON.stringify({
            query: MUTATION,
            variables: { input: { code, name: `Bench ${code} NHS Trust`, context: { kind: 'ACUTE', region: 'LONDON' } } },
          }),
        });
        const body = (await response.json()) as { errors?: unknown };
        if (body.errors) throw new Error(`registerTrust failed: ${JSON.stringify(body.errors)}`);
      }
      return Number(process.hrtime.bigint() - started) / 1e6 / count;
    };
    await run(Math.min(50, options.mutations)); // warm-up
    const off: number[] = [];
    const on: number[] = [];
    let spans = 0;
    for (let round = 1; round <= options.rounds; round++) {
      off.push(await run(options.mutations));
      const exporter = new InMemorySpanExporter();
      const tracing = startTracing({ serviceName: 'tracing-bench', exporter });
      on.push(await run(options.mutations));
      await new Promise((resolve) => setTimeout(resolve, 300)); // the last projection spans
      spans = exporter.getFinishedSpans().length / options.mutations;
      await tracing.shutdown();
      print(`round ${round}: off ${off.at(-1)?.toFixed(2)} ms, on ${on.at(-1)?.toFixed(2)} ms per mutation, ${spans.toFixed(1)} spans per mutation`);
    }
    print(benchLine('tracing on: ms per mutation (embedded, through the gateway)', median(on), 'ms', median(off), 'tracing off'));
  } finally {
    await platform.stop();
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  runTracingBench({ mutations: flag(args, '--mutations', 200), rounds: flag(args, '--rounds', 3) }, (line) => console.log(line)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
