import { useId, useRef, type ReactNode } from 'react';
import { monthIndexOrNaN } from '@longview/analytics/periods';
import { monthLabels, niceTicks } from '../lib/chart';
import { useElementWidth } from '../lib/useElementWidth';
import { MonthAxis } from './MonthAxis';
import { ScrollRegion } from './ScrollRegion';
import { formatDate, formatPeriod, formatValue, formatValueCompact } from '../lib/format';
import { describePoint, pointKind, rebaseBreaks, type ChartPoint, type PointKind } from '../lib/spc';

export interface ChartMarker {
  /** YYYY-MM-DD or YYYY-MM. */
  date: string;
  label: string;
}

export interface SpcChartProps {
  metricName: string;
  unit: string;
  points: readonly ChartPoint[];
  /** The target line (the national standard), if any. */
  target: number | null;
  targetDescription?: string | null;
  markers?: readonly ChartMarker[];
  /** Extra sentences for the chart's text description (icons, verdicts). */
  description?: readonly string[];
  /** Shown in the title after the metric name. */
  titleSuffix?: string;
  /** The chart's data as a table (the "Show as table" alternative); a table of the points by default. */
  table?: ReactNode;
}

/** Drawn at the width of its container (1 SVG unit = 1 CSS pixel, so text keeps its size), but never narrower than this: below it the chart scrolls sideways. */
const DEFAULT_WIDTH = 720;
const MIN_WIDTH = 440;
const HEIGHT = 340;
const MARGIN = { top: 28, right: 28, bottom: 56, left: 64 };
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;
/** About one month label per this many pixels of plot. */
const PX_PER_LABEL = 72;

function yAxisTitle(unit: string): string {
  if (unit === '%') return 'Percentage (%)';
  if (unit === 'days') return 'Days';
  if (unit === 'score') return 'Score';
  return unit || 'Value';
}

/** Month index of a date, with the day as a fraction of the month (so a marker sits inside its month). */
function dateIndex(date: string): number {
  const m = monthIndexOrNaN(date);
  const day = /^\d{4}-\d{2}-(\d{2})/.exec(date);
  return day ? m + (Number(day[1]) - 1) / 31 : m;
}

interface Segment {
  key: string;
  from: number;
  to: number;
  mean: number;
  lpl: number | null;
  upl: number | null;
  trial: boolean;
  carried: boolean;
}

/** Consecutive points with the same group and limits form one segment of the step lines. */
function segmentsOf(points: readonly ChartPoint[]): Segment[] {
  const segments: Segment[] = [];
  for (const p of points) {
    if (p.mean === null || p.mean === undefined || !Number.isFinite(p.mean)) continue;
    const m = monthIndexOrNaN(p.period);
    const key = `${p.group ?? ''}|${p.carried ? 'c' : ''}`;
    const last = segments[segments.length - 1];
    if (last && last.key === key && last.mean === p.mean && last.lpl === (p.lpl ?? null) && last.upl === (p.upl ?? null)) {
      last.to = m;
    } else {
      segments.push({
        key,
        from: m,
        to: m,
        mean: p.mean,
        lpl: p.lpl ?? null,
        upl: p.upl ?? null,
        trial: p.trial === true,
        carried: p.carried === true,
      });
    }
  }
  return segments;
}

function Shape({ kind, cx, cy, r, className }: { kind: PointKind; cx: number; cy: number; r: number; className: string }) {
  if (kind === 'concern') {
    const s = r * 1.35;
    return <path className={className} d={`M${cx},${cy - s} L${cx + s},${cy} L${cx},${cy + s} L${cx - s},${cy} Z`} />;
  }
  if (kind === 'neutral') {
    const s = r * 1.3;
    return <path className={className} d={`M${cx},${cy - s} L${cx + s},${cy + s * 0.8} L${cx - s},${cy + s * 0.8} Z`} />;
  }
  return <circle className={className} cx={cx} cy={cy} r={r} />;
}

