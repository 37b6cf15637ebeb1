import { projectSystem, projectSystemPerTrust } from './projection';
import { sfc32, normalSource, quantileSorted } from './random';

const trusts = [
  { code: 'A', series: [70, 72, 71, 73, 70, 72, 71, 73, 70, 72, 71, 73] },
  { code: 'B', series: [80, 81, 80, 81, 80, 81, 80, 81, 80, 81, 80, 81], weight: 3 },
  { code: 'C', series: [60, 65, 60, 65, 60, 65, 60, 65, 60, 65, 60, 65] },
];

/** The first four outputs of the demo's original sfc32 (apps/cli's Prng before it moved here) for seed 20161. */
const REFERENCE_20161 = [613327473, 930318815, 461419838, 3003649707];

describe('random helpers', () => {
  it('sfc32 is deterministic and uniform in [0, 1)', () => {
    const a = sfc32(42);
    const b = sfc32(42);
    const xs = Array.from({ length: 10000 }, () => a());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 1);
  });

  it('sfc32 gives the reference sequence (the demo data depends on it)', () => {
    // sfc32 seeded by splitmix32 with 15 discarded outputs, as 32-bit integers.
    const next = sfc32(20161);
    expect(Array.from({ length: 4 }, () => next() * 2 ** 32)).toEqual(REFERENCE_20161);
  });

  it('normal draws have mean 0 and sd 1', () => {
    const n = normalSource(sfc32(7));
    const xs = Array.from({ length: 20000 }, () => n());
    const m = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / xs.length);
    expect(Math.abs(m)).toBeLessThan(0.03);
    expect(Math.abs(sd - 1)).toBeLessThan(0.03);
  });

  it('type-7 quantiles', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4, 5], 0.05)).toBeCloseTo(1.2, 12);
  });
});

describe('projectSystem', () => {
  const scenario = { adopters: ['A', 'C'], effect: { mean: 5, tau2: 1, se: 0.5 }, fadeProbability: 0.3 };

  it('is deterministic for a seed and changes with it', () => {
    const one = projectSystem({ trusts, horizonMonths: 6, draws: 500, seed: 1, scenario });
    const two = projectSystem({ trusts, horizonMonths: 6, draws: 500, seed: 1, scenario });
    const other = projectSystem({ trusts, horizonMonths: 6, draws: 500, seed: 2, scenario });
    expect(two).toEqual(one);
    expect(other.months).not.toEqual(one.months);
  });

  it('status quo centres on the weighted recent level', () => {
    const p = projectSystem({ trusts, horizonMonths: 12, draws: 4000, seed: 3 });
    const expected = (71.5 + 3 * 80.5 + 62.5) / 5;
    expect(p.scenario).toBeNull();
    expect(p.months).toEqual(p.statusQuo);
    for (const m of p.months) {
      expect(Math.abs(m.mean - expected)).toBeLessThan(0.1);
      expect(m.p05).toBeLessThan(m.p50);
      expect(m.p50).toBeLessThan(m.p95);
    }
    expect(p.trusts.map((t) => t.level)).toEqual([71.5, 80.5, 62.5]);
  });

  it('a scenario does not change the status quo and adds the expected uplift', () => {
    const base = projectSystem({ trusts, horizonMonths: 12, draws: 4000, seed: 5 });
    const noFade = projectSystem({ trusts, horizonMonths: 12, draws: 4000, seed: 5, scenario: { ...scenario, fadeProbability: 0 } });
    expect(noFade.statusQuo).toEqual(base.statusQuo);
    // adopters A and C carry 2 of 5 weight: expected uplift 5 * 2/5 = 2
    for (const m of noFade.difference ?? []) expect(Math.abs(m.mean - 2)).toBeLessThan(0.05);
  });

  it('fading shrinks the later uplift; certain fading ends near zero', () => {
    const fading = projectSystem({ trusts, horizonMonths: 24, draws: 4000, seed: 9, scenario: { ...scenario, fadeProbability: 1 } });
    const diff = fading.difference ?? [];
    expect(diff[0]?.mean).toBeGreaterThan(1.8);
    expect(diff[23]?.mean).toBeLessThan(0.2);
    expect(diff[12]?.mean as number).toBeLessThan(diff[2]?.mean as number);
  });

  it('ramps the effect in over rampMonths', () => {
    const p = projectSystem({
      trusts,
      horizonMonths: 6,
      draws: 4000,
      seed: 4,
      scenario: { ...scenario, fadeProbability: 0, rampMonths: 4 },
    });
    const d = (p.difference ?? []).map((m) => m.mean);
    expect(d[0]).toBeCloseTo(0.5, 1);
    expect(d[1]).toBeCloseTo(1, 1);
    expect(d[5]).toBeCloseTo(2, 1);
  });

  it('rejects bad input', () => {
    expect(() => projectSystem({ trusts, horizonMonths: 0, draws: 10, seed: 1 })).toThrow(/horizonMonths/);
    expect(() => projectSystem({ trusts: [], horizonMonths: 3, draws: 10, seed: 1 })).toThrow(/at least one trust/);
    expect(() => projectSystem({ trusts, horizonMonths: 3, draws: 10, seed: 1, scenario: { ...scenario, adopters: ['Z'] } })).toThrow(/adopter Z/);
    expect(() => projectSystem({ trusts, horizonMonths: 3, draws: 10, seed: 1, scenario: { ...scenario, fadeProbability: 2 } })).toThrow(/fadeProbability/);
  });
});

