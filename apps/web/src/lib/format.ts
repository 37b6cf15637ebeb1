/** Formatting for dates, periods, numbers and metric values (en-GB). */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2024-03` -> `March 2024`. */
export function formatPeriod(period: string): string {
  const match = /^(\d{4})-(\d{2})/.exec(period);
  if (!match) return period;
  const month = MONTHS[Number(match[2]) - 1];
  return month ? `${month} ${match[1]}` : period;
}

/** `2024-03` -> `Mar 2024` (chart axes). */
export function formatPeriodShort(period: string): string {
  const match = /^(\d{4})-(\d{2})/.exec(period);
  if (!match) return period;
  const month = SHORT_MONTHS[Number(match[2]) - 1];
  return month ? `${month} ${match[1]}` : period;
}

/** `2024-03-05` (or an ISO timestamp) -> `5 March 2024`. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return 'Not known';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return value;
  const month = MONTHS[Number(match[2]) - 1];
  return month ? `${Number(match[3])} ${month} ${match[1]}` : value;
}

/** An ISO timestamp -> `5 March 2024, 14:05` (UTC clock time as recorded). */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return 'Not known';
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!match) return formatDate(value);
  return `${formatDate(match[1])}, ${match[2]}:${match[3]}`;
}

export function formatNumber(value: number | null | undefined, maximumFractionDigits = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return 'Not known';
  return value.toLocaleString('en-GB', { maximumFractionDigits });
}

/** A metric value with its unit: `%` -> `87.4%`, `days` -> `5.2 days`, `score` -> `6.9`. */
export function formatValue(value: number | null | undefined, unit: string | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return 'Not known';
  const digits = Math.abs(value) >= 100 ? 0 : 1;
  const text = value.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  switch (unit) {
    case '%':
    case 'PERCENT':
    case 'percent':
      return `${text}%`;
    case 'days':
    case 'DAYS':
      return `${text} ${value === 1 ? 'day' : 'days'}`;
    case undefined:
    case null:
    case 'score':
    case 'SCORE':
    case '':
      return text;
    default:
      return `${text} ${unit}`;
  }
}

/** Like formatValue but without trailing zeros: `95%`, `7.5 days` (axis ticks, standards). */
export function formatValueCompact(value: number, unit: string | null | undefined): string {
  const text = value.toLocaleString('en-GB', { maximumFractionDigits: 1 });
  if (unit === '%') return `${text}%`;
  if (unit === 'days') return `${text} ${value === 1 ? 'day' : 'days'}`;
  return text;
}

/** A short unit suffix for axis labels. */
export function unitSuffix(unit: string | null | undefined): string {
  if (unit === '%' || unit === 'PERCENT' || unit === 'percent') return '%';
  return '';
}

/** The unit of a difference: percentages differ in percentage points. */
export function differenceUnit(unit: string | null | undefined, value = 2): string {
  if (unit === '%' || unit === 'PERCENT' || unit === 'percent') return value === 1 ? 'percentage point' : 'percentage points';
  if (unit === 'days' || unit === 'DAYS') return value === 1 ? 'day' : 'days';
  return value === 1 ? 'point' : 'points';
}

/** A signed difference in a metric's unit: `+3.1 percentage points`, `-0.4 days`. */
export function formatDifference(value: number | null | undefined, unit: string | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return 'Not known';
  const rounded = Number(value.toFixed(digits));
  const text = Math.abs(rounded).toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const sign = rounded > 0 ? '+' : rounded < 0 ? '\u2212' : '';
  return `${sign}${text} ${differenceUnit(unit, Math.abs(rounded))}`;
}

/** A plain number with fixed digits, minus sign as in print: `-0.5` -> `−0.5`. */
export function formatFixed(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return 'Not known';
  const rounded = Number(value.toFixed(digits));
  const text = Math.abs(rounded).toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return rounded < 0 ? `\u2212${text}` : text;
}

/** 0.4615 -> `46%`. */
export function formatShare(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return 'Not known';
  return `${Math.round(value * 100)}%`;
}
