/**
 * Run charts with the Anhøj rules, and P, P′ (Laney), U and U′ control charts, reproducing
 * qicharts2 0.8.1 (`qic(..., method = "anhoej")`, R/helper.functions.R: runs.analysis,
 * qic.p, qic.pp, qic.u, qic.up, qic.agg) as spc-and-pooling.md section 7 specifies them.
 *
 * Runs analysis (Anhøj & Olesen 2014, PLoS ONE 9(11): e113825; Anhøj 2015): points exactly
 * on the centre line are dropped (they neither break nor extend a run); of the `nUseful`
 * points left, a run is a maximal sequence on one side, `longestRun` the longest and
 * `nCrossings` the number of runs - 1. The series signals non-random variation when the
 * longest run is longer than round(log2(nUseful)) + 3 (Schilling 2012) or there are fewer
 * crossings than the 5th percentile of Binomial(nUseful - 1, 1/2) (Chen 2010), R's
 * qbinom(0.05, nUseful - 1, 0.5). The signal belongs to the whole series (every point).
 *
 * Which chart when:
 * - run chart: short series (fewer than ~20 points), where 3-sigma limits from so few points
 *   are unreliable; it needs no distributional assumption.
 * - P (proportions y/n) and U (rates y/n) charts assume binomial / Poisson variation. With
 *   large denominators (thousands of A&E attendances a month) real processes vary more than
 *   that (over-dispersion), the limits come out far too narrow and nearly every point is
 *   flagged. P′ and U′ (Laney 2002, Quality Engineering 14(4)) widen the limits by
 *   sigma_z, the moving-range spread of the standardised points; with no over-dispersion
 *   sigma_z is about 1 and P′ = P. Use P′/U′ for proportions and rates with large
 *   denominators.
 */
import { crossingsLowerLimit } from './distributions';
import { AnalyticsInputError } from './errors';
import { SpcInputPoint, orderPoints } from './spc';

/** Every chart Longview draws; 'xmr' is `spc` (spc.ts), the rest are here. */
export type ChartType = 'xmr' | 'run' | 'p' | 'pp' | 'u' | 'up';
export const CHART_TYPES: readonly ChartType[] = ['xmr', 'run', 'p', 'pp', 'u', 'up'];
/** Charts of a count over a denominator. */
export type AttributeChartType = 'p' | 'pp' | 'u' | 'up';
export const ATTRIBUTE_CHART_TYPES: readonly AttributeChartType[] = ['p', 'pp', 'u', 'up'];

export const CHART_LABEL: Record<ChartType, string> = {
  xmr: 'XmR chart',
  run: 'run chart',
  p: 'P chart',
  pp: 'P′ chart (Laney)',
  u: 'U chart',
  up: 'U′ chart (Laney)',
};

/** d2 for moving ranges of two points: mean(MR) / 1.128 estimates sigma. */
export const D2 = 1.128;
/** Moving ranges at or above 3.267 * mean(MR) are screened out when screening is asked for. */
const MR_SCREEN = 3.267;

export interface RunsAnalysis {
  /** Points in the series. */
  readonly nObs: number;
  /** Points not exactly on the centre line. */
  readonly nUseful: number;
  /** Null when no point is useful (as R's NA). */
  readonly longestRun: number | null;
  readonly longestRunMax: number | null;
  readonly nCrossings: number | null;
  readonly nCrossingsMin: number | null;
  readonly runsSignal: boolean;
}

/** Upper limit for the longest run: round(log2(n)) + 3 (rounded first, then 3 added). */
export function longestRunLimit(nUseful: number): number {
  if (!Number.isInteger(nUseful) || nUseful < 1)
    throw new AnalyticsInputError('OUT_OF_RANGE', `the number of useful points must be an integer >= 1, got ${nUseful}`);
  // log2 of an integer is never exactly k + 0.5, so JavaScript's round-half-up and R's
  // round-half-even agree here.
  return Math.round(Math.log2(nUseful)) + 3;
}

