import type { PortfolioFieldsFragment, PortfolioStatus, Sustainability } from '../__generated__/graphql';
import { verdictMeaning } from './spc';

/** Words for the statuses a portfolio counts, keyed by the schema's enum. */
export const PORTFOLIO_STATUS_LABELS: Readonly<Record<PortfolioStatus, string>> = {
  PROPOSED: 'Proposed',
  STARTED: 'Started',
  COMPLETED: 'Completed',
  ABANDONED: 'Abandoned',
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The portfolio in one sentence (the text alternative of the bars): what there is now by
 * status, and what the data say of those started.
 */
export function portfolioSummary(portfolio: PortfolioFieldsFragment): string {
  if (portfolio.total === 0) return 'No interventions yet.';
  const statuses = portfolio.current.statuses.filter((s) => s.count > 0).map((s) => `${s.count} ${PORTFOLIO_STATUS_LABELS[s.status].toLowerCase()}`);
  const verdicts = portfolio.current.verdicts.filter((v) => v.count > 0).map((v) => `${v.count} ${verdictMeaning(v.sustainability).label.toLowerCase()}`);
  const judged = verdicts.length > 0 ? ` Of those started, the data say: ${verdicts.join(', ')}.` : '';
  return `${plural(portfolio.total, 'intervention')}: ${statuses.join(', ')}.${judged}`;
}

/** The largest quarter's total, so every bar is drawn on the same scale. */
export function largestQuarter(portfolio: PortfolioFieldsFragment): number {
  return Math.max(1, ...portfolio.quarters.map((q) => q.statuses.reduce((a, s) => a + s.count, 0)));
}

/** Quarters worth a row in the verdict table: those in which anything started. */
export function quartersWithStarts(portfolio: PortfolioFieldsFragment): PortfolioFieldsFragment['quarters'] {
  return portfolio.quarters.filter((q) => q.verdicts.some((v) => v.count > 0));
}

export type { Sustainability };
