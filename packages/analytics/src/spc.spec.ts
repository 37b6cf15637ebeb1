import fc from 'fast-check';
import { AnalyticsInputError } from './errors';
import { SpcInputPoint, assuranceIcon, spc } from './spc';
import { partOfSevenTrend, partOfTwoInThree, sevenPointOneSideMean, sevenPointTrend, specialCauseType, twoInThree } from './spc-rules';

/** Daily periods from 2020-01-01, as NHSRplotthedots' tests use. */
function daily(values: readonly number[]): SpcInputPoint[] {
  return values.map((value, i) => ({ period: new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10), value }));
}

function expectNear(actual: number | null | undefined, expected: number, tolerance = 1e-5): void {
  expect(typeof actual).toBe('number');
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(tolerance);
}

// set.seed(123); rnorm(20) in R
const RNORM_20 = [
  -0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774, 1.71506499, 0.46091621, -1.26506123, -0.68685285, -0.44566197, 1.2240818, 0.35981383,
  0.40077145, 0.11068272, -0.55584113, 1.78691314, 0.49785048, -1.96661716, 0.7013559, -0.47279141,
];

describe('rule primitives (NHSRplotthedots test-ptd_calculate_point_type.R)', () => {
  it('sevenPointOneSideMean', () => {
    expect(sevenPointOneSideMean([])).toEqual([]);
    expect(sevenPointOneSideMean([1, 1, 1, 1, 1, 1])).toEqual([0, 0, 0, 0, 0, 0]);
    expect(sevenPointOneSideMean([1, 1, 1, 1, 1, 1, -1])).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(sevenPointOneSideMean([1, 1, 1, 1, 1, 1, 1, 1, -1])).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 0]);
    expect(sevenPointOneSideMean([-1, -1, -1, -1, -1, -1, -1, -1, 1])).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 0]);
    // a point on the mean breaks the run
    expect(sevenPointOneSideMean([1, 1, 1, 0, 1, 1, 1, 1])).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('partOfSevenTrend', () => {
    expect(partOfSevenTrend([])).toEqual([]);
    expect(partOfSevenTrend([0, 0, 0, 0, 0, 0])).toEqual([0, 0, 0, 0, 0, 0]);
    expect(partOfSevenTrend([0, 0, 0, 0, 0, 0, 1, 0])).toEqual([1, 1, 1, 1, 1, 1, 1, 0]);
    expect(partOfSevenTrend([0, 0, 0, 0, 0, 0, 0, 1, 0])).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 0]);
    expect(partOfSevenTrend([0, 0, 0, 0, 0, 0, -1, 0])).toEqual([1, 1, 1, 1, 1, 1, 1, 0]);
    expect(partOfSevenTrend([0, 0, 0, 0, 0, 0, 0, -1, 0])).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 0]);
  });

  it('sevenPointTrend', () => {
    expect(sevenPointTrend([])).toEqual([]);
    expect(sevenPointTrend([1, 2, 3, 4, 5, 6])).toEqual([0, 0, 0, 0, 0, 0]);
    expect(sevenPointTrend([1, 2, 3, 3, 4, 5, 6])).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(sevenPointTrend([1, 2, 3, 4, 5, 6, 7])).toEqual([0, 0, 0, 0, 0, 0, 1]);
    expect(sevenPointTrend([2, 1, 2, 3, 4, 5, 6, 7, 3])).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 0]);
    expect(sevenPointTrend([7, 6, 5, 4, 3, 2, 1])).toEqual([0, 0, 0, 0, 0, 0, -1]);
    expect(sevenPointTrend([2, 7, 6, 5, 4, 3, 2, 1, 3])).toEqual([0, 0, 0, 0, 0, 0, 0, -1, 0]);
  });

  it('twoInThree', () => {
    expect(twoInThree([], [])).toEqual([]);
    expect(twoInThree([0, 0, 0], [0])).toEqual([0, 0, 0]);
    expect(twoInThree([1, 0, 1], [1, 1, 1])).toEqual([1, 1, 1]);
    expect(twoInThree([0, 1, 1], [1, 1, 1])).toEqual([1, 1, 1]);
    expect(twoInThree([1, 1, 0], [1, 1, 1])).toEqual([1, 1, 1]);
    expect(twoInThree([0, 0, 1, 0, 1, 0, 0], [1, 1, 1, 1, 1, 1, 1])).toEqual([0, 0, 1, 1, 1, 0, 0]);
    expect(twoInThree([0, 0, 1, 1, 0, 0, 0], [1, 1, 1, 1, 1, 1, 1])).toEqual([0, 1, 1, 1, 1, 0, 0]);
  });

  it('twoInThree needs all three points on the same side of the mean', () => {
    expect(twoInThree([1, 0, 1], [1, -1, 1])).toEqual([0, 0, 0]);
    expect(twoInThree([0, 1, 1], [1, -1, 1])).toEqual([0, 0, 0]);
    expect(twoInThree([1, 1, 0], [1, -1, 1])).toEqual([0, 0, 0]);
    expect(twoInThree([0, 0, 1, 0, 1, 0, 0], [1, -1, 1, -1, 1, -1, 1])).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(twoInThree([0, 0, 1, 1, 0, 0, 0], [-1, 1, -1, 1, -1, 1, -1])).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('partOfTwoInThree marks only the flagged points', () => {
    const cases: [number[], number[]][] = [
      [
        [1, 0, 1],
        [1, 1, 1],
      ],
      [
        [0, 1, 1],
        [1, 1, 1],
      ],
      [
        [1, 1, 0],
        [1, 1, 1],
      ],
      [
        [0, 0, 1, 0, 1, 0, 0],
        [1, 1, 1, 1, 1, 1, 1],
      ],
    ];
    for (const [v, rtm] of cases) expect(partOfTwoInThree(twoInThree(v, rtm), v)).toEqual(v);
    expect(partOfTwoInThree(twoInThree([1, 0, 0, 1], [1, 1, 1, 1]), [1, 0, 0, 1])).toEqual([0, 0, 0, 0]);
    expect(partOfTwoInThree(twoInThree([1, 0, 0, 1, 1], [1, 1, 1, 1, 1]), [1, 0, 0, 1, 1])).toEqual([0, 0, 0, 1, 1]);
  });

  it('precedence: outside limits > trend > 2 in 3 > shift', () => {
    // 8 points: rising (trend) for the first 7, all above the mean, two close to limits
    const y = [1, 2, 3, 4, 5, 6, 7, 7];
    const rtm = [1, 1, 1, 1, 1, 1, 1, 1];
    const close = [0, 0, 0, 0, 0, 0, 1, 1];
    const outside = [0, 0, 0, 0, 0, 0, 1, 0];
    expect(specialCauseType(y, rtm, close, outside)).toEqual([
      '7 Point Trend (Increasing)',
      '7 Point Trend (Increasing)',
      '7 Point Trend (Increasing)',
      '7 Point Trend (Increasing)',
      '7 Point Trend (Increasing)',
      '7 Point Trend (Increasing)',
      'Above UCL',
      '2 in 3 Above CL',
    ]);
    // no trend (flat), same sides: shift labels; 2 in 3 beats shift
    expect(specialCauseType([1, 1, 1, 1, 1, 1, 1], [-1, -1, -1, -1, -1, -1, -1], [0, 0, 0, 0, 0, 1, 1], [0, 0, 0, 0, 0, 0, 0])).toEqual([
      '7 Points Below CL',
      '7 Points Below CL',
      '7 Points Below CL',
      '7 Points Below CL',
      '7 Points Below CL',
      '2 in 3 Below CL',
      '2 in 3 Below CL',
    ]);
  });

  it('a trend point takes the right-hand difference when the next point is in the trend', () => {
    // up 7, then down 7 sharing the peak: the peak belongs to the falling trend's labels
    const y = [1, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1];
    const rules = specialCauseType(
      y,
      y.map(() => 0),
      y.map(() => 0),
      y.map(() => 0),
    );
    expect(rules.slice(0, 6).every((r) => r === '7 Point Trend (Increasing)')).toBe(true);
    expect(rules.slice(6).every((r) => r === '7 Point Trend (Decreasing)')).toBe(true);
  });
});

