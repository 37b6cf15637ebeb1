/** Pure helpers for the series chart: segment means, axis ticks. Month arithmetic is @longview/analytics'. */
import { monthIndexOrNaN, periodOfIndex } from '@longview/analytics/periods';

export interface Segment {
  /** First and last period (inclusive) of the segment. */
  from: string;
  to: string;
  mean: number;
}

/**
 * The mean of each baseline segment: the series is split at each rebase period (a new SPC
 * baseline starts there), and each part gets its own mean.
 */
export function segmentMeans(points: readonly { period: string; value: number }[], rebasePeriods: readonly string[]): Segment[] {
  const sorted = [...points].sort((a, b) => monthIndexOrNaN(a.period) - monthIndexOrNaN(b.period));
  const breaks = rebasePeriods
    .map(monthIndexOrNaN)
    .filter((m) => !Number.isNaN(m))
    .sort((a, b) => a - b);
  const segments: { period: string; value: number }[][] = [];
  let current: { period: string; value: number }[] = [];
  let nextBreak = 0;
  for (const point of sorted) {
    const m = monthIndexOrNaN(point.period);
    let crossed = false;
    while (nextBreak < breaks.length && m >= (breaks[nextBreak] ?? Infinity)) {
      nextBreak += 1;
      crossed = true;
    }
    if (crossed && current.length > 0) {
      segments.push(current);
      current = [];
    }
    current.push(point);
  }
  if (current.length > 0) segments.push(current);
  return segments.map((segment) => ({
    from: segment[0]?.period ?? '',
    to: segment[segment.length - 1]?.period ?? '',
    mean: segment.reduce((sum, p) => sum + p.value, 0) / segment.length,
  }));
}

/** About `count` evenly spaced "nice" ticks (1, 2, 2.5, 5 x 10^n) covering [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) {
    const pad = Math.abs(min) > 0 ? Math.abs(min) * 0.1 : 1;
    min -= pad;
    max += pad;
  }
  const rawStep = (max - min) / Math.max(1, count - 1);
  const magnitude = 10 ** Math.floor(Math.log10(rawStep));
  const step = ([1, 2, 2.5, 5, 10].find((f) => f * magnitude >= rawStep) ?? 10) * magnitude;
  const start = Math.floor(min / step) * step;
  const end = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = start; v <= end + step / 2; v += step) ticks.push(Number(v.toFixed(10)));
  return ticks;
}

/** Label steps in months: every month, 2, quarterly, 4, half-yearly, yearly, then whole years. */
const MONTH_STEPS = [1, 2, 3, 4, 6, 12, 24, 36, 60, 120] as const;

/**
 * The months (YYYY-MM) that get a label on a month axis from month index m0 to m1: at most
 * `maxLabels` of them, on calendar boundaries (quarters start in January, April, July and
 * October; yearly labels are Januaries), so a narrow chart gets fewer, not cramped, labels.
 */
export function monthLabels(m0: number, m1: number, maxLabels: number): string[] {
  if (!Number.isFinite(m0) || !Number.isFinite(m1) || m1 < m0) return [];
  const max = Math.max(1, Math.floor(maxLabels));
  for (const step of MONTH_STEPS) {
    const first = Math.ceil(m0 / step) * step;
    // No calendar boundary of this size inside the range: label its first month.
    if (first > m1) return [periodOfIndex(m0)];
    const count = Math.floor((m1 - first) / step) + 1;
    if (count <= max || step === MONTH_STEPS[MONTH_STEPS.length - 1]) {
      const out: string[] = [];
      for (let m = first; m <= m1; m += step) out.push(periodOfIndex(m));
      return out;
    }
  }
  return [periodOfIndex(m0)];
}
