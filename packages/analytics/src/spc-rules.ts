/**
 * The Making Data Count special-cause rules as small vector functions, mirroring
 * NHSRplotthedots 0.2.2 (R/ptd_calculate_point_type.R) one for one, so that the package's
 * own published test cases can be run against them unchanged. Vectors are numbers (0/1, or
 * -1/0/1 for signs) rather than booleans for the same reason.
 */

export const DEFAULT_RUN_LENGTH = 7;

/** R's sign(): NaN stays NaN, which compares unequal to everything, as in R. */
function sign(x: number): number {
  return x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : Number.NaN;
}

function at(v: readonly number[], i: number): number {
  // Out-of-range reads are the zero padding R adds around its vectors.
  return i >= 0 && i < v.length ? (v[i] as number) : 0;
}

/**
 * 1 where this point and the previous `runLength - 1` share the same non-zero side of
 * the mean (`relativeToMean` = -1/0/1); a point on the mean (0) breaks the run.
 */
export function sevenPointOneSideMean(relativeToMean: readonly number[], runLength = DEFAULT_RUN_LENGTH): number[] {
  return relativeToMean.map((value, i) => {
    if (value === 0) return 0;
    for (let k = 1; k < runLength; k++) {
      if (at(relativeToMean, i - k) !== value) return 0;
    }
    return 1;
  });
}

/**
 * Spreads a flag on the last point of a run back over the whole run: 1 where this point
 * or one of the next `runLength - 1` points is flagged (+1 or -1).
 */
export function partOfSevenTrend(flags: readonly number[], runLength = DEFAULT_RUN_LENGTH): number[] {
  return flags.map((_, i) => {
    for (let k = 0; k < runLength; k++) {
      if (Math.abs(at(flags, i + k)) === 1) return 1;
    }
    return 0;
  });
}

/**
 * +1 (or -1) at point i when the `runLength - 1` consecutive differences ending at i are
 * all increases (all decreases). A tie breaks the trend.
 */
export function sevenPointTrend(y: readonly number[], runLength = DEFAULT_RUN_LENGTH): number[] {
  return y.map((_, i) => {
    if (i < runLength - 1) return 0;
    let up = true;
    let down = true;
    for (let k = i - runLength + 2; k <= i; k++) {
      const d = sign((y[k] as number) - (y[k - 1] as number));
      if (d !== 1) up = false;
      if (d !== -1) down = false;
    }
    return up ? 1 : down ? -1 : 0;
  });
}

/**
 * 1 where any of the three 3-point windows containing the point has >= 2 flagged points
 * (`flags`, normally close_to_limits) AND all three points on the same side of the mean.
 */
export function twoInThree(flags: readonly number[], relativeToMean: readonly number[]): number[] {
  return flags.map((_, i) => {
    for (let start = i - 2; start <= i; start++) {
      const flagged = at(flags, start) + at(flags, start + 1) + at(flags, start + 2);
      const side = at(relativeToMean, start) + at(relativeToMean, start + 1) + at(relativeToMean, start + 2);
      if (flagged >= 2 && Math.abs(side) === 3) return 1;
    }
    return 0;
  });
}

/** Of the points in a firing 2-of-3 window, only the flagged ones are marked. */
export function partOfTwoInThree(windowFlags: readonly number[], flags: readonly number[]): number[] {
  return windowFlags.map((w, i) => (w === 1 && Math.abs(at(flags, i)) === 1 ? 1 : 0));
}

export type RunLength = 6 | 7;

export type SpcRule =
  | 'Above UCL'
  | 'Below LCL'
  | `${RunLength} Point Trend (Increasing)`
  | `${RunLength} Point Trend (Decreasing)`
  | '2 in 3 Above CL'
  | '2 in 3 Below CL'
  | `${RunLength} Points Above CL`
  | `${RunLength} Points Below CL`
  | 'Common Cause';

export type PointType = 'common_cause' | 'special_cause_improvement' | 'special_cause_concern' | 'special_cause_neutral_high' | 'special_cause_neutral_low';

export type ImprovementDirection = 'increase' | 'decrease' | 'neutral';