describe('spc limits (published NHSRplotthedots cases)', () => {
  it('rnorm(20), screened', () => {
    const a = spc(daily(RNORM_20));
    expectNear(a.mean, 0.1416238);
    expectNear(a.lpl, -3.01138);
    expectNear(a.upl, 3.294627);
    expect(a.points.every((p) => p.rule === 'Common Cause' && p.pointType === 'common_cause')).toBe(true);
  });

  it('rnorm(20) with y[15] = 10, screened and unscreened', () => {
    const y = [...RNORM_20];
    y[14] = 10;
    const screened = spc(daily(y));
    expectNear(screened.mean, 0.6694159);
    expectNear(screened.lpl, -2.383666);
    expectNear(screened.upl, 3.722497);
    const raw = spc(daily(y), { screenOutliers: false });
    expectNear(raw.mean, 0.6694159);
    expectNear(raw.lpl, -4.596625);
    expectNear(raw.upl, 5.935457);
  });

  it('first 10 and last 10 as two series', () => {
    const first = spc(daily(RNORM_20.slice(0, 10)));
    const last = spc(daily(RNORM_20.slice(10)));
    expectNear(first.mean, 0.074626);
    expectNear(first.lpl, -2.600585);
    expectNear(first.upl, 2.749837);
    expectNear(last.mean, 0.208622);
    expectNear(last.lpl, -3.279005);
    expectNear(last.upl, 3.696249);
    for (const a of [first, last]) expect(a.points.every((p) => p.pointType === 'common_cause')).toBe(true);
  });

  it('rebasing after 10 points reproduces the two separate series', () => {
    const points = daily(RNORM_20);
    const a = spc(points, { rebase: [(points[10] as SpcInputPoint).period] });
    expect(a.groups.map((g) => g.n)).toEqual([10, 10]);
    expectNear(a.groups[0]?.mean, 0.074626);
    expectNear(a.groups[0]?.upl, 2.749837);
    expectNear(a.groups[1]?.mean, 0.208622);
    expectNear(a.groups[1]?.lpl, -3.279005);
    expect(a.groups.every((g) => g.trialLimits)).toBe(true);
    expect(a.warnings.filter((w) => w.code === 'TRIAL_LIMITS')).toHaveLength(2);
  });

  it('one big value: screened vs unscreened limits, only that point is special', () => {
    const y = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1];
    const a = spc(daily(y));
    expectNear(a.upl, 4.604444);
    expectNear(a.mean, 1.944444);
    expectNear(a.lpl, -0.715556);
    const raw = spc(daily(y), { screenOutliers: false });
    expectNear(raw.upl, 6.951503);
    expectNear(raw.lpl, -3.062614);
    expect(a.points.map((p) => p.rule)).toEqual(y.map((_, i) => (i === 4 ? 'Above UCL' : 'Common Cause')));
    expect(raw.points.map((p) => p.rule)).toEqual(y.map((_, i) => (i === 4 ? 'Above UCL' : 'Common Cause')));
  });

  it('two close-to-limit points on opposite sides are common cause', () => {
    const y: number[] = [];
    for (let i = 0; i < 8; i++) y.push(1, -1);
    y[14] = 5.5;
    y[15] = -5.5;
    const a = spc(daily(y));
    expect(a.points[14]?.pointType).toBe('common_cause');
    expect(a.points[15]?.pointType).toBe('common_cause');
    // they are in the 2-sigma band, so the rule had something to look at
    expect(5.5).toBeGreaterThan(a.points[14]?.nupl as number);
    expect(5.5).toBeLessThan(a.points[14]?.upl as number);
  });

  it('0..7 increasing: limits, labels and point types', () => {
    const a = spc(daily([0, 1, 2, 3, 4, 5, 6, 7]), { improvementDirection: 'increase' });
    expectNear(a.lpl, 0.84);
    expectNear(a.upl, 6.16);
    expectNear(a.mean, 3.5);
    expect(a.points[0]).toMatchObject({ rule: 'Below LCL', pointType: 'special_cause_concern' });
    for (let i = 1; i <= 6; i++) {
      expect(a.points[i]).toMatchObject({ rule: '7 Point Trend (Increasing)', pointType: 'special_cause_improvement' });
    }
    expect(a.points[7]).toMatchObject({ rule: 'Above UCL', pointType: 'special_cause_improvement' });
    expect(a.variation).toBe('improvement_high');
    const down = spc(daily([0, 1, 2, 3, 4, 5, 6, 7]), { improvementDirection: 'decrease' });
    expect(down.points[0]?.pointType).toBe('special_cause_improvement');
    expect(down.points[7]?.pointType).toBe('special_cause_concern');
    expect(down.variation).toBe('concern_high');
    const neutral = spc(daily([0, 1, 2, 3, 4, 5, 6, 7]), { improvementDirection: 'neutral' });
    expect(neutral.points.map((p) => p.pointType)).toEqual(['special_cause_neutral_low', ...Array<string>(7).fill('special_cause_neutral_high')]);
    expect(neutral.variation).toBe('neutral_high');
  });

  it('assurance from the last limits: target 4', () => {
    const limits = [
      { lpl: 1, upl: 3 },
      { lpl: 5, upl: 7 },
      { lpl: 1, upl: 5 },
    ];
    expect(limits.map((l) => assuranceIcon(4, 'increase', l))).toEqual(['consistent_fail', 'consistent_pass', 'inconsistent']);
    expect(limits.map((l) => assuranceIcon(4, 'decrease', l))).toEqual(['consistent_pass', 'consistent_fail', 'inconsistent']);
    expect(limits.map((l) => assuranceIcon(4, 'neutral', l))).toEqual([null, null, null]);
    expect(assuranceIcon(null, 'increase', { lpl: 1, upl: 3 })).toBeNull();
    // through spc(): rnorm limits are about (-3.0, 3.3)
    expect(spc(daily(RNORM_20), { target: 4 }).assurance).toBe('consistent_fail');
    expect(spc(daily(RNORM_20), { target: -4 }).assurance).toBe('consistent_pass');
    expect(spc(daily(RNORM_20)).assurance).toBeNull();
  });

  it('rebase on 2020-01-03 and 2020-01-08 starts groups at those points', () => {
    const points = daily([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).map((p, i) => ({ ...p, period: `2020-01-${String(i + 2).padStart(2, '0')}` }));
    const a = spc(points, { rebase: ['2020-01-03', '2020-01-08'] });
    expect(a.points.map((p) => p.rebaseGroup)).toEqual([0, 1, 1, 1, 1, 1, 2, 2, 2, 2]);
    expect(a.groups.map((g) => [g.firstPeriod, g.lastPeriod, g.n])).toEqual([
      ['2020-01-02', '2020-01-02', 1],
      ['2020-01-03', '2020-01-07', 5],
      ['2020-01-08', '2020-01-11', 4],
    ]);
    expect(a.warnings.some((w) => w.code === 'NO_MOVING_RANGE' && w.rebaseGroup === 0)).toBe(true);
  });
});

