import type { PortfolioFieldsFragment } from '../__generated__/graphql';
import { PORTFOLIO_STATUS_LABELS, largestQuarter, portfolioSummary, quartersWithStarts } from '../lib/portfolio';
import { verdictMeaning } from '../lib/spc';
import { formatDate } from '../lib/format';

/**
 * Progress at a glance: a stacked bar per quarter of the interventions by status at the quarter's
 * end (drawn with HTML, so it reflows at 320 px; hidden from screen readers, which get the
 * sentence and the tables, the same figures in words), and the verdicts of each quarter's starters.
 * Everything is derived from the recorded dates and the outcome data, never typed in.
 */
export function Portfolio({ portfolio, headingLevel = 2, idPrefix }: { portfolio: PortfolioFieldsFragment; headingLevel?: 2 | 3; idPrefix: string }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const Sub = headingLevel === 2 ? 'h3' : 'h4';
  const scale = largestQuarter(portfolio);
  const starts = quartersWithStarts(portfolio);
  return (
    <section aria-labelledby={`${idPrefix}-heading`} className="nhsuk-u-margin-bottom-6">
      <Heading id={`${idPrefix}-heading`}>Progress at a glance</Heading>
      <p>{portfolioSummary(portfolio)}</p>
      <p className="nhsuk-hint">
        Derived from the dates recorded and the outcome data, not typed in. Each bar is a calendar quarter: the interventions by status at its end (to{' '}
        {formatDate(portfolio.asOf)} for the current quarter).
      </p>
      {portfolio.total > 0 ? (
        <>
          <ul className="app-portfolio__legend" aria-hidden="true">
            {portfolio.current.statuses.map((s) => (
              <li key={s.status}>
                <span className={`app-portfolio__key app-portfolio__seg--${s.status.toLowerCase()}`} /> {PORTFOLIO_STATUS_LABELS[s.status]}
              </li>
            ))}
          </ul>
          <div className="app-portfolio" aria-hidden="true">
            {portfolio.quarters.map((q) => {
              const total = q.statuses.reduce((a, s) => a + s.count, 0);
              return (
                <div className="app-portfolio__row" key={q.quarter}>
                  <span className="app-portfolio__label">{q.quarter}</span>
                  <span className="app-portfolio__bar">
                    {q.statuses
                      .filter((s) => s.count > 0)
                      .map((s) => (
                        <span
                          key={s.status}
                          className={`app-portfolio__seg app-portfolio__seg--${s.status.toLowerCase()}`}
                          style={{ width: `${(100 * s.count) / scale}%` }}
                          title={`${PORTFOLIO_STATUS_LABELS[s.status]}: ${s.count}`}
                        >
                          {s.count}
                        </span>
                      ))}
                  </span>
                  <span className="app-portfolio__total">{total}</span>
                </div>
              );
            })}
          </div>
          <details className="nhsuk-details">
            <summary className="nhsuk-details__summary">
              <span className="nhsuk-details__summary-text">Show the figures as tables</span>
            </summary>
            <div className="nhsuk-details__text">
              {/* Focusable, so a keyboard user can scroll it where it is wider than the screen. */}
              <div className="app-table-wrapper" tabIndex={0} role="region" aria-label="Interventions by status, table">
                <table className="nhsuk-table">
                  <caption className="nhsuk-table__caption nhsuk-table__caption--s">Interventions by status at the end of each quarter</caption>
                  <thead className="nhsuk-table__head">
                    <tr>
                      <th scope="col">Quarter</th>
                      {portfolio.current.statuses.map((s) => (
                        <th scope="col" key={s.status} className="nhsuk-table__header--numeric">
                          {PORTFOLIO_STATUS_LABELS[s.status]}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody className="nhsuk-table__body">
                    {portfolio.quarters.map((q) => (
                      <tr key={q.quarter}>
                        <th scope="row">{q.label}</th>
                        {q.statuses.map((s) => (
                          <td key={s.status} className="nhsuk-table__cell--numeric">
                            {s.count}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </details>
          <Sub>What the data say of each quarter’s starters</Sub>
          {starts.length === 0 ? (
            <p>Nothing has started yet, so there are no verdicts.</p>
          ) : (
            <div className="app-table-wrapper" tabIndex={0} role="region" aria-label="Verdicts by quarter started, table">
              <table className="nhsuk-table">
                <caption className="nhsuk-table__caption nhsuk-table__caption--s">Verdicts of the interventions started in each quarter</caption>
                <thead className="nhsuk-table__head">
                  <tr>
                    <th scope="col">Started in</th>
                    <th scope="col">Verdicts</th>
                  </tr>
                </thead>
                <tbody className="nhsuk-table__body">
                  {starts.map((q) => (
                    <tr key={q.quarter}>
                      <th scope="row">{q.label}</th>
                      <td>
                        {q.verdicts
                          .filter((v) => v.count > 0)
                          .map((v) => {
                            const meaning = verdictMeaning(v.sustainability);
                            return (
                              <span key={v.sustainability} className="app-portfolio__verdict">
                                <strong className={`nhsuk-tag ${meaning.tag}`}>{meaning.label}</strong> {v.count}
                              </span>
                            );
                          })}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : null}
    </section>
  );
}
