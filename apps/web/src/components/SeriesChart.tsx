import { useId } from 'react';
import { monthIndex, niceTicks, segmentMeans } from '../lib/chart';
import { formatPeriod, formatPeriodShort, formatValue, formatValueCompact } from '../lib/format';

export interface SeriesChartProps {
  metricName: string;
  unit: string;
  points: readonly { period: string; value: number; corrected: boolean }[];
  rebasePeriods: readonly string[];
  nationalStandard: number | null;
  standardDescription?: string | null;
}

const WIDTH = 720;
const HEIGHT = 320;
const MARGIN = { top: 20, right: 24, bottom: 56, left: 64 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;

function yAxisTitle(unit: string): string {
  if (unit === '%') return 'Percentage (%)';
  if (unit === 'days') return 'Days';
  if (unit === 'score') return 'Score';
  return unit || 'Value';
}

/**
 * A monthly line chart drawn as inline SVG: the observations, the mean of each baseline
 * segment, and the national standard when the metric has one.
 */
export function SeriesChart({ metricName, unit, points, rebasePeriods, nationalStandard, standardDescription }: SeriesChartProps) {
  const id = useId();
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;

  const sorted = [...points]
    .filter((p) => !Number.isNaN(monthIndex(p.period)) && Number.isFinite(p.value))
    .sort((a, b) => monthIndex(a.period) - monthIndex(b.period));
  if (sorted.length === 0) {
    return <p className="nhsuk-body">No observations have been recorded for {metricName}.</p>;
  }

  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  const m0 = monthIndex(first.period);
  const m1 = monthIndex(last.period);
  const span = Math.max(1, m1 - m0);
  const segments = segmentMeans(sorted, rebasePeriods);

  const candidates = [...sorted.map((p) => p.value), ...segments.map((s) => s.mean)];
  if (nationalStandard !== null) candidates.push(nationalStandard);
  const ticks = niceTicks(Math.min(...candidates), Math.max(...candidates), 6);
  const yMin = ticks[0] ?? Math.min(...candidates);
  const yMax = ticks[ticks.length - 1] ?? Math.max(...candidates);
  const yRange = yMax - yMin || 1;

  const x = (period: string) => MARGIN.left + (sorted.length === 1 ? PLOT_W / 2 : ((monthIndex(period) - m0) / span) * PLOT_W);
  const y = (value: number) => MARGIN.top + PLOT_H - ((value - yMin) / yRange) * PLOT_H;

  // The line breaks where months are missing rather than bridging the gap.
  let path = '';
  sorted.forEach((p, i) => {
    const gap = i > 0 && monthIndex(p.period) - monthIndex(sorted[i - 1]!.period) > 1;
    path += `${i === 0 || gap ? 'M' : 'L'}${x(p.period).toFixed(1)},${y(p.value).toFixed(1)} `;
  });

  // About eight month labels at most, always at a regular step from the first month.
  const labelStep = Math.max(1, Math.ceil((span + 1) / 8));
  const xLabels: { period: string; m: number }[] = [];
  for (let m = m0; m <= m1; m += labelStep) {
    const period = `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
    xLabels.push({ period, m });
  }

  const overallMean = sorted.reduce((sum, p) => sum + p.value, 0) / sorted.length;
  const descParts = [
    `Monthly ${metricName} from ${formatPeriod(first.period)} to ${formatPeriod(last.period)}, ${sorted.length} ${sorted.length === 1 ? 'value' : 'values'}.`,
    `Latest value ${formatValue(last.value, unit)} in ${formatPeriod(last.period)}.`,
    segments.length > 1
      ? `Means by baseline: ${segments.map((s) => `${formatValue(s.mean, unit)} from ${formatPeriod(s.from)}`).join('; ')}.`
      : `Mean ${formatValue(overallMean, unit)}.`,
    nationalStandard !== null ? `National standard ${formatValueCompact(nationalStandard, unit)}.` : 'No national standard.',
  ];

  const validRebases = rebasePeriods.filter((p) => {
    const m = monthIndex(p);
    return m > m0 && m <= m1;
  });

  return (
    <figure className="app-chart">
      <svg
        className="app-chart__svg"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        preserveAspectRatio="xMidYMid meet"
      >
        <title id={titleId}>{`${metricName}: monthly values`}</title>
        <desc id={descId}>{descParts.join(' ')}</desc>

        {/* grid and y axis */}
        <g className="app-chart__grid" aria-hidden="true">
          {ticks.map((t) => (
            <g key={t}>
              <line x1={MARGIN.left} x2={MARGIN.left + PLOT_W} y1={y(t)} y2={y(t)} />
              <text className="app-chart__tick" x={MARGIN.left - 8} y={y(t)} dy="0.32em" textAnchor="end">
                {formatValueCompact(t, unit === '%' ? '%' : 'score')}
              </text>
            </g>
          ))}
        </g>
        <text
          className="app-chart__axis-title"
          aria-hidden="true"
          transform={`translate(16 ${MARGIN.top + PLOT_H / 2}) rotate(-90)`}
          textAnchor="middle"
        >
          {yAxisTitle(unit)}
        </text>

        {/* x axis */}
        <g className="app-chart__x-axis" aria-hidden="true">
          <line x1={MARGIN.left} x2={MARGIN.left + PLOT_W} y1={MARGIN.top + PLOT_H} y2={MARGIN.top + PLOT_H} />
          {xLabels.map(({ period }) => (
            <g key={period}>
              <line x1={x(period)} x2={x(period)} y1={MARGIN.top + PLOT_H} y2={MARGIN.top + PLOT_H + 5} />
              <text className="app-chart__tick" x={x(period)} y={MARGIN.top + PLOT_H + 18} textAnchor="middle">
                {formatPeriodShort(period)}
              </text>
            </g>
          ))}
          <text className="app-chart__axis-title" x={MARGIN.left + PLOT_W / 2} y={HEIGHT - 8} textAnchor="middle">
            Month
          </text>
        </g>

        {/* rebase markers */}
        {validRebases.map((p) => (
          <line
            key={`rebase-${p}`}
            className="app-chart__rebase"
            aria-hidden="true"
            x1={x(p)}
            x2={x(p)}
            y1={MARGIN.top}
            y2={MARGIN.top + PLOT_H}
          />
        ))}

        {/* national standard */}
        {nationalStandard !== null && (
          <g className="app-chart__standard" aria-hidden="true">
            <line x1={MARGIN.left} x2={MARGIN.left + PLOT_W} y1={y(nationalStandard)} y2={y(nationalStandard)} />
            <text x={MARGIN.left + PLOT_W - 4} y={y(nationalStandard) - 6} textAnchor="end">
              {`Standard ${formatValueCompact(nationalStandard, unit)}`}
            </text>
          </g>
        )}

        {/* mean of each baseline segment */}
        <g className="app-chart__mean" aria-hidden="true">
          {segments.map((s) => {
            const x1 = sorted.length === 1 ? MARGIN.left : x(s.from);
            const x2 = sorted.length === 1 ? MARGIN.left + PLOT_W : x(s.to);
            return <line key={`mean-${s.from}`} x1={x1} x2={Math.max(x2, x1 + 1)} y1={y(s.mean)} y2={y(s.mean)} />;
          })}
        </g>

        {/* observations */}
        <path className="app-chart__line" d={path.trim()} aria-hidden="true" />
        <g className="app-chart__points">
          {sorted.map((p) => (
            <circle
              key={p.period}
              className={p.corrected ? 'app-chart__point app-chart__point--corrected' : 'app-chart__point'}
              cx={x(p.period)}
              cy={y(p.value)}
              r={sorted.length > 48 ? 2.5 : 3.5}
            >
              <title>{`${formatPeriod(p.period)}: ${formatValue(p.value, unit)}${p.corrected ? ' (corrected)' : ''}`}</title>
            </circle>
          ))}
        </g>
      </svg>
      <figcaption>
        <ul className="app-chart__legend">
          <li>
            <span className="app-chart__key app-chart__key--value" aria-hidden="true" /> Monthly value
          </li>
          <li>
            <span className="app-chart__key app-chart__key--mean" aria-hidden="true" />{' '}
            {segments.length > 1 ? 'Mean of each baseline' : `Mean (${formatValue(overallMean, unit)})`}
          </li>
          {nationalStandard !== null && (
            <li>
              <span className="app-chart__key app-chart__key--standard" aria-hidden="true" /> National standard (
              {formatValueCompact(nationalStandard, unit)}){standardDescription ? `: ${standardDescription}` : ''}
            </li>
          )}
          {sorted.some((p) => p.corrected) && (
            <li>
              <span className="app-chart__key app-chart__key--corrected" aria-hidden="true" /> Corrected value
            </li>
          )}
          {validRebases.length > 0 && (
            <li>
              <span className="app-chart__key app-chart__key--rebase" aria-hidden="true" /> New baseline
            </li>
          )}
        </ul>
      </figcaption>
    </figure>
  );
}
