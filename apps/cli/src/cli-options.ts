import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';

export const USAGE = `longview <command> [options]

Commands:
  start [--data DIR] [--port 4000]        start the whole platform in this process (embedded: PGlite + in-process feed);
                                          the first start loads generated demo data
  start --distributed [--port 4000]       Kafka + PostgreSQL (infra/), command-service, 2 query-service instances and the
                                          gateway as separate processes with prefixed logs; Ctrl-C stops them all
  parked [--retry] [--stream ID] [--json] list events the query side parked (distributed mode); --retry re-applies them
  replay --projection NAME | --all        rebuild read models from the event log, with progress
                                          (parked/replay: QUERY_DATABASE_URL and DATABASE_URL, or --data DIR for embedded data)
  backup --out FILE                       a consistent backup of the event log (embedded --data DIR, running or not,
                                          or --distributed), NDJSON with a SHA-256 checksum
  restore --in FILE [--force]             verify a backup, restore it into an empty store, rebuild the read models
  export [--format ndjson|csv] [--read-model NAME] [--out FILE]
                                          the event log (default) or a read model, for analysts; stdout unless --out
  bench pipeline [--rate 200] …           benchmark commands -> Kafka -> readable (see docs/benchmarks.md)
  import ae --file F [--ods F]            import NHS England A&E attendances (tidy CSV) as monthly ae-4hr series
  import series --file F --trust COL --metric CODE --date COL --value COL [--numerator COL --denominator COL]
                                          import any trust's own monthly series of a catalogue metric
                                          into the platform running on --data DIR, or into DIR directly
  token --role ROLE [--trust CODE]        print a dev token (embedded mode) for trust-editor|policymaker|community|admin
  spc --input F --value COL --date COL …  SPC on a CSV: --chart xmr (Making Data Count), run, p, pp, u, up; see docs/analytics.md
  pool --input F                          random-effects pooling of study,yi,vi rows: --method DL|REML|PM, --test z|knha
  help [COMMAND]                          this text, or a command's usage (as does \`longview COMMAND --help\`)

Ports: the gateway listens on --port N (default 4000, or LONGVIEW_PORT), command-service on N+1 and
query-service on N+2; --command-port / LONGVIEW_COMMAND_PORT and --query-port / LONGVIEW_QUERY_PORT
override those two. Data: --data DIR (default .longview/data) holds the event log, the read models,
the dev key (dev-jwt-secret) and, while a platform runs, its run file (longview-platform.json).
`;

/** One subcommand's command line: its usage text and its node:util parseArgs options. */
export interface CommandLine<O extends NonNullable<ParseArgsConfig['options']>> {
  /** As the user types it, e.g. `import ae`. */
  readonly name: string;
  readonly usage: string;
  readonly options: O;
}

type Values<O extends NonNullable<ParseArgsConfig['options']>> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: false }>
>['values'];

export type Parsed<O extends NonNullable<ParseArgsConfig['options']>> = { readonly values: Values<O> } | { readonly exitCode: number };

export function wantsHelp(args: readonly string[]): boolean {
  return args.includes('--help') || args.includes('-h');
}

/**
 * Parses a subcommand's arguments with node:util parseArgs (strict: unknown options and stray
 * arguments are errors). `--help`/`-h` prints the usage on stdout (exit 0); a bad command line
 * prints one line naming the problem and the usage on stderr (exit 2).
 */
export function parseCommandLine<O extends NonNullable<ParseArgsConfig['options']>>(command: CommandLine<O>, args: readonly string[]): Parsed<O> {
  if (wantsHelp(args)) {
    process.stdout.write(command.usage);
    return { exitCode: 0 };
  }
  try {
    const { values } = parseArgs({ args: [...args], options: command.options, strict: true, allowPositionals: false });
    return { values: values };
  } catch (error) {
    return { exitCode: commandUsageError(command, parseArgsMessage(error)) };
  }
}

/** node:util's messages, shortened to the part a user needs. */
function parseArgsMessage(error: unknown): string {
  // Not `instanceof Error`: node:util's errors may come from another realm (test runners).
  const raw = (error as { message?: unknown }).message;
  const message = typeof raw === 'string' ? raw : String(error);
  const code = (error as { code?: string }).code;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${/'([^']+)'/.exec(message)?.[1] ?? message}`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `unexpected argument ${/'([^']+)'/.exec(message)?.[1] ?? message}`;
  return message.replace(/\.$/, '');
}

/** A bad command line for one subcommand: one line, then that command's usage, on stderr; exit 2. */
export function commandUsageError(command: { name: string; usage: string }, message: string): number {
  process.stderr.write(`longview ${command.name}: ${message}\n\n${command.usage}`);
  return 2;
}

export function usageError(message: string): number {
  process.stderr.write(`longview: ${message}\n\n${USAGE}`);
  return 2;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export function dataDirFrom(value: string | undefined): string {
  return path.resolve(value ?? path.join(process.cwd(), '.longview', 'data'));
}

/** A folder as the user would like to read it: relative to the current one when inside it. */
export function displayPath(dir: string): string {
  const relative = path.relative(process.cwd(), dir);
  return relative === '' ? dir : relative.startsWith('..') ? dir : relative;
}

export const DEFAULT_GATEWAY_PORT = 4000;

/** The options every command that starts or finds a platform takes. */
export const PORT_OPTIONS = {
  port: { type: 'string' },
  'command-port': { type: 'string' },
  'query-port': { type: 'string' },
} as const;

export const PORTS_USAGE = `  --port N           the gateway's port (default 4000, or LONGVIEW_PORT); command-service takes N+1
                     and query-service N+2 unless given below
  --command-port N   command-service's port (or LONGVIEW_COMMAND_PORT)
  --query-port N     query-service's port (or LONGVIEW_QUERY_PORT)
`;

export interface Ports {
  readonly gateway: number;
  readonly command: number;
  readonly query: number;
  /** Whether any port came from a flag or the environment rather than the default. */
  readonly chosen: boolean;
}

/** The three ports: each flag, else its environment variable, else derived from the gateway's. */
export function portsFrom(
  values: { port?: string | undefined; 'command-port'?: string | undefined; 'query-port'?: string | undefined },
  env: NodeJS.ProcessEnv = process.env,
): Ports {
  const read = (flag: string, fromFlag: string | undefined, envName: string): number | undefined => {
    const raw = fromFlag ?? env[envName];
    if (raw === undefined || raw === '') return undefined;
    const port = Number(raw);
    const source = fromFlag !== undefined ? `--${flag}` : envName;
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`${source} must be a TCP port number (1-65535), not "${raw}"`);
    return port;
  };
  const gateway = read('port', values.port, 'LONGVIEW_PORT');
  const command = read('command-port', values['command-port'], 'LONGVIEW_COMMAND_PORT');
  const query = read('query-port', values['query-port'], 'LONGVIEW_QUERY_PORT');
  const base = gateway ?? DEFAULT_GATEWAY_PORT;
  const ports = { gateway: base, command: command ?? base + 1, query: query ?? base + 2 };
  if (ports.command > 65535 || ports.query > 65535) throw new UsageError(`--port ${base} leaves no room for command-service and query-service above it`);
  const clash = ports.gateway === ports.command || ports.gateway === ports.query || ports.command === ports.query;
  if (clash)
    throw new UsageError(`the gateway, command-service and query-service need three different ports (got ${ports.gateway}, ${ports.command}, ${ports.query})`);
  return { ...ports, chosen: gateway !== undefined || command !== undefined || query !== undefined };
}
