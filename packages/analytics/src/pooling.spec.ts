import { studentTQuantile } from './distributions';
import { AnalyticsInputError } from './errors';
import { poolDerSimonianLaird, sustainedShare } from './pooling';
import { BCG_STUDIES } from '../test/fixtures/bcg';

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

describe('sustainedShare', () => {
  it('counts SUSTAINED among judged verdicts only', () => {
    expect(sustainedShare(['SUSTAINED', 'FADED', 'NOT_YET_EVIDENT', 'NO_SIGNAL', 'INSUFFICIENT_DATA'])).toBeCloseTo(1 / 3, 12);
    expect(sustainedShare(['NOT_YET_EVIDENT'])).toBeNull();
  });
});