/** Lower limit for the number of crossings: qbinom(0.05, nUseful - 1, 0.5). */
export function crossingsLimit(nUseful: number): number {
  if (!Number.isInteger(nUseful) || nUseful < 1)
    throw new AnalyticsInputError('OUT_OF_RANGE', `the number of useful points must be an integer >= 1, got ${nUseful}`);
  return crossingsLowerLimit(nUseful - 1);
}

/**
 * The Anhøj runs analysis of `y` about the centre `cl` (one value, or one per point).
 * Comparisons are exact: a point equal to the centre is not useful.
 */
export function runsAnalysis(y: readonly number[], cl: number | readonly number[]): RunsAnalysis {
  const sides: number[] = [];
  y.forEach((v, i) => {
    const c = typeof cl === 'number' ? cl : (cl[i] as number);
    const side = Math.sign(v - c);
    if (side !== 0 && !Number.isNaN(side)) sides.push(side);
  });
  const nUseful = sides.length;
  if (nUseful === 0) {
    return { nObs: y.length, nUseful: 0, longestRun: null, longestRunMax: null, nCrossings: null, nCrossingsMin: null, runsSignal: false };
  }
  let runs = 1;
  let current = 1;
  let longestRun = 1;
  for (let i = 1; i < nUseful; i++) {
    if (sides[i] === sides[i - 1]) current++;
    else {
      runs++;
      current = 1;
    }
    if (current > longestRun) longestRun = current;
  }
  const nCrossings = runs - 1;
  const longestRunMax = longestRunLimit(nUseful);
  const nCrossingsMin = crossingsLimit(nUseful);
  return {
    nObs: y.length,
    nUseful,
    longestRun,
    longestRunMax,
    nCrossings,
    nCrossingsMin,
    runsSignal: longestRun > longestRunMax || nCrossings < nCrossingsMin,
  };
}

/** R's median(): the middle value, or the mean of the two middle values. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export interface ChartPoint {
  readonly period: string;
  /** As plotted: the value (run chart), the proportion or rate y/n (P, P′, U, U′). */
  readonly y: number;
  /** Numerator and denominator, for the attribute charts. */
  readonly count?: number;
  readonly denominator?: number;
  readonly cl: number;
  /** Null on run charts, and where a limit does not exist. */
  readonly lcl: number | null;
  readonly ucl: number | null;
  /** y > ucl or y < lcl (false where a limit is missing). */
  readonly sigmaSignal: boolean;
  /** The series' runs signal, on every point. */
  readonly runsSignal: boolean;
}

export interface ChartAnalysis {
  readonly chart: Exclude<ChartType, 'xmr'>;
  readonly points: ChartPoint[];
  /** The centre line (median for run charts, sum(y)/sum(n) otherwise); null when empty. */
  readonly cl: number | null;
  readonly runs: RunsAnalysis;
  /** Laney's sigma_z (P′, U′ only; null when it cannot be estimated, e.g. one point). */
  readonly sigmaZ: number | null;
}

/** A run chart of one series: centre line the median, no limits, the Anhøj rules. */
export function runChart(points: readonly SpcInputPoint[]): ChartAnalysis {
  const ordered = orderPoints(points);
  const y = ordered.map((p) => p.value);
  const cl = median(y);
  const runs = runsAnalysis(y, cl);
  return {
    chart: 'run',
    cl: ordered.length === 0 ? null : cl,
    runs,
    sigmaZ: null,
    points: ordered.map((p) => ({ period: p.period, y: p.value, cl, lcl: null, ucl: null, sigmaSignal: false, runsSignal: runs.runsSignal })),
  };
}

export interface AttributeInputPoint {
  /** `YYYY-MM` or `YYYY-MM-DD`. */
  readonly period: string;
  /** The count (numerator): breaches, infections, events. */
  readonly value: number;
  /** Its denominator (> 0): attendances, patients, patient-days. */
  readonly denominator: number;
}

export interface AttributeChartOptions {
  /**
   * P′/U′ only. Default false, as spec section 7 and Laney (2002): sigma_z from all moving
   * ranges. true screens moving ranges >= 3.267 x their mean first (one pass), which is what
   * qicharts2 >= 0.7.4 does when its option qic.screenedmr is TRUE (library(qicharts2) sets
   * it so); `options(qic.screenedmr = FALSE)` in R reproduces the default here.
   */
  readonly screenMovingRanges?: boolean;
}

