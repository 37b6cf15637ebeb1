import { parseSeriesFile, SeriesImportError } from './series-file';

const COLUMNS = { trust: 'Org', date: 'Month', value: 'Pct', numerator: 'Seen', denominator: 'Attended' };
const file = (...rows: string[]) => ['Org,Month,Pct,Seen,Attended', ...rows].join('\n') + '\n';

function errorOf(run: () => unknown): SeriesImportError {
  try {
    run();
  } catch (error) {
    if (error instanceof SeriesImportError) return error;
    throw error;
  }
  throw new Error('expected a SeriesImportError');
}

describe('parseSeriesFile', () => {
  it('reads named columns (any case) into one ordered series per trust, with counts', () => {
    const parsed = parseSeriesFile(file('rj1,2024-02-01,90,900,1000', 'RJ1,2024-01,88.5,885,1000', 'RXH,2024-01,70,7,10'), 'ae-4hr', COLUMNS, '2026-12');
    expect(parsed.rows).toBe(3);
    expect(parsed.metric.code).toBe('ae-4hr');
    expect(parsed.series).toEqual([
      {
        trustCode: 'RJ1',
        firstLine: 2,
        observations: [
          { period: '2024-01', value: 88.5, numerator: 885, denominator: 1000 },
          { period: '2024-02', value: 90, numerator: 900, denominator: 1000 },
        ],
      },
      { trustCode: 'RXH', firstLine: 4, observations: [{ period: '2024-01', value: 70, numerator: 7, denominator: 10 }] },
    ]);
  });

  it('reads values alone when no count columns are named', () => {
    const parsed = parseSeriesFile('trust,month,days\nRJ1,2024-01,4.5\n', 'nel-los', { trust: 'trust', date: 'month', value: 'days' }, '2026-12');
    expect(parsed.series[0]?.observations).toEqual([{ period: '2024-01', value: 4.5 }]);
  });

  it.each([
    ['a code that is not a trust', 'R!1,2024-01,90,900,1000', 'line 2, column "Org": "R!1" is not a trust\'s ODS code (3 to 5 letters or digits)'],
    ['a bad month', 'RJ1,2024-13,90,900,1000', 'line 2, column "Month": "2024-13" has no month 13'],
    ['an impossible date', 'RJ1,2024-02-30,90,900,1000', 'line 2, column "Month": "2024-02-30" is not a valid calendar date'],
    ['a future month', 'RJ1,2027-01,90,900,1000', 'line 2, column "Month": 2027-01 is in the future (latest allowed is 2026-12)'],
    ['a value that is not a number', 'RJ1,2024-01,ninety,900,1000', 'line 2, column "Pct": "ninety" is not a number'],
    ['a value out of the metric range', 'RJ1,2024-01,101,900,1000', 'line 2, column "Pct": 101 is outside the valid range of ae-4hr (0 to 100 %)'],
    ['a count that is not whole', 'RJ1,2024-01,90,900.5,1000', 'line 2, column "Seen": "900.5" is not a whole number of 0 or more'],
    ['a zero denominator', 'RJ1,2024-01,90,0,0', 'line 2, column "Attended": the denominator is 0'],
    [
      'a numerator above the denominator of a %',
      'RJ1,2024-01,90,1001,1000',
      'line 2, column "Seen": the numerator 1001 is greater than the denominator 1000 of a percentage',
    ],
    ['a missing field', 'RJ1,2024-01,90,900', 'line 2: expected 5 columns but found 4'],
  ])('refuses %s, naming the line and column', (_, row, message) => {
    const error = errorOf(() => parseSeriesFile(file('RJ1,2023-12,90,900,1000', row), 'ae-4hr', COLUMNS, '2026-12'));
    expect(error.message).toBe(message.replace('line 2', 'line 3'));
    expect(error.line).toBe(3);
  });

  it('refuses a second row for the same trust and month, a missing column, an unknown metric', () => {
    expect(errorOf(() => parseSeriesFile(file('RJ1,2024-01,90,900,1000', 'rj1,2024-01-01,91,910,1000'), 'ae-4hr', COLUMNS, '2026-12')).message).toBe(
      'line 3, column "Month": a second row for trust RJ1 and month 2024-01',
    );
    expect(errorOf(() => parseSeriesFile(file(), 'ae-4hr', { ...COLUMNS, value: 'Percent' }, '2026-12')).message).toBe(
      'line 1, column "Percent": the header has no column "Percent" (found: org, month, pct, seen, attended)',
    );
    expect(errorOf(() => parseSeriesFile(file(), 'ae-5hr', COLUMNS)).message).toMatch(/^line 1: "ae-5hr" is not a metric in the catalogue \(ae-4hr, ae-12hr, /);
  });

  it('counts lines inside quoted fields and skips blank lines', () => {
    const text = 'Org,Month,Pct,Seen,Attended\n"RJ1",2024-01,90,900,1000\n\n"R\nJ1",2024-02,90,900,1000\n';
    expect(errorOf(() => parseSeriesFile(text, 'ae-4hr', COLUMNS, '2026-12')).line).toBe(4);
  });
});
