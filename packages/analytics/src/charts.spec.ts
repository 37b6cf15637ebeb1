import { AnalyticsInputError } from './errors';
import { attributeChart, crossingsLimit, longestRunLimit, median, runChart, runsAnalysis } from './charts';
import {
  ANHOEJ_CRITICAL_VALUES,
  CDI_COUNTS,
  HOSPITAL_INFECTIONS_BY_MONTH,
  HOSPITAL_INFECTIONS_U_SUMMARY,
  MONTGOMERY_EXAMPLE_7_4,
  MONTGOMERY_EXAMPLE_7_4_U,
  MONTGOMERY_EXAMPLE_7_5,
  MONTGOMERY_EXAMPLE_7_5_U_PER_50,
  MONTGOMERY_TABLE_7_4,
  MONTGOMERY_TABLE_7_4_P,
  NHS_ACCIDENTS,
} from '../test/fixtures/qicharts2';

/** Sample i as a period: 2020-01, 2020-02, ... (qicharts2's x is just the sample number). */
const month = (i: number, start = 2020 * 12): string => {
  const m = start + i - 1;
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
};
const asPoints = (rows: readonly (readonly [number, number, number])[]) => rows.map(([i, value, denominator]) => ({ period: month(i), value, denominator }));

describe('Anhøj rules: critical values', () => {
  it('reproduce the published table for 10-100 useful points (Anhøj & Olesen 2014; qicharts2 Appendix 2)', () => {
    expect(ANHOEJ_CRITICAL_VALUES).toHaveLength(91);
    for (const [n, longest, crossings] of ANHOEJ_CRITICAL_VALUES) {
      expect({ n, longest: longestRunLimit(n), crossings: crossingsLimit(n) }).toEqual({ n, longest, crossings });
    }
  });

  it('small n by hand: qbinom(0.05, n - 1, 0.5) and round(log2 n) + 3', () => {
    // n = 1: Binomial(0, 1/2) is 0 with certainty -> 0; round(log2 1) + 3 = 3.
    // n = 5: P(X <= 0) = 1/16 = 0.0625 >= 0.05 for X ~ Bin(4, 1/2) -> 0; round(2.32) + 3 = 5.
    // n = 7: P(X <= 0) = 1/64 < 0.05, P(X <= 1) = 7/64 = 0.109 -> 1; round(2.81) + 3 = 6.
    expect([1, 5, 7].map((n) => [crossingsLimit(n), longestRunLimit(n)])).toEqual([
      [0, 3],
      [0, 5],
      [1, 6],
    ]);
    expect(() => crossingsLimit(0)).toThrow(AnalyticsInputError);
  });
});

describe('runsAnalysis', () => {
  it('drops points on the centre, counts runs and crossings (worked by hand)', () => {
    // y about 3: sides - - (0 dropped) (0 dropped) + + - : useful 5, runs [2, 2, 1],
    // longest 2, crossings 2; limits: round(log2 5) + 3 = 5, qbinom(0.05, 4, 0.5) = 0.
    expect(runsAnalysis([1, 2, 3, 3, 4, 5, 0], 3)).toEqual({
      nObs: 7,
      nUseful: 5,
      longestRun: 2,
      longestRunMax: 5,
      nCrossings: 2,
      nCrossingsMin: 0,
      runsSignal: false,
    });
  });

  it('no useful point: NA statistics and no signal, as qicharts2', () => {
    expect(runsAnalysis([2, 2, 2], 2)).toEqual({
      nObs: 3,
      nUseful: 0,
      longestRun: null,
      longestRunMax: null,
      nCrossings: null,
      nCrossingsMin: null,
      runsSignal: false,
    });
  });

  it("cdi against the baseline median 19: the vignette's run of 15 below the median", () => {
    const r = runsAnalysis(CDI_COUNTS, 19);
    expect(r.longestRun).toBe(15);
    expect(r.runsSignal).toBe(true);
    // charts_reference.py: n_useful 31, longest_run_max 8, n_crossings 8, n_crossings_min 11
    expect(r).toMatchObject({ nUseful: 31, longestRunMax: 8, nCrossings: 8, nCrossingsMin: 11 });
  });
});