function LegendShape({ kind }: { kind: PointKind }) {
  return (
    <svg className="app-spc__legend-shape" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <Shape kind={kind} cx={8} cy={8} r={kind === 'common' ? 4 : 5} className={`app-spc__point app-spc__point--${kind}`} />
    </svg>
  );
}

/**
 * A Making Data Count style XmR chart as inline SVG: the monthly values, the mean and the
 * process limits of each baseline as step lines, points coloured by their signal
 * (improvement blue, concern orange, neutral purple, common cause grey), the target and any
 * date markers (e.g. an intervention's start). Falls back to values only without limits.
 */
export function SpcChart({ metricName, unit, points, target, targetDescription, markers = [], description = [], titleSuffix, table }: SpcChartProps) {
  const id = useId();
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const boxRef = useRef<HTMLDivElement>(null);
  const measured = useElementWidth(boxRef, DEFAULT_WIDTH);
  const WIDTH = Math.max(MIN_WIDTH, Math.floor(measured));
  const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;

  const sorted = [...points]
    .filter((p) => !Number.isNaN(monthIndexOrNaN(p.period)) && Number.isFinite(p.value))
    .sort((a, b) => monthIndexOrNaN(a.period) - monthIndexOrNaN(b.period));
  if (sorted.length === 0) {
    return <p className="nhsuk-body">No observations have been recorded for {metricName}.</p>;
  }

  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  const markerIdx = markers.map((mk) => ({ ...mk, m: dateIndex(mk.date) })).filter((mk) => !Number.isNaN(mk.m));
  const m0 = Math.min(monthIndexOrNaN(first.period), ...markerIdx.map((mk) => Math.floor(mk.m)));
  const m1 = Math.max(monthIndexOrNaN(last.period), ...markerIdx.map((mk) => Math.ceil(mk.m)));
  const span = Math.max(1, m1 - m0);
  const segments = segmentsOf(sorted);
  const hasLimits = segments.length > 0;

  const candidates = sorted.map((p) => p.value);
  for (const s of segments) {
    candidates.push(s.mean);
    if (s.lpl !== null) candidates.push(s.lpl);
    if (s.upl !== null) candidates.push(s.upl);
  }
  if (target !== null) candidates.push(target);
  const ticks = niceTicks(Math.min(...candidates), Math.max(...candidates), 6);
  const yMin = ticks[0] ?? Math.min(...candidates);
  const yMax = ticks[ticks.length - 1] ?? Math.max(...candidates);
  const yRange = yMax - yMin || 1;

  const xm = (m: number) => MARGIN.left + (sorted.length === 1 && markerIdx.length === 0 ? PLOT_W / 2 : ((m - m0) / span) * PLOT_W);
  const x = (period: string) => xm(monthIndexOrNaN(period));
  const y = (value: number) => MARGIN.top + PLOT_H - ((value - yMin) / yRange) * PLOT_H;

  // The value line breaks where months are missing rather than bridging the gap.
  let path = '';
  sorted.forEach((p, i) => {
    const gap = i > 0 && monthIndexOrNaN(p.period) - monthIndexOrNaN(sorted[i - 1]!.period) > 1;
    path += `${i === 0 || gap ? 'M' : 'L'}${x(p.period).toFixed(1)},${y(p.value).toFixed(1)} `;
  });

  // Step lines: each segment spans half a month either side of its points, so consecutive
  // baselines meet between their months and the vertical step sits there.
  const half = sorted.length === 1 ? PLOT_W / 2 : PLOT_W / span / 2;
  const segX = (s: Segment, i: number) => {
    const prev = segments[i - 1];
    const next = segments[i + 1];
    const left = prev && prev.to === s.from - 1 ? xm(s.from) - half : xm(s.from);
    const right = next && next.from === s.to + 1 ? xm(s.to) + half : xm(s.to);
    return { left: Math.max(MARGIN.left, left), right: Math.min(MARGIN.left + PLOT_W, Math.max(right, left + 1)) };
  };
  const steps: { key: string; x: number; from: number; to: number; line: 'mean' | 'limit' }[] = [];
  segments.forEach((s, i) => {
    const next = segments[i + 1];
    if (!next || next.from !== s.to + 1) return;
    const xStep = xm(s.to) + half;
    if (s.mean !== next.mean) steps.push({ key: `m${i}`, x: xStep, from: s.mean, to: next.mean, line: 'mean' });
    if (s.lpl !== null && next.lpl !== null && s.lpl !== next.lpl) steps.push({ key: `l${i}`, x: xStep, from: s.lpl, to: next.lpl, line: 'limit' });
    if (s.upl !== null && next.upl !== null && s.upl !== next.upl) steps.push({ key: `u${i}`, x: xStep, from: s.upl, to: next.upl, line: 'limit' });
  });

  const xLabels = monthLabels(m0, m1, Math.max(2, Math.floor(PLOT_W / PX_PER_LABEL)));
  // Rebases: where a new baseline starts, a break in the lines and a label.
  const breaks = rebaseBreaks(sorted).map((period) => ({ period, x: x(period) - half }));

  const kinds = new Set(sorted.map((p) => pointKind(p.pointType)));
  const counts = sorted.reduce<Record<PointKind, number>>(
    (acc, p) => {
      acc[pointKind(p.pointType)] += 1;
      return acc;
    },
    { improvement: 0, concern: 0, neutral: 0, common: 0 },
  );
  const latestSeg = segments[segments.length - 1];
  const hasTrial = segments.some((s) => s.trial);
  const hasCarried = segments.some((s) => s.carried);
  const hasCorrected = sorted.some((p) => p.corrected);

  const descParts = [
    `Monthly ${metricName} from ${formatPeriod(first.period)} to ${formatPeriod(last.period)}, ${sorted.length} ${sorted.length === 1 ? 'value' : 'values'}.`,
    `Latest value ${formatValue(last.value, unit)} in ${formatPeriod(last.period)}.`,
    latestSeg
      ? `Latest mean ${formatValue(latestSeg.mean, unit)}${
          latestSeg.lpl !== null && latestSeg.upl !== null ? `, process limits ${formatValue(latestSeg.lpl, unit)} to ${formatValue(latestSeg.upl, unit)}` : ''
        }${segments.length > 1 ? ` (${segments.length} baselines)` : ''}.`
      : 'Process limits are not available.',
    hasLimits
      ? `${counts.improvement} points show special cause improvement, ${counts.concern} special cause concern${counts.neutral ? `, ${counts.neutral} neutral special cause` : ''}.`
      : '',
    target !== null ? `Target ${formatValueCompact(target, unit)}.` : 'No target.',
    ...breaks.map((b) => `New baseline from ${formatPeriod(b.period)}.`),
    ...markerIdx.map((mk) => `${mk.label}: ${formatDate(mk.date)}.`),
    ...description,
  ].filter(Boolean);

  const r = sorted.length > 48 ? 3 : 4;

  return (
    <figure className="app-chart">
      <div ref={boxRef} className="app-chart__box">
        <ScrollRegion label={`${metricName} chart (scrolls sideways on a narrow screen)`} className="app-chart__scroll">
          <svg
            className="app-chart__svg"
            viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
            width={WIDTH}
            height={HEIGHT}
            role="img"
            aria-labelledby={`${titleId} ${descId}`}
            preserveAspectRatio="xMidYMid meet"
          >
            <title id={titleId}>{`${metricName}: ${titleSuffix ?? 'statistical process control chart'}`}</title>
            <desc id={descId}>{descParts.join(' ')}</desc>

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
            <text className="app-chart__axis-title" transform={`translate(16 ${MARGIN.top + PLOT_H / 2}) rotate(-90)`} textAnchor="middle" aria-hidden="true">
              {yAxisTitle(unit)}
            </text>

            <MonthAxis periods={xLabels} x={x} left={MARGIN.left} width={PLOT_W} y={MARGIN.top + PLOT_H} titleY={HEIGHT - 8} svgWidth={WIDTH} />

            {target !== null && (
              <g className="app-spc__target" aria-hidden="true">
                <line x1={MARGIN.left} x2={MARGIN.left + PLOT_W} y1={y(target)} y2={y(target)} />
                <text x={MARGIN.left + 4} y={y(target) - 5}>
                  {`Target ${formatValueCompact(target, unit)}`}
                </text>
              </g>
            )}

            <g aria-hidden="true">
              {segments.map((s, i) => {
                const { left, right } = segX(s, i);
                const mod = `${s.trial ? ' app-spc__seg--trial' : ''}${s.carried ? ' app-spc__seg--carried' : ''}`;
                return (
                  <g key={`${s.key}-${s.from}`}>
                    {s.upl !== null && <line className={`app-spc__limit${mod}`} x1={left} x2={right} y1={y(s.upl)} y2={y(s.upl)} />}
                    {s.lpl !== null && <line className={`app-spc__limit${mod}`} x1={left} x2={right} y1={y(s.lpl)} y2={y(s.lpl)} />}
                    <line className={`app-spc__mean${mod}`} x1={left} x2={right} y1={y(s.mean)} y2={y(s.mean)} />
                  </g>
                );
              })}
              {steps.map((st) => (
                <line key={st.key} className={st.line === 'mean' ? 'app-spc__mean' : 'app-spc__limit'} x1={st.x} x2={st.x} y1={y(st.from)} y2={y(st.to)} />
              ))}
              {latestSeg && latestSeg.upl !== null && latestSeg.lpl !== null && (
                <>
                  <text className="app-spc__line-label" x={MARGIN.left + PLOT_W - 2} y={y(latestSeg.upl) - 4} textAnchor="end">
                    Upper limit
                  </text>
                  <text className="app-spc__line-label" x={MARGIN.left + PLOT_W - 2} y={y(latestSeg.lpl) + 12} textAnchor="end">
                    Lower limit
                  </text>
                </>
              )}
            </g>

            {breaks.map((b) => (
              <g key={`rebase-${b.period}`} className="app-spc__rebase" aria-hidden="true">
                <line x1={b.x} x2={b.x} y1={MARGIN.top} y2={MARGIN.top + PLOT_H} />
                <text x={b.x + 4} y={MARGIN.top + PLOT_H - 6}>
                  New baseline
                </text>
              </g>
            ))}

            {markerIdx.map((mk) => (
              <g key={`${mk.date}-${mk.label}`} className="app-spc__marker" aria-hidden="true">
                <line x1={xm(mk.m)} x2={xm(mk.m)} y1={MARGIN.top - 6} y2={MARGIN.top + PLOT_H} />
                <text
                  x={xm(mk.m) + (xm(mk.m) > MARGIN.left + PLOT_W * 0.7 ? -4 : 4)}
                  y={MARGIN.top - 10}
                  textAnchor={xm(mk.m) > MARGIN.left + PLOT_W * 0.7 ? 'end' : 'start'}
                >
                  {mk.label.length > 30 ? `${mk.label.slice(0, 29)}…` : mk.label}
                </text>
              </g>
            ))}

            <path className="app-spc__value-line" d={path.trim()} aria-hidden="true" />
            <g>
              {sorted.map((p) => {
                const kind = pointKind(p.pointType);
                const cx = x(p.period);
                const cy = y(p.value);
                const size = kind === 'common' ? r : r + 1.5;
                const signal = p.rule && kind !== 'common' ? ` — ${describePoint(p)}` : '';
                return (
                  <g key={p.period}>
                    {p.corrected && <circle className="app-spc__corrected" cx={cx} cy={cy} r={size + 3} />}
                    <Shape kind={kind} cx={cx} cy={cy} r={size} className={`app-spc__point app-spc__point--${kind}`} />
                    <title>{`${formatPeriod(p.period)}: ${formatValue(p.value, unit)}${signal}${p.corrected ? ' (corrected)' : ''}`}</title>
                  </g>
                );
              })}
            </g>
          </svg>
        </ScrollRegion>
      </div>
      <figcaption>
        <ul className="app-chart__legend">
          <li>
            <LegendShape kind="common" /> {hasLimits ? 'Common cause (no signal)' : 'Monthly value'}
          </li>
          {kinds.has('improvement') && (
            <li>
              <LegendShape kind="improvement" /> Special cause improvement
            </li>
          )}
          {kinds.has('concern') && (
            <li>
              <LegendShape kind="concern" /> Special cause concern
            </li>
          )}
          {kinds.has('neutral') && (
            <li>
              <LegendShape kind="neutral" /> Special cause (neither better nor worse)
            </li>
          )}
          {hasLimits && (
            <>
              <li>
                <span className="app-chart__key app-spc__key--mean" aria-hidden="true" /> Average (mean)
              </li>
              <li>
                <span className="app-chart__key app-spc__key--limit" aria-hidden="true" /> Process limits
              </li>
            </>
          )}
          {hasTrial && (
            <li>
              <span className="app-chart__key app-spc__key--trial" aria-hidden="true" /> Trial limits (fewer than 12 points)
            </li>
          )}
          {hasCarried && (
            <li>
              <span className="app-chart__key app-spc__key--carried" aria-hidden="true" /> Baseline mean and limits carried forward
            </li>
          )}
          {target !== null && (
            <li>
              <span className="app-chart__key app-spc__key--target" aria-hidden="true" /> Target ({formatValueCompact(target, unit)})
              {targetDescription ? `: ${targetDescription}` : ''}
            </li>
          )}
          {markerIdx.length > 0 && (
            <li>
              <span className="app-chart__key app-spc__key--marker" aria-hidden="true" /> {markerIdx.map((mk) => mk.label).join(', ')}
            </li>
          )}
          {breaks.length > 0 && (
            <li>
              <span className="app-chart__key app-spc__key--rebase" aria-hidden="true" /> New baseline (the average and limits start again)
            </li>
          )}
          {hasCorrected && (
            <li>
              <span className="app-chart__key app-chart__key--corrected" aria-hidden="true" /> Corrected value (ringed)
            </li>
          )}
        </ul>
      </figcaption>
      <details className="nhsuk-details app-chart__table">
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">Show as table</span>
        </summary>
        <div className="nhsuk-details__text">{table ?? <PointsTable metricName={metricName} unit={unit} points={sorted} />}</div>
      </details>
    </figure>
  );
}

