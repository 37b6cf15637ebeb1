import { portfolio, statusOn, type PortfolioItem } from './portfolio';

const VERDICTS = ['SUSTAINED', 'FADED', 'NOT_YET_EVIDENT', 'NO_SIGNAL', 'DETERIORATED', 'INSUFFICIENT_DATA'];
const item = (id: string, dates: Partial<PortfolioItem>, verdict: string | null = null): PortfolioItem => ({ id, proposedOn: '2024-01-10', verdict, ...dates });

describe('statusOn', () => {
  const it1 = item('a', { proposedOn: '2024-01-10', startedOn: '2024-02-01', completedOn: '2024-08-15' });
  it.each([
    ['2024-01-09', null],
    ['2024-01-10', 'PROPOSED'],
    ['2024-02-01', 'STARTED'],
    ['2024-08-14', 'STARTED'],
    ['2024-08-15', 'COMPLETED'],
  ])('on %s: %s', (day, expected) => {
    expect(statusOn(it1, day)).toBe(expected);
  });

  it('an abandoned intervention is abandoned from that day, whatever came before', () => {
    expect(statusOn(item('b', { startedOn: '2024-02-01', abandonedOn: '2024-03-01' }), '2024-03-01')).toBe('ABANDONED');
  });

  it('an intervention recorded after it started counts from its earliest date', () => {
    expect(statusOn(item('c', { proposedOn: '2026-01-01', startedOn: '2023-05-01' }), '2023-06-30')).toBe('STARTED');
  });
});

describe('portfolio', () => {
  const items = [
    item('a', { proposedOn: '2024-01-10', startedOn: '2024-02-01', completedOn: '2024-08-15' }, 'SUSTAINED'),
    item('b', { proposedOn: '2024-02-10', startedOn: '2024-03-05' }, 'FADED'),
    item('c', { proposedOn: '2024-05-01', startedOn: '2024-06-01', abandonedOn: '2024-07-01' }, 'INSUFFICIENT_DATA'),
    item('d', { proposedOn: '2024-09-30' }),
  ];

  it('counts each quarter’s statuses at its end and the verdicts of those started in it', () => {
    const result = portfolio(items, { asOf: '2024-10-15', verdicts: VERDICTS });
    expect(result.quarters.map((q) => [q.quarter, q.label, q.end])).toEqual([
      ['2024-Q1', 'Jan to Mar 2024', '2024-03-31'],
      ['2024-Q2', 'Apr to Jun 2024', '2024-06-30'],
      ['2024-Q3', 'Jul to Sep 2024', '2024-09-30'],
      ['2024-Q4', 'Oct to Dec 2024', '2024-10-15'],
    ]);
    expect(result.quarters.map((q) => q.statuses)).toEqual([
      { PROPOSED: 0, STARTED: 2, COMPLETED: 0, ABANDONED: 0 },
      { PROPOSED: 0, STARTED: 3, COMPLETED: 0, ABANDONED: 0 },
      { PROPOSED: 1, STARTED: 1, COMPLETED: 1, ABANDONED: 1 },
      { PROPOSED: 1, STARTED: 1, COMPLETED: 1, ABANDONED: 1 },
    ]);
    expect(result.quarters.map((q) => q.verdicts['SUSTAINED'])).toEqual([1, 0, 0, 0]);
    expect(result.quarters.map((q) => q.verdicts['FADED'])).toEqual([1, 0, 0, 0]);
    expect(result.quarters.map((q) => q.verdicts['INSUFFICIENT_DATA'])).toEqual([0, 1, 0, 0]);
    expect(Object.keys(result.quarters[0]?.verdicts ?? {})).toEqual(VERDICTS);
    expect(result.total).toBe(4);
    expect(result.current.statuses).toEqual({ PROPOSED: 1, STARTED: 1, COMPLETED: 1, ABANDONED: 1 });
    expect(result.current.verdicts).toMatchObject({ SUSTAINED: 1, FADED: 1, INSUFFICIENT_DATA: 1, NO_SIGNAL: 0 });
  });

  it('every quarter’s statuses add up to the interventions that existed by its end', () => {
    const result = portfolio(items, { asOf: '2025-12-31', verdicts: VERDICTS });
    for (const q of result.quarters) {
      const existing = items.filter((i) => statusOn(i, q.end) !== null).length;
      expect(Object.values(q.statuses).reduce((a, b) => a + b, 0)).toBe(existing);
    }
  });

  it('shows at most maxQuarters, the latest, and ignores what comes after asOf', () => {
    const result = portfolio(items, { asOf: '2025-12-31', verdicts: VERDICTS, maxQuarters: 2 });
    expect(result.quarters.map((q) => q.quarter)).toEqual(['2025-Q3', '2025-Q4']);
    const early = portfolio(items, { asOf: '2024-01-31', verdicts: VERDICTS });
    expect(early.total).toBe(1);
    expect(early.quarters.map((q) => q.quarter)).toEqual(['2024-Q1']);
  });

  it('an empty portfolio is one quarter of zeros', () => {
    const result = portfolio([], { asOf: '2024-05-01', verdicts: VERDICTS });
    expect(result).toEqual({
      quarters: [
        {
          quarter: '2024-Q2',
          label: 'Apr to Jun 2024',
          end: '2024-05-01',
          statuses: { PROPOSED: 0, STARTED: 0, COMPLETED: 0, ABANDONED: 0 },
          verdicts: Object.fromEntries(VERDICTS.map((v) => [v, 0])),
        },
      ],
      total: 0,
      current: { statuses: { PROPOSED: 0, STARTED: 0, COMPLETED: 0, ABANDONED: 0 }, verdicts: Object.fromEntries(VERDICTS.map((v) => [v, 0])) },
    });
  });
});
