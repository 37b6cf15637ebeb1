import { describe, expect, it } from '@jest/globals';
import { funnelPosition, logTicks } from './funnel';

describe('logTicks', () => {
  it('puts ticks at 1, 2 and 5 x 10^k within the range', () => {
    expect(logTicks(150, 6000)).toEqual([200, 500, 1000, 2000, 5000]);
  });
  it('keeps only the powers of ten when there would be too many', () => {
    expect(logTicks(10, 100000)).toEqual([10, 100, 1000, 10000, 100000]);
  });
  it('is empty for a range that a log axis cannot show', () => {
    expect(logTicks(0, 10)).toEqual([]);
    expect(logTicks(10, 5)).toEqual([]);
  });
});

describe('funnelPosition', () => {
  it('says inside, beyond the 95% limits only, or beyond the 99.8% limits, and on which side', () => {
    expect(funnelPosition({ value: 80, outside95: false, outside998: false }, 85)).toBe('within the 95% limits');
    expect(funnelPosition({ value: 80, outside95: true, outside998: false }, 85)).toBe('below the 95% limits (inside the 99.8% limits)');
    expect(funnelPosition({ value: 90, outside95: true, outside998: true }, 85)).toBe('above the 99.8% limits');
  });
});
