/**
 * Pure checks behind the trust workspace's forms: months and dates typed into NHS.UK date
 * inputs, a metric value against the catalogue's valid range, and a CSV of monthly values read
 * into rows with every row's problems, so the page can preview a file and save nothing until
 * it is right. Messages are plain English and say what to do.
 */
import { parseCsv, CsvSyntaxError } from '@longview/analytics/csv';
import { formatPeriod } from './format';

export interface MetricRange {
  readonly code: string;
  readonly name: string;
  readonly unit: string;
  readonly validMin: number;
  readonly validMax: number;
}

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** A month from the month and year boxes of an NHS date input: `YYYY-MM`, or what is wrong. */
export function monthFrom(month: string, year: string, what = 'the month'): { period: string } | { error: string } {
  const m = month.trim();
  const y = year.trim();
  if (!m && !y) return { error: `Enter ${what}` };
  if (!m) return { error: `${capitalise(what)} must include a month` };
  if (!y) return { error: `${capitalise(what)} must include a year` };
  const monthNumber = /^\d{1,2}$/.test(m) ? Number(m) : MONTH_NAMES.findIndex((name) => name.startsWith(m.toLowerCase()) && m.length >= 3) + 1;
  if (!(monthNumber >= 1 && monthNumber <= 12)) return { error: `${capitalise(what)} must be a real month, from 1 to 12` };
  if (!/^\d{4}$/.test(y) || Number(y) < 1990 || Number(y) > 2100) return { error: `Enter ${what} with a 4-digit year, like 2025` };
  return { period: `${y}-${String(monthNumber).padStart(2, '0')}` };
}

/** A date from the three boxes of an NHS date input: `YYYY-MM-DD`, or what is wrong. */
export function dateFrom(day: string, month: string, year: string, what = 'the date'): { date: string } | { error: string } {
  const d = day.trim();
  if (!d && !month.trim() && !year.trim()) return { error: `Enter ${what}` };
  if (!d) return { error: `${capitalise(what)} must include a day` };
  const monthResult = monthFrom(month, year, what);
  if ('error' in monthResult) return monthResult;
  if (!/^\d{1,2}$/.test(d)) return { error: `${capitalise(what)} must be a real date` };
  const [y, m] = monthResult.period.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (Number(d) < 1 || Number(d) > days) return { error: `${capitalise(what)} must be a real date` };
  return { date: `${monthResult.period}-${d.padStart(2, '0')}` };
}

/** A number typed for a metric: within the catalogue's valid range. */
export function valueFrom(text: string, metric: MetricRange | undefined, what = 'the value'): { value: number } | { error: string } {
  const t = text.trim().replace(/%$/, '').replace(/,/g, '');
  if (!t) return { error: `Enter ${what}` };
  if (!/^-?\d+(\.\d+)?$/.test(t)) return { error: `${capitalise(what)} must be a number, like 76.5` };
  const value = Number(t);
  if (metric && (value < metric.validMin || value > metric.validMax)) {
    return { error: `${capitalise(what)} must be between ${metric.validMin} and ${metric.validMax}${metric.unit === '%' ? '%' : ''} for ${metric.name}` };
  }
  return { value };
}

export interface CsvPreviewRow {
  /** The line of the file. */
  readonly line: number;
  readonly monthText: string;
  readonly valueText: string;
  readonly period?: string;
  readonly value?: number;
  readonly numerator?: number;
  readonly denominator?: number;
  /** Every problem with the row; none means it will be saved. */
  readonly errors: string[];
}

export interface CsvPreview {
  /** Problems with the file as a whole (no header, no rows). */
  readonly fileErrors: string[];
  readonly rows: CsvPreviewRow[];
}

/** `2025-03`, `03/2025`, `March 2025` or `Mar 2025` as `YYYY-MM`. */
export function periodFromText(text: string): string | undefined {
  const t = text.trim();
  let match = /^(\d{4})-(\d{1,2})(-\d{1,2})?$/.exec(t);
  if (match) return monthOk(match[1]!, match[2]!);
  match = /^(\d{1,2})\/(\d{4})$/.exec(t);
  if (match) return monthOk(match[2]!, match[1]!);
  match = /^([A-Za-z]{3,9})[ -](\d{4})$/.exec(t);
  if (match) {
    const index = MONTH_NAMES.findIndex((name) => name.startsWith(match[1]!.toLowerCase()));
    if (index >= 0) return monthOk(match[2]!, String(index + 1));
  }
  return undefined;
}

