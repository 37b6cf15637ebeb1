/**
 * Embedded mutations benchmark (not a test; no thresholds): `npm run bench:mutations`, or after a
 * build `node apps/cli/dist/bench/mutations-bench.js [--workers 16] [--seconds 6] [--rounds 3]`.
 *
 * `workers` concurrent writers, each on its own trust's `ae-4hr` series, one month per command,
 * for `seconds`, in `rounds` interleaved rounds (medians reported):
 * - `embedded-mutations`: `recordObservations` through the gateway of an embedded platform in this
 *   process (PGlite in memory): HTTP, token check, command service, group-committed append, the
 *   in-process feed, and the mutation's read-back of its series at the new version;
 * - baseline: the same command handler (ExecuteDomainCommandHandler: fold, decide, append with
 *   group commit) called directly on an event store of its own on PGlite in memory, without HTTP
 *   and without read models.
 * Also printed: CPU ms per command of this process (all of the platform runs in it), and SQL
 * statements per mutation through the gateway (append, read models, checkpoints, read-back).
 * Ends with one JSON line: {"bench","value","unit","baseline","baselineName","ratio"}.
 */
import { randomUUID } from 'node:crypto';
import { ExecuteDomainCommand, ExecuteDomainCommandHandler, SystemClock } from '@longview/command-service';
import type { Actor } from '@longview/domain';
import { EventStore, openPglite } from '@longview/event-store';
import { signDevToken } from '@longview/gateway';
import { startEmbeddedPlatform } from '../platform/embedded-platform';
import { benchLine, flag, median } from './bench-lines';
import { StatementCounter } from './statement-counter';

const REGISTER = 'mutation BenchRegister($input: RegisterTrustInput!) { registerTrust(input: $input) { position } }';
const RECORD = 'mutation BenchRecord($input: RecordObservationsInput!) { recordObservations(input: $input) { position series { metric } } }';
const ADMIN: Actor = { id: 'bench-admin', role: 'ADMIN' };

interface Options {
  readonly workers: number;
  readonly seconds: number;
  readonly rounds: number;
}

/**
 * The n-th month from January 1000 (each worker's commands are months of its own series): a series
 * takes each month once, and from 1990 a fast handler ran past the current month within a run.
 */
function month(n: number): string {
  return `${1000 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
}

/** `workers` loops of `op` for `seconds`; operations per second and CPU ms per operation. */
async function flatOut(options: Options, op: (worker: number) => Promise<void>): Promise<{ perSecond: number; cpuMs: number; done: number }> {
  const until = Date.now() + options.seconds * 1000;
  let done = 0;
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: options.workers }, async (_, worker) => {
      while (Date.now() < until) {
        await op(worker);
        done++;
      }
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  return { perSecond: done / elapsed, cpuMs: (used.user + used.system) / 1000 / Math.max(1, done), done };
}

export async function runMutationsBench(options: Options, log: (line: string) => void): Promise<void> {
  const counter = new StatementCounter();
  const platform = await startEmbeddedPlatform({ gatewayPort: 0, commandPort: 0, queryPort: 0, wrapDatabase: (db) => counter.wrap(db) });
  const bareDb = await openPglite({});
  try {
    const url = `${platform.gatewayUrl ?? ''}/graphql`;
    const authorization = `Bearer ${signDevToken({ role: 'ADMIN' }, platform.jwtSecret)}`;
    const graphql = async (query: string, variables: Record<string, unknown>) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { errors?: unknown };
      if (body.errors) throw new Error(`mutation failed: ${JSON.stringify(body.errors).slice(0, 300)}`);
    };
    const bareStore = new EventStore(bareDb, { groupCommit: true });
    await bareStore.migrate();
    const handler = new ExecuteDomainCommandHandler(bareStore, new SystemClock());
    const bare = (type: 'RegisterTrust' | 'RecordObservations', data: Record<string, unknown>) =>
      handler.execute(new ExecuteDomainCommand(type, data, randomUUID(), ADMIN, undefined));

    const codes = Array.from({ length: options.workers }, (_, i) => `B${String(i).padStart(3, '0')}`);
    const context = { kind: 'ACUTE', region: 'LONDON' };
    for (const code of codes) {
      await graphql(REGISTER, { input: { code, name: `Bench ${code} NHS Trust`, context } });
      await bare('RegisterTrust', { code, name: `Bench ${code} NHS Trust`, context, effectiveFrom: '2020-01-01' });
    }
    const next = { gateway: new Array<number>(options.workers).fill(0), bare: new Array<number>(options.workers).fill(0) };
    const observation = (worker: number, n: number) => ({ period: month(n), value: 70 + ((worker * 7 + n * 13) % 25) });
    const gatewayOp = async (worker: number) => {
      const n = (next.gateway[worker] as number)++;
      await graphql(RECORD, { input: { trustCode: codes[worker], metric: 'ae-4hr', observations: [observation(worker, n)] } });
    };
    const bareOp = async (worker: number) => {
      const n = (next.bare[worker] as number)++;
      await bare('RecordObservations', { trustCode: codes[worker], metric: 'ae-4hr', observations: [observation(worker, n)] });
    };
    // Warm-up of both paths (JIT, caches, the first fold of each stream).
    await flatOut({ ...options, seconds: 1 }, gatewayOp);
    await flatOut({ ...options, seconds: 1 }, bareOp);

    const gateway: number[] = [];
    const baseline: number[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      const statementsBefore = counter.statements;
      const g = await flatOut(options, gatewayOp);
      const statements = (counter.statements - statementsBefore) / Math.max(1, g.done);
      const b = await flatOut(options, bareOp);
      gateway.push(g.perSecond);
      baseline.push(b.perSecond);
      log(
        `round ${round}: through the gateway ${g.perSecond.toFixed(0)} mutations/s (${g.cpuMs.toFixed(2)} ms CPU each, gateway + services + PGlite; ${statements.toFixed(1)} SQL statements each); handler alone ${b.perSecond.toFixed(0)} commands/s (${b.cpuMs.toFixed(2)} ms CPU each)`,
      );
    }
    log(benchLine('embedded-mutations', median(gateway), 'mutations/s', median(baseline), 'the same command handler on PGlite, without HTTP or read models'));
  } finally {
    await bareDb.close();
    await platform.stop();
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  runMutationsBench({ workers: flag(args, '--workers', 16), seconds: flag(args, '--seconds', 6), rounds: flag(args, '--rounds', 3) }, (line) =>
    console.log(line),
  ).catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exitCode = 1;
  });
}
