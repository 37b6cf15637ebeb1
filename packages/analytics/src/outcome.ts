/**
 * Outcome of an intervention on one target metric: did it improve, and did it LAST?
 *
 * Definitions (also in OUTCOMES.md; keep the two in step):
 *
 * - Start month S: the calendar month of `startedOn`. Points in S and later are "post";
 *   the start month counts as post because the change is already acting in it.
 * - `asOf` (YYYY-MM-DD): points after it are ignored, so a verdict can be reproduced as it
 *   stood on a date.
 * - Baseline: the points before S; if `rebase` periods fall before S, only the last rebase
 *   group before S (a rebase after S is ignored: the baseline is what the change is judged
 *   against). Its XmR mean and limits (NHSRplotthedots 0.2.2, moving ranges screened) are
 *   FIXED and every post point is judged against them with the standard rules (outside
 *   limits, 7-point trend, 2 of 3 beyond 2 sigma, 7-point shift). A run must lie wholly
 *   after the start to count: a shift that began before the change is not its signal.
 * - Improvement signal: a post point whose type is special_cause_improvement (any rule).
 *   Sustaining signal: 7 consecutive post points on the improving side of the baseline mean
 *   (a shift) or a 7-point trend in the improving direction: a lasting change of level or
 *   direction, not one extreme month. Detected from the runs themselves, not the labels,
 *   because a large step labels every point "Above UCL" (that rule takes precedence) and is
 *   the clearest shift of all. Concern signal: special_cause_concern.
 * - Months observed M = months from S to the last post point, inclusive.
 * - Holding (seasonally matched): each of the last 6 post points is compared with the mean of
 *   the baseline points of the SAME calendar month (the whole baseline mean when the baseline
 *   has none of that month); the recent gain is the mean of those 6 differences, signed so
 *   that positive is better. It is holding when the gain exceeds 2 standard errors under the
 *   baseline's common-cause variation: 2 * sigma * sqrt(1/6 + (1/36) * sum_j 1/k_j), k_j the
 *   number of baseline points the j-th reference mean uses, sigma = (upl - mean) / 3
 *   (about 1.15 sigma with one baseline year, 1.0 sigma with two). Matching calendar months
 *   keeps a season out of the verdict: the last 6 months are a half-year (in the demo always
 *   May-October), which a year-round baseline mean would favour or penalise by the seasonal
 *   swing. A quick win that has decayed back to baseline fails this; a lasting shift of
 *   >= ~1.5 sigma passes it almost always.
 * - Counting concern: a concern signal after the first improvement counts only when its
 *   point lies on the worse side of the baseline mean (the win turned bad). A concern signal
 *   whose points are all still better than the baseline mean (a 7-point worsening trend
 *   inside an improved level, as a seasonal rise produces) says the gain narrowed; whether
 *   it still holds is the holding test's job, and the reason mentions it.
 *
 * Verdict, first match wins:
 * 1. INSUFFICIENT_DATA: fewer than 12 baseline points (limits from fewer are trial limits
 *    and we do not judge a change against them), or no post points.
 * 2. No improvement signal: DETERIORATED if there is a concern signal, else NO_SIGNAL.
 * 3. A counting concern signal AFTER the first improvement signal: FADED (a win that turned
 *    bad).
 *    A concern BEFORE the first improvement (an implementation dip) does not decide the
 *    verdict; the reason mentions it.
 * 4. M < 12: FADED if at least 6 post points follow the first improvement signal and the
 *    level is not holding (the quick win already gone); otherwise NOT_YET_EVIDENT.
 * 5. M >= 12: SUSTAINED if there is a sustaining signal and the level is holding; otherwise
 *    FADED (isolated improvement points, or a shift that did not last).
 *
 * Effect: post mean minus baseline mean, with a Welch standard error
 * sqrt(s_b^2/n_b + s_p^2/n_p) (null with fewer than 2 points on a side); `improvement` is
 * that difference signed so that positive is better.
 * Interrupted time series by OLS over baseline + post points:
 *   Y = b0 + b1*t + b2*post + b3*tSinceStart, t = months since the first baseline point,
 *   post = 1 from S, tSinceStart = months since S (0 in S, and before). levelChange = b2,
 *   slopeChange = b3, effectAt12Months = b2 + 12*b3. Null when the design is rank deficient
 *   (fewer than 2 post months, etc.).
 */
