/**
 * XmR statistical process control charts by the NHS England Making Data Count rules,
 * reproducing NHSRplotthedots 0.2.2 by default (R/ptd_spc_standard.R for the limits,
 * R/ptd_calculate_point_type.R for the rules, R/geom_ptd_icon.R and
 * R/ptd_calculate_assurance_type.R for the icons). Variants are options, never defaults.
 */
import { AnalyticsInputError } from './errors';
import { parsePeriod } from './periods';
import { ImprovementDirection, PointType, RunLength, SpcRule, pointTypeOf, specialCauseType } from './spc-rules';

/** 2.66 = 3 / d2 (d2 = 1.128 for moving ranges of two points). */
export const XMR_LIMIT = 2.66;
/** Moving ranges at or above 3.267 * mean(MR) (the MR chart's upper limit) are screened out. */
export const MR_SCREEN = 3.267;
/** Fewer points than this in a group gives trial limits (ptd_add_short_group_warnings). */
export const MIN_POINTS_FOR_LIMITS = 12;

export interface SpcInputPoint {
  /** `YYYY-MM` or `YYYY-MM-DD`. */
  readonly period: string;
  readonly value: number;
}

export interface SpcOptions {
  /** Default 'increase', as in NHSRplotthedots. */
  readonly improvementDirection?: ImprovementDirection;
  /** Enables the assurance icon (not with a neutral direction). */
  readonly target?: number;
  /** Periods that start a new group (each is the FIRST point of its group). */
  readonly rebase?: readonly string[];
  /** Compute each group's limits from its first N points only; N >= 12. */
  readonly fixAfterNPoints?: number;
  /** Default true; false reproduces the MDC Excel tool, which does not screen moving ranges. */
  readonly screenOutliers?: boolean;
  /**
   * 'ptd-0.2.2' (default): 2 of 3 counts only points between 2 and 3 sigma.
   * 'mdc-2023': any point beyond 2 sigma counts (MDC's 2023 change), still same side.
   */
  readonly twoInThreeRule?: 'ptd-0.2.2' | 'mdc-2023';
  /** Shift and trend length; default 7, 6 is the variant some NHS bodies use. */
  readonly runLength?: RunLength;
}

export interface ResolvedSpcOptions {
  readonly improvementDirection: ImprovementDirection;
  readonly target: number | null;
  readonly rebase: readonly string[];
  readonly fixAfterNPoints: number | null;
  readonly screenOutliers: boolean;
  readonly twoInThreeRule: 'ptd-0.2.2' | 'mdc-2023';
  readonly runLength: RunLength;
}

export interface SpcLimits {
  readonly mean: number;
  readonly lpl: number;
  readonly upl: number;
  /** The 2-sigma band. */
  readonly nlpl: number;
  readonly nupl: number;
}

export interface SpcPoint extends SpcLimits {
  readonly period: string;
  readonly value: number;
  readonly rule: SpcRule;
  readonly pointType: PointType;
  /** 0-based index of the point's rebase group. */
  readonly rebaseGroup: number;
}

export type PointTypeCounts = Record<PointType, number>;

export interface SpcGroupSummary extends SpcLimits {
  readonly rebaseGroup: number;
  readonly firstPeriod: string;
  readonly lastPeriod: string;
  readonly n: number;
  /** n < 12: the limits are provisional. */
  readonly trialLimits: boolean;
  readonly counts: PointTypeCounts;
}

export type VariationIcon = 'common_cause' | 'neutral_high' | 'neutral_low' | 'improvement_high' | 'improvement_low' | 'concern_high' | 'concern_low';

export type AssuranceIcon = 'consistent_pass' | 'consistent_fail' | 'inconsistent';

export interface SpcWarning {
  readonly code: 'TRIAL_LIMITS' | 'REBASE_NOT_FOUND' | 'NO_MOVING_RANGE';
  readonly message: string;
  readonly rebaseGroup?: number;
}

export interface SpcAnalysis {
  readonly points: SpcPoint[];
  readonly groups: SpcGroupSummary[];
  /** The last group's limits (what a chart shows as "current"); null for an empty series. */
  readonly mean: number | null;
  readonly lpl: number | null;
  readonly upl: number | null;
  /** From the last point; null for an empty series. */
  readonly variation: VariationIcon | null;
  /** Null without a target, with a neutral direction, or for an empty series. */
  readonly assurance: AssuranceIcon | null;
  readonly warnings: SpcWarning[];
  readonly options: ResolvedSpcOptions;
}

