/**
 * System-wide projection of a metric: Monte Carlo over trusts, status quo versus a
 * scenario in which some trusts adopt an intervention.
 *
 * Model, per draw:
 * - Status quo for trust i: level_i ~ N(mean_i, sigma_i^2 / n_i) (uncertainty in the
 *   recent level), then each month level_i + N(0, sigma_i^2). mean_i is the mean of the
 *   recent values supplied; sigma_i is the XmR process sigma (screened mean moving range
 *   / 1.128), the same common-cause variation an SPC chart shows.
 * - Scenario, for each adopter: an effect delta ~ N(effect.mean, tau2 + se^2) (between-trust
 *   variation plus uncertainty in the pooled mean: the prediction distribution for a new
 *   trust); with probability fadeProbability the effect fades, at a month drawn uniformly
 *   from 1..horizon, after which it is 0 (the quick win). It ramps up linearly over
 *   rampMonths (default 0: full effect from month 1).
 * - System value = weighted mean over trusts (weight default 1, e.g. attendances), with
 *   shares s_i = w_i / sum(w).
 *
 * How it is computed (`projectSystem`, the fast path). The trust terms are independent
 * normals, so their weighted total is itself normal and is drawn directly:
 *   statusQuo[d][m] = sum_i s_i mean_i + A_d + B_dm,
 *   A_d  ~ N(0, sum_i s_i^2 sigma_i^2 / n_i)   (level uncertainty, one per draw),
 *   B_dm ~ N(0, sum_i s_i^2 sigma_i^2)         (monthly noise, one per draw and month).
 * That is exactly the distribution of the per-trust simulation, at a cost independent of the
 * number of trusts. The scenario adds, per draw, only the adopters' uplift
 * sum_{i adopting, still active at m} s_i * delta_i * ramp(m): only adopters need per-trust
 * draws (delta_i, whether and when it fades), and the uplift is accumulated by fade month and
 * summed backwards, O(adopters + horizon) per draw.
 *
 * Randomness: status-quo draws come from sfc32(seed); scenario draws (delta, fade,
 * fade month, in that order per adopter and per draw) from a second stream seeded
 * seed ^ 0x9e3779b9. Hence:
 * - deterministic for a seed;
 * - adding a scenario does not change the status quo;
 * - common random numbers: scenario[d][m] = statusQuo[d][m] + uplift[d][m] with the SAME
 *   status-quo draw, so `difference` is the uplift alone, unblurred by noise. This holds
 *   exactly, as before. The scenario stream is consumed in the same order as the per-trust
 *   reference, so for a seed `difference` equals the reference's draw for draw (up to
 *   floating-point summation order).
 * - What no longer holds: a status-quo draw is no longer the sum of identifiable per-trust
 *   draws, so for a seed the status-quo numbers differ from `projectSystemPerTrust`'s; they
 *   agree in distribution (tested: means and p05/p95 within Monte Carlo tolerance).
 *
 * `projectSystemPerTrust` is the straightforward simulation (a normal per trust per month per
 * draw), kept as the reference for tests and the benchmark; it is O(draws x trusts x horizon).
 */
import { AnalyticsInputError } from './errors';
import { sfc32, normalSource, quantileSorted } from './random';
import { xmrLimits } from './spc';

export interface ProjectionTrust {
  readonly code: string;
  /** Recent monthly values, oldest first. */
  readonly series: readonly number[];
  readonly weight?: number;
}

export interface ProjectionScenario {
  readonly adopters: readonly string[];
  readonly effect: { readonly mean: number; readonly tau2: number; readonly se: number };
  readonly fadeProbability: number;
  readonly rampMonths?: number;
}

export interface ProjectSystemInput {
  readonly trusts: readonly ProjectionTrust[];
  readonly horizonMonths: number;
  readonly draws: number;
  readonly seed: number;
  readonly scenario?: ProjectionScenario;
}

export interface ProjectionMonth {
  /** 1 = the first month after the data. */
  readonly offset: number;
  readonly mean: number;
  readonly p05: number;
  readonly p50: number;
  readonly p95: number;
}

export interface SystemProjection {
  /** The scenario when one is given, else the status quo. */
  readonly months: ProjectionMonth[];
  readonly statusQuo: ProjectionMonth[];
  readonly scenario: ProjectionMonth[] | null;
  /** Scenario minus status quo, per draw. */
  readonly difference: ProjectionMonth[] | null;
  readonly trusts: { code: string; level: number; sigma: number; weight: number }[];
}

function summarise(values: Float64Array, draws: number, horizon: number): ProjectionMonth[] {
  const column = new Float64Array(draws);
  const out: ProjectionMonth[] = [];
  for (let m = 0; m < horizon; m++) {
    let sum = 0;
    for (let d = 0; d < draws; d++) {
      const v = values[d * horizon + m] as number;
      column[d] = v;
      sum += v;
    }
    column.sort();
    out.push({
      offset: m + 1,
      mean: sum / draws,
      p05: quantileSorted(column, 0.05),
      p50: quantileSorted(column, 0.5),
      p95: quantileSorted(column, 0.95),
    });
  }
  return out;
}

