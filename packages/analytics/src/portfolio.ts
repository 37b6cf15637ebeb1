/**
 * "Progress at a glance": a portfolio of interventions by status and by verdict over time,
 * derived from what was recorded (dates of proposal, start, completion, abandonment) and from the
 * outcome verdicts computed from the data, never from a score someone typed in.
 *
 * - Status per quarter: each intervention's status at the END of each calendar quarter
 *   (Q1 = January to March), from its own dates: PROPOSED (proposed, not yet started),
 *   STARTED (started, neither completed nor abandoned), COMPLETED, ABANDONED. An intervention not
 *   yet proposed by a quarter's end is not counted in that quarter.
 * - Verdict per quarter: the interventions STARTED in that quarter (a cohort) counted by their
 *   verdict now, so a reader sees whether the changes of each period lasted. Interventions never
 *   started have no verdict and are not counted here.
 * Pure: the caller passes `asOf` (the last quarter shown), the verdict vocabulary and the items.
 */

export const PORTFOLIO_STATUSES = ['PROPOSED', 'STARTED', 'COMPLETED', 'ABANDONED'] as const;
export type PortfolioStatus = (typeof PORTFOLIO_STATUSES)[number];

export interface PortfolioItem {
  readonly id: string;
  /** YYYY-MM-DD. */
  readonly proposedOn: string;
  readonly startedOn?: string | null;
  readonly completedOn?: string | null;
  readonly abandonedOn?: string | null;
  /** The intervention's verdict from its outcome data (null when it has none: never started). */
  readonly verdict: string | null;
}

export interface PortfolioQuarter {
  /** e.g. `2025-Q1`. */
  readonly quarter: string;
  /** e.g. `Jan to Mar 2025`. */
  readonly label: string;
  /** The quarter's last day, YYYY-MM-DD. */
  readonly end: string;
  readonly statuses: Readonly<Record<PortfolioStatus, number>>;
  /** Verdicts (every name in `verdicts`, in that order) of the interventions started in the quarter. */
  readonly verdicts: Readonly<Record<string, number>>;
}

export interface Portfolio {
  /** Oldest first, at most `maxQuarters`, ending with the quarter of `asOf`. */
  readonly quarters: readonly PortfolioQuarter[];
  /** Every intervention counted, in any quarter. */
  readonly total: number;
  /** Status and verdict counts as of `asOf` (all interventions). */
  readonly current: { readonly statuses: Readonly<Record<PortfolioStatus, number>>; readonly verdicts: Readonly<Record<string, number>> };
}

export interface PortfolioOptions {
  /** YYYY-MM-DD: the last quarter shown is this date's. */
  readonly asOf: string;
  /** The verdict names, in the order they are reported. */
  readonly verdicts: readonly string[];
  /** Default 12 (three years). */
  readonly maxQuarters?: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function quarterIndex(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return year * 4 + Math.floor((month - 1) / 3);
}

function quarterOf(index: number): Omit<PortfolioQuarter, 'statuses' | 'verdicts'> {
  const year = Math.floor(index / 4);
  const q = index % 4;
  const lastMonth = q * 3 + 3;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  return {
    quarter: `${year}-Q${q + 1}`,
    label: `${MONTHS[q * 3]} to ${MONTHS[q * 3 + 2]} ${year}`,
    end: `${year}-${String(lastMonth).padStart(2, '0')}-${String(lastDay).padStart(2, '0')}`,
  };
}

/** The item's status at the end of `day` (YYYY-MM-DD), or null when it was not yet proposed. */
export function statusOn(item: PortfolioItem, day: string): PortfolioStatus | null {
  const on = (date: string | null | undefined) => date !== null && date !== undefined && date <= day;
  if (on(item.abandonedOn)) return 'ABANDONED';
  if (on(item.completedOn)) return 'COMPLETED';
  if (on(item.startedOn)) return 'STARTED';
  // Recorded later than it began (e.g. an import of past work): it existed from its earliest date.
  return on(earliest(item)) ? 'PROPOSED' : null;
}

function earliest(item: PortfolioItem): string {
  return [item.proposedOn, item.startedOn, item.completedOn, item.abandonedOn].filter((d): d is string => !!d).reduce((a, b) => (b < a ? b : a));
}

const zeroStatuses = (): Record<PortfolioStatus, number> => ({ PROPOSED: 0, STARTED: 0, COMPLETED: 0, ABANDONED: 0 });
const zeroVerdicts = (names: readonly string[]): Record<string, number> => Object.fromEntries(names.map((v) => [v, 0]));

export function portfolio(items: readonly PortfolioItem[], options: PortfolioOptions): Portfolio {
  const maxQuarters = Math.max(1, options.maxQuarters ?? 12);
  const last = quarterIndex(options.asOf);
  const dated = items.filter((item) => earliest(item) <= options.asOf);
  const first = dated.length === 0 ? last : Math.max(last - maxQuarters + 1, Math.min(...dated.map((item) => quarterIndex(earliest(item)))));
  const quarters: PortfolioQuarter[] = [];
  for (let index = first; index <= last; index += 1) {
    const base = quarterOf(index);
    const day = index === last ? options.asOf : base.end;
    const statuses = zeroStatuses();
    const verdicts = zeroVerdicts(options.verdicts);
    for (const item of dated) {
      const status = statusOn(item, day);
      if (status) statuses[status] += 1;
      if (item.startedOn && item.verdict !== null && quarterIndex(item.startedOn) === index && item.verdict in verdicts) {
        verdicts[item.verdict] = (verdicts[item.verdict] ?? 0) + 1;
      }
    }
    quarters.push({ ...base, end: day, statuses, verdicts });
  }
  const current = { statuses: zeroStatuses(), verdicts: zeroVerdicts(options.verdicts) };
  for (const item of dated) {
    const status = statusOn(item, options.asOf);
    if (status) current.statuses[status] += 1;
    if (item.startedOn && item.verdict !== null && item.verdict in current.verdicts) current.verdicts[item.verdict] = (current.verdicts[item.verdict] ?? 0) + 1;
  }
  return { quarters, total: dated.length, current };
}