import { AnalyticsInputError } from './errors';
import { monthIndex, parsePeriod } from './periods';
import { ordinaryLeastSquares } from './regression';
import { MIN_POINTS_FOR_LIMITS, SpcInputPoint, classifyAgainstLimits, mean, orderPoints, xmrLimits } from './spc';
import { PointType, SpcRule, describeSpcRule, sevenPointOneSideMean, sevenPointTrend } from './spc-rules';

export type Sustainability = 'SUSTAINED' | 'FADED' | 'NOT_YET_EVIDENT' | 'NO_SIGNAL' | 'DETERIORATED' | 'INSUFFICIENT_DATA';

export type OutcomeDirection = 'INCREASE' | 'DECREASE';

export interface EvaluateOutcomeInput {
  readonly series: readonly SpcInputPoint[];
  /** YYYY-MM-DD */
  readonly startedOn: string;
  /** The direction that counts as improvement for this metric. */
  readonly direction: OutcomeDirection;
  /** YYYY-MM-DD; later points are ignored. */
  readonly asOf?: string;
  readonly rebase?: readonly string[];
}

export interface OutcomeBaseline {
  readonly firstPeriod: string;
  readonly lastPeriod: string;
  readonly n: number;
  readonly mean: number;
  readonly lpl: number;
  readonly upl: number;
  /** Fewer than 12 points. */
  readonly trialLimits: boolean;
}

export interface OutcomePoint {
  readonly period: string;
  readonly value: number;
  readonly rule: SpcRule;
  readonly pointType: PointType;
}

export interface OutcomeEffect {
  /** mean(post) - mean(baseline), in the metric's units. */
  readonly meanDifference: number;
  readonly standardError: number | null;
  /** meanDifference signed so that positive is an improvement. */
  readonly improvement: number;
  readonly direction: 'IMPROVEMENT' | 'DETERIORATION' | 'NONE';
}

export interface InterruptedTimeSeries {
  readonly b0: number;
  readonly b1: number;
  readonly b2: number;
  readonly b3: number;
  readonly levelChange: number;
  readonly slopeChange: number;
  readonly effectAt12Months: number;
}

export interface InterventionOutcome {
  readonly sustainability: Sustainability;
  readonly reason: string;
  /** Null when there are no points before the start. */
  readonly baseline: OutcomeBaseline | null;
  readonly post: OutcomePoint[];
  readonly monthsObserved: number;
  readonly effect: OutcomeEffect | null;
  readonly its: InterruptedTimeSeries | null;
}

/** Points after the first improvement needed before a faded quick win can be called early. */
export const FADE_CHECK_POINTS = 6;
/** Post-start months needed before an improvement can be called sustained. */
export const SUSTAIN_MONTHS = 12;

function sampleVariance(values: readonly number[]): number {
  const m = mean(values);
  let ss = 0;
  for (const v of values) ss += (v - m) ** 2;
  return ss / (values.length - 1);
}

function fmt(x: number): string {
  return Number(x.toPrecision(4)).toString();
}

export function evaluateOutcome(input: EvaluateOutcomeInput): InterventionOutcome {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.startedOn)) {
    throw new AnalyticsInputError('INVALID_PERIOD', `startedOn '${input.startedOn}' is not YYYY-MM-DD`);
  }
  const startMonth = monthIndex(input.startedOn);
  const asOfKey = input.asOf === undefined ? null : parsePeriod(input.asOf).key;
  const d = input.direction === 'INCREASE' ? 1 : -1;
  const all = orderPoints(input.series).filter((p) => asOfKey === null || p.key <= asOfKey);

  const pre = all.filter((p) => monthIndex(p.key) < startMonth);
  const rebaseKeys = new Set((input.rebase ?? []).map((r) => parsePeriod(r).key));
  let baselineStart = 0;
  pre.forEach((p, i) => {
    if (rebaseKeys.has(p.key)) baselineStart = i;
  });
  const base = pre.slice(baselineStart);
  const postRows = all.filter((p) => monthIndex(p.key) >= startMonth);

  const baseValues = base.map((p) => p.value);
  const limits = base.length > 0 ? xmrLimits(baseValues, true) : null;
  const baseline: OutcomeBaseline | null =
    limits === null
      ? null
      : {
          firstPeriod: (base[0] as { period: string }).period,
          lastPeriod: (base[base.length - 1] as { period: string }).period,
          n: base.length,
          mean: limits.mean,
          lpl: limits.lpl,
          upl: limits.upl,
          trialLimits: base.length < MIN_POINTS_FOR_LIMITS,
        };

  const postValues = postRows.map((p) => p.value);
  const classified =
    limits === null
      ? []
      : classifyAgainstLimits(postValues, limits, {
          improvementDirection: d === 1 ? 'increase' : 'decrease',
          twoInThreeRule: 'ptd-0.2.2',
          runLength: 7,
        });
  const post: OutcomePoint[] = postRows.map((p, i) => {
    const c = classified[i] ?? { rule: 'Common Cause' as const, pointType: 'common_cause' as const };
    return { period: p.period, value: p.value, rule: c.rule, pointType: c.pointType };
  });
  const lastPost = postRows[postRows.length - 1];
  const monthsObserved = lastPost === undefined ? 0 : monthIndex(lastPost.key) - startMonth + 1;

  const effect = computeEffect(baseValues, postValues, d);
  const its = computeIts(base, postRows, startMonth);
  const { sustainability, reason } = verdict(baseline, limits, base, post, monthsObserved, d);
  return { sustainability, reason, baseline, post, monthsObserved, effect, its };
}