describe('spc options and input handling', () => {
  it('sorts by period and rejects duplicate periods (also across spellings)', () => {
    const a = spc([
      { period: '2021-03', value: 3 },
      { period: '2021-01', value: 1 },
      { period: '2021-02', value: 2 },
    ]);
    expect(a.points.map((p) => p.period)).toEqual(['2021-01', '2021-02', '2021-03']);
    expect(() =>
      spc([
        { period: '2021-01', value: 1 },
        { period: '2021-01-01', value: 2 },
      ]),
    ).toThrow(AnalyticsInputError);
    try {
      spc([
        { period: '2021-01', value: 1 },
        { period: '2021-01', value: 2 },
      ]);
    } catch (e) {
      expect((e as AnalyticsInputError).code).toBe('DUPLICATE_PERIOD');
    }
  });

  it('rejects bad periods, values and options', () => {
    expect(() => spc([{ period: '2021-13', value: 1 }])).toThrow(/period/);
    expect(() => spc([{ period: '2021-02-30', value: 1 }])).toThrow(/calendar/);
    expect(() => spc([{ period: '21-01', value: 1 }])).toThrow(AnalyticsInputError);
    expect(() => spc([{ period: '2021-01', value: Number.NaN }])).toThrow(/finite/);
    expect(() => spc(daily(RNORM_20), { fixAfterNPoints: 11 })).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE' }));
    expect(() => spc(daily(RNORM_20), { fixAfterNPoints: 12.5 })).toThrow(AnalyticsInputError);
  });

  it('an empty series has no limits and no icons', () => {
    const a = spc([]);
    expect(a).toMatchObject({ points: [], groups: [], mean: null, lpl: null, upl: null, variation: null, assurance: null });
  });

  it('warns about rebase periods that match no point', () => {
    const a = spc(daily(RNORM_20), { rebase: ['2019-01-01'] });
    expect(a.groups).toHaveLength(1);
    expect(a.warnings.map((w) => w.code)).toEqual(['REBASE_NOT_FOUND']);
  });

  it('fixAfterNPoints computes limits from the first N points and judges later points against them', () => {
    const y = [...RNORM_20.slice(0, 12), 5, 5, 5];
    const a = spc(daily(y), { fixAfterNPoints: 12 });
    const base = spc(daily(RNORM_20.slice(0, 12)));
    expect(a.mean).toBeCloseTo(base.mean as number, 12);
    expect(a.upl).toBeCloseTo(base.upl as number, 12);
    expect(a.points.slice(12).every((p) => p.rule === 'Above UCL')).toBe(true);
  });

  it('mdc-2023 counts points beyond 3 sigma in the 2 of 3 rule; 0.2.2 does not', () => {
    // 16 alternating points, then one just inside 2-3 sigma next to one far outside, same side
    const y: number[] = [];
    for (let i = 0; i < 8; i++) y.push(1, -1);
    const base = spc(daily(y));
    const limits = base.points[0] as (typeof base.points)[number];
    const near = (limits.nupl + limits.upl) / 2;
    const far = (base.upl as number) * 10;
    const withSignal = [...y, 0.5, near, far];
    const fixed = { fixAfterNPoints: 16 } as const;
    const ptd = spc(daily(withSignal), fixed);
    const mdc = spc(daily(withSignal), { ...fixed, twoInThreeRule: 'mdc-2023' });
    expect(ptd.points[17]?.rule).toBe('Common Cause');
    expect(mdc.points[17]?.rule).toBe('2 in 3 Above CL');
    expect(mdc.points[18]?.rule).toBe('Above UCL');
  });

  it('runLength 6 finds six-point shifts and trends with their own labels', () => {
    const y = [0, 5, 0, 5, 0, 5, 0, 5, 1, 2, 3, 4, 5, 6, 0, 5];
    const seven = spc(daily([-1, 1, -1, 1, -1, 1, -1, 1, 2, 2, 2, 2, 2, 2, -2, 2]));
    const six = spc(daily([-1, 1, -1, 1, -1, 1, -1, 1, 2, 2, 2, 2, 2, 2, -2, 2]), { runLength: 6 });
    expect(seven.points.slice(8, 14).map((p) => p.rule)).not.toContain('6 Points Above CL');
    expect(six.points.slice(7, 14).map((p) => p.rule)).toEqual(Array(7).fill('6 Points Above CL'));
    expect(spc(daily(y)).points.map((p) => p.rule)).toEqual(Array(16).fill('Common Cause'));
    expect(
      spc(daily(y), { runLength: 6 })
        .points.slice(8, 14)
        .map((p) => p.rule),
    ).toEqual(Array(6).fill('6 Point Trend (Increasing)'));
  });
});

