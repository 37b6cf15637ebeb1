import { formatPeriodShort } from '../lib/format';

interface MonthAxisProps {
  /** The periods (YYYY-MM) that get a tick and a label. */
  readonly periods: readonly string[];
  /** Horizontal position of a period in the chart. */
  readonly x: (period: string) => number;
  readonly left: number;
  readonly width: number;
  /** y of the axis line (the bottom of the plot). */
  readonly y: number;
  /** y of the axis title's baseline. */
  readonly titleY: number;
  /** Width of the whole SVG: a label that would run past either edge is anchored inside it (no clipped "Mar 201"). */
  readonly svgWidth?: number;
}

/** Half the width of a short month label ("Mar 2024") at the tick size, in pixels. */
const HALF_LABEL = 28;

/** The month axis under the SPC and fan charts: a line, a tick and short label per period, and its title. */
export function MonthAxis({ periods, x, left, width, y, titleY, svgWidth = left + width + 24 }: MonthAxisProps) {
  return (
    <g className="app-chart__x-axis" aria-hidden="true">
      <line x1={left} x2={left + width} y1={y} y2={y} />
      {periods.map((period) => {
        const px = x(period);
        const anchor = px + HALF_LABEL > svgWidth - 2 ? 'end' : px - HALF_LABEL < 2 ? 'start' : 'middle';
        const tx = anchor === 'end' ? Math.min(px + HALF_LABEL, svgWidth - 2) : anchor === 'start' ? Math.max(px - HALF_LABEL, 2) : px;
        return (
          <g key={period}>
            <line x1={px} x2={px} y1={y} y2={y + 5} />
            <text className="app-chart__tick" x={tx} y={y + 18} textAnchor={anchor}>
              {formatPeriodShort(period)}
            </text>
          </g>
        );
      })}
      <text className="app-chart__axis-title" x={left + width / 2} y={titleY} textAnchor="middle">
        Month
      </text>
    </g>
  );
}
