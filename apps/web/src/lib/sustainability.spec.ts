import { describe, expect, it } from '@jest/globals';
import { factorFieldId, fieldForPath, mayAssess, totalsTrend, validateAssessment } from './sustainability';

const factors = [
  { factor: 'ADAPTABILITY', name: 'Adaptability of the improved process' },
  { factor: 'STAFF_BEHAVIOURS', name: 'Staff behaviours toward sustaining the change' },
];

describe('the sustainability self-assessment form', () => {
  it('needs a real date, today or earlier, and a level for every factor', () => {
    const { errors } = validateAssessment({ day: '31', month: '2', year: '2026', levels: { ADAPTABILITY: 3 }, note: '' }, factors, '2026-03-01');
    expect(errors).toEqual({
      'sus-date': 'The date of the assessment must be a real date',
      'sus-staff-behaviours': 'Select a level for staff behaviours toward sustaining the change',
    });
    expect(validateAssessment({ day: '2', month: '3', year: '2026', levels: {}, note: '' }, factors, '2026-03-01').errors['sus-date']).toBe(
      'The date of the assessment must be today or in the past',
    );
  });

  it('accepts a complete assessment and gives the date as YYYY-MM-DD', () => {
    expect(
      validateAssessment({ day: '1', month: '3', year: '2026', levels: { ADAPTABILITY: 1, STAFF_BEHAVIOURS: 4 }, note: 'ok' }, factors, '2026-03-01'),
    ).toEqual({
      errors: {},
      assessedOn: '2026-03-01',
    });
  });

  it('bounds the note', () => {
    const { errors } = validateAssessment(
      { day: '1', month: '3', year: '2026', levels: { ADAPTABILITY: 1, STAFF_BEHAVIOURS: 4 }, note: 'x'.repeat(2001) },
      factors,
      '2026-03-01',
    );
    expect(errors).toEqual({ 'sus-note': 'The note must be 2,000 characters or fewer' });
  });

  it('maps server paths to fields: scores by their index in the factors’ order', () => {
    expect(fieldForPath('assessedOn', factors)).toBe('sus-date');
    expect(fieldForPath('scores.1.level', factors)).toBe(factorFieldId('STAFF_BEHAVIOURS'));
    expect(fieldForPath('scores', factors)).toBeUndefined();
  });

  it('trends totals oldest first with the change from the previous one', () => {
    expect(
      totalsTrend([
        { assessedOn: '2026-01-01', total: 70 },
        { assessedOn: '2025-06-01', total: 53.3 },
      ]),
    ).toEqual([
      { assessedOn: '2025-06-01', total: 53.3, change: null },
      { assessedOn: '2026-01-01', total: 70, change: 16.7 },
    ]);
  });

  it('offers the form to the trust’s editors and admins only', () => {
    expect(mayAssess({ role: 'TRUST_EDITOR', trustCode: 'RJ1' }, 'RJ1')).toBe(true);
    expect(mayAssess({ role: 'TRUST_EDITOR', trustCode: 'RXH' }, 'RJ1')).toBe(false);
    expect(mayAssess({ role: 'ADMIN' }, 'RJ1')).toBe(true);
    expect(mayAssess({ role: 'COMMUNITY' }, 'RJ1')).toBe(false);
    expect(mayAssess(null, 'RJ1')).toBe(false);
  });
});
