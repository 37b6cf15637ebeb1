/**
 * An `asOf` date: a calendar day (UTC), standing for everything the event store had recorded
 * before the end of that day (before 00:00 UTC of the next).
 */
export interface AsOfDate {
  /** YYYY-MM-DD */
  readonly date: string;
  /** ISO-8601 instant the day ends (exclusive): 00:00:00Z of the next day. */
  readonly endsBefore: string;
}

/** An asOf that is not a usable date; the message is for the person who typed it. */
export class InvalidAsOfError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAsOfError';
  }
}

const DAY_MS = 86_400_000;

/**
 * Reads an asOf date. A day after today (UTC) is refused: nothing is known about a day that has
 * not come, and answering with today's data under a future date would read as a forecast.
 * Today is allowed (what is known so far today, i.e. now). A day before anything was recorded is
 * valid and answers "nothing was known": no trust, intervention or series, and empty evidence.
 */
export function parseAsOf(value: string, today: Date = new Date()): AsOfDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) throw new InvalidAsOfError(`asOf must be a date written YYYY-MM-DD, for example 2025-03-03 (got "${value}")`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const start = Date.UTC(year, month - 1, day);
  const parsed = new Date(start);
  if (year < 1 || parsed.getUTCFullYear() !== year || parsed.getUTCMonth() !== month - 1 || parsed.getUTCDate() !== day) {
    throw new InvalidAsOfError(`asOf ${value} is not a real date (check the month and the day)`);
  }
  const todayText = today.toISOString().slice(0, 10);
  if (value > todayText) throw new InvalidAsOfError(`asOf ${value} is in the future: choose today (${todayText}) or an earlier date`);
  return { date: value, endsBefore: new Date(start + DAY_MS).toISOString() };
}