function validate(input: ProjectSystemInput): void {
  const bad = (msg: string): never => {
    throw new AnalyticsInputError('OUT_OF_RANGE', msg);
  };
  if (!Number.isInteger(input.horizonMonths) || input.horizonMonths < 1) bad('horizonMonths must be an integer >= 1');
  if (!Number.isInteger(input.draws) || input.draws < 1) bad('draws must be an integer >= 1');
  if (!Number.isFinite(input.seed)) bad('seed must be a finite number');
  if (input.trusts.length === 0) throw new AnalyticsInputError('EMPTY_INPUT', 'projection needs at least one trust');
  for (const t of input.trusts) {
    if (t.series.length === 0 || t.series.some((v) => !Number.isFinite(v))) bad(`trust ${t.code}: series must be non-empty finite numbers`);
    if (t.weight !== undefined && !(t.weight >= 0 && Number.isFinite(t.weight))) bad(`trust ${t.code}: weight must be >= 0`);
  }
  if (input.trusts.reduce((a, t) => a + (t.weight ?? 1), 0) <= 0) bad('trust weights must not all be 0');
  const s = input.scenario;
  if (s) {
    const codes = new Set(input.trusts.map((t) => t.code));
    for (const a of s.adopters) if (!codes.has(a)) bad(`adopter ${a} is not among the trusts`);
    if (!(s.fadeProbability >= 0 && s.fadeProbability <= 1)) bad('fadeProbability must be in [0, 1]');
    if (!(s.effect.tau2 >= 0) || !(s.effect.se >= 0) || !Number.isFinite(s.effect.mean)) bad('effect needs a finite mean and tau2, se >= 0');
    if (s.rampMonths !== undefined && !(s.rampMonths >= 0)) bad('rampMonths must be >= 0');
  }
}

interface TrustState {
  code: string;
  level: number;
  sigma: number;
  n: number;
  weight: number;
}

function trustStates(trusts: readonly ProjectionTrust[]): TrustState[] {
  return trusts.map((t) => {
    const limits = xmrLimits(t.series, true);
    const sigma = t.series.length < 2 ? 0 : (limits.upl - limits.mean) / 3;
    return { code: t.code, level: limits.mean, sigma, n: t.series.length, weight: t.weight ?? 1 };
  });
}

/** Summaries of month-major values (values[m * draws + d]); sorts each month's column in place. */
function summariseByMonth(values: Float64Array, draws: number, horizon: number): ProjectionMonth[] {
  const out: ProjectionMonth[] = [];
  for (let m = 0; m < horizon; m++) {
    const column = values.subarray(m * draws, (m + 1) * draws);
    let sum = 0;
    for (let d = 0; d < draws; d++) sum += column[d] as number;
    column.sort();
    out.push({
      offset: m + 1,
      mean: sum / draws,
      p05: quantileSorted(column, 0.05),
      p50: quantileSorted(column, 0.5),
      p95: quantileSorted(column, 0.95),
    });
  }
  return out;
}

/**
 * Projects the system (see the header for the model and how it is computed). Deterministic
 * for a seed; about 40 ms for 140 trusts x 24 months x 10,000 draws with a scenario.
 */
export function projectSystem(input: ProjectSystemInput): SystemProjection {
  validate(input);
  const { horizonMonths: horizon, draws } = input;
  const trusts = trustStates(input.trusts);
  const totalWeight = trusts.reduce((a, t) => a + t.weight, 0);
  let centre = 0;
  let levelVariance = 0;
  let monthVariance = 0;
  for (const t of trusts) {
    const s = t.weight / totalWeight;
    centre += s * t.level;
    levelVariance += (s * t.sigma) ** 2 / t.n;
    monthVariance += (s * t.sigma) ** 2;
  }
  const levelSd = Math.sqrt(levelVariance);
  const monthSd = Math.sqrt(monthVariance);

  // Status quo, month-major so each month's column can be sorted in place; draws are taken
  // draw by draw (level, then each month) so the numbers do not depend on the layout.
  const noise = normalSource(sfc32(input.seed));
  const sq = new Float64Array(draws * horizon);
  for (let d = 0; d < draws; d++) {
    const level = centre + levelSd * noise();
    for (let m = 0; m < horizon; m++) sq[m * draws + d] = level + monthSd * noise();
  }

  const scenario = input.scenario ?? null;
  let sc: Float64Array | null = null;
  let diff: Float64Array | null = null;
  if (scenario) {
    const adopters = new Set(scenario.adopters);
    const adopterShares = trusts.filter((t) => adopters.has(t.code)).map((t) => t.weight / totalWeight);
    const scenarioUniform = sfc32((input.seed ^ 0x9e3779b9) >>> 0);
    const scenarioNormal = normalSource(scenarioUniform);
    const effectSd = Math.sqrt(scenario.effect.tau2 + scenario.effect.se ** 2);
    const ramp = scenario.rampMonths ?? 0;
    const rampFactor = new Float64Array(horizon);
    for (let m = 0; m < horizon; m++) rampFactor[m] = ramp > 0 ? Math.min(1, (m + 1) / ramp) : 1;
    // endsAt[k]: the summed share-weighted effect of adopters whose effect lasts to month k.
    const endsAt = new Float64Array(horizon + 1);
    sc = new Float64Array(draws * horizon);
    diff = new Float64Array(draws * horizon);
    for (let d = 0; d < draws; d++) {
      endsAt.fill(0);
      for (const share of adopterShares) {
        const delta = scenario.effect.mean + effectSd * scenarioNormal();
        const fades = scenarioUniform() < scenario.fadeProbability;
        const lastMonth = fades ? 1 + Math.floor(scenarioUniform() * horizon) : horizon;
        endsAt[lastMonth] = (endsAt[lastMonth] as number) + share * delta;
      }
      let active = 0;
      for (let m = horizon - 1; m >= 0; m--) {
        active += endsAt[m + 1] as number;
        const k = m * draws + d;
        const uplift = active * (rampFactor[m] as number);
        diff[k] = uplift;
        sc[k] = (sq[k] as number) + uplift;
      }
    }
  }

  const statusQuo = summariseByMonth(sq, draws, horizon);
  const scenarioMonths = sc ? summariseByMonth(sc, draws, horizon) : null;
  const difference = diff ? summariseByMonth(diff, draws, horizon) : null;
  return {
    months: scenarioMonths ?? statusQuo,
    statusQuo,
    scenario: scenarioMonths,
    difference,
    trusts: trusts.map(({ code, level, sigma, weight }) => ({ code, level, sigma, weight })),
  };
}