function mean(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/**
 * A P, P′, U or U′ chart of one series of counts over denominators.
 * P: cl = sum(y)/sum(n), s_i = sqrt(cl (1 - cl) / n_i), limits cl -/+ 3 s_i clamped to [0, 1].
 * U: s_i = sqrt(cl / n_i), lower limit clamped to 0.
 * P′/U′: z_i = (y_i/n_i - cl)/s_i, sigma_z = mean(|z_i - z_{i-1}|)/1.128, limits
 * cl -/+ 3 s_i sigma_z, clamped as P/U.
 */
export function attributeChart(chart: AttributeChartType, points: readonly AttributeInputPoint[], options: AttributeChartOptions = {}): ChartAnalysis {
  if (!ATTRIBUTE_CHART_TYPES.includes(chart)) {
    throw new AnalyticsInputError('INVALID_VALUE', `unknown chart '${String(chart)}': use one of ${ATTRIBUTE_CHART_TYPES.join(', ')}`);
  }
  const proportion = chart === 'p' || chart === 'pp';
  const denominators = new Map<string, number>();
  for (const p of points) {
    if (typeof p.denominator !== 'number' || !Number.isFinite(p.denominator) || p.denominator <= 0) {
      throw new AnalyticsInputError('OUT_OF_RANGE', `denominator for period ${p.period} must be a number > 0, got ${String(p.denominator)}`);
    }
    if (p.value < 0) throw new AnalyticsInputError('OUT_OF_RANGE', `count for period ${p.period} must not be negative, got ${p.value}`);
    if (proportion && p.value > p.denominator) {
      throw new AnalyticsInputError(
        'OUT_OF_RANGE',
        `count for period ${p.period} (${p.value}) is larger than its denominator (${p.denominator}), so it is not a proportion`,
      );
    }
  }
  const ordered = orderPoints(points);
  for (const p of points) denominators.set(p.period, p.denominator);
  const counts = ordered.map((p) => p.value);
  const n = ordered.map((p) => denominators.get(p.period) as number);
  let sumY = 0;
  let sumN = 0;
  counts.forEach((c, i) => {
    sumY += c;
    sumN += n[i] as number;
  });
  const cl = sumY / sumN;
  const y = counts.map((c, i) => c / (n[i] as number));
  const s = n.map((ni) => Math.sqrt(proportion ? (cl * (1 - cl)) / ni : cl / ni));

  let sigmaZ: number | null = null;
  let factor = 1;
  if (chart === 'pp' || chart === 'up') {
    const z = y.map((yi, i) => (yi - cl) / (s[i] as number));
    const mr: number[] = [];
    for (let i = 1; i < z.length; i++) {
      const r = Math.abs((z[i] as number) - (z[i - 1] as number));
      if (Number.isFinite(r)) mr.push(r);
    }
    let amr = mr.length === 0 ? Number.NaN : mean(mr);
    if (options.screenMovingRanges === true && amr > 0) {
      const kept = mr.filter((r) => r < MR_SCREEN * amr);
      amr = mean(kept);
    }
    sigmaZ = Number.isFinite(amr) ? amr / D2 : null;
    factor = sigmaZ ?? Number.NaN;
  }

  const limit = (v: number): number | null => (Number.isFinite(v) ? v : null);
  const runs = runsAnalysis(y, cl);
  const out: ChartPoint[] = ordered.map((p, i) => {
    const half = 3 * (s[i] as number) * factor;
    let ucl = limit(cl + half);
    let lcl = limit(cl - half);
    if (proportion && ucl !== null && ucl > 1) ucl = 1;
    if (lcl !== null && lcl < 0) lcl = 0;
    const yi = y[i] as number;
    return {
      period: p.period,
      y: yi,
      count: p.value,
      denominator: n[i] as number,
      cl,
      lcl,
      ucl,
      sigmaSignal: (ucl !== null && yi > ucl) || (lcl !== null && yi < lcl),
      runsSignal: runs.runsSignal,
    };
  });
  return { chart, points: out, cl: ordered.length === 0 ? null : cl, runs, sigmaZ };
}
