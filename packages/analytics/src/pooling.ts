/**
 * Random-effects pooling of per-trust effects by DerSimonian–Laird, matching metafor's
 * rma(method = "DL") for the estimate, its confidence interval, Q, tau^2, I^2 and the
 * prediction interval for a new trust. Used for "does this intervention work across
 * trusts, and how much does that vary?".
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

export interface PoolOptions {
  /**
   * 'normal' (metafor's default): mu -/+ z * sqrt(tau2 + se^2).
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
  readonly k: number;
  readonly estimate: number;
  readonly se: number;
  readonly ciLow: number;
  readonly ciHigh: number;
  readonly tau2: number;
  /** Percent, 0-100. */
  readonly i2: number;
  readonly q: number;
  /** Null when k = 1 (no heterogeneity can be estimated) or 't' with k < 3. */
  readonly piLow: number | null;
  readonly piHigh: number | null;
  readonly shrunk: ShrunkStudy[];
}

export function poolDerSimonianLaird(studies: readonly PoolStudy[], options: PoolOptions = {}): PoolResult {
  const k = studies.length;
  if (k === 0) throw new AnalyticsInputError('EMPTY_INPUT', 'pooling needs at least one study');
  studies.forEach((s, i) => {
    const name = s.id ?? `#${i + 1}`;
    if (!Number.isFinite(s.yi)) throw new AnalyticsInputError('INVALID_VALUE', `study ${name}: yi must be a finite number`);
    if (!Number.isFinite(s.vi) || s.vi <= 0) {
      throw new AnalyticsInputError('OUT_OF_RANGE', `study ${name}: vi must be a finite number > 0, got ${s.vi}`);
    }
  });
  const w = studies.map((s) => 1 / s.vi);
  const sumW = w.reduce((a, b) => a + b, 0);
  const sumW2 = w.reduce((a, b) => a + b * b, 0);
  const muFixed = studies.reduce((acc, s, i) => acc + (w[i] as number) * s.yi, 0) / sumW;
  const q = studies.reduce((acc, s, i) => acc + (w[i] as number) * (s.yi - muFixed) ** 2, 0);
  const df = k - 1;
  const c = sumW - sumW2 / sumW;
  // With k = 1, C = 0 and Q = df = 0: no between-trust variance is estimable, so it is 0.
  const tau2 = k === 1 ? 0 : Math.max(0, (q - df) / c);
  const wr = studies.map((s) => 1 / (s.vi + tau2));
  const sumWr = wr.reduce((a, b) => a + b, 0);
  const estimate = studies.reduce((acc, s, i) => acc + (wr[i] as number) * s.yi, 0) / sumWr;
  const se = Math.sqrt(1 / sumWr);
  const i2 = q > 0 ? Math.max(0, (q - df) / q) * 100 : 0;

  const mode = options.predictionInterval ?? 'normal';
  const crit = k === 1 ? null : mode === 'normal' ? Z_975 : k >= 3 ? studentTQuantile(0.975, k - 2) : null;
  const piHalf = crit === null ? null : crit * Math.sqrt(tau2 + se * se);

  return {
    k,
    estimate,
    se,
    ciLow: estimate - Z_975 * se,
    ciHigh: estimate + Z_975 * se,
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
