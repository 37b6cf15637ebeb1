/** Pure helpers for the series chart: segment means, axis ticks. Month arithmetic is @longview/analytics'. */
import { monthIndexOrNaN } from '@longview/analytics/periods';

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
