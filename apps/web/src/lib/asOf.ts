/**
 * Time travel in the client: `?asOf=YYYY-MM-DD` on a page asks the API for what was known at the
 * end of that day (docs/time-travel.md). The API checks the date; these helpers only read the
 * parameter and catch the obvious mistakes before asking.
 */

/** The page's asOf parameter, or null for "now". */
export function asOfParam(params: URLSearchParams): string | null {
  const value = params.get('asOf');
  return value === null || value === '' ? null : value;
}

/** Today as YYYY-MM-DD (UTC, the day the API counts in). */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Why a typed asOf cannot be used (null when it can): the same rules the API applies. */
export function asOfProblem(value: string, today: string = todayUtc()): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return 'Enter a date, for example 3 3 2025';
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return 'Enter a real date';
  if (value > today) return 'The date must be today or in the past';
  return null;
}