describe('runChart', () => {
  const cdi = CDI_COUNTS.map((value, i) => ({ period: month(i + 1, 2012 * 12 + 10), value }));

  it('cdi (qicharts2 vignette, Case 2): median 17, four points on it, a runs signal', () => {
    const r = runChart(cdi);
    expect(r.chart).toBe('run');
    expect(r.cl).toBe(17);
    expect(r.points.filter((p) => p.y === 17)).toHaveLength(4);
    expect(r.runs.nObs).toBe(36);
    expect(r.runs.nUseful).toBe(32);
    expect(r.runs.runsSignal).toBe(true);
    expect(r.points.every((p) => p.runsSignal && !p.sigmaSignal && p.lcl === null && p.ucl === null && p.cl === 17)).toBe(true);
    // charts_reference.py: longest_run 14 (max 8), n_crossings 6 (min 11)
    expect(r.runs).toMatchObject({ longestRun: 14, longestRunMax: 8, nCrossings: 6, nCrossingsMin: 11 });
    expect(r.points[0]?.period).toBe('2012-11');
  });

  it('orders by period and takes the median of an even count as the mean of the middle two', () => {
    const r = runChart([
      { period: '2021-03', value: 4 },
      { period: '2021-01', value: 1 },
      { period: '2021-02', value: 10 },
      { period: '2021-04', value: 2 },
    ]);
    expect(r.points.map((p) => p.period)).toEqual(['2021-01', '2021-02', '2021-03', '2021-04']);
    expect(r.cl).toBe(3);
    expect(median([5])).toBe(5);
    expect(() =>
      runChart([
        { period: '2021-01', value: 1 },
        { period: '2021-01-01', value: 2 },
      ]),
    ).toThrow(/duplicate period/);
  });
});

describe('P chart', () => {
  it('Montgomery Table 7.4 (qicharts2 tests/testthat/tbl_7.4_1.rds): every limit, the signal, the runs', () => {
    const r = attributeChart('p', asPoints(MONTGOMERY_TABLE_7_4));
    const ref = MONTGOMERY_TABLE_7_4_P;
    expect(r.cl).toBeCloseTo(ref.cl, 15);
    r.points.forEach((p, i) => {
      const size = MONTGOMERY_TABLE_7_4[i]?.[2] as number;
      const [lcl, ucl] = ref.limitsBySize[size] as readonly [number, number];
      expect({ i, lcl: p.lcl, ucl: p.ucl }).toEqual({ i, lcl: expect.closeTo(lcl, 15), ucl: expect.closeTo(ucl, 15) });
    });
    expect(r.points.flatMap((p, i) => (p.sigmaSignal ? [i + 1] : []))).toEqual(ref.sigmaSignalAt);
    expect(r.runs).toEqual(ref.runs);
    expect(r.points[1]).toMatchObject({ y: 0.1, count: 8, denominator: 80, lcl: 0 });
  });

  it('nhs_accidents (qicharts2 vignette, Case 5): limits 95.169 / 95.290 / 95.411 % and 16 of 20 weeks outside', () => {
    const r = attributeChart('p', asPoints(NHS_ACCIDENTS));
    const last = r.points[19];
    expect(((last?.lcl as number) * 100).toFixed(3)).toBe('95.169');
    expect(((r.cl as number) * 100).toFixed(3)).toBe('95.290');
    expect(((last?.ucl as number) * 100).toFixed(3)).toBe('95.411');
    expect(r.points.filter((p) => p.sigmaSignal)).toHaveLength(16);
    // The weeks drawn in the line colour (not flagged) in the vignette's figure: 5, 7, 18, 20.
    expect(r.points.flatMap((p, i) => (p.sigmaSignal ? [] : [i + 1]))).toEqual([5, 7, 18, 20]);
  });

  it('clamps the upper limit to 1 and the lower to 0 (worked by hand)', () => {
    // counts 9 of 10 twice: cl 0.9, s = sqrt(0.9 * 0.1 / 10) = 0.0948683, cl + 3s = 1.1846 -> 1,
    // cl - 3s = 0.6154.
    const r = attributeChart('p', [
      { period: '2020-01', value: 9, denominator: 10 },
      { period: '2020-02', value: 9, denominator: 10 },
    ]);
    expect(r.points[0]?.ucl).toBe(1);
    expect(r.points[0]?.lcl).toBeCloseTo(0.9 - 3 * Math.sqrt(0.009), 12);
  });
});

