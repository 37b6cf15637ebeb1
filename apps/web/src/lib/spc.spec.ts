import { describe, expect, it } from '@jest/globals';
import { describePoint, describeRule, rebaseBreaks } from './spc';
import { monthLabels } from './chart';
import { monthIndexOrNaN } from '@longview/analytics/periods';

describe('point descriptions in plain English (no "CL", "UCL" or "Points")', () => {
  it.each([
    ['Common Cause', 'No signal: ordinary month-to-month variation'],
    ['Above UCL', 'Above the upper limit: higher than this process usually goes'],
    ['Below LCL', 'Below the lower limit: lower than this process usually goes'],
    ['7 Points Above CL', '7 months in a row above the average'],
    ['7 Points Below CL', '7 months in a row below the average'],
    ['7 Point Trend (Increasing)', '7 months in a row rising'],
    ['6 Point Trend (Decreasing)', '6 months in a row falling'],
    ['2 in 3 Above CL', '2 of 3 months close to the upper limit'],
    ['2 in 3 Below CL', '2 of 3 months close to the lower limit'],
    ['No runs signal', 'No signal: ordinary month-to-month variation'],
  ])('%s -> %s', (rule, words) => {
    expect(describeRule(rule)).toBe(words);
    expect(describeRule(rule)).not.toMatch(/\bU?L?CL\b|Points/);
  });

  it('a run-chart signal says what a run is', () => {
    expect(describeRule('Runs signal (Anhøj rules)')).toMatch(/^A run signal: too many months in a row on one side of the middle line/);
  });

  it('a point says whether its signal is an improvement or a concern', () => {
    expect(describePoint({ pointType: 'special_cause_concern', rule: '7 Points Below CL' })).toBe('Concern: 7 months in a row below the average');
    expect(describePoint({ pointType: 'special_cause_improvement', rule: 'Above UCL' })).toBe(
      'Improvement: Above the upper limit: higher than this process usually goes',
    );
    expect(describePoint({ pointType: 'special_cause_neutral_high', rule: '2 in 3 Above CL' })).toBe('Neutral: 2 of 3 months close to the upper limit');
    expect(describePoint({ pointType: 'common_cause', rule: 'Common Cause' })).toBe('No signal: ordinary month-to-month variation');
  });
});

describe('rebaseBreaks', () => {
  it('finds the months where the SPC baseline starts again, not the outcome charts’ own groups', () => {
    const pts = [
      { period: '2024-01', value: 1, group: 0 },
      { period: '2024-02', value: 1, group: 0 },
      { period: '2024-03', value: 1, group: 1 },
      { period: '2024-04', value: 1, group: 'post', carried: true },
    ];
    expect(rebaseBreaks(pts)).toEqual(['2024-03']);
  });
});

describe('monthLabels (fewer labels on a narrow chart)', () => {
  const from = monthIndexOrNaN('2023-04');
  const to = monthIndexOrNaN('2026-03');
  it('keeps to the number that fits, on calendar boundaries', () => {
    expect(monthLabels(from, to, 8)).toEqual(['2023-07', '2024-01', '2024-07', '2025-01', '2025-07', '2026-01']);
    expect(monthLabels(from, to, 3)).toEqual(['2024-01', '2025-01', '2026-01']);
    expect(monthLabels(from, to, 40)).toHaveLength(36);
  });
  it('gives a short series one label', () => {
    expect(monthLabels(monthIndexOrNaN('2024-02'), monthIndexOrNaN('2024-03'), 1)).toEqual(['2024-03']);
    expect(monthLabels(monthIndexOrNaN('2024-02'), monthIndexOrNaN('2024-02'), 1)).toEqual(['2024-02']);
  });
});
