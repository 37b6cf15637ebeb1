/**
 * Append benchmark (not a test; no thresholds): `npm run bench:append`, or after a build
 * `node apps/cli/dist/bench/append-bench.js [--workers 16] [--seconds 4] [--rounds 3]`.
 *
 * On the PostgreSQL of infra/ (LONGVIEW_TEST_PG_URL, else postgres://postgres@127.0.0.1:54329/postgres;
 * a database of its own per run), `workers` concurrent writers for `seconds`, in `rounds`
 * interleaved rounds (medians reported):
 * - baseline `raw pg`: single-row INSERT, one row per transaction, one pg pool of `workers` clients;
 * - `append alone`: EventStore.appendToStream of 1 event with an expected version and a command id
 *   (what a command does), each in its own transaction (the store before group commit);
 * - `append`: the same with group commit (what both modes run).
 * Ends with one JSON line per path: {"bench","value","unit","baseline","baselineName","ratio"}.
 */
import { randomBytes } from 'node:crypto';
import { EventStore, openPostgres, type Database } from '@longview/event-store';
import { ensureDatabase } from '../platform/distributed-platform';
import { benchLine, flag, median } from './bench-lines';
import { flatOut, rawPgBaselineName, rawPgInsertRate } from './raw-pg-baseline';

interface Options {
  readonly serverUrl: string;
  readonly workers: number;
  readonly seconds: number;
  readonly rounds: number;
}

async function appendPath(db: Database, groupCommit: boolean, options: Options, run: string): Promise<number> {
  const store = new EventStore(db, { groupCommit });
  const versions = new Array<number>(options.workers).fill(0);
  const label = groupCommit ? 'gc' : 'solo';
  return flatOut(options.workers, options.seconds, async (worker, i) => {
    const streamId = `bench-${run}-${label}-${worker}-${Math.floor(i / 1000)}`;
    const expected = i % 1000 === 0 ? 'no_stream' : (versions[worker] as number);
    const result = await store.appendToStream(
      streamId,
      [
        {
          type: 'BenchHappened',
          schemaVersion: 1,
          data: { worker, i },
          metadata: { occurredAt: new Date().toISOString(), actor: { id: `w${worker}`, role: 'TRUST_EDITOR', trustCode: 'RJ1' } },
        },
      ],
      { expectedVersion: expected, commandId: `${run}-${label}-${worker}-${i}`, commandType: 'Bench', fingerprint: `${worker}-${i}` },
    );
    versions[worker] = result.version;
  });
}

export async function runAppendBench(options: Options, log: (line: string) => void): Promise<void> {
  const run = randomBytes(3).toString('hex');
  const url = await ensureDatabase(options.serverUrl, `lv_bench_append_${run}`);
  const db = await openPostgres(url, { max: options.workers });
  const admin = await openPostgres(options.serverUrl, { max: 1 });
  try {
    await new EventStore(db).migrate();
    const raw: number[] = [];
    const solo: number[] = [];
    const grouped: number[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      raw.push(await rawPgInsertRate(db, options.workers, options.seconds));
      solo.push(await appendPath(db, false, options, `${run}r${round}`));
      grouped.push(await appendPath(db, true, options, `${run}r${round}`));
      log(
        `round ${round}: raw pg ${raw.at(-1)?.toFixed(0)}/s, append alone ${solo.at(-1)?.toFixed(0)}/s, append with group commit ${grouped.at(-1)?.toFixed(0)}/s`,
      );
    }
    const baseline = median(raw);
    const baselineName = rawPgBaselineName(options.workers);
    log(benchLine('append-alone', median(solo), 'events/s', baseline, baselineName));
    log(benchLine('append', median(grouped), 'events/s', baseline, baselineName));
  } finally {
    await db.close();
    await admin.query(`DROP DATABASE IF EXISTS lv_bench_append_${run} WITH (FORCE)`).catch(() => undefined);
    await admin.close();
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  runAppendBench(
    {
      serverUrl: process.env['LONGVIEW_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:54329/postgres',
      workers: flag(args, '--workers', 16),
      seconds: flag(args, '--seconds', 4),
      rounds: flag(args, '--rounds', 3),
    },
    (line) => console.log(line),
  ).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
