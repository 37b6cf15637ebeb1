/**
 * Random-effects pooling of per-trust effects, matching metafor's rma() for the estimate, its
 * confidence interval, Q, tau^2, I^2 and the prediction interval for a new trust. Used for
 * "does this intervention work across trusts, and how much does that vary?".
 *
 * tau^2 estimators (spc-and-pooling.md sections 5 and 8):
 * - DL, DerSimonian–Laird: the method-of-moments closed form.
 * - REML: the root of the restricted log-likelihood's derivative,
 *   sum(w*_i^2 (y_i - mu)^2) = sum(w*_i) - sum(w*_i^2)/sum(w*_i), truncated at 0. That
 *   derivative is positive at 0 when REML's estimate is positive and, for the intercept-only
 *   model, crosses zero once; it is found by bisection to machine precision (metafor's Fisher
 *   scoring stops at a change of 1e-5, so its tau^2 can differ in the 4th-5th digit).
 * - PM, Paule–Mandel: the tau^2 at which the generalised Q, sum(w*_i (y_i - mu)^2), equals
 *   k - 1 (0 when Q at tau^2 = 0 is already <= k - 1); Q(tau^2) is decreasing, so bisection
 *   again, to machine precision.
 * Tests: 'z' (metafor's default) uses the normal distribution; 'knha' the Knapp–Hartung
 * adjustment: se = sqrt(sum(w*_i (y_i - mu)^2) / ((k-1) sum(w*_i))) (not truncated, as
 * metafor's test = "knha"; "adhoc" would truncate) and the t distribution on k-1 degrees of
 * freedom for the confidence and the prediction interval.
 * I^2 for every estimator as metafor reports it: 100 tau2 / (tau2 + s2) with the typical
 * within-study variance s2 = (k-1) sum(w_i) / ((sum w_i)^2 - sum(w_i^2)), w_i = 1/v_i (for DL
 * this equals (Q - df)/Q).
 */
import { Z_975, studentTQuantile } from './distributions';
import { AnalyticsInputError } from './errors';

export interface PoolStudy {
  readonly id?: string;
  /** Effect estimate (e.g. a mean difference or a log risk ratio). */
  readonly yi: number;
  /** Its sampling variance (> 0). */
  readonly vi: number;
}

/** How tau^2 is estimated (metafor's `method`). */
export type PoolMethod = 'DL' | 'REML' | 'PM';
/** How the estimate is tested and its intervals built (metafor's `test`). */
export type PoolTest = 'z' | 'knha';
export const POOL_METHODS: readonly PoolMethod[] = ['DL', 'REML', 'PM'];
export const POOL_TESTS: readonly PoolTest[] = ['z', 'knha'];

/** What a method is called in words, for pages and reports that name how a figure was made. */
export const POOL_METHOD_LABEL: Record<PoolMethod, string> = {
  DL: 'DerSimonian-Laird',
  REML: 'restricted maximum likelihood (REML)',
  PM: 'Paule-Mandel',
};

export interface PoolOptions {
  /** tau^2 estimator; default 'DL'. */
  readonly method?: PoolMethod;
  /** Default 'z'; 'knha' needs k >= 2. */
  readonly test?: PoolTest;
  /**
   * 'normal' (metafor's default): mu -/+ crit * sqrt(tau2 + se^2) with crit the test's own
   * critical value (z, or t_{k-1} with 'knha').
   * 't': mu -/+ t_{k-2} * sqrt(tau2 + se^2) (Higgins, Thompson & Spiegelhalter 2009), which
   * is wider with few trusts; needs k >= 3.
   */
  readonly predictionInterval?: 'normal' | 't';
}

export interface ShrunkStudy {
  readonly id: string;
  readonly yi: number;
  readonly vi: number;
  /** Empirical Bayes estimate: mu + lambda (yi - mu). */
  readonly theta: number;
  /** tau2 / (tau2 + vi): how much of the trust's own estimate is kept. */
  readonly lambda: number;
}

