import { projectSystem } from './projection';
import { mulberry32, normalSource, quantileSorted } from './random';

const trusts = [
  { code: 'A', series: [70, 72, 71, 73, 70, 72, 71, 73, 70, 72, 71, 73] },
  { code: 'B', series: [80, 81, 80, 81, 80, 81, 80, 81, 80, 81, 80, 81], weight: 3 },
  { code: 'C', series: [60, 65, 60, 65, 60, 65, 60, 65, 60, 65, 60, 65] },
];

describe('random helpers', () => {
  it('mulberry32 is deterministic and uniform in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 10000 }, () => a());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 1);
  });

  it('normal draws have mean 0 and sd 1', () => {
    const n = normalSource(mulberry32(7));
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
    expect(() => projectSystem({ trusts, horizonMonths: 3, draws: 10, seed: 1, scenario: { ...scenario, adopters: ['Z'] } })).toThrow(
      /adopter Z/,
    );
    expect(() => projectSystem({ trusts, horizonMonths: 3, draws: 10, seed: 1, scenario: { ...scenario, fadeProbability: 2 } })).toThrow(
      /fadeProbability/,
    );
  });
});