export function resolveSpcOptions(options: SpcOptions = {}): ResolvedSpcOptions {
  const fix = options.fixAfterNPoints ?? null;
  if (fix !== null && (!Number.isInteger(fix) || fix < MIN_POINTS_FOR_LIMITS)) {
    throw new AnalyticsInputError('OUT_OF_RANGE', `fixAfterNPoints must be an integer >= ${MIN_POINTS_FOR_LIMITS}, got ${fix}`);
  }
  const target = options.target ?? null;
  if (target !== null && !Number.isFinite(target)) {
    throw new AnalyticsInputError('INVALID_VALUE', `target must be a finite number, got ${target}`);
  }
  const runLength = options.runLength ?? 7;
  if (runLength !== 6 && runLength !== 7) {
    throw new AnalyticsInputError('OUT_OF_RANGE', `runLength must be 6 or 7, got ${String(runLength)}`);
  }
  return {
    improvementDirection: options.improvementDirection ?? 'increase',
    target,
    rebase: options.rebase ?? [],
    fixAfterNPoints: fix,
    screenOutliers: options.screenOutliers ?? true,
    twoInThreeRule: options.twoInThreeRule ?? 'ptd-0.2.2',
    runLength,
  };
}

/**
 * R's mean(): sum/n refined by the mean of the residuals. Without the refinement a constant
 * series such as ten 0.1s has a mean a rounding error away from its points, which would put
 * every point "above the mean" and fake a shift.
 */
export function mean(values: readonly number[]): number {
  const n = values.length;
  let sum = 0;
  for (const v of values) sum += v;
  const first = sum / n;
  if (!Number.isFinite(first)) return first;
  let residual = 0;
  for (const v of values) residual += v - first;
  return first + residual / n;
}

/**
 * XmR limits of one group. With one usable point there is no moving range: mean(MR) is
 * NaN, exactly as in R, so the limits are NaN and no point can be outside them.
 */
export function xmrLimits(values: readonly number[], screenOutliers = true): SpcLimits {
  const mr: number[] = [];
  for (let i = 1; i < values.length; i++) mr.push(Math.abs((values[i] as number) - (values[i - 1] as number)));
  let amr = mean(mr);
  // One pass, strict <, as ptd_spc_standard: a large jump is a special cause, not noise.
  // Deliberate deviation: when every moving range is 0 (a flat series) R screens them all out
  // and returns NaN limits; we keep 0, so a flat series has limits equal to its mean.
  if (screenOutliers && amr > 0) {
    const screenAt = MR_SCREEN * amr;
    amr = mean(mr.filter((r) => r < screenAt));
  }
  const m = mean(values);
  return {
    mean: m,
    lpl: m - XMR_LIMIT * amr,
    upl: m + XMR_LIMIT * amr,
    nlpl: m - ((2 * XMR_LIMIT) / 3) * amr,
    nupl: m + ((2 * XMR_LIMIT) / 3) * amr,
  };
}

export interface ClassifyOptions {
  readonly improvementDirection: ImprovementDirection;
  readonly twoInThreeRule: 'ptd-0.2.2' | 'mdc-2023';
  readonly runLength: RunLength;
}

/**
 * Rules and point types of a run of values against fixed limits. Shared by `spc` and by
 * the outcome evaluation, which judges post-intervention points against baseline limits.
 */
export function classifyAgainstLimits(values: readonly number[], limits: SpcLimits, options: ClassifyOptions): { rule: SpcRule; pointType: PointType }[] {
  const { mean: m, lpl, upl, nlpl, nupl } = limits;
  const outside = values.map((y) => (y > upl || y < lpl ? 1 : 0));
  const relativeToMean = values.map((y) => Math.sign(y - m));
  const beyondTwoSigma = values.map((y) => (y < nlpl || y > nupl ? 1 : 0));
  const close = values.map((_, i) => (outside[i] === 0 && beyondTwoSigma[i] === 1 ? 1 : 0));
  const twoFlags = options.twoInThreeRule === 'mdc-2023' ? beyondTwoSigma : close;
  const rules = specialCauseType(values, relativeToMean, twoFlags, outside, options.runLength);
  return rules.map((rule) => ({ rule, pointType: pointTypeOf(rule, options.improvementDirection) }));
}

export function emptyCounts(): PointTypeCounts {
  return {
    common_cause: 0,
    special_cause_improvement: 0,
    special_cause_concern: 0,
    special_cause_neutral_high: 0,
    special_cause_neutral_low: 0,
  };
}

export function variationIcon(pointType: PointType, direction: ImprovementDirection): VariationIcon {
  switch (pointType) {
    case 'common_cause':
      return 'common_cause';
    case 'special_cause_neutral_high':
      return 'neutral_high';
    case 'special_cause_neutral_low':
      return 'neutral_low';
    case 'special_cause_concern':
      return direction === 'increase' ? 'concern_low' : 'concern_high';
    case 'special_cause_improvement':
      return direction === 'increase' ? 'improvement_high' : 'improvement_low';
    default: {
      const _never: never = pointType;
      return _never;
    }
  }
}