function computeEffect(baseValues: number[], postValues: number[], d: number): OutcomeEffect | null {
  if (baseValues.length === 0 || postValues.length === 0) return null;
  const meanDifference = mean(postValues) - mean(baseValues);
  const standardError =
    baseValues.length >= 2 && postValues.length >= 2
      ? Math.sqrt(sampleVariance(baseValues) / baseValues.length + sampleVariance(postValues) / postValues.length)
      : null;
  const improvement = d * meanDifference;
  return {
    meanDifference,
    standardError,
    improvement,
    direction: improvement > 0 ? 'IMPROVEMENT' : improvement < 0 ? 'DETERIORATION' : 'NONE',
  };
}

function computeIts(
  base: readonly { key: string; value: number }[],
  postRows: readonly { key: string; value: number }[],
  startMonth: number,
): InterruptedTimeSeries | null {
  const rows = [...base, ...postRows];
  if (base.length === 0 || postRows.length === 0) return null;
  const t0 = monthIndex((rows[0] as { key: string }).key);
  const design = rows.map((p) => {
    const m = monthIndex(p.key);
    const isPost = m >= startMonth ? 1 : 0;
    return [1, m - t0, isPost, isPost * (m - startMonth)];
  });
  const b = ordinaryLeastSquares(
    design,
    rows.map((p) => p.value),
  );
  if (b === null) return null;
  const [b0, b1, b2, b3] = b as [number, number, number, number];
  return { b0, b1, b2, b3, levelChange: b2, slopeChange: b3, effectAt12Months: b2 + 12 * b3 };
}