/** The default text alternative of a chart: each month's value, average, limits and signal, newest first. */
export function PointsTable({ metricName, unit, points }: { metricName: string; unit: string; points: readonly ChartPoint[] }) {
  const rows = [...points].sort((a, b) => monthIndexOrNaN(b.period) - monthIndexOrNaN(a.period));
  const hasLimits = rows.some((p) => p.lpl !== null && p.lpl !== undefined);
  return (
    <ScrollRegion label={`${metricName}: table of monthly values`}>
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">{metricName}: monthly values</caption>
        <thead className="nhsuk-table__head">
          <tr>
            <th scope="col" className="nhsuk-table__header">
              Month
            </th>
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
              Value
            </th>
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
              Average
            </th>
            {hasLimits && (
              <th scope="col" className="nhsuk-table__header">
                Usual range (limits)
              </th>
            )}
            <th scope="col" className="nhsuk-table__header">
              Signal
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {rows.map((p) => (
            <tr key={p.period} className="nhsuk-table__row">
              <td className="nhsuk-table__cell">{formatPeriod(p.period)}</td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatValue(p.value, unit)}</td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{p.mean !== null && p.mean !== undefined ? formatValue(p.mean, unit) : '–'}</td>
              {hasLimits && (
                <td className="nhsuk-table__cell">
                  {p.lpl !== null && p.lpl !== undefined && p.upl !== null && p.upl !== undefined
                    ? `${formatValue(p.lpl, unit)} to ${formatValue(p.upl, unit)}`
                    : '–'}
                </td>
              )}
              <td className="nhsuk-table__cell">{p.pointType ? describePoint(p) : 'Not analysed'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
