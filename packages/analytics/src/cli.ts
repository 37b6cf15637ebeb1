/**
 * The `longview spc` and `longview pool` commands as functions: the app's CLI passes the
 * arguments after the command name and a file reader, and prints what comes back. Keeping
 * I/O to that one injected reader makes the contract testable without a file system.
 *
 * Numbers are printed with JavaScript's shortest round-trip form (String(n)): every digit
 * needed to recover the exact double, none more; a value that does not exist (limits of a
 * one-point group, an absent prediction interval) is an empty field in CSV and null in JSON.
 * Dates are printed as YYYY-MM-DD (a YYYY-MM input means the first of the month).
 * On bad input: exit code 2, a message naming the line and column on stderr, and nothing
 * on stdout.
 */
import { AnalyticsInputError } from './errors';
import { CsvRow, CsvSyntaxError, formatCsv, parseCsv } from './csv';
import { parsePeriod } from './periods';
import { ATTRIBUTE_CHART_TYPES, AttributeChartType, CHART_TYPES, ChartAnalysis, ChartType, attributeChart, runChart } from './charts';
import { POOL_METHODS, POOL_TESTS, PoolMethod, PoolTest, pool } from './pooling';
import { SpcAnalysis, spc } from './spc';
import { ImprovementDirection } from './spc-rules';

export interface CommandResult {
  readonly exitCode: 0 | 2;
  readonly stdout: string;
  readonly stderr: string;
}

export type ReadFile = (path: string) => string;

export const SPC_USAGE =
  'usage: longview spc --input FILE.csv --value COL --date COL [--chart xmr|run|p|pp|u|up] [--denominator COL] [--group COL] ' +
  '[--direction increase|decrease|neutral] [--target N] [--rebase DATE[,DATE...]] [--screen-outliers true|false] [--summary] [--format csv|json]\n' +
  '  --chart xmr (default): XmR chart by the Making Data Count rules (--direction, --target, --rebase, --screen-outliers apply)\n' +
  '  --chart run: run chart, median centre line and the Anhoej rules (longest run, number of crossings); best for short series\n' +
  '  --chart p|pp|u|up: P, P-prime (Laney), U, U-prime (Laney) charts of --value (a count) over --denominator COL;\n' +
  '    use pp/up for proportions and rates with large denominators (a plain P/U chart flags almost every point there);\n' +
  '    --screen-outliers true screens the moving ranges of pp/up as qicharts2 does with qic.screenedmr (default false)';
export const POOL_USAGE =
  'usage: longview pool --input FILE.csv [--method DL|REML|PM] [--test z|knha] [--prediction-interval normal|t] [--format csv|json]\n' +
  '  --method: tau^2 estimator, DerSimonian-Laird (default), restricted maximum likelihood, or Paule-Mandel\n' +
  '  --test knha: Knapp-Hartung standard error and t(k-1) intervals (default z: normal intervals)';

export const SPC_POINT_HEADER = ['group', 'period', 'value', 'mean', 'lpl', 'upl', 'rule', 'point_type', 'rebase_group'] as const;
export const SPC_SUMMARY_HEADER = [
  'group',
  'rebase_group',
  'mean',
  'lpl',
  'upl',
  'n',
  'common_cause',
  'special_cause_improvement',
  'special_cause_concern',
  'variation_type',
  'assurance_type',
] as const;
export const CHART_POINT_HEADER = ['group', 'period', 'y', 'cl', 'lcl', 'ucl', 'sigma_signal', 'runs_signal'] as const;
export const CHART_SUMMARY_HEADER = [
  'group',
  'n_obs',
  'n_useful',
  'longest_run',
  'longest_run_max',
  'n_crossings',
  'n_crossings_min',
  'runs_signal',
  'cl',
] as const;
export const POOL_HEADER = ['k', 'estimate', 'se', 'ci_low', 'ci_high', 'tau2', 'i2', 'q', 'pi_low', 'pi_high'] as const;

class UsageError extends Error {}

type Cell = string | number | boolean | null;

