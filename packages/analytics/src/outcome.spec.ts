import { evaluateOutcome } from './outcome';

// set.seed(123); rnorm(20): deterministic common-cause noise
const NOISE = [
  -0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774, 1.71506499, 0.46091621, -1.26506123, -0.68685285, -0.44566197, 1.2240818, 0.35981383,
  0.40077145, 0.11068272, -0.55584113, 1.78691314, 0.49785048, -1.96661716, 0.7013559, -0.47279141,
];

/** Monthly series from 2020-01: 24 baseline months at level 50 (sd ~1), then `post` offsets. */
function series(post: readonly number[], baselineMonths = 24): { period: string; value: number }[] {
  const offsets = [...Array<number>(baselineMonths).fill(0), ...post];
  return offsets.map((offset, i) => ({
    period: `${2020 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
    value: 50 + (NOISE[(i * 7) % NOISE.length] as number) + offset,
  }));
}

const START = '2022-01-10'; // month 25 of the series above

describe('evaluateOutcome verdicts', () => {
  it('a lasting step change is SUSTAINED', () => {
    const o = evaluateOutcome({ series: series(Array<number>(18).fill(4)), startedOn: START, direction: 'INCREASE' });
    expect(o.sustainability).toBe('SUSTAINED');
    expect(o.reason).toMatch(/shift or trend/);
    expect(o.baseline).toMatchObject({ n: 24, trialLimits: false, firstPeriod: '2020-01', lastPeriod: '2021-12' });
    expect(o.monthsObserved).toBe(18);
    expect(o.post[0]?.period).toBe('2022-01');
    expect(o.effect?.direction).toBe('IMPROVEMENT');
    expect(o.effect?.meanDifference).toBeGreaterThan(3);
  });

  it('the same step down is SUSTAINED when lower is better, DETERIORATED when higher is', () => {
    const s = series(Array<number>(18).fill(-4));
    expect(evaluateOutcome({ series: s, startedOn: START, direction: 'DECREASE' }).sustainability).toBe('SUSTAINED');
    const worse = evaluateOutcome({ series: s, startedOn: START, direction: 'INCREASE' });
    expect(worse.sustainability).toBe('DETERIORATED');
    expect(worse.effect?.direction).toBe('DETERIORATION');
    expect(worse.effect?.improvement).toBeLessThan(0);
  });

  it('a quick win that decays back to baseline is FADED', () => {
    const post = [4, 4, 4, 4, 4, 4, 4, 3, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0];
    const o = evaluateOutcome({ series: series(post), startedOn: START, direction: 'INCREASE' });
    expect(o.post.some((p) => p.rule === '7 Points Above CL')).toBe(true);
    expect(o.sustainability).toBe('FADED');
    expect(o.reason).toMatch(/did not hold/);
    // In plain English, not the Making Data Count rule names.
    expect(o.reason).toMatch(/improvement signal \(above the upper limit: higher than this process usually goes\)/);
    expect(o.reason).not.toMatch(/Points|CL\b|UCL|LCL/);
  });

  it('a quick win already gone before 12 months is FADED early', () => {
    const post = [5, 5, 0, 0, 0, 0, 0, 0, 0];
    const o = evaluateOutcome({ series: series(post), startedOn: START, direction: 'INCREASE' });
    expect(o.monthsObserved).toBe(9);
    expect(o.sustainability).toBe('FADED');
  });

  it('an improvement followed by a concern signal is FADED', () => {
    const post = [5, 5, 5, 0, -6, 0, 0, 0, 0, 0, 0, 0, 0];
    const o = evaluateOutcome({ series: series(post), startedOn: START, direction: 'INCREASE' });
    expect(o.sustainability).toBe('FADED');
    expect(o.reason).toMatch(/concern signal \(below the lower limit: lower than this process usually goes\)/);
  });

  it('noise only is NO_SIGNAL', () => {
    const o = evaluateOutcome({ series: series(Array<number>(18).fill(0)), startedOn: START, direction: 'INCREASE' });
    expect(o.post.every((p) => p.pointType === 'common_cause')).toBe(true);
    expect(o.sustainability).toBe('NO_SIGNAL');
  });

  it('a baseline shorter than 12 points is INSUFFICIENT_DATA, with trial limits reported', () => {
    const o = evaluateOutcome({ series: series(Array<number>(18).fill(4), 8), startedOn: '2020-09-01', direction: 'INCREASE' });
    expect(o.sustainability).toBe('INSUFFICIENT_DATA');
    expect(o.baseline).toMatchObject({ n: 8, trialLimits: true });
    expect(o.reason).toMatch(/Only 8 baseline points/);
  });

  it('no data after the start, or none before it, is INSUFFICIENT_DATA', () => {
    expect(evaluateOutcome({ series: series([]), startedOn: START, direction: 'INCREASE' }).sustainability).toBe('INSUFFICIENT_DATA');
    const none = evaluateOutcome({ series: series([1, 2]), startedOn: '2019-06-01', direction: 'INCREASE' });
    expect(none.sustainability).toBe('INSUFFICIENT_DATA');
    expect(none.baseline).toBeNull();
  });

  it('a recent improvement with under 12 months of data is NOT_YET_EVIDENT', () => {
    const o = evaluateOutcome({ series: series(Array<number>(8).fill(4)), startedOn: START, direction: 'INCREASE' });
    expect(o.sustainability).toBe('NOT_YET_EVIDENT');
    expect(o.reason).toMatch(/only 8 months/);
  });

  it('asOf replays the verdict as it stood on a date', () => {
    const s = series(Array<number>(18).fill(4));
    expect(evaluateOutcome({ series: s, startedOn: START, direction: 'INCREASE', asOf: '2022-08-31' }).sustainability).toBe('NOT_YET_EVIDENT');
    expect(evaluateOutcome({ series: s, startedOn: START, direction: 'INCREASE', asOf: '2023-06-30' }).sustainability).toBe('SUSTAINED');
  });

  it('the baseline is the last rebase group before the start', () => {
    const s = series(Array<number>(18).fill(4));
    const o = evaluateOutcome({ series: s, startedOn: START, direction: 'INCREASE', rebase: ['2021-01', '2022-06'] });
    expect(o.baseline).toMatchObject({ firstPeriod: '2021-01', n: 12 });
    // every post point is outside the narrower limits: still a shift, so still sustained
    expect(o.post.every((p) => p.rule === 'Above UCL')).toBe(true);
    expect(o.sustainability).toBe('SUSTAINED');
  });

  it('rejects a malformed start date', () => {
    expect(() => evaluateOutcome({ series: series([]), startedOn: '2022-01', direction: 'INCREASE' })).toThrow(/YYYY-MM-DD/);
  });
});

describe('evaluateOutcome edge cases', () => {
  it('isolated extreme months without a shift or trend are FADED after 12 months', () => {
    const post = [6, 0, 0, 0, 0, 6, 0, 0, 0, 0, 6, 0, 0, 0];
    const o = evaluateOutcome({ series: series(post), startedOn: START, direction: 'INCREASE' });
    expect(o.sustainability).toBe('FADED');
    expect(o.reason).toMatch(/no shift or trend/);
  });

  it('an implementation dip before a lasting improvement does not spoil SUSTAINED', () => {
    const post = [-6, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4];
    const o = evaluateOutcome({ series: series(post), startedOn: START, direction: 'INCREASE' });
    expect(o.post[0]?.pointType).toBe('special_cause_concern');
    expect(o.sustainability).toBe('SUSTAINED');
    expect(o.reason).toMatch(/implementation dip/);
  });
});

describe('evaluateOutcome with seasonal data', () => {
  // Two baseline years then 20 post months with a seasonal swing (high from April to
  // August), the same noise as above, and no effect at all: the demo's failure mode.
  const SEASON = [-2.5, -2.5, -1, 1.5, 2, 2, 2, 2, 1, -0.5, -1.5, -2.5];
  const seasonal = series(Array<number>(20).fill(0)).map((p, i) => ({ period: p.period, value: p.value + (SEASON[i % 12] as number) }));

  it('season alone is not SUSTAINED: the last 6 months are compared with the same calendar months of the baseline', () => {
    const o = evaluateOutcome({ series: seasonal, startedOn: START, direction: 'INCREASE' });
    const baseline = o.baseline as { mean: number; upl: number };
    // the summer makes a 7-point shift, and the last 6 points (Mar..Aug 2023) beat the
    // year-round mean by more than 2 sigma / sqrt(6): a year-round comparison would call it held
    expect(o.post.some((p) => p.rule === '7 Points Above CL')).toBe(true);
    const last6 = o.post.slice(-6).map((p) => p.value);
    const sigma = (baseline.upl - baseline.mean) / 3;
    expect(last6.reduce((a, b) => a + b, 0) / 6 - baseline.mean).toBeGreaterThan((2 * sigma) / Math.sqrt(6));
    expect(o.sustainability).toBe('FADED');
    expect(o.reason).toMatch(/same calendar months/);
  });

  it('a lasting step on top of the season is SUSTAINED', () => {
    const stepped = seasonal.map((p, i) => ({ period: p.period, value: p.value + (i >= 24 ? 3 : 0) }));
    expect(evaluateOutcome({ series: stepped, startedOn: START, direction: 'INCREASE' }).sustainability).toBe('SUSTAINED');
  });
});

describe('evaluateOutcome: a concern inside an improved level', () => {
  it('a worsening trend that stays better than the baseline mean does not make a lasting gain FADED', () => {
    // lower is better; baseline mean 50.01, lpl 47.71: a drop, a 7-month drift back up that
    // stays below the baseline mean (a seasonal rise does this), then the lower level again
    const post = [47.9, 47.5, 48.1, 47.6, 47.8, 47.4, 47.9, 48.0, 48.4, 48.8, 49.2, 49.6, 49.8, 49.9, 47.6, 47.9, 47.5, 47.8, 47.7, 47.9];
    const s = [...series([]), ...post.map((value, i) => ({ period: `${2022 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`, value }))];
    const o = evaluateOutcome({ series: s, startedOn: START, direction: 'DECREASE' });
    expect(o.post.some((p) => p.rule === '7 Point Trend (Increasing)' && p.pointType === 'special_cause_concern')).toBe(true);
    expect(o.sustainability).toBe('SUSTAINED');
    expect(o.reason).toMatch(/narrowed but did not turn bad/);
  });
});

describe('evaluateOutcome effect sizes', () => {
  it('mean difference with a Welch standard error', () => {
    const s = [
      ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((v, i) => ({ period: `2020-${String(i + 1).padStart(2, '0')}`, value: v })),
      { period: '2021-01', value: 20 },
      { period: '2021-02', value: 22 },
    ];
    const o = evaluateOutcome({ series: s, startedOn: '2021-01-01', direction: 'DECREASE' });
    expect(o.effect?.meanDifference).toBeCloseTo(21 - 6.5, 12);
    // var(1..12) = 13, var(20, 22) = 2
    expect(o.effect?.standardError).toBeCloseTo(Math.sqrt(13 / 12 + 2 / 2), 12);
    expect(o.effect?.improvement).toBeCloseTo(-14.5, 12);
  });

  it('ITS recovers the coefficients of an exact segmented line', () => {
    const s = Array.from({ length: 30 }, (_, t) => {
      const post = t >= 18 ? 1 : 0;
      return {
        period: `${2020 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`,
        value: 10 + 0.1 * t + 3 * post + 0.2 * post * (t - 18),
      };
    });
    const o = evaluateOutcome({ series: s, startedOn: '2021-07-15', direction: 'INCREASE' });
    expect(o.its?.b0).toBeCloseTo(10, 8);
    expect(o.its?.b1).toBeCloseTo(0.1, 8);
    expect(o.its?.levelChange).toBeCloseTo(3, 8);
    expect(o.its?.slopeChange).toBeCloseTo(0.2, 8);
    expect(o.its?.effectAt12Months).toBeCloseTo(3 + 12 * 0.2, 8);
  });

  it('ITS is null when the post period cannot identify a slope change', () => {
    const o = evaluateOutcome({ series: series([4]), startedOn: START, direction: 'INCREASE' });
    expect(o.its).toBeNull();
    expect(o.effect?.standardError).toBeNull();
  });
});
