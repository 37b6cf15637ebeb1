/**
 * `npm run bench` (scripts/bench-all.sh builds once and starts PostgreSQL and Kafka first): every
 * benchmark of issue 13 in sequence, each in a child process of its own, its output shown as it
 * goes; then the JSON lines (bench-lines.ts) of all of them together, one per path in the order of
 * the issue, followed by any other line the benches printed (e.g. `append-alone`).
 * A bench that fails (non-zero exit, or a path line missing) is reported, the others still run, and
 * the exit code is 1. `--quick`: short runs (a few seconds per phase, one round) for checking.
 *
 * After a build: `KAFKA_BROKERS=... node apps/cli/dist/bench/all-benches.js [--quick]`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** The paths of issue 13, item 5, in its order: the names of the JSON lines the benches print. */
export const ISSUE_ORDER = ['pipeline', 'ryw-200', 'append', 'embedded-mutations', 'rebuild', 'gateway-dashboard', 'gateway-list'] as const;

export interface BenchRun {
  /** Shown in the progress output and the final report. */
  readonly name: string;
  /** The script under apps/cli (node runs it) and its arguments. */
  readonly script: string;
  readonly args: readonly string[];
  /** Extra arguments for `--quick`. */
  readonly quick: readonly string[];
  /** The JSON lines (by `bench`) it must print. */
  readonly paths: readonly string[];
}

export const BENCHES: readonly BenchRun[] = [
  {
    name: 'pipeline',
    script: 'bin/longview.js',
    args: ['bench', 'pipeline'],
    quick: ['--seconds', '5', '--flat-out-seconds', '5', '--bare-messages', '5000'],
    paths: ['pipeline', 'ryw-200'],
  },
  { name: 'append', script: 'dist/bench/append-bench.js', args: [], quick: ['--seconds', '2', '--rounds', '1'], paths: ['append'] },
  { name: 'mutations', script: 'dist/bench/mutations-bench.js', args: [], quick: ['--seconds', '2', '--rounds', '1'], paths: ['embedded-mutations'] },
  { name: 'rebuild', script: 'dist/bench/rebuild-bench.js', args: [], quick: ['--rounds', '1'], paths: ['rebuild'] },
  {
    name: 'gateway',
    script: 'dist/bench/gateway-bench.js',
    args: [],
    quick: ['--seconds', '2', '--rounds', '1'],
    paths: ['gateway-dashboard', 'gateway-list'],
  },
];

export interface BenchLine {
  readonly bench: string;
  readonly text: string;
}

