import { useId } from 'react';
import { Link } from 'react-router';
import type { FunnelQuery } from '../__generated__/graphql';
import { niceTicks } from '../lib/chart';
import { funnelPosition, logTicks } from '../lib/funnel';
import { formatNumber, formatPeriod, formatValue } from '../lib/format';

type FunnelData = FunnelQuery['funnel'];

const WIDTH = 720;
const HEIGHT = 380;
const MARGIN = { top: 20, right: 24, bottom: 56, left: 64 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;

/**
 * A funnel plot (Spiegelhalter 2005): each trust's value against its denominator on a log axis,
 * the pooled target, and the 95% and 99.8% limits that narrow as the denominator grows. The
 * trust `highlight` is drawn apart; trusts beyond the limits are listed under the chart.
 */
export function FunnelPlot({ funnel, unit, metricName, highlight }: { funnel: FunnelData; unit: string; metricName: string; highlight?: string }) {
  const id = useId();
  const { points, limits, target } = funnel;
  if (points.length === 0 || limits.length === 0)
    return <p className="nhsuk-body">No trust has numerators and denominators for {formatPeriod(funnel.period)}.</p>;
  const dens = points.map((p) => p.denominator);
  const d0 = Math.min(...dens);
  const d1 = Math.max(d0 * 1.01, ...dens);
  const values = [...points.map((p) => p.value), ...limits.flatMap((l) => [l.lower998, l.upper998]), target];
  const ticks = niceTicks(Math.min(...values), Math.max(...values), 6);
  const yMin = ticks[0] ?? Math.min(...values);
  const yMax = ticks[ticks.length - 1] ?? Math.max(...values);
  const yRange = yMax - yMin || 1;
  const x = (d: number) => MARGIN.left + ((Math.log(d) - Math.log(d0)) / (Math.log(d1) - Math.log(d0))) * PLOT_W;
  const y = (v: number) => MARGIN.top + PLOT_H - ((Math.min(yMax, Math.max(yMin, v)) - yMin) / yRange) * PLOT_H;
  const line = (pick: (l: FunnelData['limits'][number]) => number) =>
    `M${limits.map((l) => `${x(l.denominator).toFixed(1)},${y(pick(l)).toFixed(1)}`).join(' L')}`;
  const outside = points.filter((p) => p.outside95).sort((a, b) => b.value - a.value);
  const mine = points.find((p) => p.trustCode === highlight);
  const n998 = points.filter((p) => p.outside998).length;
  const desc =
    `${points.length} trusts in ${formatPeriod(funnel.period)}; the target (all trusts together) is ${formatValue(target, unit)}. ` +
    `${outside.length} ${outside.length === 1 ? 'is' : 'are'} outside the 95% limits and ${n998} outside the 99.8% limits.` +
    (mine ? ` This trust: ${formatValue(mine.value, unit)} of ${formatNumber(mine.denominator)}, ${funnelPosition(mine, target)}.` : '');
  const tickText = (t: number) => `${t.toLocaleString('en-GB', { maximumFractionDigits: 2 })}${unit === '%' ? '%' : ''}`;

  return (
    <figure className="app-chart">
      <svg className="app-chart__svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-labelledby={`${id}-t ${id}-d`}>
        <title id={`${id}-t`}>{`Funnel plot of ${metricName}, ${formatPeriod(funnel.period)}`}</title>
        <desc id={`${id}-d`}>{desc}</desc>
        <g className="app-chart__grid" aria-hidden="true">
          {ticks.map((t) => (
            <g key={t}>
              <line x1={MARGIN.left} x2={MARGIN.left + PLOT_W} y1={y(t)} y2={y(t)} />
              <text className="app-chart__tick" x={MARGIN.left - 8} y={y(t)} dy="0.32em" textAnchor="end">
                {tickText(t)}
              </text>
            </g>
          ))}
        </g>
        <g className="app-chart__x-axis" aria-hidden="true">
          <line x1={MARGIN.left} x2={MARGIN.left + PLOT_W} y1={MARGIN.top + PLOT_H} y2={MARGIN.top + PLOT_H} />
          {logTicks(d0, d1).map((t) => (
            <text key={t} className="app-chart__tick" x={x(t)} y={MARGIN.top + PLOT_H + 18} textAnchor="middle">
              {formatNumber(t)}
            </text>
          ))}
          <text className="app-chart__axis-title" x={MARGIN.left + PLOT_W / 2} y={HEIGHT - 8} textAnchor="middle">
            Denominator (log scale)
          </text>
        </g>
        <g aria-hidden="true">
          <line className="app-funnel__target" x1={MARGIN.left} x2={MARGIN.left + PLOT_W} y1={y(target)} y2={y(target)} />
          <path className="app-funnel__limit998" d={line((l) => l.lower998)} />
          <path className="app-funnel__limit998" d={line((l) => l.upper998)} />
          <path className="app-funnel__limit95" d={line((l) => l.lower95)} />
          <path className="app-funnel__limit95" d={line((l) => l.upper95)} />
          {points
            .filter((p) => p.trustCode !== highlight)
            .map((p) => (
              <circle
                key={p.trustCode}
                className={p.outside998 ? 'app-funnel__point app-funnel__point--outside' : 'app-funnel__point'}
                cx={x(p.denominator)}
                cy={y(p.value)}
                r={3.5}
              />
            ))}
          {mine && <circle className="app-funnel__point app-funnel__point--this" cx={x(mine.denominator)} cy={y(mine.value)} r={6} />}
        </g>
      </svg>
      <figcaption>
        <ul className="app-chart__legend">
          <li>
            <span className="app-chart__key app-funnel__key--target" aria-hidden="true" /> Target: all trusts together, {formatValue(target, unit)}
          </li>
          <li>
            <span className="app-chart__key app-funnel__key--limit95" aria-hidden="true" /> 95% limits{' '}
            <span className="app-chart__key app-funnel__key--limit998" aria-hidden="true" /> 99.8% limits
          </li>
          {mine && (
            <li>
              <span className="app-chart__key app-funnel__key--this" aria-hidden="true" /> This trust
            </li>
          )}
        </ul>
      </figcaption>
      {n998 > points.length / 10 && (
        <p className="nhsuk-body-s">
          {formatNumber(n998)} of {formatNumber(points.length)} trusts are outside the 99.8% limits, far more than chance would put there: trusts differ by more
          than the binomial limits allow (over-dispersion), so read a point outside as a large difference, not as proof of a special cause.
        </p>
      )}
      {outside.length > 0 && (
        <details className="nhsuk-details">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">
              {outside.length} {outside.length === 1 ? 'trust' : 'trusts'} outside the 95% limits
            </span>
          </summary>
          <div className="nhsuk-details__text app-table-wrapper">
            <table className="nhsuk-table">
              <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Trusts outside the funnel limits</caption>
              <thead className="nhsuk-table__head">
                <tr>
                  <th scope="col" className="nhsuk-table__header">
                    Trust
                  </th>
                  <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
                    Value
                  </th>
                  <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
                    Denominator
                  </th>
                  <th scope="col" className="nhsuk-table__header">
                    Where
                  </th>
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {outside.map((p) => (
                  <tr key={p.trustCode} className="nhsuk-table__row">
                    <td className="nhsuk-table__cell">
                      <Link to={`/trusts/${encodeURIComponent(p.trustCode)}`}>{p.trust?.name ?? p.trustCode}</Link>
                    </td>
                    <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatValue(p.value, unit)}</td>
                    <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatNumber(p.denominator)}</td>
                    <td className="nhsuk-table__cell">{funnelPosition(p, target)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </figure>
  );
}
