import { addMonths, monthIndex, monthIndexOrNaN, monthsBetween, parsePeriod, periodOfIndex } from './periods';

describe('month arithmetic', () => {
  it('round-trips a month through its index', () => {
    for (const period of ['2016-01', '2019-12', '2026-02']) expect(periodOfIndex(monthIndex(period))).toBe(period);
  });

  it('adds months across year ends in both directions', () => {
    expect(addMonths('2019-11', 3)).toBe('2020-02');
    expect(addMonths('2020-02', -3)).toBe('2019-11');
    expect(addMonths('2020-02', 0)).toBe('2020-02');
  });

  it('counts calendar months between two periods', () => {
    expect(monthsBetween('2018-04', '2019-04')).toBe(12);
    expect(monthsBetween('2019-04', '2018-04')).toBe(-12);
    expect(monthsBetween('2018-04-15', '2018-05')).toBe(1);
  });

  it('rejects impossible periods, or answers NaN when asked to', () => {
    expect(() => parsePeriod('2019-13')).toThrow(/not a real calendar date/);
    expect(() => periodOfIndex(1.5)).toThrow(/whole number/);
    expect(monthIndexOrNaN('March 2019')).toBeNaN();
    expect(monthIndexOrNaN('2019-03')).toBe(2019 * 12 + 2);
  });
});
