import { describeSpcRule } from './spc-rules';

describe('describeSpcRule', () => {
  it.each([
    ['7 Points Below CL', '7 months in a row below the average'],
    ['6 Points Above CL', '6 months in a row above the average'],
    ['7 Point Trend (Increasing)', '7 months in a row rising'],
    ['6 Point Trend (Decreasing)', '6 months in a row falling'],
    ['2 in 3 Above CL', '2 of 3 months close to the upper limit'],
    ['Above UCL', 'Above the upper limit: higher than this process usually goes'],
    ['Below LCL', 'Below the lower limit: lower than this process usually goes'],
    ['Common Cause', 'No signal: ordinary month-to-month variation'],
    ['something else', 'something else'],
  ])('says %s in plain English', (rule, words) => {
    expect(describeSpcRule(rule)).toBe(words);
  });
});
