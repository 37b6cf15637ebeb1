/**
 * Benchmarking a trust against others: quartiles, rank, and funnel plots
 * (Spiegelhalter 2005, "Funnel plots for comparing institutional performance", Stat Med 24:1185-1202).
 */
import { AnalyticsInputError } from './errors';
import { logGamma } from './distributions';

/**
 * The p-quantile of `values` by linear interpolation between order statistics: Hyndman & Fan
 * (1996) type 7, the default of R's quantile(), NumPy's percentile and Excel's QUARTILE.INC.
 * h = (n - 1) p; x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]) on the sorted values.
 */
export function quantile(values: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 1)) throw new AnalyticsInputError('OUT_OF_RANGE', `a quantile's probability must be from 0 to 1 (got ${p})`);
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const below = sorted[lo] as number;
  const above = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return below + (h - lo) * (above - below);
}

export interface BenchmarkSummary {
  readonly n: number;
  readonly median: number;
  readonly q1: number;
  readonly q3: number;
}

/** Median and quartiles (type 7) of a set of trusts' values. */
export function summarise(values: readonly number[]): BenchmarkSummary {
  return { n: values.length, median: quantile(values, 0.5), q1: quantile(values, 0.25), q3: quantile(values, 0.75) };
}

/**
 * The rank of `value` among `values` (which include it), 1 = best: one plus the number of
 * values strictly better, so ties share the better rank ("competition" ranking, 1-2-2-4).
 */
export function rankOf(value: number, values: readonly number[], direction: 'increase' | 'decrease'): number {
  const better = direction === 'increase' ? values.filter((v) => v > value) : values.filter((v) => v < value);
  return better.length + 1;
}

/** The two funnel limits Spiegelhalter recommends: 95% (about 2 SD) and 99.8% (about 3 SD). */
export const FUNNEL_COVERAGES = [0.95, 0.998] as const;

/** The probabilities where Binomial(n, p) cumulates past each of `ps` (ascending), by summing its pmf. */
function binomialCdfAround(n: number, p: number): { first: number; cdf: number[] } {
  // Start at the mode with an exact log pmf, then walk out by the pmf's recurrence until the
  // terms are negligible (below 1e-20 of the mode): O(sqrt(n)) terms rather than n.
  const mode = Math.min(n, Math.floor((n + 1) * p));
  const logMode = logGamma(n + 1) - logGamma(mode + 1) - logGamma(n - mode + 1) + mode * Math.log(p) + (n - mode) * Math.log1p(-p);
  const pmfMode = Math.exp(logMode);
  const odds = p / (1 - p);
  const below: number[] = [];
  let term = pmfMode;
  for (let k = mode; k > 0 && term > pmfMode * 1e-20; k--) {
    term = (term * k) / ((n - k + 1) * odds);
    below.push(term);
  }
  const above: number[] = [];
  term = pmfMode;
  for (let k = mode; k < n && term > pmfMode * 1e-20; k++) {
    term = (term * (n - k) * odds) / (k + 1);
    above.push(term);
  }
  const pmf = [...below.reverse(), pmfMode, ...above];
  const first = mode - below.length;
  // Normalise (the truncated tails are below 1e-17 of the total) so the cdf ends at exactly 1.
  const total = pmf.reduce((a, b) => a + b, 0);
  let running = 0;
  const cdf = pmf.map((q) => (running += q / total));
  return { first, cdf };
}

/**
 * The exact binomial control limit of a funnel plot at denominator n for target proportion p0,
 * at cumulative probability `prob` (e.g. 0.001 and 0.999 for the 99.8% limits), interpolated as
 * in Spiegelhalter (2005), Appendix A.1.1: r_p = the smallest r with P(R <= r) >= prob,
 * alpha = (P(R <= r_p) - prob) / (P(R = r_p)), limit = (r_p - alpha) / n. The interpolation makes
 * the limits smooth in n despite the discreteness of the binomial.
 */
