import { MIN_POINTS_FOR_LIMITS, attributeChart, runChart } from '@longview/analytics';
import type { SeriesView, SpcView } from '@longview/contracts';

/**
 * Which chart a series gets. XmR limits from fewer than MIN_POINTS_FOR_LIMITS (12) points are
 * only trial limits, too unreliable to support a special-cause or an assurance claim, so such a
 * series gets a run chart with the Anhøj rules instead (spc-and-pooling.md section 7): median
 * centre line, no limits, no variation or assurance icon.
 */
export function wantsRunChart(series: SeriesView): boolean {
  return series.observations.length > 0 && series.observations.length < MIN_POINTS_FOR_LIMITS;
}

export const XMR_REASON = 'XmR chart (Making Data Count rules): the series has enough points for process limits.';

/** The run-chart SpcView of a short series. */
export function runChartView(series: SeriesView, direction: string, target: number | null): SpcView {
  const n = series.observations.length;
  const analysis = runChart(series.observations.map((o) => ({ period: o.period, value: o.value })));
  const runs = analysis.runs;
  const rule = runs.runsSignal ? 'Runs signal (Anhøj rules)' : 'No runs signal';
  return {
    trustCode: series.trustCode,
    metric: series.metric,
    chart: 'run',
    chartReason:
      `Run chart: only ${n} point${n === 1 ? '' : 's'}, and XmR process limits need at least ${MIN_POINTS_FOR_LIMITS} ` +
      '(fewer give unreliable trial limits), so the series is tested with the Anhøj rules (longest run, number of crossings of the median) ' +
      'and no assurance against the target is claimed.',
    runs: {
      nUseful: runs.nUseful,
      longestRun: runs.longestRun,
      longestRunMax: runs.longestRunMax,
      nCrossings: runs.nCrossings,
      nCrossingsMin: runs.nCrossingsMin,
      runsSignal: runs.runsSignal,
    },
    direction,
    target,
    mean: analysis.cl,
    lpl: null,
    upl: null,
    variation: null,
    assurance: null,
    points: analysis.points.map((p) => ({ period: p.period, value: p.y, mean: p.cl, lpl: null, upl: null, rule, pointType: 'run_chart', rebaseGroup: 0 })),
    groups: [],
    warnings: [],
  };
}

/** The charts a series with numerators and denominators can be shown as on request (spc-and-pooling.md section 7). */
export type AttributeChartChoice = 'pp' | 'up';
export const ATTRIBUTE_CHART_CHOICES: readonly AttributeChartChoice[] = ['pp', 'up'];

const ATTRIBUTE_REASON: Record<AttributeChartChoice, string> = {
  pp:
    'P′ chart (Laney): the proportion each month, numerator over denominator, with limits from the binomial standard error widened by the month-to-month ' +
    'variation beyond chance (sigma z). With denominators in the thousands a plain P chart has limits a fraction of a point wide and flags almost every ' +
    'month; P′ keeps limits that reflect how the process really varies.',
  up:
    'U′ chart (Laney): the rate each month, count over denominator, with limits from the Poisson standard error widened by the month-to-month variation ' +
    'beyond chance (sigma z), so large denominators do not make every month a signal.',
};

/** A series can be shown as P′/U′ only if every observation carries a numerator and a denominator above 0. */
export function hasCounts(series: SeriesView): boolean {
  return series.observations.length > 0 && series.observations.every((o) => o.numerator !== undefined && o.denominator !== undefined && o.denominator > 0);
}

/**
 * The P′ or U′ SpcView of a series with numerators and denominators, in the metric's unit
 * (x `scale`, 100 for a % metric). Points beyond a limit are special causes, improvement or
 * concern by the metric's direction; the Anhøj runs analysis is the series'. No assurance icon:
 * the limits move with each month's denominator.
 */
export function attributeChartView(
  series: SeriesView,
  chart: AttributeChartChoice,
  direction: 'increase' | 'decrease',
  target: number | null,
  scale: number,
): SpcView {
  const analysis = attributeChart(
    chart,
    series.observations.map((o) => ({ period: o.period, value: o.numerator as number, denominator: o.denominator as number })),
  );
  const scaled = (v: number | null) => (v === null ? null : v * scale);
  const last = analysis.points.at(-1);
  return {
    trustCode: series.trustCode,
    metric: series.metric,
    chart,
    chartReason: ATTRIBUTE_REASON[chart],
    runs: {
      nUseful: analysis.runs.nUseful,
      longestRun: analysis.runs.longestRun,
      longestRunMax: analysis.runs.longestRunMax,
      nCrossings: analysis.runs.nCrossings,
      nCrossingsMin: analysis.runs.nCrossingsMin,
      runsSignal: analysis.runs.runsSignal,
    },
    direction,
    target,
    mean: scaled(analysis.cl),
    lpl: last ? scaled(last.lcl) : null,
    upl: last ? scaled(last.ucl) : null,
    variation: null,
    assurance: null,
    points: analysis.points.map((p) => {
      const above = p.ucl !== null && p.y > p.ucl;
      const improving = above === (direction === 'increase');
      return {
        period: p.period,
        value: p.y * scale,
        mean: p.cl * scale,
        lpl: scaled(p.lcl),
        upl: scaled(p.ucl),
        rule: p.sigmaSignal ? (above ? 'Above UCL' : 'Below LCL') : p.runsSignal ? 'Runs signal (Anhøj rules)' : 'Common Cause',
        pointType: p.sigmaSignal ? (improving ? 'special_cause_improvement' : 'special_cause_concern') : 'common_cause',
        rebaseGroup: 0,
      };
    }),
    // The limits move with each month's denominator, so there is no one set of limits per baseline.
    groups: [],
    warnings: analysis.sigmaZ === null ? ['Too few points to estimate sigma z: no limits.'] : [],
  };
}