describe('spc properties', () => {
  const series = fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 2, maxLength: 40 });

  it('rebasing at the first point changes nothing', () => {
    fc.assert(
      fc.property(series, (y) => {
        const points = daily(y);
        expect(spc(points, { rebase: [(points[0] as SpcInputPoint).period] })).toEqual({
          ...spc(points),
          options: expect.anything(),
        });
      }),
    );
  });

  it('a constant series has no special cause', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 1, max: 40 }), (c, n) => {
        const a = spc(daily(Array<number>(n).fill(c)));
        expect(a.points.every((p) => p.pointType === 'common_cause')).toBe(true);
      }),
    );
  });

  it('adding a constant shifts mean and limits by it and keeps the rules', () => {
    fc.assert(
      fc.property(series, fc.integer({ min: -1000, max: 1000 }), (y, c) => {
        const a = spc(daily(y));
        const b = spc(daily(y.map((v) => v + c)));
        b.points.forEach((p, i) => {
          const q = a.points[i] as (typeof a.points)[number];
          expect(p.rule).toBe(q.rule);
          expect(Math.abs(p.mean - (q.mean + c))).toBeLessThan(1e-9);
          expect(Math.abs(p.upl - (q.upl + c))).toBeLessThan(1e-9);
          expect(Math.abs(p.lpl - (q.lpl + c))).toBeLessThan(1e-9);
        });
      }),
    );
  });

  it('scaling by a positive constant scales mean and limits and keeps the rules', () => {
    // powers of two scale exactly in binary floating point, so rules cannot flip on rounding
    fc.assert(
      fc.property(series, fc.integer({ min: -8, max: 8 }), (y, k) => {
        const s = 2 ** k;
        const a = spc(daily(y));
        const b = spc(daily(y.map((v) => v * s)));
        b.points.forEach((p, i) => {
          const q = a.points[i] as (typeof a.points)[number];
          expect(p.rule).toBe(q.rule);
          expect(p.mean).toBeCloseTo(q.mean * s, 9);
          expect(p.upl).toBeCloseTo(q.upl * s, 9);
          expect(p.lpl).toBeCloseTo(q.lpl * s, 9);
        });
      }),
    );
    fc.assert(
      fc.property(series, fc.double({ min: 0.01, max: 100, noNaN: true }), (y, s) => {
        const a = spc(daily(y));
        const b = spc(daily(y.map((v) => v * s)));
        expect(Math.abs((b.upl as number) - (a.upl as number) * s)).toBeLessThan(1e-6 * (1 + Math.abs((a.upl as number) * s)));
        expect(Math.abs((b.lpl as number) - (a.lpl as number) * s)).toBeLessThan(1e-6 * (1 + Math.abs((a.lpl as number) * s)));
      }),
    );
  });
});
