import { AnalyticsInputError } from './errors';
import { binomialFunnelLimit, funnelLimits, funnelPlot, quantile, rankOf, summarise } from './benchmark';

/**
 * Expected funnel limits: Spiegelhalter (2005) Appendix A.1.1 computed independently with SciPy's
 * binomial distribution (test/reference/funnel_reference.py; binom.ppf / binom.cdf), for the
 * cumulative probabilities 0.001, 0.025, 0.975 and 0.999. Negative limits there are clamped to 0 here.
 */
const SCIPY: readonly [number, number, readonly [number, number, number, number]][] = [
  [0.1, 50, [-0.016119349565034736, 0.013862926957343676, 0.17972272762336444, 0.24012841875238997]],
  [0.9, 200, [0.826432736147305, 0.8540282856301136, 0.9373092779762682, 0.9571484925979244]],
  [0.8824, 1234, [0.8527850093505345, 0.8637290126670514, 0.8996753856495898, 0.9094308436216849]],
  [0.9, 25000, [0.8940713119120245, 0.8962460888621853, 0.9036835606858251, 0.9057973486644598]],
  [0.03, 10, [-0.09986439282855977, -0.09660982071399433, 0.12994982513349468, 0.26741943700189064]],
];
/** The normal approximation p0 +/- z sqrt(p0(1-p0)/n) from the same script, for n = 25000. */
const NORMAL_25000 = [0.894136696448085, 0.8962812298061726, 0.9037187701938274, 0.905863303551915];

describe('quantile (Hyndman & Fan type 7, as R quantile() and Excel QUARTILE.INC)', () => {
  it('gives the textbook quartiles of 1..10: 3.25, 5.5, 7.75', () => {
    const values = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    expect([quantile(values, 0.25), quantile(values, 0.5), quantile(values, 0.75)]).toEqual([3.25, 5.5, 7.75]);
  });
  it('matches NumPy percentile on an even set: 2.5, 5, 7.5 for 7,1,3,9', () => {
    expect(summarise([7, 1, 3, 9])).toEqual({ n: 4, q1: 2.5, median: 5, q3: 7.5 });
  });
  it('is NaN for no values and refuses a probability outside 0-1', () => {
    expect(quantile([], 0.5)).toBeNaN();
    expect(() => quantile([1], 1.5)).toThrow(AnalyticsInputError);
  });
});

describe('rankOf', () => {
  it('ranks 1 = best in the improving direction, ties sharing the better rank', () => {
    const values = [90, 80, 80, 70];
    expect(values.map((v) => rankOf(v, values, 'increase'))).toEqual([1, 2, 2, 4]);
    expect(values.map((v) => rankOf(v, values, 'decrease'))).toEqual([4, 2, 2, 1]);
  });
});

describe('funnel limits (Spiegelhalter 2005, exact binomial with interpolation)', () => {
  it.each(SCIPY)('p0 = %s, n = %s: the four limits match SciPy to 1e-12', (p0, n, expected) => {
    const got = [0.001, 0.025, 0.975, 0.999].map((prob) => binomialFunnelLimit(p0, n, prob));
    got.forEach((g, i) => expect(g).toBeCloseTo(Math.max(0, expected[i] as number), 12));
  });
  it('approach the normal approximation for a large denominator (n = 25000, within 1e-4)', () => {
    const l = funnelLimits(0.9, 25000);
    [l.lower998, l.lower95, l.upper95, l.upper998].forEach((g, i) => expect(Math.abs(g - (NORMAL_25000[i] as number))).toBeLessThan(1e-4));
  });
  it('narrow as the denominator grows and hold 99.8% outside 95%', () => {
    const small = funnelLimits(0.9, 100);
    const large = funnelLimits(0.9, 10000);
    expect(large.upper95 - large.lower95).toBeLessThan(small.upper95 - small.lower95);
    for (const l of [small, large]) {
      expect(l.lower998).toBeLessThan(l.lower95);
      expect(l.upper998).toBeGreaterThan(l.upper95);
    }
  });
});

describe('funnelPlot', () => {
  const units = [
    { id: 'A', numerator: 900, denominator: 1000 },
    { id: 'B', numerator: 8500, denominator: 10000 },
    { id: 'C', numerator: 93, denominator: 100 },
    { id: 'D', numerator: 9200, denominator: 10000 },
    { id: 'E', numerator: 96, denominator: 100 },
  ];
  it('targets the pooled proportion and marks units strictly outside their own limits', () => {
    const plot = funnelPlot(units);
    expect(plot.target).toBeCloseTo(18789 / 21200, 15);
    const byId = Object.fromEntries(plot.points.map((p) => [p.id, p]));
    // B: 85% against a target of 88.6% with n = 10000 is far below (SE 0.32 points); D far above.
    expect(byId.B).toMatchObject({ outside95: true, outside998: true, proportion: 0.85 });
    expect(byId.D).toMatchObject({ outside95: true, outside998: true });
    // At n = 100 (SE about 3.2 points): C, 93%, is inside both limits; E, 96%, is outside the 95%
    // limits but inside the 99.8% ones.
    expect(byId.C).toMatchObject({ outside95: false, outside998: false });
    expect(byId.E).toMatchObject({ outside95: true, outside998: false });
    expect(byId.A?.lower95).toBe(funnelLimits(plot.target, 1000).lower95);
    expect(plot.curve[0]?.denominator).toBe(100);
    expect(plot.curve.at(-1)?.denominator).toBe(10000);
  });
  it('takes a given target and refuses counts that are not proportions', () => {
    expect(funnelPlot(units, { target: 0.9 }).target).toBe(0.9);
    expect(() => funnelPlot([{ id: 'X', numerator: 5, denominator: 4 }])).toThrow(/X: the numerator must be a whole number from 0 to the denominator/);
    expect(() => funnelPlot([{ id: 'Y', numerator: 0, denominator: 0 }])).toThrow(/Y: the denominator must be a whole number above 0/);
  });
});
