/**
 * Pure parser of NHS England's "A&E Attendances and Emergency Admissions" monthly file in its
 * tidy form (columns period, org_code, type, attendances, breaches, admissions; quoted CSV).
 * It keeps type 1 (major emergency) departments and turns each trust's months into the
 * observations of its `ae-4hr` series. Nothing here reads files or touches a database.
 */
import { CsvSyntaxError, parseCsv } from '@longview/analytics';
import { ODS_CODE, ODS_ORGANISATION_CODE, type IsoMonth } from '@longview/domain';

export const AE_METRIC = 'ae-4hr';
export const AE_COLUMNS = ['period', 'org_code', 'type', 'attendances', 'breaches', 'admissions'] as const;
export type AeColumn = (typeof AE_COLUMNS)[number];
export const AE_DEPARTMENT_TYPES = ['1', '2', 'other'] as const;

export interface AeObservation {
  readonly period: IsoMonth;
  /** 4-hour performance in percent: 100 * (1 - breaches / attendances), rounded to 2 dp. */
  readonly value: number;
  /** Attendances seen within 4 hours (attendances - breaches). */
  readonly numerator: number;
  /** Attendances. */
  readonly denominator: number;
}

export interface AeTrustSeries {
  readonly trustCode: string;
  /** Ordered by period, one per month. */
  readonly observations: AeObservation[];
}

export interface AeParseResult {
  readonly series: AeTrustSeries[];
  /** Data rows read (all department types, header excluded). */
  readonly rows: number;
}

/** A malformed file: carries the 1-based line number of the file and, where known, the column and value. */
export class AeImportError extends Error {
  constructor(
    readonly line: number,
    readonly detail: string,
    readonly column?: string,
    readonly value?: string,
  ) {
    super(`line ${line}: ${detail}`);
    this.name = 'AeImportError';
  }
}

/** 4-hour performance (percent, 2 dp) from attendances and breaches. */
export function fourHourPerformance(attendances: number, breaches: number): number {
  return Math.round(10000 * (1 - breaches / attendances)) / 100;
}

const PERIOD_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const COUNT_PATTERN = /^\d+$/;

function parsePeriod(raw: string, line: number): IsoMonth {
  const m = PERIOD_PATTERN.exec(raw.trim());
  if (!m) {
    throw new AeImportError(line, `column "period" value "${raw}" is not a date YYYY-MM-DD`, 'period', raw);
  }
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new AeImportError(line, `column "period" value "${raw}" is not a valid calendar date`, 'period', raw);
  }
  if (day !== 1) {
    throw new AeImportError(line, `column "period" value "${raw}" is not the first day of a month`, 'period', raw);
  }
  return `${m[1]}-${m[2]}`;
}

function parseCount(raw: string, column: AeColumn, line: number): number {
  const s = raw.trim();
  if (s.startsWith('-') && COUNT_PATTERN.test(s.slice(1))) {
    throw new AeImportError(line, `column "${column}" value "${raw}" is negative`, column, raw);
  }
  if (!COUNT_PATTERN.test(s)) {
    throw new AeImportError(line, `column "${column}" value "${raw}" is not a whole number`, column, raw);
  }
  const n = Number(s);
  if (!Number.isSafeInteger(n)) {
    throw new AeImportError(line, `column "${column}" value "${raw}" is too large`, column, raw);
  }
  return n;
}

/**
 * A download cut short usually ends inside its last row. Cut inside a quoted field, the CSV
 * parser finds the open quote; cut between fields, the row has too few columns; but cut inside an
 * unquoted number (NHS England's counts are unquoted) it still reads as a valid, smaller number.
 * So a last row that is not ended by a line break, and whose last field is not closed by a quote,
 * is refused: nothing proves it complete. (NHS England's files end with a line break.)
 */