/**
 * The rule label of each point; the first matching rule wins:
 * outside limits > trend > 2 in 3 > shift > common cause (ptd_special_cause_type).
 * `twoInThreeFlags` is close_to_limits for 0.2.2, or "beyond 2 sigma" for MDC 2023.
 */
export function specialCauseType(
  y: readonly number[],
  relativeToMean: readonly number[],
  twoInThreeFlags: readonly number[],
  outsideLimits: readonly number[],
  runLength: RunLength = DEFAULT_RUN_LENGTH,
): SpcRule[] {
  const n = y.length;
  const trend = partOfSevenTrend(sevenPointTrend(y, runLength), runLength);
  const two = partOfTwoInThree(twoInThree(twoInThreeFlags, relativeToMean), twoInThreeFlags);
  const shift = partOfSevenTrend(sevenPointOneSideMean(relativeToMean, runLength), runLength);
  const diffSign = (i: number): number => sign((y[i + 1] as number) - (y[i] as number));

  return y.map((_, i): SpcRule => {
    const side = at(relativeToMean, i);
    if (at(outsideLimits, i) !== 0) return side === 1 ? 'Above UCL' : 'Below LCL';
    if (at(trend, i) !== 0) {
      // A point inside a trend takes the direction of the difference to its right when the
      // next point is in the trend too, otherwise the one to its left (R: `sdy`).
      const useRight = at(trend, i + 1) !== 0;
      const s = useRight ? diffSign(i < n - 1 ? i : n - 2) : i === 0 ? 0 : diffSign(i - 1);
      return s === 1 ? `${runLength} Point Trend (Increasing)` : `${runLength} Point Trend (Decreasing)`;
    }
    const aboveOrBelow = side > 0 ? 'Above' : 'Below';
    if (at(two, i) !== 0) return `2 in 3 ${aboveOrBelow} CL`;
    if (at(shift, i) !== 0) return `${runLength} Points ${aboveOrBelow} CL`;
    return 'Common Cause';
  });
}

/** +1 for a high-side label, -1 for a low-side one, 0 for common cause. */
export function ruleSide(rule: SpcRule): -1 | 0 | 1 {
  if (/Above|Increasing/.test(rule)) return 1;
  if (/Below|Decreasing/.test(rule)) return -1;
  return 0;
}

export function directionSign(direction: ImprovementDirection): -1 | 0 | 1 {
  return direction === 'increase' ? 1 : direction === 'decrease' ? -1 : 0;
}

/** ptd_point_type: the side of the label, oriented by the improvement direction. */
export function pointTypeOf(rule: SpcRule, direction: ImprovementDirection): PointType {
  const v = ruleSide(rule);
  if (v === 0) return 'common_cause';
  if (direction === 'neutral') return v > 0 ? 'special_cause_neutral_high' : 'special_cause_neutral_low';
  return v * directionSign(direction) > 0 ? 'special_cause_improvement' : 'special_cause_concern';
}

/**
 * An SPC rule (SpcRule, or a run chart's "Runs signal ...") in plain English, for people who have
 * not learned the Making Data Count names: "7 Points Below CL" is "7 months in a row below the
 * average". Unknown text is returned as it is.
 */
export function describeSpcRule(rule: string): string {
  const r = rule.trim();
  if (/^common cause$/i.test(r) || /^no runs signal$/i.test(r)) return 'No signal: ordinary month-to-month variation';
  if (/^above ucl$/i.test(r)) return 'Above the upper limit: higher than this process usually goes';
  if (/^below lcl$/i.test(r)) return 'Below the lower limit: lower than this process usually goes';
  if (/^runs signal/i.test(r)) return 'A run signal: too many months in a row on one side of the middle line, or too few crossings of it';
  let m = /^(\d+) points? trend \((increasing|decreasing)\)$/i.exec(r);
  if (m) return `${m[1]} months in a row ${m[2]?.toLowerCase() === 'increasing' ? 'rising' : 'falling'}`;
  m = /^2 in 3 (above|below) cl$/i.exec(r);
  if (m) return `2 of 3 months close to the ${m[1]?.toLowerCase() === 'above' ? 'upper' : 'lower'} limit`;
  m = /^(\d+) points? (above|below) cl$/i.exec(r);
  if (m) return `${m[1]} months in a row ${m[2]?.toLowerCase()} the average`;
  return r;
}
