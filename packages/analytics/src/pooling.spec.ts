import { studentTQuantile } from './distributions';
import { AnalyticsInputError } from './errors';
import { describePooling, evidencePoolOptions, pool, poolDerSimonianLaird, sustainedShare } from './pooling';
import { BCG_STUDIES, CLASP_STUDIES } from '../test/fixtures/bcg';

const studies = BCG_STUDIES;

describe('poolDerSimonianLaird', () => {
  it("reproduces metafor's DL fit of dat.bcg", () => {
    const r = poolDerSimonianLaird(studies);
    expect(r.k).toBe(13);
    expect(r.estimate).toBeCloseTo(-0.7141, 4);
    expect(r.se).toBeCloseTo(0.1787, 4);
    expect(r.ciLow).toBeCloseTo(-1.0644, 4);
    expect(r.ciHigh).toBeCloseTo(-0.3638, 4);
    expect(r.q).toBeCloseTo(152.233, 3);
    expect(r.tau2).toBeCloseTo(0.3088, 4);
    expect(r.i2).toBeCloseTo(92.12, 2);
    expect(r.piLow).toBeCloseTo(-1.8582, 4);
    expect(r.piHigh).toBeCloseTo(0.4299, 4);
  });

  it('shrinks each trial towards the pooled estimate by lambda = tau2 / (tau2 + vi)', () => {
    const r = poolDerSimonianLaird(studies);
    r.shrunk.forEach((s, i) => {
      const src = studies[i] as (typeof studies)[number];
      expect(s.id).toBe(src.id);
      expect(s.lambda).toBeCloseTo(r.tau2 / (r.tau2 + src.vi), 12);
      expect(s.theta).toBeCloseTo(r.estimate + s.lambda * (src.yi - r.estimate), 12);
      expect(Math.abs(s.theta - r.estimate)).toBeLessThanOrEqual(Math.abs(src.yi - r.estimate) + 1e-12);
    });
  });

  it('t prediction interval uses t with k - 2 degrees of freedom', () => {
    const r = poolDerSimonianLaird(studies, { predictionInterval: 't' });
    const half = studentTQuantile(0.975, 11) * Math.sqrt(r.tau2 + r.se ** 2);
    expect(studentTQuantile(0.975, 11)).toBeCloseTo(2.200985, 6);
    expect(r.piLow).toBeCloseTo(r.estimate - half, 12);
    expect(r.piHigh).toBeCloseTo(r.estimate + half, 12);
    expect(poolDerSimonianLaird(studies.slice(0, 2), { predictionInterval: 't' }).piLow).toBeNull();
  });

  it('homogeneous studies: tau2 0, I2 0, the fixed-effect answer', () => {
    const r = poolDerSimonianLaird([
      { yi: 1, vi: 0.5 },
      { yi: 1, vi: 0.25 },
    ]);
    expect(r).toMatchObject({ estimate: 1, tau2: 0, i2: 0, q: 0 });
    expect(r.se).toBeCloseTo(Math.sqrt(1 / 6), 12);
    expect(r.shrunk.every((s) => s.lambda === 0 && s.theta === 1)).toBe(true);
  });

  it('k = 1: the study itself, tau2 0, no prediction interval', () => {
    const r = poolDerSimonianLaird([{ id: 'RJ1', yi: 2, vi: 0.04 }]);
    expect(r).toMatchObject({ k: 1, estimate: 2, tau2: 0, i2: 0, q: 0, piLow: null, piHigh: null });
    expect(r.se).toBeCloseTo(0.2, 12);
    expect(r.ciLow).toBeCloseTo(2 - 1.959964 * 0.2, 6);
  });

  it('rejects empty input and non-positive or non-finite variances', () => {
    expect(() => poolDerSimonianLaird([])).toThrow(AnalyticsInputError);
    expect(() => poolDerSimonianLaird([{ id: 'x', yi: 1, vi: 0 }])).toThrow(/study x: vi must be/);
    expect(() => poolDerSimonianLaird([{ yi: 1, vi: -1 }])).toThrow(/vi must be/);
    expect(() => poolDerSimonianLaird([{ yi: Number.NaN, vi: 1 }])).toThrow(/yi must be/);
  });
});