/**
 * The straightforward per-trust simulation of the same model: a normal per trust per month
 * per draw, O(draws x trusts x horizon). The reference `projectSystem` is tested against and
 * the benchmark's baseline; use `projectSystem`.
 */
export function projectSystemPerTrust(input: ProjectSystemInput): SystemProjection {
  validate(input);
  const { horizonMonths: horizon, draws } = input;
  const trusts = trustStates(input.trusts);
  const totalWeight = trusts.reduce((a, t) => a + t.weight, 0);
  const share = trusts.map((t) => t.weight / totalWeight);
  const scenario = input.scenario ?? null;
  const adopterIndex = scenario ? trusts.map((t, i) => (scenario.adopters.includes(t.code) ? i : -1)).filter((i) => i >= 0) : [];

  const noise = normalSource(sfc32(input.seed));
  const scenarioUniform = sfc32((input.seed ^ 0x9e3779b9) >>> 0);
  const scenarioNormal = normalSource(scenarioUniform);

  const sq = new Float64Array(draws * horizon);
  const sc = scenario ? new Float64Array(draws * horizon) : null;
  const effectSd = scenario ? Math.sqrt(scenario.effect.tau2 + scenario.effect.se ** 2) : 0;
  const ramp = scenario?.rampMonths ?? 0;
  const monthTotals = new Float64Array(horizon);
  const uplift = new Float64Array(horizon);

  for (let d = 0; d < draws; d++) {
    monthTotals.fill(0);
    trusts.forEach((t, i) => {
      const w = share[i] as number;
      const level = t.level + (t.sigma / Math.sqrt(t.n)) * noise();
      for (let m = 0; m < horizon; m++) monthTotals[m] = (monthTotals[m] as number) + w * (level + t.sigma * noise());
    });
    const row = d * horizon;
    for (let m = 0; m < horizon; m++) sq[row + m] = monthTotals[m] as number;
    if (scenario && sc) {
      uplift.fill(0);
      for (const i of adopterIndex) {
        const delta = scenario.effect.mean + effectSd * scenarioNormal();
        const fades = scenarioUniform() < scenario.fadeProbability;
        const fadeAt = fades ? 1 + Math.floor(scenarioUniform() * horizon) : Number.POSITIVE_INFINITY;
        for (let m = 0; m < horizon; m++) {
          const offset = m + 1;
          if (offset > fadeAt) break;
          const rampFactor = ramp > 0 ? Math.min(1, offset / ramp) : 1;
          uplift[m] = (uplift[m] as number) + (share[i] as number) * delta * rampFactor;
        }
      }
      for (let m = 0; m < horizon; m++) sc[row + m] = (monthTotals[m] as number) + (uplift[m] as number);
    }
  }

  const statusQuo = summarise(sq, draws, horizon);
  let scenarioMonths: ProjectionMonth[] | null = null;
  let difference: ProjectionMonth[] | null = null;
  if (sc) {
    scenarioMonths = summarise(sc, draws, horizon);
    const diff = new Float64Array(draws * horizon);
    for (let k = 0; k < diff.length; k++) diff[k] = (sc[k] as number) - (sq[k] as number);
    difference = summarise(diff, draws, horizon);
  }
  return {
    months: scenarioMonths ?? statusQuo,
    statusQuo,
    scenario: scenarioMonths,
    difference,
    trusts: trusts.map(({ code, level, sigma, weight }) => ({ code, level, sigma, weight })),
  };
}