function assertNotCutOff(text: string, records: readonly { line: number }[]): void {
  if (records.length < 2 || /[\r\n]$/.test(text) || text.endsWith('"')) return;
  const last = records[records.length - 1] as { line: number };
  throw new AeImportError(
    last.line,
    'the file ends inside this row, with no line break after it: it looks cut off (an interrupted download?), so its last value may be cut short. ' +
      'Download the file again; if the row is complete, end the file with a line break',
  );
}

/**
 * Parses the A&E attendances file. Every row is validated (whatever its department type);
 * type 1 rows become observations. Throws `AeImportError` on the first malformed row.
 */
export function parseAeAttendances(text: string): AeParseResult {
  let records;
  try {
    records = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvSyntaxError) throw new AeImportError(e.line, e.detail);
    throw e;
  }
  const header = records[0];
  if (!header) throw new AeImportError(1, 'the file is empty: expected a header row');
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const index = {} as Record<AeColumn, number>;
  for (const column of AE_COLUMNS) {
    const at = names.indexOf(column);
    if (at < 0) {
      throw new AeImportError(header.line, `header has no column "${column}" (found: ${names.join(', ')})`, column);
    }
    index[column] = at;
  }
  const byTrust = new Map<string, Map<IsoMonth, AeObservation>>();
  const seen = new Set<string>();
  for (let r = 1; r < records.length; r++) {
    const { line, fields } = records[r]!;
    if (fields.length !== names.length) {
      throw new AeImportError(line, `expected ${names.length} columns but found ${fields.length}`);
    }
    const get = (c: AeColumn) => fields[index[c]]!;
    const period = parsePeriod(get('period'), line);
    const orgCode = get('org_code').trim().toUpperCase();
    // Every row is checked, and rows of types 2 and other include GP practices (6 characters).
    if (!ODS_ORGANISATION_CODE.test(orgCode)) {
      throw new AeImportError(line, `column "org_code" value "${get('org_code')}" is not an ODS code`, 'org_code', get('org_code'));
    }
    const type = get('type').trim().toLowerCase();
    if (!(AE_DEPARTMENT_TYPES as readonly string[]).includes(type)) {
      throw new AeImportError(line, `column "type" value "${get('type')}" is not one of ${AE_DEPARTMENT_TYPES.join(', ')}`, 'type', get('type'));
    }
    const attendances = parseCount(get('attendances'), 'attendances', line);
    const breaches = parseCount(get('breaches'), 'breaches', line);
    parseCount(get('admissions'), 'admissions', line);
    if (breaches > attendances) {
      throw new AeImportError(line, `column "breaches" value "${get('breaches')}" is greater than attendances (${attendances})`, 'breaches', get('breaches'));
    }
    if (type !== '1') continue;
    // A type 1 row becomes a Longview trust's series, so its code must be a trust's.
    if (!ODS_CODE.test(orgCode)) {
      throw new AeImportError(
        line,
        `column "org_code" value "${get('org_code')}" has a type 1 department but is not a trust's ODS code (3 to 5 letters or digits)`,
        'org_code',
        get('org_code'),
      );
    }
    let months = byTrust.get(orgCode);
    if (!months) byTrust.set(orgCode, (months = new Map<string, AeObservation>()));
    const key = `${orgCode}|${period}`;
    if (seen.has(key)) {
      throw new AeImportError(line, `duplicate type 1 row for org_code "${orgCode}" and period "${get('period')}"`, 'period', get('period'));
    }
    seen.add(key);
    // A month with no attendances has no 4-hour performance: it is left out of the series.
    if (attendances === 0) continue;
    months.set(period, {
      period,
      value: fourHourPerformance(attendances, breaches),
      numerator: attendances - breaches,
      denominator: attendances,
    });
  }
  // After the rows' own checks, which name a cut-off row more precisely when they can.
  assertNotCutOff(text, records);
  const series: AeTrustSeries[] = [...byTrust.entries()]
    .filter(([, months]) => months.size > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([trustCode, months]) => ({
      trustCode,
      observations: [...months.values()].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0)),
    }));
  return { series, rows: records.length - 1 };
}