describe('P′ chart (Laney)', () => {
  it('nhs_accidents (vignette, Case 5): limits 93.997 / 95.290 / 96.582 %, nothing outside', () => {
    const r = attributeChart('pp', asPoints(NHS_ACCIDENTS));
    const last = r.points[19];
    expect(((last?.lcl as number) * 100).toFixed(3)).toBe('93.997');
    expect(((r.cl as number) * 100).toFixed(3)).toBe('95.290');
    expect(((last?.ucl as number) * 100).toFixed(3)).toBe('96.582');
    expect(r.points.some((p) => p.sigmaSignal)).toBe(false);
    // charts_reference.py: sigma_z 10.64042186349651, lcl[1] 0.9401296441775141,
    // ucl[13] 0.9659964086992573; runs about cl: useful 20, longest 5 (max 7), crossings 9 (min 6)
    expect(r.sigmaZ).toBeCloseTo(10.64042186349651, 12);
    expect(r.points[0]?.lcl).toBeCloseTo(0.9401296441775141, 14);
    expect(r.points[12]?.ucl).toBeCloseTo(0.9659964086992573, 14);
    expect(r.runs).toMatchObject({ nUseful: 20, longestRun: 5, longestRunMax: 7, nCrossings: 9, nCrossingsMin: 6, runsSignal: false });
  });

  it('screening the moving ranges (qicharts2 option qic.screenedmr) changes nothing here, and narrows the limits after a jump', () => {
    // charts_reference.py: screened sigma_z = unscreened = 10.64042186349651 (no MR >= 3.267 x mean).
    const plain = attributeChart('pp', asPoints(NHS_ACCIDENTS));
    const screened = attributeChart('pp', asPoints(NHS_ACCIDENTS), { screenMovingRanges: true });
    expect(screened.sigmaZ).toBe(plain.sigmaZ);
    const jumpy = asPoints(NHS_ACCIDENTS).map((p, i) => (i === 10 ? { ...p, value: Math.round(p.denominator * 0.99) } : p));
    const a = attributeChart('pp', jumpy);
    const b = attributeChart('pp', jumpy, { screenMovingRanges: true });
    expect(b.sigmaZ as number).toBeLessThan(a.sigmaZ as number);
  });

  it('one point: no moving range, no sigma_z, no limits, no signal', () => {
    const r = attributeChart('pp', [{ period: '2020-01', value: 5, denominator: 10 }]);
    expect(r.sigmaZ).toBeNull();
    expect(r.points[0]).toMatchObject({ lcl: null, ucl: null, sigmaSignal: false, cl: 0.5 });
  });
});