function monthOk(year: string, month: string): string | undefined {
  const m = Number(month);
  if (!(m >= 1 && m <= 12)) return undefined;
  return `${year}-${String(m).padStart(2, '0')}`;
}

const MONTH_HEADERS = ['month', 'period', 'date'];
const VALUE_HEADERS = ['value'];
export const MAX_CSV_ROWS = 240;

/**
 * Reads a CSV of one metric's monthly values: a header row naming a `month` (or `period`) and a
 * `value` column, optionally `numerator` and `denominator`. Each row is checked as the service
 * would (a real month, a number in range, not twice in the file, not already recorded).
 */
export function previewObservationsCsv(text: string, metric: MetricRange | undefined, recorded: ReadonlySet<string>): CsvPreview {
  let rows;
  try {
    rows = parseCsv(text).filter((row) => row.fields.some((field) => field.trim() !== ''));
  } catch (error) {
    if (error instanceof CsvSyntaxError) return { fileErrors: [`The file is not a valid CSV file: line ${error.line}: ${error.detail}`], rows: [] };
    throw error;
  }
  const [header, ...data] = rows;
  if (!header) return { fileErrors: ['The file is empty. Choose a CSV file with a header row and one row for each month'], rows: [] };
  const names = header.fields.map((field) => field.trim().toLowerCase());
  const monthColumn = names.findIndex((name) => MONTH_HEADERS.includes(name));
  const valueColumn = names.findIndex((name) => VALUE_HEADERS.includes(name));
  const numeratorColumn = names.indexOf('numerator');
  const denominatorColumn = names.indexOf('denominator');
  const fileErrors: string[] = [];
  if (monthColumn < 0) fileErrors.push('The first row must name the columns, including one called "month"');
  if (valueColumn < 0) fileErrors.push('The first row must name the columns, including one called "value"');
  if (fileErrors.length > 0) return { fileErrors, rows: [] };
  if (data.length === 0) return { fileErrors: ['The file has a header row but no months. Add one row for each month'], rows: [] };
  if (data.length > MAX_CSV_ROWS) return { fileErrors: [`The file has ${data.length} rows; upload at most ${MAX_CSV_ROWS} months at a time`], rows: [] };

  const seen = new Map<string, number>();
  const preview = data.map((row): CsvPreviewRow => {
    const cell = (column: number) => (column >= 0 ? (row.fields[column] ?? '').trim() : '');
    const monthText = cell(monthColumn);
    const valueText = cell(valueColumn);
    const errors: string[] = [];
    const period = periodFromText(monthText);
    if (!monthText) errors.push('Enter the month');
    else if (!period) errors.push(`"${monthText}" is not a month: write it like 2025-03 or March 2025`);
    else if (seen.has(period)) errors.push(`${formatPeriod(period)} is also on line ${seen.get(period)}`);
    else if (recorded.has(period)) errors.push(`${formatPeriod(period)} is already recorded: correct it on its own page, with a reason`);
    if (period && !seen.has(period)) seen.set(period, row.line);
    const valueResult = valueFrom(valueText, metric);
    if ('error' in valueResult) errors.push(valueResult.error);
    const count = (column: number, name: string): number | undefined => {
      const t = cell(column);
      if (!t) return undefined;
      const n = Number(t);
      if (!Number.isFinite(n) || n < 0) {
        errors.push(`The ${name} must be a number of 0 or more`);
        return undefined;
      }
      return n;
    };
    const numerator = count(numeratorColumn, 'numerator');
    const denominator = count(denominatorColumn, 'denominator');
    if ((numerator === undefined) !== (denominator === undefined) && (cell(numeratorColumn) || cell(denominatorColumn))) {
      errors.push('Give both the numerator and the denominator, or neither');
    }
    return {
      line: row.line,
      monthText,
      valueText,
      ...(period ? { period } : {}),
      ...('value' in valueResult ? { value: valueResult.value } : {}),
      ...(numerator !== undefined && denominator !== undefined ? { numerator, denominator } : {}),
      errors,
    };
  });
  return { fileErrors: [], rows: preview };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