/**
 * REML, Paule-Mandel and Knapp-Hartung against metafor's published results:
 * - dat.bcg with REML and test = "knha": metafor's README (the example fit
 *   `rma(yi, vi, data=dat, test="knha")`): tau^2 0.3132, I^2 92.22%, Q 152.2330, estimate
 *   -0.7145, se 0.1808, CI [-1.1084, -0.3206], and predict(res, transf=exp) 0.49 [0.33, 0.73],
 *   PI [0.14, 1.76]; the spec (section 8) gives the PI on the log scale, [-1.9960, 0.5670].
 * - dat.bcg with REML and test = "z": docs/reference/cumul.html, last row (all 13 trials):
 *   -0.715 se 0.180 CI [-1.067, -0.362] tau^2 0.313 I^2 92.221; predict.rma.html:
 *   PI [-1.87, 0.44] (and 0.15, 1.55 after exp).
 * - dat.bcg PM: tests/testthat/test_misc_rma_uni.r, method "DLIT"/"SJIT" (iterated DL and SJ,
 *   whose fixed point is the Paule-Mandel estimate; DerSimonian & Kacker 2007): tau^2 0.3181.
 * - CLASP: DerSimonian & Kacker (2007) Tables 3-4 as metafor's
 *   test_analysis_example_dersimonian2007.r checks them: PM tau 0.3681, mu -0.3811, se 0.2060;
 *   REML 0.1843, -0.2980, 0.1343; DL 0.2323, -0.3240, 0.1540.
 * Finer digits come from test/reference/pooling_reference.py, an independent NumPy/SciPy
 * calculation (brentq on the same equations, scipy.stats.t), whose printed values are quoted.
 */
