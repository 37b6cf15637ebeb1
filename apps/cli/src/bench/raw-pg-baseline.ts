import type { Database } from '@longview/event-store';

/** Runs `workers` closed loops of `op` for `seconds`; operations per second. */
export async function flatOut(workers: number, seconds: number, op: (worker: number, i: number) => Promise<void>): Promise<number> {
  const until = Date.now() + seconds * 1000;
  let done = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (let i = 0; Date.now() < until; i++) {
        await op(worker, i);
        done++;
      }
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  return done / elapsed;
}

/**
 * The raw `pg` baseline of the append and pipeline benches: `workers` clients of `db` (a pool of at
 * least that many connections), each inserting one row per transaction (a single-row INSERT in
 * autocommit) into a table of its own in that database, for `seconds`. Inserts per second.
 */
export async function rawPgInsertRate(db: Database, workers: number, seconds: number): Promise<number> {
  await db.query('CREATE TABLE IF NOT EXISTS bench_raw (id bigserial PRIMARY KEY, stream text NOT NULL, data jsonb NOT NULL)');
  return flatOut(workers, seconds, async (worker, i) => {
    await db.query('INSERT INTO bench_raw (stream, data) VALUES ($1, $2::jsonb)', [`w${worker}`, JSON.stringify({ worker, i })]);
  });
}

export function rawPgBaselineName(workers: number): string {
  return `raw pg single-row insert, 1 row/txn, ${workers} clients`;
}
