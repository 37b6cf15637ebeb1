import { describe, expect, it } from '@jest/globals';
import type { PortfolioFieldsFragment } from '../__generated__/graphql';
import { largestQuarter, portfolioSummary, quartersWithStarts } from './portfolio';

const VERDICTS = ['SUSTAINED', 'FADED', 'NOT_YET_EVIDENT', 'NO_SIGNAL', 'DETERIORATED', 'INSUFFICIENT_DATA'] as const;
const statuses = (p: number, s: number, c: number, a: number) => [
  { status: 'PROPOSED' as const, count: p },
  { status: 'STARTED' as const, count: s },
  { status: 'COMPLETED' as const, count: c },
  { status: 'ABANDONED' as const, count: a },
];
const verdicts = (counts: Partial<Record<(typeof VERDICTS)[number], number>>) => VERDICTS.map((v) => ({ sustainability: v, count: counts[v] ?? 0 }));

const portfolio: PortfolioFieldsFragment = {
  asOf: '2025-05-01',
  total: 4,
  current: { statuses: statuses(1, 2, 1, 0), verdicts: verdicts({ SUSTAINED: 2, FADED: 1 }) },
  quarters: [
    { quarter: '2025-Q1', label: 'Jan to Mar 2025', end: '2025-03-31', statuses: statuses(1, 2, 0, 0), verdicts: verdicts({ SUSTAINED: 2 }) },
    { quarter: '2025-Q2', label: 'Apr to Jun 2025', end: '2025-05-01', statuses: statuses(1, 2, 1, 0), verdicts: verdicts({}) },
  ],
};

describe('portfolio text', () => {
  it('says in one sentence what there is and what the data say', () => {
    expect(portfolioSummary(portfolio)).toBe('4 interventions: 1 proposed, 2 started, 1 completed. Of those started, the data say: 2 sustained, 1 faded.');
    expect(portfolioSummary({ ...portfolio, total: 0 })).toBe('No interventions yet.');
  });

  it('scales bars to the largest quarter and lists only quarters in which something started', () => {
    expect(largestQuarter(portfolio)).toBe(4);
    expect(quartersWithStarts(portfolio).map((q) => q.quarter)).toEqual(['2025-Q1']);
  });
});