describe('pool: REML, Paule-Mandel and Knapp-Hartung (metafor rma)', () => {
  it("REML + knha reproduces metafor's README fit of dat.bcg", () => {
    const r = pool(studies, { method: 'REML', test: 'knha' });
    expect(r).toMatchObject({ method: 'REML', test: 'knha', k: 13 });
    expect(r.tau2).toBeCloseTo(0.3132, 4);
    expect(r.i2).toBeCloseTo(92.22, 2);
    expect(r.q).toBeCloseTo(152.233, 4);
    expect(r.estimate).toBeCloseTo(-0.7145, 4);
    expect(r.se).toBeCloseTo(0.1808, 4);
    expect(r.ciLow).toBeCloseTo(-1.1084, 4);
    expect(r.ciHigh).toBeCloseTo(-0.3206, 4);
    expect(r.piLow).toBeCloseTo(-1.996, 4);
    expect(r.piHigh).toBeCloseTo(0.567, 4);
    expect(Math.exp(r.piLow as number)).toBeCloseTo(0.14, 2);
    expect(Math.exp(r.piHigh as number)).toBeCloseTo(1.76, 2);
    // pooling_reference.py: tau2=0.313243258136 mu=-0.714532342158 knha se=0.180791744093
    // ci=[-1.108443713686, -0.320620970631] pi=[-1.996016834196, 0.566952149880]
    expect(r.tau2).toBeCloseTo(0.313243258136, 10);
    expect(r.estimate).toBeCloseTo(-0.714532342158, 10);
    expect(r.se).toBeCloseTo(0.180791744093, 10);
    expect(r.ciLow).toBeCloseTo(-1.108443713686, 9);
    expect(r.piHigh).toBeCloseTo(0.56695214988, 9);
  });

  it("metafor's own REML tau^2 (Fisher scoring, stopped at 1e-5) is within 1e-6 of the converged root", () => {
    // tests/testthat/test_misc_influence.r stores metafor's fitted tau2 = 0.313243325980895.
    const r = pool(studies, { method: 'REML' });
    expect(Math.abs(r.tau2 - 0.313243325980895)).toBeLessThan(1e-6);
    expect(Math.abs(r.tau2 - 0.313243325980895)).toBeGreaterThan(1e-9);
  });

  it("REML with the z test: the normal-theory interval of metafor's default fit", () => {
    const r = pool(studies, { method: 'REML', test: 'z' });
    expect(r.estimate).toBeCloseTo(-0.715, 3);
    expect(r.se).toBeCloseTo(0.18, 3);
    expect(r.ciLow).toBeCloseTo(-1.067, 3);
    expect(r.ciHigh).toBeCloseTo(-0.362, 3);
    expect(r.i2).toBeCloseTo(92.221, 3);
    expect(r.piLow).toBeCloseTo(-1.87, 2);
    expect(r.piHigh).toBeCloseTo(0.44, 2);
    expect(Math.exp(r.piLow as number)).toBeCloseTo(0.15, 2);
    expect(Math.exp(r.piHigh as number)).toBeCloseTo(1.55, 2);
    // pooling_reference.py: se=0.179781516105 ci=[-1.066897638810, -0.362167045506] I2=92.2213845213
    expect(r.se).toBeCloseTo(0.179781516105, 10);
    expect(r.ciHigh).toBeCloseTo(-0.362167045506, 9);
    expect(r.i2).toBeCloseTo(92.2213845213, 8);
  });

  it('REML satisfies its fixed-point equation at the root (spec section 8)', () => {
    for (const data of [studies, CLASP_STUDIES]) {
      const r = pool(data, { method: 'REML' });
      const w = data.map((s) => 1 / (s.vi + r.tau2));
      const sw = w.reduce((a, b) => a + b, 0);
      const sw2 = w.reduce((a, b) => a + b * b, 0);
      const rhs = data.reduce((acc, s, i) => acc + (w[i] as number) ** 2 * ((s.yi - r.estimate) ** 2 - s.vi), 0) / sw2 + 1 / sw;
      expect(Math.abs(rhs - r.tau2) / r.tau2).toBeLessThan(1e-12);
    }
  });

  it('Paule-Mandel on dat.bcg: tau^2 0.3181, the generalised Q equals k - 1', () => {
    const r = pool(studies, { method: 'PM' });
    expect(r.tau2).toBeCloseTo(0.3181, 4);
    // pooling_reference.py: tau2=0.318068452205 mu=-0.714968153493 se=0.180892191538 I2=92.3303379542
    expect(r.tau2).toBeCloseTo(0.318068452205, 10);
    expect(r.estimate).toBeCloseTo(-0.714968153493, 10);
    expect(r.se).toBeCloseTo(0.180892191538, 10);
    expect(r.i2).toBeCloseTo(92.3303379542, 8);
    const genQ = studies.reduce((acc, s) => acc + (s.yi - r.estimate) ** 2 / (s.vi + r.tau2), 0);
    expect(Math.abs(genQ - 12)).toBeLessThan(1e-10);
    // At the PM root the Knapp-Hartung factor is exactly 1: its se is the plain one.
    expect(pool(studies, { method: 'PM', test: 'knha' }).se).toBeCloseTo(r.se, 12);
  });

  it('CLASP (DerSimonian & Kacker 2007, Tables 3-4): PM, REML and DL', () => {
    const expected = {
      PM: [0.3681, -0.3811, 0.206],
      REML: [0.1843, -0.298, 0.1343],
      DL: [0.2323, -0.324, 0.154],
    } as const;
    for (const method of ['PM', 'REML', 'DL'] as const) {
      const r = pool(CLASP_STUDIES, { method });
      const [tau, mu, se] = expected[method];
      expect({ method, tau: Math.sqrt(r.tau2) }).toEqual({ method, tau: expect.closeTo(tau, 4) });
      expect({ method, mu: r.estimate }).toEqual({ method, mu: expect.closeTo(mu, 4) });
      expect({ method, se: r.se }).toEqual({ method, se: expect.closeTo(se, 4) });
    }
    // pooling_reference.py, clasp REML knha: se=0.161882285224 t=2.570581835636
    // ci=[-0.714152904901, 0.118110418917] pi=[-0.928493057210, 0.332450571226]
    const kh = pool(CLASP_STUDIES, { method: 'REML', test: 'knha' });
    expect(kh.se).toBeCloseTo(0.161882285224, 10);
    expect(kh.ciLow).toBeCloseTo(-0.714152904901, 9);
    expect(kh.ciHigh).toBeCloseTo(0.118110418917, 9);
    expect(kh.piLow).toBeCloseTo(-0.92849305721, 9);
    expect(kh.piHigh).toBeCloseTo(0.332450571226, 9);
  });

  it('DL with knha keeps the DL tau^2 and widens the interval with t_{k-1}', () => {
    // pooling_reference.py, bcg DL knha: se=0.180696628336 ci=[-1.107821354168, -0.320413089978]
    // pi=[-1.987206963431, 0.558972519284]
    const r = pool(studies, { method: 'DL', test: 'knha' });
    expect(r.tau2).toBeCloseTo(0.3088, 4);
    expect(r.se).toBeCloseTo(0.180696628336, 10);
    expect(r.ciLow).toBeCloseTo(-1.107821354168, 9);
    expect(r.piHigh).toBeCloseTo(0.558972519284, 9);
    expect(pool(studies)).toEqual(poolDerSimonianLaird(studies));
  });

  it('the t quantile matches published tables (qt(0.975, df))', () => {
    // Student t table: 12.706 (1 df), 2.571 (5), 2.179 (12), 1.960 (infinite); SciPy
    // (pooling_reference.py) gives qt(0.975, 12) = 2.178812829667, qt(0.975, 5) = 2.570581835636.
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706204736175, 9);
    expect(studentTQuantile(0.975, 5)).toBeCloseTo(2.570581835636, 10);
    expect(studentTQuantile(0.975, 12)).toBeCloseTo(2.178812829667, 10);
    expect(studentTQuantile(0.975, 1e7)).toBeCloseTo(1.959964, 5);
  });

  it('no heterogeneity: REML and PM give 0, as DL does', () => {
    const flat = [
      { yi: 1, vi: 0.5 },
      { yi: 1.1, vi: 0.25 },
      { yi: 0.95, vi: 0.3 },
    ];
    for (const method of ['REML', 'PM', 'DL'] as const) expect(pool(flat, { method }).tau2).toBe(0);
  });

  it('rejects knha with one study, and unknown methods or tests, in plain words', () => {
    expect(() => pool([{ yi: 1, vi: 0.1 }], { test: 'knha' })).toThrow(/Knapp-Hartung adjustment needs at least two studies/);
    expect(() => pool(studies, { method: 'ML' as never })).toThrow(/unknown pooling method 'ML': use one of DL, REML, PM/);
    expect(() => pool(studies, { test: 't' as never })).toThrow(/unknown test 't'/);
    expect(pool([{ yi: 2, vi: 0.04 }], { method: 'REML' })).toMatchObject({ k: 1, tau2: 0, estimate: 2, piLow: null });
  });
});