export function binomialFunnelLimit(p0: number, n: number, prob: number): number {
  if (!Number.isInteger(n) || n <= 0) throw new AnalyticsInputError('OUT_OF_RANGE', `a funnel's denominator must be a whole number above 0 (got ${n})`);
  if (!(p0 >= 0 && p0 <= 1)) throw new AnalyticsInputError('OUT_OF_RANGE', `a funnel's target proportion must be from 0 to 1 (got ${p0})`);
  if (!(prob > 0 && prob < 1)) throw new AnalyticsInputError('OUT_OF_RANGE', `a funnel limit's probability must be between 0 and 1 (got ${prob})`);
  if (p0 === 0 || p0 === 1) return p0;
  const { first, cdf } = binomialCdfAround(n, p0);
  let i = cdf.findIndex((c) => c >= prob);
  if (i < 0) i = cdf.length - 1;
  const rp = first + i;
  const atRp = cdf[i] as number;
  const beforeRp = i > 0 ? (cdf[i - 1] as number) : 0;
  const alpha = (atRp - prob) / (atRp - beforeRp);
  return Math.min(1, Math.max(0, (rp - alpha) / n));
}

export interface FunnelInput {
  readonly id: string;
  readonly numerator: number;
  readonly denominator: number;
}

export interface FunnelLimits {
  readonly denominator: number;
  readonly lower95: number;
  readonly upper95: number;
  readonly lower998: number;
  readonly upper998: number;
}

export interface FunnelPoint extends FunnelLimits {
  readonly id: string;
  readonly numerator: number;
  /** numerator / denominator. */
  readonly proportion: number;
  /** Strictly outside the 95% limits at its own denominator. */
  readonly outside95: boolean;
  readonly outside998: boolean;
}

export interface FunnelPlot {
  /** The target: the pooled proportion, sum(numerators) / sum(denominators), unless given. */
  readonly target: number;
  readonly points: readonly FunnelPoint[];
  /** The limits along the denominator axis (for drawing), from the smallest to the largest denominator. */
  readonly curve: readonly FunnelLimits[];
}

/** The four limits (95% and 99.8%, each side) at one denominator. */
export function funnelLimits(p0: number, n: number): FunnelLimits {
  return {
    denominator: n,
    lower95: binomialFunnelLimit(p0, n, 0.025),
    upper95: binomialFunnelLimit(p0, n, 0.975),
    lower998: binomialFunnelLimit(p0, n, 0.001),
    upper998: binomialFunnelLimit(p0, n, 0.999),
  };
}

/**
 * A funnel plot of proportions (Spiegelhalter 2005): each unit's proportion against its
 * denominator, with exact binomial 95% and 99.8% limits around the target. A unit is marked
 * outside when its proportion is strictly beyond a limit at its own denominator.
 * `curvePoints` limits are spaced evenly on a log scale of the denominator.
 */
export function funnelPlot(inputs: readonly FunnelInput[], options: { target?: number; curvePoints?: number } = {}): FunnelPlot {
  for (const input of inputs) {
    if (!Number.isInteger(input.denominator) || input.denominator <= 0) {
      throw new AnalyticsInputError('OUT_OF_RANGE', `${input.id}: the denominator must be a whole number above 0 (got ${input.denominator})`);
    }
    if (!Number.isInteger(input.numerator) || input.numerator < 0 || input.numerator > input.denominator) {
      throw new AnalyticsInputError(
        'OUT_OF_RANGE',
        `${input.id}: the numerator must be a whole number from 0 to the denominator (got ${input.numerator} of ${input.denominator})`,
      );
    }
  }
  const totalN = inputs.reduce((a, i) => a + i.denominator, 0);
  const target = options.target ?? (totalN > 0 ? inputs.reduce((a, i) => a + i.numerator, 0) / totalN : Number.NaN);
  if (inputs.length === 0) return { target, points: [], curve: [] };
  const points = inputs.map((input): FunnelPoint => {
    const limits = funnelLimits(target, input.denominator);
    const proportion = input.numerator / input.denominator;
    return {
      id: input.id,
      numerator: input.numerator,
      proportion,
      ...limits,
      outside95: proportion < limits.lower95 || proportion > limits.upper95,
      outside998: proportion < limits.lower998 || proportion > limits.upper998,
    };
  });
  const smallest = Math.min(...inputs.map((i) => i.denominator));
  const largest = Math.max(...inputs.map((i) => i.denominator));
  const steps = Math.max(2, options.curvePoints ?? 60);
  const denominators = new Set<number>();
  for (let s = 0; s < steps; s++) denominators.add(Math.round(smallest * (largest / smallest) ** (s / (steps - 1))));
  const curve = [...denominators].sort((a, b) => a - b).map((n) => funnelLimits(target, n));
  return { target, points, curve };
}