describe('projectSystem (fast path) against the straightforward per-trust simulation', () => {
  // 24 trusts of different levels, variation, lengths and weights; 6 adopters.
  const many = Array.from({ length: 24 }, (_, i) => ({
    code: `T${i}`,
    series: Array.from({ length: 12 + (i % 13) }, (_, m) => 60 + (i % 7) * 4 + (1 + (i % 4)) * Math.sin(1.7 * m + i)),
    weight: 1 + (i % 5),
  }));
  const sc = { adopters: many.filter((_, i) => i % 4 === 1).map((t) => t.code), effect: { mean: 3, tau2: 2, se: 0.7 }, fadeProbability: 0.4, rampMonths: 2 };
  const input = { trusts: many, horizonMonths: 8, draws: 10000, seed: 11, scenario: sc };
  const fast = projectSystem(input);
  const slow = projectSystemPerTrust({ ...input, seed: 12345 });

  // Analytic sd of the status-quo total in a month: levels' uncertainty plus monthly noise.
  const total = many.reduce((a, t) => a + t.weight, 0);
  const sd = Math.sqrt(fast.trusts.reduce((a, t, i) => a + ((t.weight / total) * t.sigma) ** 2 * (1 + 1 / (many[i] as { series: number[] }).series.length), 0));
  // Standard errors with 10,000 draws on each side: mean sd*sqrt(2/n); a 5% quantile of a
  // normal sqrt(0.05*0.95/n)/dnorm(1.645) sd, times sqrt(2) for the two samples. 4 SE allowed.
  const n = input.draws;
  const meanTol = 4 * sd * Math.sqrt(2 / n);
  const tailTol = (4 * sd * Math.sqrt((2 * 0.05 * 0.95) / n)) / 0.10314;

  it('status quo: same means and p05/p95 within Monte Carlo tolerance, every month', () => {
    expect(fast.trusts).toEqual(slow.trusts);
    for (let m = 0; m < input.horizonMonths; m++) {
      const f = fast.statusQuo[m]!;
      const s = slow.statusQuo[m]!;
      expect(Math.abs(f.mean - s.mean)).toBeLessThan(meanTol);
      expect(Math.abs(f.p05 - s.p05)).toBeLessThan(tailTol);
      expect(Math.abs(f.p95 - s.p95)).toBeLessThan(tailTol);
      // and the spread is the analytic one: p95 - p05 = 2 * 1.645 * sd
      expect(Math.abs((f.p95 - f.p05) / (2 * 1.6448536 * sd) - 1)).toBeLessThan(0.03);
    }
  });

  it('scenario: same means and p05/p95 within Monte Carlo tolerance, every month', () => {
    for (let m = 0; m < input.horizonMonths; m++) {
      const f = fast.scenario![m]!;
      const s = slow.scenario![m]!;
      const spread = (s.p95 - s.p05) / (2 * 1.6448536);
      expect(Math.abs(f.mean - s.mean)).toBeLessThan(4 * spread * Math.sqrt(2 / n));
      expect(Math.abs(f.p05 - s.p05)).toBeLessThan((4 * spread * Math.sqrt((2 * 0.05 * 0.95) / n)) / 0.10314);
      expect(Math.abs(f.p95 - s.p95)).toBeLessThan((4 * spread * Math.sqrt((2 * 0.05 * 0.95) / n)) / 0.10314);
    }
  });

  it('difference: identical to the per-trust simulation draw for draw for the same seed (same scenario stream)', () => {
    const sameSeed = projectSystemPerTrust(input);
    for (let m = 0; m < input.horizonMonths; m++) {
      const f = fast.difference![m]!;
      const s = sameSeed.difference![m]!;
      for (const key of ['mean', 'p05', 'p50', 'p95'] as const) expect(f[key]).toBeCloseTo(s[key], 9);
    }
  });

  it('common random numbers: scenario = status quo + difference in every draw (so the summaries of a no-uncertainty effect shift exactly)', () => {
    const fixed = projectSystem({ ...input, draws: 2000, scenario: { ...sc, effect: { mean: 3, tau2: 0, se: 0 }, fadeProbability: 0 } });
    const uplift = (3 * sc.adopters.reduce((a, c) => a + many.find((t) => t.code === c)!.weight, 0)) / total;
    const last = input.horizonMonths - 1;
    for (const key of ['mean', 'p05', 'p50', 'p95'] as const) {
      expect(fixed.scenario![last]![key]).toBeCloseTo(fixed.statusQuo[last]![key] + uplift, 9);
      expect(fixed.difference![last]![key]).toBeCloseTo(uplift, 9);
    }
  });
});