describe('evidence pooling default', () => {
  it('REML with Knapp-Hartung from two studies on; one study falls back to z (no degrees of freedom)', () => {
    expect(evidencePoolOptions(13)).toEqual({ method: 'REML', test: 'knha' });
    expect(evidencePoolOptions(2)).toEqual({ method: 'REML', test: 'knha' });
    expect(evidencePoolOptions(1)).toEqual({ method: 'REML', test: 'z' });
    expect(() => pool([{ yi: 1, vi: 0.1 }], evidencePoolOptions(1))).not.toThrow();
  });

  it('names the method in words', () => {
    expect(describePooling('REML', 'knha')).toBe(
      'Random-effects meta-analysis: tau² by restricted maximum likelihood (REML), the Knapp-Hartung adjustment (t distribution, k - 1 degrees of freedom).',
    );
    expect(describePooling('DL', 'z')).toBe('Random-effects meta-analysis: tau² by DerSimonian-Laird, normal-theory (z) intervals.');
  });
});

describe('sustainedShare', () => {
  it('counts SUSTAINED among judged verdicts only', () => {
    expect(sustainedShare(['SUSTAINED', 'FADED', 'NOT_YET_EVIDENT', 'NO_SIGNAL', 'INSUFFICIENT_DATA'])).toBeCloseTo(1 / 3, 12);
    expect(sustainedShare(['NOT_YET_EVIDENT'])).toBeNull();
  });
});
