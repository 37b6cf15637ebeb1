/**
 * Rebuild benchmark (not a test; no thresholds): `npm run bench:rebuild`, or after a build
 * `node apps/cli/dist/bench/rebuild-bench.js [--rounds 3]`.
 *
 * An embedded platform in memory (PGlite) loaded with the generated demo data (seed 20161), then,
 * in `rounds` interleaved rounds (medians reported):
 * - baseline `readAll`: the whole log read in pages of 5000 (what any replay must at least do);
 * - `rebuild`: every projection rebuilt from the log (`longview replay --all`).
 * Also printed: SQL statements per event applied by the rebuild.
 * Ends with one JSON line: {"bench":"rebuild","value","unit","baseline","baselineName","ratio"}.
 */
import { DEMO_SEED, generateDemoData } from '../demo';
import { sendSteps } from '../platform/demo-loader';
import { cliClients } from '../platform/service-key';
import { startEmbeddedPlatform } from '../platform/embedded-platform';
import { benchLine, flag, median } from './bench-lines';
import { StatementCounter } from './statement-counter';

export async function runRebuildBench(options: { rounds: number }, log: (line: string) => void): Promise<void> {
  const counter = new StatementCounter();
  const platform = await startEmbeddedPlatform({ gatewayPort: 0, commandPort: 0, queryPort: 0, withGateway: false, wrapDatabase: (db) => counter.wrap(db) });
  try {
    const plan = generateDemoData(DEMO_SEED);
    log(`loading the demo data (${plan.steps.length} commands)…`);
    const { commands } = cliClients({ commandUrl: platform.commandService.url, queryUrl: platform.queryService.url }, platform.serviceKey, {
      id: 'bench-loader',
      role: 'SYSTEM',
    });
    await sendSteps(commands, plan.steps, { idPrefix: `bench-${DEMO_SEED}` });
    await platform.queryService.follower?.catchUp();
    const head = await platform.eventStore.headPosition();
    const reads: number[] = [];
    const rebuilds: number[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      let started = process.hrtime.bigint();
      let read = 0;
      for (let after = 0n; ;) {
        const page = await platform.eventStore.readAll({ after, limit: 5000 });
        if (page.length === 0) break;
        read += page.length;
        after = page[page.length - 1]?.globalPosition ?? after;
      }
      reads.push(read / (Number(process.hrtime.bigint() - started) / 1e9));
      started = process.hrtime.bigint();
      const statementsBefore = counter.statements;
      const result = await platform.queryService.runner.rebuild({});
      const statements = (counter.statements - statementsBefore) / Math.max(1, result.applied);
      rebuilds.push(result.applied / (Number(process.hrtime.bigint() - started) / 1e9));
      log(
        `round ${round}: ${read} events (head ${head}); readAll ${reads.at(-1)?.toFixed(0)} ev/s, rebuild ${rebuilds.at(-1)?.toFixed(0)} ev/s (${result.applied} applied, ${statements.toFixed(2)} SQL statements per event)`,
      );
    }
    log(benchLine('rebuild', median(rebuilds), 'events/s', median(reads), 'readAll alone, pages of 5000, same log'));
  } finally {
    await platform.stop();
  }
}

if (require.main === module) {
  runRebuildBench({ rounds: flag(process.argv.slice(2), '--rounds', 3) }, (line) => console.log(line)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exitCode = 1;
  });
}