export interface PoolResult {
  readonly method: PoolMethod;
  readonly test: PoolTest;
  readonly k: number;
  readonly estimate: number;
  readonly se: number;
  readonly ciLow: number;
  readonly ciHigh: number;
  readonly tau2: number;
  /** Percent, 0-100. */
  readonly i2: number;
  /** Cochran's Q (the fixed-effect heterogeneity statistic), whatever the estimator. */
  readonly q: number;
  /** Null when k = 1 (no heterogeneity can be estimated) or 't' with k < 3. */
  readonly piLow: number | null;
  readonly piHigh: number | null;
  readonly shrunk: ShrunkStudy[];
}

/** The DerSimonian–Laird fit (metafor's rma(method = "DL")); `pool` with method 'DL'. */
export function poolDerSimonianLaird(studies: readonly PoolStudy[], options: Omit<PoolOptions, 'method'> = {}): PoolResult {
  return pool(studies, { ...options, method: 'DL' });
}

interface Weighted {
  readonly mu: number;
  readonly sumW: number;
  readonly sumW2: number;
  /** sum(w (y - mu)^2): the generalised Q at this tau^2. */
  readonly q: number;
  /** sum(w^2 (y - mu)^2). */
  readonly q2: number;
}

function weighted(studies: readonly PoolStudy[], tau2: number): Weighted {
  let sumW = 0;
  let sumW2 = 0;
  let sumWy = 0;
  for (const s of studies) {
    const w = 1 / (s.vi + tau2);
    sumW += w;
    sumW2 += w * w;
    sumWy += w * s.yi;
  }
  const mu = sumWy / sumW;
  let q = 0;
  let q2 = 0;
  for (const s of studies) {
    const w = 1 / (s.vi + tau2);
    const r2 = (s.yi - mu) ** 2;
    q += w * r2;
    q2 += w * w * r2;
  }
  return { mu, sumW, sumW2, q, q2 };
}

/**
 * The root in (0, inf) of a function that is positive at 0 and decreasing through its one
 * crossing, by doubling an upper bound and then bisecting until the bracket cannot shrink
 * (adjacent doubles), which is well inside the spec's 1e-12 relative tolerance.
 */
function positiveRoot(f: (tau2: number) => number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; f(hi) > 0; i++) {
    lo = hi;
    hi *= 2;
    if (i > 2000) throw new Error('pooling: no root of the tau^2 equation below the largest double');
  }
  for (let i = 0; i < 2000; i++) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    if (f(mid) > 0) lo = mid;
    else hi = mid;
  }
  return lo + (hi - lo) / 2;
}

function estimateTau2(studies: readonly PoolStudy[], method: PoolMethod, q: number, sumW: number, sumW2: number): number {
  const k = studies.length;
  // With k = 1 no between-trust variance is estimable: 0 (as metafor).
  if (k === 1) return 0;
  const df = k - 1;
  switch (method) {
    case 'DL':
      return Math.max(0, (q - df) / (sumW - sumW2 / sumW));
    case 'REML': {
      // d logL_R / d tau^2 = (sum w^2 (y-mu)^2 - (sum w - sum w^2 / sum w)) / 2
      const score = (tau2: number): number => {
        const a = weighted(studies, tau2);
        return a.q2 - (a.sumW - a.sumW2 / a.sumW);
      };
      return score(0) <= 0 ? 0 : positiveRoot(score);
    }
    case 'PM': {
      const excess = (tau2: number): number => weighted(studies, tau2).q - df;
      return excess(0) <= 0 ? 0 : positiveRoot(excess);
    }
  }
}

/**
 * Random-effects pooling (metafor's rma(yi, vi, method, test)); defaults DL and z.
 * Throws AnalyticsInputError for no studies, a non-finite yi, a vi that is not > 0, an
 * unknown method or test, and 'knha' with one study (no degrees of freedom).
 */