describe('U chart', () => {
  it('Montgomery Example 7.4 (tests/testthat/ex_7.4_1.rds)', () => {
    const r = attributeChart('u', asPoints(MONTGOMERY_EXAMPLE_7_4));
    const ref = MONTGOMERY_EXAMPLE_7_4_U;
    expect(r.cl).toBeCloseTo(ref.cl, 15);
    for (const p of r.points) {
      expect(p.lcl).toBe(ref.lcl);
      expect(p.ucl).toBeCloseTo(ref.ucl, 15);
    }
    expect(r.points.some((p) => p.sigmaSignal)).toBe(false);
    expect(r.runs).toEqual(ref.runs);
  });

  it('Montgomery Example 7.5 (ex_7.5_1.rds, per 50 m): every limit', () => {
    const r = attributeChart('u', asPoints(MONTGOMERY_EXAMPLE_7_5));
    const ref = MONTGOMERY_EXAMPLE_7_5_U_PER_50;
    expect((r.cl as number) * 50).toBeCloseTo(ref.cl, 13);
    r.points.forEach((p, i) => {
      expect((p.lcl as number) * 50).toBeCloseTo(ref.lcl[i] as number, 13);
      expect((p.ucl as number) * 50).toBeCloseTo(ref.ucl[i] as number, 13);
    });
    expect(r.runs).toEqual(ref.runs);
  });

  it('hospital_infections by month (tests/testthat/hai_1.rds): CL, mean limits, runs', () => {
    const points = HOSPITAL_INFECTIONS_BY_MONTH.map(([period, value, denominator]) => ({ period, value, denominator }));
    const r = attributeChart('u', points);
    const ref = HOSPITAL_INFECTIONS_U_SUMMARY;
    expect(r.cl).toBeCloseTo(ref.CL, 15);
    const meanOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(meanOf(r.points.map((p) => p.lcl as number))).toBeCloseTo(ref.aLCL, 14);
    expect(meanOf(r.points.map((p) => p.ucl as number))).toBeCloseTo(ref.aUCL, 14);
    expect(r.points.filter((p) => p.sigmaSignal)).toHaveLength(ref.sigmaSignals);
    const { nObs, nUseful, longestRun, longestRunMax, nCrossings, nCrossingsMin, runsSignal } = ref;
    expect(r.runs).toEqual({ nObs, nUseful, longestRun, longestRunMax, nCrossings, nCrossingsMin, runsSignal });
  });
});

describe('U′ chart (Laney)', () => {
  it('Montgomery Example 7.5: sigma_z and limits from the independent calculation', () => {
    // charts_reference.py: sigma_z 0.6787955546811913; lcl[1] 0.013100146046865442,
    // lcl[2] 0.011286557323334966; ucl[3] 0.041941086637638354, ucl[10] 0.042207963443657605
    const r = attributeChart('up', asPoints(MONTGOMERY_EXAMPLE_7_5));
    expect(r.sigmaZ).toBeCloseTo(0.6787955546811913, 13);
    expect(r.points[0]?.lcl).toBeCloseTo(0.013100146046865442, 15);
    expect(r.points[1]?.lcl).toBeCloseTo(0.011286557323334966, 15);
    expect(r.points[2]?.ucl).toBeCloseTo(0.041941086637638354, 15);
    expect(r.points[9]?.ucl).toBeCloseTo(0.042207963443657605, 15);
    // sigma_z < 1 (under-dispersion): U′ limits are narrower than U's.
    const u = attributeChart('u', asPoints(MONTGOMERY_EXAMPLE_7_5));
    expect((r.points[0]?.ucl as number) < (u.points[0]?.ucl as number)).toBe(true);
  });

  it('hospital_infections by month: sigma_z 1.0751309649482577 (charts_reference.py)', () => {
    const points = HOSPITAL_INFECTIONS_BY_MONTH.map(([period, value, denominator]) => ({ period, value, denominator }));
    expect(attributeChart('up', points).sigmaZ).toBeCloseTo(1.0751309649482577, 12);
  });
});

describe('attributeChart input checks', () => {
  it('names the period and the problem', () => {
    expect(() => attributeChart('p', [{ period: '2020-01', value: 11, denominator: 10 }])).toThrow(
      /count for period 2020-01 \(11\) is larger than its denominator \(10\)/,
    );
    expect(() => attributeChart('u', [{ period: '2020-01', value: 1, denominator: 0 }])).toThrow(/denominator for period 2020-01 must be a number > 0/);
    expect(() => attributeChart('u', [{ period: '2020-01', value: -1, denominator: 3 }])).toThrow(/must not be negative/);
    expect(() => attributeChart('xmr' as never, [])).toThrow(/unknown chart 'xmr'/);
    // A rate may exceed 1.
    expect(attributeChart('u', [{ period: '2020-01', value: 11, denominator: 10 }]).points[0]?.y).toBe(1.1);
  });
});