/** Uses the last row's limits, as ptd_calculate_assurance_type. */
export function assuranceIcon(target: number | null, direction: ImprovementDirection, limits: { lpl: number; upl: number }): AssuranceIcon | null {
  if (target === null || direction === 'neutral') return null;
  const increasing = direction === 'increase';
  if (target > limits.upl) return increasing ? 'consistent_fail' : 'consistent_pass';
  if (target < limits.lpl) return increasing ? 'consistent_pass' : 'consistent_fail';
  return 'inconsistent';
}

/**
 * Validates and orders the input: periods must parse and be unique; values finite.
 * Returned in calendar order with the parsed key alongside.
 */
export function orderPoints(points: readonly SpcInputPoint[]): { period: string; key: string; value: number }[] {
  const seen = new Map<string, string>();
  const rows = points.map((p) => {
    const { key } = parsePeriod(p.period);
    if (typeof p.value !== 'number' || !Number.isFinite(p.value)) {
      throw new AnalyticsInputError('INVALID_VALUE', `value for period ${p.period} is not a finite number`);
    }
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new AnalyticsInputError('DUPLICATE_PERIOD', `duplicate period ${p.period} (same as ${earlier})`);
    }
    seen.set(key, p.period);
    return { period: p.period, key, value: p.value };
  });
  return rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** An XmR analysis of one series. Input order does not matter; periods must be unique. */
export function spc(points: readonly SpcInputPoint[], options: SpcOptions = {}): SpcAnalysis {
  const resolved = resolveSpcOptions(options);
  const ordered = orderPoints(points);
  const warnings: SpcWarning[] = [];

  const rebaseKeys = new Set(resolved.rebase.map((r) => parsePeriod(r).key));
  const presentKeys = new Set(ordered.map((p) => p.key));
  for (const r of resolved.rebase) {
    if (!presentKeys.has(parsePeriod(r).key)) {
      warnings.push({ code: 'REBASE_NOT_FOUND', message: `rebase period ${r} matches no point and was ignored` });
    }
  }

  // Group boundaries: a rebase period starts a new group, except on the first point, where
  // it would start the group that starts there anyway (R would number it 1; we keep 0-based).
  const groupsOfPoints: (typeof ordered)[] = [];
  ordered.forEach((p, i) => {
    if (i === 0 || rebaseKeys.has(p.key)) groupsOfPoints.push([]);
    (groupsOfPoints[groupsOfPoints.length - 1] as typeof ordered).push(p);
  });

  const outPoints: SpcPoint[] = [];
  const groups: SpcGroupSummary[] = [];
  groupsOfPoints.forEach((groupPoints, rebaseGroup) => {
    const values = groupPoints.map((p) => p.value);
    const fixed = resolved.fixAfterNPoints === null ? values : values.slice(0, resolved.fixAfterNPoints);
    const limits = xmrLimits(fixed, resolved.screenOutliers);
    const classified = classifyAgainstLimits(values, limits, resolved);
    const counts = emptyCounts();
    groupPoints.forEach((p, i) => {
      const c = classified[i] as { rule: SpcRule; pointType: PointType };
      counts[c.pointType] += 1;
      outPoints.push({ period: p.period, value: p.value, ...limits, rule: c.rule, pointType: c.pointType, rebaseGroup });
    });
    const n = groupPoints.length;
    const trialLimits = n < MIN_POINTS_FOR_LIMITS;
    if (trialLimits) {
      warnings.push({
        code: 'TRIAL_LIMITS',
        rebaseGroup,
        message: `group ${rebaseGroup} has ${n} points; limits from fewer than ${MIN_POINTS_FOR_LIMITS} points are trial limits`,
      });
    }
    if (fixed.length < 2) {
      warnings.push({
        code: 'NO_MOVING_RANGE',
        rebaseGroup,
        message: `group ${rebaseGroup} has a single point, so it has no moving range and no limits`,
      });
    }
    groups.push({
      rebaseGroup,
      firstPeriod: (groupPoints[0] as { period: string }).period,
      lastPeriod: (groupPoints[n - 1] as { period: string }).period,
      n,
      trialLimits,
      counts,
      ...limits,
    });
  });

  const last = outPoints[outPoints.length - 1];
  return {
    points: outPoints,
    groups,
    mean: last?.mean ?? null,
    lpl: last?.lpl ?? null,
    upl: last?.upl ?? null,
    variation: last ? variationIcon(last.pointType, resolved.improvementDirection) : null,
    assurance: last ? assuranceIcon(resolved.target, resolved.improvementDirection, last) : null,
    warnings,
    options: resolved,
  };
}
