import { describe, expect, it } from '@jest/globals';
import { asOfParam, asOfProblem } from './asOf';

describe('asOf in the client', () => {
  it('reads ?asOf= (absent or empty = now)', () => {
    expect(asOfParam(new URLSearchParams('asOf=2025-03-03'))).toBe('2025-03-03');
    expect(asOfParam(new URLSearchParams('asOf='))).toBeNull();
    expect(asOfParam(new URLSearchParams(''))).toBeNull();
  });

  it('catches what the API would refuse', () => {
    expect(asOfProblem('2025-03-03', '2026-12-03')).toBeNull();
    expect(asOfProblem('2026-12-03', '2026-12-03')).toBeNull();
    expect(asOfProblem('', '2026-12-03')).toBe('Enter a date, for example 3 3 2025');
    expect(asOfProblem('2025-02-30', '2026-12-03')).toBe('Enter a real date');
    expect(asOfProblem('2026-12-04', '2026-12-03')).toBe('The date must be today or in the past');
  });
});
