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
}

/** The month axis under the SPC and fan charts: a line, a tick and short label per period, and its title. */
export function MonthAxis({ periods, x, left, width, y, titleY }: MonthAxisProps) {
  return (
    <g className="app-chart__x-axis" aria-hidden="true">
      <line x1={left} x2={left + width} y1={y} y2={y} />
      {periods.map((period) => (
        <g key={period}>
          <line x1={x(period)} x2={x(period)} y1={y} y2={y + 5} />
          <text className="app-chart__tick" x={x(period)} y={y + 18} textAnchor="middle">
            {formatPeriodShort(period)}
          </text>
        </g>
      ))}
      <text className="app-chart__axis-title" x={left + width / 2} y={titleY} textAnchor="middle">
        Month
      </text>
    </g>
  );
}