/** A line of bench output that is a bench line (`{"bench": ..., "ratio": ...}`), else undefined. */
export function parseBenchLine(line: string): BenchLine | undefined {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{"bench":')) return undefined;
  try {
    const parsed = JSON.parse(trimmed) as Record<string, unknown>;
    if (typeof parsed['bench'] !== 'string' || typeof parsed['value'] !== 'number' || !('ratio' in parsed)) return undefined;
    return { bench: parsed['bench'], text: trimmed };
  } catch {
    return undefined;
  }
}

export interface BenchOutcome {
  readonly run: BenchRun;
  /** The exit code (a signal's name if it was killed). */
  readonly exit: number | string;
  readonly seconds: number;
  readonly lines: readonly BenchLine[];
}

/**
 * The final report: one status line per bench (failed when it exited non-zero or did not print
 * every one of its paths), then every bench line, the issue's paths first in the issue's order.
 */
export function report(outcomes: readonly BenchOutcome[]): { text: string[]; failed: string[] } {
  const text: string[] = ['', '== all benches'];
  const failed: string[] = [];
  for (const { run, exit, seconds, lines } of outcomes) {
    const missing = run.paths.filter((name) => !lines.some((line) => line.bench === name));
    const problems = [
      ...(exit === 0 ? [] : [`exited ${typeof exit === 'number' ? `with code ${exit}` : `on ${exit}`}`]),
      ...(missing.length > 0 ? [`no line for ${missing.join(', ')}`] : []),
    ];
    if (problems.length > 0) failed.push(run.name);
    text.push(`${run.name}: ${problems.length === 0 ? 'ok' : `FAILED (${problems.join('; ')})`} in ${seconds.toFixed(0)} s`);
  }
  const all = outcomes.flatMap((o) => o.lines);
  const rank = (line: BenchLine) => {
    const at = (ISSUE_ORDER as readonly string[]).indexOf(line.bench);
    return at === -1 ? ISSUE_ORDER.length : at;
  };
  // Array.prototype.sort is stable: lines outside the issue's list keep the order they were printed in.
  const ordered = [...all].sort((a, b) => rank(a) - rank(b));
  if (failed.length > 0) text.push(`${failed.length} of ${outcomes.length} benches failed: ${failed.join(', ')}`);
  text.push('', ...ordered.map((line) => line.text));
  return { text, failed };
}

/** Runs one bench (`node <args>`) as a child process, its output lines shown prefixed with its name as they come. */
function runBench(run: BenchRun, args: readonly string[], write: (line: string) => void, started: (child: ChildProcess) => void): Promise<BenchOutcome> {
  const startedAt = performance.now();
  const lines: BenchLine[] = [];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    started(child);
    const prefix = `[${run.name}] `;
    const follow = (stream: NodeJS.ReadableStream) => {
      let buffered = '';
      stream.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const parts = buffered.split('\n');
        buffered = parts.pop() ?? '';
        for (const line of parts) {
          write(prefix + line);
          const parsed = parseBenchLine(line);
          if (parsed) lines.push(parsed);
        }
      });
      stream.on('end', () => {
        if (buffered) write(prefix + buffered);
      });
    };
    if (child.stdout) follow(child.stdout);
    if (child.stderr) follow(child.stderr);
    const finish = (exit: number | string) => resolve({ run, exit, seconds: (performance.now() - startedAt) / 1000, lines });
    child.once('error', (error) => {
      write(`${prefix}could not start: ${error.message}`);
      finish(-1);
    });
    child.once('close', (code, signal) => finish(code ?? signal ?? -1));
  });
}

export async function runAllBenches(options: { quick: boolean; write: (line: string) => void }): Promise<number> {
  const cliDir = path.join(__dirname, '..', '..');
  const outcomes: BenchOutcome[] = [];
  // Stopped (Ctrl-C, SIGTERM): the running bench gets the signal too, the rest are not started.
  let current: ChildProcess | undefined;
  let interrupted: NodeJS.Signals | undefined;
  const stop = (signal: NodeJS.Signals) => {
    interrupted = signal;
    current?.kill(signal);
  };
  process.on('SIGINT', stop).on('SIGTERM', stop);
  try {
    for (const [i, run] of BENCHES.entries()) {
      if (interrupted) break;
      const args = [path.join(cliDir, run.script), ...run.args, ...(options.quick ? run.quick : [])];
      const shown = [path.relative(process.cwd(), args[0] as string), ...args.slice(1)].join(' ');
      options.write(`\n=== [${i + 1}/${BENCHES.length}] ${run.name} (${run.paths.join(', ')}): node ${shown}`);
      const outcome = await runBench(run, args, options.write, (child) => (current = child));
      options.write(`=== ${run.name}: exit ${outcome.exit} after ${outcome.seconds.toFixed(0)} s, ${outcome.lines.length} bench line(s)`);
      outcomes.push(outcome);
    }
  } finally {
    process.off('SIGINT', stop).off('SIGTERM', stop);
  }
  const { text, failed } = report(outcomes);
  for (const line of text) options.write(line);
  if (interrupted) options.write(`interrupted (${interrupted}): ${BENCHES.length - outcomes.length} bench(es) not run`);
  return failed.length === 0 && !interrupted ? 0 : 1;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => arg !== '--quick');
  if (unknown.length > 0) {
    console.error(`unknown argument(s): ${unknown.join(' ')}\nusage: npm run bench [-- --quick]`);
    process.exitCode = 2;
  } else {
    runAllBenches({ quick: args.includes('--quick'), write: (line) => process.stdout.write(`${line}\n`) }).then(
      (code) => (process.exitCode = code),
      (error: unknown) => {
        console.error(error instanceof Error ? error.stack : error);
        process.exitCode = 1;
      },
    );
  }
}