function parseArgs(argv: readonly string[], valued: readonly string[], flags: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument '${arg}'`);
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    if (flags.includes(name)) {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      out.set(name, 'true');
    } else if (valued.includes(name)) {
      let value: string | undefined;
      if (eq >= 0) value = arg.slice(eq + 1);
      else {
        value = argv[i + 1];
        i++;
      }
      if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
      if (out.has(name)) throw new UsageError(`--${name} given twice`);
      out.set(name, value);
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return out;
}

function required(args: Map<string, string>, name: string): string {
  const v = args.get(name);
  if (v === undefined || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

function oneOf<T extends string>(args: Map<string, string>, name: string, allowed: readonly T[], fallback: T, ignoreCase = false): T {
  const v = args.get(name);
  if (v === undefined) return fallback;
  const found = allowed.find((a) => (ignoreCase ? a.toLowerCase() === v.toLowerCase() : a === v));
  if (found === undefined) throw new UsageError(`--${name} must be one of ${allowed.join('|')}, got '${v}'`);
  return found;
}

/** A CSV file with its header resolved: column index by name, data rows after the header. */
function readTable(readFile: ReadFile, path: string): { columns: Map<string, number>; rows: CsvRow[] } {
  let text: string;
  try {
    text = readFile(path);
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const [header, ...rows] = parseCsv(text);
  if (header === undefined) throw new UsageError(`${path} is empty: a header row is needed`);
  const columns = new Map<string, number>();
  header.fields.forEach((name, i) => {
    const trimmed = name.trim();
    if (!columns.has(trimmed)) columns.set(trimmed, i);
  });
  for (const row of rows) {
    if (row.fields.length !== header.fields.length) {
      throw new UsageError(`line ${row.line}: ${row.fields.length} fields, but the header has ${header.fields.length}`);
    }
  }
  return { columns, rows };
}

function column(columns: Map<string, number>, name: string, option: string): number {
  const i = columns.get(name);
  if (i === undefined) throw new UsageError(`missing column '${name}' (named by --${option}); the header has: ${[...columns.keys()].join(', ')}`);
  return i;
}

function cellNumber(row: CsvRow, index: number, name: string): number {
  const raw = (row.fields[index] as string).trim();
  const n = raw === '' ? Number.NaN : Number(raw);
  if (!Number.isFinite(n)) throw new UsageError(`line ${row.line}, column '${name}': '${raw}' is not a number`);
  return n;
}

function num(x: number | null): Cell {
  return x === null || !Number.isFinite(x) ? null : x;
}

function render(format: 'csv' | 'json', header: readonly string[], rows: readonly Cell[][]): string {
  if (format === 'json') {
    const objects = rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? null])));
    return JSON.stringify(objects, null, 2) + '\n';
  }
  return formatCsv(
    header,
    rows.map((r) => r.map((c) => (c === null ? '' : String(c)))),
  );
}

function run(name: string, usage: string, argv: readonly string[], body: () => string): CommandResult {
  if (argv.includes('--help') || argv.includes('-h')) return { exitCode: 0, stdout: `${usage}\n`, stderr: '' };
  try {
    return { exitCode: 0, stdout: body(), stderr: '' };
  } catch (e) {
    if (e instanceof UsageError || e instanceof AnalyticsInputError || e instanceof CsvSyntaxError) {
      return { exitCode: 2, stdout: '', stderr: `longview ${name}: ${e.message}\n${usage}\n` };
    }
    throw e;
  }
}

export function runSpcCommand(argv: readonly string[], readFile: ReadFile): CommandResult {
  return run('spc', SPC_USAGE, argv, () => {
    const args = parseArgs(
      argv,
      ['input', 'value', 'date', 'chart', 'denominator', 'group', 'direction', 'target', 'rebase', 'screen-outliers', 'format'],
      ['summary'],
    );
    const input = required(args, 'input');
    const valueCol = required(args, 'value');
    const dateCol = required(args, 'date');
    const groupCol = args.get('group');
    const chart = oneOf<ChartType>(args, 'chart', CHART_TYPES, 'xmr');
    if (chart !== 'xmr') return runOtherChart(chart, args, readFile, { input, valueCol, dateCol, groupCol });
    if (args.has('denominator')) throw new UsageError('--denominator is for --chart p, pp, u or up (an XmR chart plots the value itself)');
    const direction = oneOf<ImprovementDirection>(args, 'direction', ['increase', 'decrease', 'neutral'], 'increase');
    const format = oneOf(args, 'format', ['csv', 'json'], 'csv');
    const screen = oneOf(args, 'screen-outliers', ['true', 'false'], 'true') === 'true';
    const targetRaw = args.get('target');
    const target = targetRaw === undefined ? undefined : Number(targetRaw);
    if (target !== undefined && (targetRaw?.trim() === '' || !Number.isFinite(target))) {
      throw new UsageError(`--target must be a number, got '${targetRaw}'`);
    }
    const rebaseRaw = args.get('rebase');
    const rebase = rebaseRaw === undefined ? [] : rebaseRaw.split(',').map((d) => d.trim());
    for (const d of rebase) {
      try {
        parsePeriod(d);
      } catch {
        throw new UsageError(`--rebase: '${d}' is not a date (YYYY-MM-DD)`);
      }
    }

    const { columns, rows } = readTable(readFile, input);
    const vi = column(columns, valueCol, 'value');
    const di = column(columns, dateCol, 'date');
    const gi = groupCol === undefined ? undefined : column(columns, groupCol, 'group');

    // Series in order of first appearance; duplicates are caught here so the message can
    // name both lines.
    const series = new Map<string, { period: string; value: number }[]>();
    const seen = new Map<string, number>();
    for (const row of rows) {
      const group = gi === undefined ? '' : (row.fields[gi] as string);
      const rawDate = (row.fields[di] as string).trim();
      let key: string;
      try {
        key = parsePeriod(rawDate).key;
      } catch {
        throw new UsageError(`line ${row.line}, column '${dateCol}': '${rawDate}' is not a date (YYYY-MM-DD or YYYY-MM)`);
      }
      const value = cellNumber(row, vi, valueCol);
      const dupKey = `${group}\u0000${key}`;
      const earlier = seen.get(dupKey);
      if (earlier !== undefined) {
        const where = gi === undefined ? '' : ` in group '${group}'`;
        throw new UsageError(`line ${row.line}, column '${dateCol}': duplicate period ${key}${where} (first on line ${earlier})`);
      }
      seen.set(dupKey, row.line);
      const list = series.get(group) ?? [];
      list.push({ period: key, value });
      series.set(group, list);
    }

    const analyses: [string, SpcAnalysis][] = [...series].map(([group, points]) => [
      group,
      spc(points, { improvementDirection: direction, target, rebase, screenOutliers: screen }),
    ]);

    if (args.has('summary')) {
      const out: Cell[][] = [];
      for (const [group, a] of analyses) {
        a.groups.forEach((g, i) => {
          const lastPoint = a.points.filter((p) => p.rebaseGroup === g.rebaseGroup).pop();
          const isLast = i === a.groups.length - 1;
          out.push([
            group,
            g.rebaseGroup,
            num(g.mean),
            num(g.lpl),
            num(g.upl),
            g.n,
            g.counts.common_cause,
            g.counts.special_cause_improvement,
            g.counts.special_cause_concern,
            lastPoint?.pointType ?? null,
            isLast ? a.assurance : null,
          ]);
        });
      }
      return render(format, SPC_SUMMARY_HEADER, out);
    }
    const out: Cell[][] = [];
    for (const [group, a] of analyses) {
      for (const p of a.points) {
        out.push([group, p.period, p.value, num(p.mean), num(p.lpl), num(p.upl), p.rule, p.pointType, p.rebaseGroup]);
      }
    }
    return render(format, SPC_POINT_HEADER, out);
  });
}

interface SeriesColumns {
  readonly input: string;
  readonly valueCol: string;
  readonly dateCol: string;
  readonly groupCol: string | undefined;
}

/** `longview spc --chart run|p|pp|u|up`: spec section 7's rows. */
function runOtherChart(chart: Exclude<ChartType, 'xmr'>, args: Map<string, string>, readFile: ReadFile, cols: SeriesColumns): string {
  for (const option of ['rebase', 'target', 'direction']) {
    if (args.has(option)) throw new UsageError(`--${option} applies to --chart xmr only (a ${chart} chart has no rebasing, target or improvement direction)`);
  }
  const attribute = (ATTRIBUTE_CHART_TYPES as readonly string[]).includes(chart);
  const prime = chart === 'pp' || chart === 'up';
  if (args.has('screen-outliers') && !prime) throw new UsageError(`--screen-outliers applies to --chart xmr, pp and up only, not ${chart}`);
  const screen = oneOf(args, 'screen-outliers', ['true', 'false'], 'false') === 'true';
  const denominatorCol = args.get('denominator');
  if (attribute && (denominatorCol === undefined || denominatorCol === '')) {
    throw new UsageError(`--denominator COL is required with --chart ${chart} (the value column holds the count, the denominator column what it is out of)`);
  }
  if (!attribute && denominatorCol !== undefined) throw new UsageError('--denominator is for --chart p, pp, u or up (a run chart plots the value itself)');
  const format = oneOf(args, 'format', ['csv', 'json'], 'csv');

  const { columns, rows } = readTable(readFile, cols.input);
  const vi = column(columns, cols.valueCol, 'value');
  const di = column(columns, cols.dateCol, 'date');
  const gi = cols.groupCol === undefined ? undefined : column(columns, cols.groupCol, 'group');
  const ni = denominatorCol === undefined ? undefined : column(columns, denominatorCol, 'denominator');

  const series = new Map<string, { period: string; value: number; denominator: number }[]>();
  const seen = new Map<string, number>();
  for (const row of rows) {
    const group = gi === undefined ? '' : (row.fields[gi] as string);
    const rawDate = (row.fields[di] as string).trim();
    let key: string;
    try {
      key = parsePeriod(rawDate).key;
    } catch {
      throw new UsageError(`line ${row.line}, column '${cols.dateCol}': '${rawDate}' is not a date (YYYY-MM-DD or YYYY-MM)`);
    }
    const value = cellNumber(row, vi, cols.valueCol);
    let denominator = Number.NaN;
    if (ni !== undefined && denominatorCol !== undefined) {
      denominator = cellNumber(row, ni, denominatorCol);
      if (denominator <= 0) throw new UsageError(`line ${row.line}, column '${denominatorCol}': ${denominator} is not a denominator > 0`);
      if (value < 0) throw new UsageError(`line ${row.line}, column '${cols.valueCol}': ${value} is a negative count`);
      if ((chart === 'p' || chart === 'pp') && value > denominator) {
        throw new UsageError(
          `line ${row.line}, column '${cols.valueCol}': ${value} is larger than its denominator ${denominator} (column '${denominatorCol}'), so it is not a proportion`,
        );
      }
    }
    const dupKey = `${group}\u0000${key}`;
    const earlier = seen.get(dupKey);
    if (earlier !== undefined) {
      const where = gi === undefined ? '' : ` in group '${group}'`;
      throw new UsageError(`line ${row.line}, column '${cols.dateCol}': duplicate period ${key}${where} (first on line ${earlier})`);
    }
    seen.set(dupKey, row.line);
    const list = series.get(group) ?? [];
    list.push({ period: key, value, denominator });
    series.set(group, list);
  }

  const analyses: [string, ChartAnalysis][] = [...series].map(([group, points]) => [
    group,
    attribute ? attributeChart(chart as AttributeChartType, points, { screenMovingRanges: screen }) : runChart(points),
  ]);
  if (args.has('summary')) {
    return render(
      format,
      CHART_SUMMARY_HEADER,
      analyses.map(([group, a]) => [
        group,
        a.runs.nObs,
        a.runs.nUseful,
        a.runs.longestRun,
        a.runs.longestRunMax,
        a.runs.nCrossings,
        a.runs.nCrossingsMin,
        a.runs.runsSignal,
        num(a.cl),
      ]),
    );
  }
  const out: Cell[][] = [];
  for (const [group, a] of analyses) {
    for (const p of a.points) out.push([group, p.period, p.y, num(p.cl), num(p.lcl), num(p.ucl), p.sigmaSignal, p.runsSignal]);
  }
  return render(format, CHART_POINT_HEADER, out);
}

export function runPoolCommand(argv: readonly string[], readFile: ReadFile): CommandResult {
  return run('pool', POOL_USAGE, argv, () => {
    const args = parseArgs(argv, ['input', 'method', 'test', 'prediction-interval', 'format'], []);
    const input = required(args, 'input');
    const method = oneOf<PoolMethod>(args, 'method', POOL_METHODS, 'DL', true);
    const test = oneOf<PoolTest>(args, 'test', POOL_TESTS, 'z', true);
    const predictionInterval = oneOf(args, 'prediction-interval', ['normal', 't'], 'normal');
    const format = oneOf(args, 'format', ['csv', 'json'], 'csv');
    const { columns, rows } = readTable(readFile, input);
    const yi = column(columns, 'yi', 'input');
    const vi = column(columns, 'vi', 'input');
    const si = columns.get('study');
    if (rows.length === 0) throw new UsageError(`${input} has no data rows`);
    const studies = rows.map((row) => {
      const v = cellNumber(row, vi, 'vi');
      if (v <= 0) throw new UsageError(`line ${row.line}, column 'vi': ${v} is not a variance > 0`);
      return { id: si === undefined ? String(row.line) : (row.fields[si] as string), yi: cellNumber(row, yi, 'yi'), vi: v };
    });
    const r = pool(studies, { method, test, predictionInterval });
    return render(format, POOL_HEADER, [[r.k, r.estimate, r.se, r.ciLow, r.ciHigh, r.tau2, r.i2, r.q, num(r.piLow), num(r.piHigh)]]);
  });
}
