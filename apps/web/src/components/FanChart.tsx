import { useId } from 'react';
import type { SystemProjectionQuery } from '../__generated__/graphql';
import { monthIndexOrNaN, periodOfIndex } from '@longview/analytics/periods';
import { niceTicks } from '../lib/chart';
import { MonthAxis } from './MonthAxis';
import { formatPeriod, formatValue } from '../lib/format';

/** What the chart reads of a projected month. */
export type FanMonth = Pick<SystemProjectionQuery['systemProjection']['statusQuo'][number], 'period' | 'p05' | 'p50' | 'p95'>;

export interface FanSeries {
  key: 'status-quo' | 'scenario';
  label: string;
  months: readonly FanMonth[];
}

const WIDTH = 720;
const HEIGHT = 340;
const MARGIN = { top: 20, right: 24, bottom: 56, left: 64 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;

/**
 * A fan chart: for each projection, the 5th-95th percentile band of the simulated system
 * value and its median, month by month.
 */
export function FanChart({ title, unit, series }: { title: string; unit: string; series: readonly FanSeries[] }) {
  const id = useId();
  const all = series.flatMap((s) => s.months).filter((m) => !Number.isNaN(monthIndexOrNaN(m.period)));
  if (all.length === 0) return <p className="nhsuk-body">There is nothing to project.</p>;
  const ms = all.map((m) => monthIndexOrNaN(m.period));
  const m0 = Math.min(...ms);
  const m1 = Math.max(...ms);
  const span = Math.max(1, m1 - m0);
  const values = all.flatMap((m) => [m.p05, m.p95, m.p50]);
  const ticks = niceTicks(Math.min(...values), Math.max(...values), 6);
  const yMin = ticks[0] ?? Math.min(...values);
  const yMax = ticks[ticks.length - 1] ?? Math.max(...values);
  const yRange = yMax - yMin || 1;
  const x = (period: string) => MARGIN.left + ((monthIndexOrNaN(period) - m0) / span) * PLOT_W;
  const y = (v: number) => MARGIN.top + PLOT_H - ((v - yMin) / yRange) * PLOT_H;

  const band = (months: readonly FanMonth[]) => {
    const top = months.map((m) => `${x(m.period).toFixed(1)},${y(m.p95).toFixed(1)}`);
    const bottom = [...months].reverse().map((m) => `${x(m.period).toFixed(1)},${y(m.p05).toFixed(1)}`);
    return `M${top.join(' L')} L${bottom.join(' L')} Z`;
  };
  const median = (months: readonly FanMonth[]) => `M${months.map((m) => `${x(m.period).toFixed(1)},${y(m.p50).toFixed(1)}`).join(' L')}`;

  const labelStep = Math.max(1, Math.ceil((span + 1) / 8));
  const xLabels: string[] = [];
  for (let m = m0; m <= m1; m += labelStep) xLabels.push(periodOfIndex(m));

  const desc = series
    .map((s) => {
      const first = s.months[0];
      const last = s.months[s.months.length - 1];
      if (!first || !last) return '';
      return `${s.label}: median ${formatValue(first.p50, unit)} in ${formatPeriod(first.period)}, ${formatValue(last.p50, unit)} in ${formatPeriod(
        last.period,
      )} (90% of simulations between ${formatValue(last.p05, unit)} and ${formatValue(last.p95, unit)}).`;
    })
    .join(' ');

  return (
    <figure className="app-chart">
      <svg className="app-chart__svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-labelledby={`${id}-t ${id}-d`}>
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{desc}</desc>
        <g className="app-chart__grid" aria-hidden="true">
          {ticks.map((t) => (
            <g key={t}>
              <line x1={MARGIN.left} x2={MARGIN.left + PLOT_W} y1={y(t)} y2={y(t)} />
              <text className="app-chart__tick" x={MARGIN.left - 8} y={y(t)} dy="0.32em" textAnchor="end">
                {`${t.toLocaleString('en-GB', { maximumFractionDigits: 2 })}${unit === '%' ? '%' : ''}`}
              </text>
            </g>
          ))}
        </g>
        <MonthAxis periods={xLabels} x={x} left={MARGIN.left} width={PLOT_W} y={MARGIN.top + PLOT_H} titleY={HEIGHT - 8} />
        <g aria-hidden="true">
          {series.map((s) => (
            <path key={`band-${s.key}`} className={`app-fan__band--${s.key}`} d={band(s.months)} />
          ))}
          {series.map((s) => (
            <path key={`median-${s.key}`} className={`app-fan__median--${s.key}`} d={median(s.months)} />
          ))}
        </g>
      </svg>
      <figcaption>
        <ul className="app-chart__legend">
          {series.map((s) => (
            <li key={s.key}>
              <span className={`app-chart__key app-fan__key--median-${s.key}`} aria-hidden="true" /> {s.label}: median{' '}
              <span className={`app-chart__key app-fan__key--band-${s.key}`} aria-hidden="true" /> 90% of simulations (5th to 95th percentile)
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
