/**
 * Pure parser of any trust's own monthly series from a CSV: the columns are named by the caller
 * (`longview import series --trust COL --date COL --value COL [--numerator COL --denominator COL]`)
 * and every row is validated as the domain would, so a bad file is refused before anything is
 * written. Errors carry the line and the column, like the A&E importer's.
 */
import { CsvSyntaxError, parseCsv } from '@longview/analytics';
import { METRICS, ODS_CODE, findMetric, type IsoMonth, type MetricDefinition, type Observation } from '@longview/domain';

/** The columns of the file that hold each field (header names, matched case-insensitively). */
export interface SeriesFileColumns {
  readonly trust: string;
  readonly date: string;
  readonly value: string;
  readonly numerator?: string;
  readonly denominator?: string;
}

export interface SeriesFileSeries {
  readonly trustCode: string;
  /** The line of the trust's first row (for errors about the trust as a whole). */
  readonly firstLine: number;
  /** Ordered by period, one per month. */
  readonly observations: Observation[];
}

export interface SeriesFileResult {
  readonly metric: MetricDefinition;
  readonly series: SeriesFileSeries[];
  /** Data rows read (header excluded). */
  readonly rows: number;
}

/** A malformed file: the 1-based line and, where known, the column (its header name) and the value. */
export class SeriesImportError extends Error {
  constructor(
    readonly line: number,
    readonly detail: string,
    readonly column?: string,
    readonly value?: string,
  ) {
    super(`line ${line}${column ? `, column "${column}"` : ''}: ${detail}`);
    this.name = 'SeriesImportError';
  }
}

const MONTH = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;
const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const COUNT = /^\d+$/;

function monthOf(raw: string, line: number, column: string, latest: IsoMonth): IsoMonth {
  const m = MONTH.exec(raw.trim());
  if (!m) throw new SeriesImportError(line, `"${raw}" is not a month YYYY-MM or a date YYYY-MM-DD`, column, raw);
  const month = Number(m[2]);
  if (month < 1 || month > 12) throw new SeriesImportError(line, `"${raw}" has no month ${m[2]}`, column, raw);
  if (m[3] !== undefined) {
    const day = Number(m[3]);
    const date = new Date(Date.UTC(Number(m[1]), month - 1, day));
    if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) throw new SeriesImportError(line, `"${raw}" is not a valid calendar date`, column, raw);
  }
  const period = `${m[1]}-${m[2]}`;
  if (period > latest) throw new SeriesImportError(line, `${period} is in the future (latest allowed is ${latest})`, column, raw);
  return period;
}

function numberOf(raw: string, line: number, column: string): number {
  const s = raw.trim();
  if (!NUMBER.test(s)) throw new SeriesImportError(line, `"${raw}" is not a number`, column, raw);
  return Number(s);
}

function countOf(raw: string, line: number, column: string): number {
  const s = raw.trim();
  if (!COUNT.test(s)) throw new SeriesImportError(line, `"${raw}" is not a whole number of 0 or more`, column, raw);
  const n = Number(s);
  if (!Number.isSafeInteger(n)) throw new SeriesImportError(line, `"${raw}" is too large`, column, raw);
  return n;
}

/**
 * Parses the file into one series of `metricCode` per trust. Throws SeriesImportError on the
 * first bad row (or header); `latestPeriod` (default: this month, UTC) is the last month allowed.
 */
export function parseSeriesFile(text: string, metricCode: string, columns: SeriesFileColumns, latestPeriod?: IsoMonth): SeriesFileResult {
  const metric = findMetric(metricCode);
  if (!metric) throw new SeriesImportError(1, `"${metricCode}" is not a metric in the catalogue (${METRICS.map((m) => m.code).join(', ')})`);
  if ((columns.numerator === undefined) !== (columns.denominator === undefined)) {
    throw new SeriesImportError(1, 'a numerator column and a denominator column go together');
  }
  const latest = latestPeriod ?? new Date().toISOString().slice(0, 7);
  let records;
  try {
    records = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvSyntaxError) throw new SeriesImportError(e.line, e.detail);
    throw e;
  }
  const header = records[0];
  if (!header) throw new SeriesImportError(1, 'the file is empty: expected a header row');
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const indexOf = (column: string): number => {
    const at = names.indexOf(column.trim().toLowerCase());
    if (at < 0) throw new SeriesImportError(header.line, `the header has no column "${column}" (found: ${names.join(', ')})`, column);
    return at;
  };
  const at = {
    trust: indexOf(columns.trust),
    date: indexOf(columns.date),
    value: indexOf(columns.value),
    ...(columns.numerator !== undefined && columns.denominator !== undefined
      ? { numerator: indexOf(columns.numerator), denominator: indexOf(columns.denominator) }
      : {}),
  };
  const byTrust = new Map<string, { firstLine: number; months: Map<IsoMonth, Observation> }>();
  let rows = 0;
  for (const { line, fields } of records.slice(1)) {
    if (fields.length === 1 && fields[0]!.trim() === '') continue; // a blank line
    rows += 1;
    if (fields.length !== names.length) throw new SeriesImportError(line, `expected ${names.length} columns but found ${fields.length}`);
    const rawTrust = fields[at.trust]!;
    const trustCode = rawTrust.trim().toUpperCase();
    if (!ODS_CODE.test(trustCode))
      throw new SeriesImportError(line, `"${rawTrust}" is not a trust's ODS code (3 to 5 letters or digits)`, columns.trust, rawTrust);
    const period = monthOf(fields[at.date]!, line, columns.date, latest);
    const value = numberOf(fields[at.value]!, line, columns.value);
    const { min, max } = metric.validRange;
    if (value < min || value > max) {
      throw new SeriesImportError(
        line,
        `${value} is outside the valid range of ${metric.code} (${min} to ${max} ${metric.unit})`,
        columns.value,
        fields[at.value],
      );
    }
    let observation: Observation = { period, value };
    if (at.numerator !== undefined && at.denominator !== undefined) {
      const numerator = countOf(fields[at.numerator]!, line, columns.numerator!);
      const denominator = countOf(fields[at.denominator]!, line, columns.denominator!);
      if (denominator === 0) throw new SeriesImportError(line, 'the denominator is 0', columns.denominator, fields[at.denominator]);
      if (metric.unit === '%' && numerator > denominator) {
        throw new SeriesImportError(
          line,
          `the numerator ${numerator} is greater than the denominator ${denominator} of a percentage`,
          columns.numerator,
          fields[at.numerator],
        );
      }
      observation = { period, value, numerator, denominator };
    }
    let trust = byTrust.get(trustCode);
    if (!trust) byTrust.set(trustCode, (trust = { firstLine: line, months: new Map() }));
    if (trust.months.has(period)) throw new SeriesImportError(line, `a second row for trust ${trustCode} and month ${period}`, columns.date, fields[at.date]);
    trust.months.set(period, observation);
  }
  const series = [...byTrust.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([trustCode, { firstLine, months }]) => ({
      trustCode,
      firstLine,
      observations: [...months.values()].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0)),
    }));
  return { metric, series, rows };
}
