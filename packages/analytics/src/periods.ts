import { AnalyticsInputError } from './errors';

/**
 * Periods arrive as `YYYY-MM` (monthly data) or `YYYY-MM-DD`. A `YYYY-MM` period is
 * treated as the first day of its month, so both spellings of one month compare equal
 * (and therefore count as duplicates).
 */
const PERIOD = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;

export interface ParsedPeriod {
  /** `YYYY-MM-DD`; sorts in calendar order as a string. */
  readonly key: string;
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function parsePeriod(period: string): ParsedPeriod {
  const match = PERIOD.exec(period);
  if (!match) {
    throw new AnalyticsInputError('INVALID_PERIOD', `period '${period}' is not YYYY-MM or YYYY-MM-DD`);
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = match[3] === undefined ? 1 : Number(match[3]);
  // Round-trip through UTC to reject 2023-02-30 and month 13 without a date library.
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new AnalyticsInputError('INVALID_PERIOD', `period '${period}' is not a real calendar date`);
  }
  const key = `${match[1]}-${match[2]}-${String(day).padStart(2, '0')}`;
  return { key, year, month, day };
}

/** Months since year 0: differences of this count calendar months between two periods. */
export function monthIndex(period: string): number {
  const p = parsePeriod(period);
  return p.year * 12 + (p.month - 1);
}

/** `YYYY-MM` of a month index (the inverse of `monthIndex` for the first day of a month). */
export function periodOfIndex(index: number): string {
  if (!Number.isInteger(index) || index < 0) throw new AnalyticsInputError('INVALID_PERIOD', `month index ${index} is not a whole number of months`);
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The `YYYY-MM` month `months` calendar months after `period` (before it when negative). */
export function addMonths(period: string, months: number): string {
  return periodOfIndex(monthIndex(period) + months);
}

/** Calendar months from `from` to `to` (negative when `to` is earlier). */
export function monthsBetween(from: string, to: string): number {
  return monthIndex(to) - monthIndex(from);
}

/** `monthIndex` that answers NaN instead of throwing, for display code that skips bad periods. */
export function monthIndexOrNaN(period: string): number {
  try {
    return monthIndex(period);
  } catch {
    return Number.NaN;
  }
}
