import { MIN_POINTS_FOR_LIMITS, runChart } from '@longview/analytics';
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