function verdict(
  baseline: OutcomeBaseline | null,
  limits: { mean: number; upl: number } | null,
  base: readonly { key: string; value: number }[],
  post: readonly OutcomePoint[],
  monthsObserved: number,
  d: number,
): { sustainability: Sustainability; reason: string } {
  if (baseline === null || limits === null || baseline.n < MIN_POINTS_FOR_LIMITS) {
    const n = baseline?.n ?? 0;
    return {
      sustainability: 'INSUFFICIENT_DATA',
      reason: `Only ${n} baseline point${n === 1 ? '' : 's'} before the start; at least ${MIN_POINTS_FOR_LIMITS} are needed for reliable limits to judge the change against.`,
    };
  }
  if (post.length === 0) {
    return { sustainability: 'INSUFFICIENT_DATA', reason: 'No data since the intervention started.' };
  }
  const improvementAt = post.findIndex((p) => p.pointType === 'special_cause_improvement');
  const concernAt = post.findIndex((p) => p.pointType === 'special_cause_concern');
  const months = `${monthsObserved} month${monthsObserved === 1 ? '' : 's'}`;
  if (improvementAt < 0) {
    if (concernAt >= 0) {
      const p = post[concernAt] as OutcomePoint;
      return {
        sustainability: 'DETERIORATED',
        reason: `No improvement signal since the start; a concern signal (${signalText(p.rule)}) appeared in ${p.period}.`,
      };
    }
    return {
      sustainability: 'NO_SIGNAL',
      reason: `No special-cause signal in ${months} since the start: the data are consistent with the baseline's common-cause variation.`,
    };
  }
  const first = post[improvementAt] as OutcomePoint;
  const firstText = `an improvement signal (${signalText(first.rule)}) from ${first.period}`;
  const dip =
    concernAt >= 0 && concernAt < improvementAt
      ? ` An earlier concern signal in ${(post[concernAt] as OutcomePoint).period} looks like an implementation dip.`
      : '';
  const laterConcerns = post.filter((p, i) => i > improvementAt && p.pointType === 'special_cause_concern');
  const laterConcern = post.findIndex((p, i) => i > improvementAt && p.pointType === 'special_cause_concern' && d * (p.value - limits.mean) < 0);
  const narrowed =
    laterConcern < 0 && laterConcerns.length > 0
      ? ` A later concern signal (${signalText((laterConcerns[0] as OutcomePoint).rule)}) in ${(laterConcerns[0] as OutcomePoint).period} stayed on the better side of the baseline mean: the gain narrowed but did not turn bad.`
      : '';
  if (laterConcern >= 0) {
    const p = post[laterConcern] as OutcomePoint;
    return {
      sustainability: 'FADED',
      reason: `There was ${firstText}, but a concern signal (${signalText(p.rule)}) followed in ${p.period}.`,
    };
  }

  const sigma = (limits.upl - limits.mean) / 3;
  const { gain: recentGain, margin, points: recentPoints } = seasonalGain(base, post.slice(-FADE_CHECK_POINTS), limits.mean, sigma, d);
  const holding = recentPoints === FADE_CHECK_POINTS && recentGain > margin;
  const holdText = `the last ${FADE_CHECK_POINTS} points are on average ${fmt(recentGain)} better than the baseline's same calendar months (needs more than ${fmt(margin)} to count as holding)`;
  const values = post.map((p) => p.value);
  const side = values.map((v) => Math.sign(v - limits.mean));
  const improvingShift = sevenPointOneSideMean(side).some((fires, i) => fires === 1 && side[i] === d);
  const improvingTrend = sevenPointTrend(values).some((t) => t === d);
  const sustaining = improvingShift || improvingTrend;

  if (monthsObserved < SUSTAIN_MONTHS) {
    if (post.length - 1 - improvementAt >= FADE_CHECK_POINTS && !holding) {
      return { sustainability: 'FADED', reason: `There was ${firstText}, but it has not held: ${holdText}.${dip}${narrowed}` };
    }
    return {
      sustainability: 'NOT_YET_EVIDENT',
      reason: `There is ${firstText}, but only ${months} of data since the start; ${SUSTAIN_MONTHS} are needed to call it sustained.${dip}${narrowed}`,
    };
  }
  if (sustaining && holding) {
    return {
      sustainability: 'SUSTAINED',
      reason: `A shift or trend in the improving direction after the start, no later concern signal on the worse side of the baseline over ${months}, and ${holdText}.${dip}${narrowed}`,
    };
  }
  if (!sustaining) {
    return {
      sustainability: 'FADED',
      reason: `There was ${firstText}, but over ${months} no shift or trend confirmed a lasting change.${dip}${narrowed}`,
    };
  }
  return { sustainability: 'FADED', reason: `There was ${firstText}, but it did not hold: ${holdText}.${dip}${narrowed}` };
}

/**
 * The recent gain against the baseline's same calendar months (see "Holding" in the header):
 * mean over `recent` of d * (value - mean of baseline values in that calendar month, or the
 * whole baseline mean when there are none), and the 2-standard-error margin it must beat.
 */
function seasonalGain(
  base: readonly { key: string; value: number }[],
  recent: readonly OutcomePoint[],
  baselineMean: number,
  sigma: number,
  d: number,
): { gain: number; margin: number; points: number } {
  const byMonth = new Map<number, number[]>();
  for (const p of base) {
    const calendarMonth = monthIndex(p.key) % 12;
    const values = byMonth.get(calendarMonth) ?? [];
    values.push(p.value);
    byMonth.set(calendarMonth, values);
  }
  let gain = 0;
  let inverseCounts = 0;
  for (const p of recent) {
    const same = byMonth.get(monthIndex(p.period) % 12);
    const reference = same === undefined ? baselineMean : mean(same);
    inverseCounts += 1 / (same === undefined ? base.length : same.length);
    gain += d * (p.value - reference);
  }
  const n = recent.length;
  if (n === 0) return { gain: 0, margin: 0, points: 0 };
  return { gain: gain / n, margin: 2 * sigma * Math.sqrt(1 / n + inverseCounts / (n * n)), points: n };
}

/** A point's rule inside a sentence, in plain English ("7 months in a row below the average"). */
function signalText(rule: string): string {
  const text = describeSpcRule(rule);
  return text.charAt(0).toLowerCase() + text.slice(1);
}
