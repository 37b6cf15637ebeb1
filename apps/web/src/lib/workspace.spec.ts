import { describe, expect, it } from '@jest/globals';
import { dateFrom, monthFrom, previewObservationsCsv, valueFrom } from './workspace';

const AE = { code: 'ae-4hr', name: 'A&E 4-hour performance', unit: '%', validMin: 0, validMax: 100 };

describe('monthFrom and dateFrom', () => {
  it('read the boxes of an NHS date input, or say what is missing in plain English', () => {
    expect(monthFrom('3', '2025')).toEqual({ period: '2025-03' });
    expect(monthFrom('Mar', '2025')).toEqual({ period: '2025-03' });
    expect(monthFrom('', '')).toEqual({ error: 'Enter the month' });
    expect(monthFrom('13', '2025')).toEqual({ error: 'The month must be a real month, from 1 to 12' });
    expect(monthFrom('3', '25')).toEqual({ error: 'Enter the month with a 4-digit year, like 2025' });
    expect(dateFrom('29', '2', '2024')).toEqual({ date: '2024-02-29' });
    expect(dateFrom('30', '2', '2024')).toEqual({ error: 'The date must be a real date' });
    expect(dateFrom('', '2', '2024', 'the start date')).toEqual({ error: 'The start date must include a day' });
  });
});

describe('valueFrom', () => {
  it('takes a number within the metric range', () => {
    expect(valueFrom('76.5%', AE)).toEqual({ value: 76.5 });
    expect(valueFrom('abc', AE)).toEqual({ error: 'The value must be a number, like 76.5' });
    expect(valueFrom('120', AE)).toEqual({ error: 'The value must be between 0 and 100% for A&E 4-hour performance' });
  });
});

describe('previewObservationsCsv', () => {
  it('reads every row and lists each row’s problems, saving none of them', () => {
    const csv = 'month,value\n2025-01,71.2\nFebruary 2025,abc\n2025-01,70\n2024-12,72\n13/2025,70\n';
    const preview = previewObservationsCsv(csv, AE, new Set(['2024-12']));
    expect(preview.fileErrors).toEqual([]);
    expect(preview.rows.map((r) => [r.line, r.period, r.value, r.errors])).toEqual([
      [2, '2025-01', 71.2, []],
      [3, '2025-02', undefined, ['The value must be a number, like 76.5']],
      [4, '2025-01', 70, ['January 2025 is also on line 2']],
      [5, '2024-12', 72, ['December 2024 is already recorded: correct it on its own page, with a reason']],
      [6, undefined, 70, ['"13/2025" is not a month: write it like 2025-03 or March 2025']],
    ]);
  });

  it('says what is wrong with the file as a whole', () => {
    expect(previewObservationsCsv('', AE, new Set()).fileErrors).toEqual(['The file is empty. Choose a CSV file with a header row and one row for each month']);
    expect(previewObservationsCsv('when,amount\n2025-01,3', AE, new Set()).fileErrors).toEqual([
      'The first row must name the columns, including one called "month"',
      'The first row must name the columns, including one called "value"',
    ]);
    expect(previewObservationsCsv('month,value\n"2025-01,3', AE, new Set()).fileErrors[0]).toMatch(/^The file is not a valid CSV file: line/);
  });

  it('keeps numerators and denominators, and wants both or neither', () => {
    const preview = previewObservationsCsv('Month,Value,Numerator,Denominator\n2025-01,75,750,1000\n2025-02,75,750,\n', AE, new Set());
    expect(preview.rows[0]).toMatchObject({ numerator: 750, denominator: 1000, errors: [] });
    expect(preview.rows[1]?.errors).toEqual(['Give both the numerator and the denominator, or neither']);
  });
});
