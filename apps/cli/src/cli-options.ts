import path from 'node:path';

export const USAGE = `longview <command> [options]

Commands:
  start [--data DIR] [--port 4000]        start the whole platform in this process (embedded: PGlite + in-process feed);
                                          the first start loads generated demo data
  start --distributed [--port 4000]       Kafka + PostgreSQL (infra/), command-service, 2 query-service instances and the
                                          gateway as separate processes with prefixed logs; Ctrl-C stops them all
  parked [--retry] [--stream ID] [--json] list events the query side parked (distributed mode); --retry re-applies them
  replay --projection NAME | --all        rebuild read models from the event log, with progress
                                          (parked/replay: QUERY_DATABASE_URL and DATABASE_URL, or --data DIR for embedded data)
  bench pipeline [--rate 200] …           benchmark commands -> Kafka -> readable (see docs/benchmarks.md)
  import ae --file F [--ods F]            import NHS England A&E attendances (tidy CSV) as monthly ae-4hr series
  token --role ROLE [--trust CODE]        print a dev token (embedded mode) for trust-editor|policymaker|community|admin
  spc --input F --value COL --date COL …  SPC (Making Data Count) on a CSV; see docs/analytics.md
  pool --input F                          DerSimonian-Laird random-effects pooling of study,yi,vi rows
  help                                    this text
`;

export function usageError(message: string): number {
  process.stderr.write(`longview: ${message}\n\n${USAGE}`);
  return 2;
}

/** Runs a node:util parseArgs call, turning its errors (unknown option, missing value) into UsageError. */
export function parseOptions<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export function dataDirFrom(value: string | undefined): string {
  return path.resolve(value ?? path.join(process.cwd(), '.longview', 'data'));
}