export function pool(studies: readonly PoolStudy[], options: PoolOptions = {}): PoolResult {
  const method = options.method ?? 'DL';
  const test = options.test ?? 'z';
  if (!POOL_METHODS.includes(method)) {
    throw new AnalyticsInputError('INVALID_VALUE', `unknown pooling method '${String(method)}': use one of ${POOL_METHODS.join(', ')}`);
  }
  if (!POOL_TESTS.includes(test)) throw new AnalyticsInputError('INVALID_VALUE', `unknown test '${String(test)}': use z or knha`);
  const k = studies.length;
  if (k === 0) throw new AnalyticsInputError('EMPTY_INPUT', 'pooling needs at least one study');
  studies.forEach((s, i) => {
    const name = s.id ?? `#${i + 1}`;
    if (!Number.isFinite(s.yi)) throw new AnalyticsInputError('INVALID_VALUE', `study ${name}: yi must be a finite number`);
    if (!Number.isFinite(s.vi) || s.vi <= 0) {
      throw new AnalyticsInputError('OUT_OF_RANGE', `study ${name}: vi must be a finite number > 0, got ${s.vi}`);
    }
  });
  if (test === 'knha' && k < 2) {
    throw new AnalyticsInputError('OUT_OF_RANGE', 'the Knapp-Hartung adjustment needs at least two studies (it uses k - 1 degrees of freedom)');
  }
  const fixed = weighted(studies, 0);
  const q = fixed.q;
  const df = k - 1;
  const tau2 = estimateTau2(studies, method, q, fixed.sumW, fixed.sumW2);
  const random = weighted(studies, tau2);
  const estimate = random.mu;
  const se = test === 'knha' ? Math.sqrt(random.q / (df * random.sumW)) : Math.sqrt(1 / random.sumW);
  const s2 = k === 1 ? 0 : (df * fixed.sumW) / (fixed.sumW ** 2 - fixed.sumW2);
  const i2 = tau2 > 0 ? (100 * tau2) / (tau2 + s2) : 0;
  const ciCrit = test === 'knha' ? studentTQuantile(0.975, df) : Z_975;

  const mode = options.predictionInterval ?? 'normal';
  const piCrit = k === 1 ? null : mode === 'normal' ? ciCrit : k >= 3 ? studentTQuantile(0.975, k - 2) : null;
  const piHalf = piCrit === null ? null : piCrit * Math.sqrt(tau2 + se * se);

  return {
    method,
    test,
    k,
    estimate,
    se,
    ciLow: estimate - ciCrit * se,
    ciHigh: estimate + ciCrit * se,
    tau2,
    i2,
    q,
    piLow: piHalf === null ? null : estimate - piHalf,
    piHigh: piHalf === null ? null : estimate + piHalf,
    shrunk: studies.map((s, i) => {
      const lambda = tau2 / (tau2 + s.vi);
      return { id: s.id ?? String(i + 1), yi: s.yi, vi: s.vi, lambda, theta: estimate + lambda * (s.yi - estimate) };
    }),
  };
}

/** Share of evaluated adoptions whose verdict was SUSTAINED (null when none are evaluable). */
export function sustainedShare(verdicts: readonly string[]): number | null {
  const judged = verdicts.filter((v) => v !== 'INSUFFICIENT_DATA' && v !== 'NOT_YET_EVIDENT');
  if (judged.length === 0) return null;
  return judged.filter((v) => v === 'SUSTAINED').length / judged.length;
}

/**
 * How Longview's evidence pages pool across trusts: REML with the Knapp–Hartung adjustment,
 * the better-behaved choice for the small k typical of cross-trust evidence (and metafor
 * users' expectation). Knapp–Hartung needs k - 1 >= 1 degrees of freedom, so one study is
 * reported with the z test (its own estimate and standard error).
 */
export function evidencePoolOptions(k: number): { method: PoolMethod; test: PoolTest } {
  return { method: 'REML', test: k >= 2 ? 'knha' : 'z' };
}

/** The method in words, e.g. for "Pooled by ..." beside a figure. */
export function describePooling(method: PoolMethod, test: PoolTest): string {
  const t = test === 'knha' ? 'the Knapp-Hartung adjustment (t distribution, k - 1 degrees of freedom)' : 'normal-theory (z) intervals';
  return `Random-effects meta-analysis: tau² by ${POOL_METHOD_LABEL[method]}, ${t}.`;
}
