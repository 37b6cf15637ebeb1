import { METRICS, findMetric } from './metrics';

describe('metric catalogue', () => {
  it('holds the nine core metrics with their units and improvement directions', () => {
    const summary = Object.fromEntries(METRICS.map((m) => [m.code, `${m.unit} ${m.improvement}`]));
    expect(summary).toEqual({
      'ae-4hr': '% INCREASE',
      'ae-12hr': '% DECREASE',
      'rtt-18wk': '% INCREASE',
      'cancer-62d': '% INCREASE',
      'bed-occupancy': '% DECREASE',
      'nel-los': 'days DECREASE',
      'staff-engagement': 'score INCREASE',
      'sickness-absence': '% DECREASE',
      'vacancy-rate': '% DECREASE',
    });
  });

  it('carries the national standards where they exist', () => {
    const standards = Object.fromEntries(METRICS.filter((m) => m.nationalStandard).map((m) => [m.code, m.nationalStandard?.value]));
    expect(standards).toEqual({ 'ae-4hr': 95, 'rtt-18wk': 92, 'cancer-62d': 85, 'bed-occupancy': 92 });
  });

  it('has unique lower-kebab codes, sane ranges and standards inside them', () => {
    expect(new Set(METRICS.map((m) => m.code)).size).toBe(METRICS.length);
    for (const metric of METRICS) {
      expect(metric.code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(metric.validRange.min).toBeLessThan(metric.validRange.max);
      expect(metric.description).toMatch(/Source:/);
      if (metric.nationalStandard) {
        expect(metric.nationalStandard.value).toBeGreaterThanOrEqual(metric.validRange.min);
        expect(metric.nationalStandard.value).toBeLessThanOrEqual(metric.validRange.max);
      }
    }
    expect(findMetric('bed-occupancy')?.validRange).toEqual({ min: 0, max: 120 });
    expect(findMetric('staff-engagement')?.validRange).toEqual({ min: 0, max: 10 });
  });

  it('finds metrics by code only', () => {
    expect(findMetric('ae-4hr')?.name).toBe('A&E 4-hour performance');
    expect(findMetric('AE-4HR')).toBeUndefined();
    expect(findMetric('')).toBeUndefined();
  });
});
