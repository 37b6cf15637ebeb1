/**
 * Plain-English meanings of the Making Data Count (MDC) SPC results the API returns: point
 * types and the colours MDC uses for them (the variation and assurance icons: lib/mdcIcons.ts)
 * (NHSRplotthedots' ptd_spc_colours: improvement blue, concern orange, neutral purple,
 * common cause grey).
 */
import { describeSpcRule as describeRule } from '@longview/analytics/spc-rules';
import type { InterventionOutcomesQuery, SpcAnalysisFieldsFragment, Sustainability, TrustPageQuery } from '../__generated__/graphql';

export type PointKind = 'improvement' | 'concern' | 'neutral' | 'common';

/** `special_cause_improvement` -> `improvement`, ... (unknown values count as common cause). */
export function pointKind(pointType: string | null | undefined): PointKind {
  const t = (pointType ?? '').toLowerCase();
  if (t.includes('improvement')) return 'improvement';
  if (t.includes('concern')) return 'concern';
  if (t.includes('neutral')) return 'neutral';
  return 'common';
}

export const POINT_KIND_LABELS: Record<PointKind, string> = {
  improvement: 'Special cause improvement',
  concern: 'Special cause concern',
  neutral: 'Special cause (neither better nor worse)',
  common: 'Common cause',
};

export const POINT_KIND_SHORT: Record<PointKind, string> = {
  improvement: 'Improvement',
  concern: 'Concern',
  neutral: 'Neutral',
  common: 'Common cause',
};

export const POINT_KIND_TAGS: Record<PointKind, string> = {
  improvement: 'nhsuk-tag--blue',
  concern: 'nhsuk-tag--orange',
  neutral: 'nhsuk-tag--purple',
  common: 'nhsuk-tag--grey',
};

/**
 * A Making Data Count rule label in plain English, in months (the series are monthly) and
 * without SPC shorthand: `7 Points Below CL` -> `7 months in a row below the average`.
 */
export { describeRule };

/** One month's signal in words: `Improvement: 7 months in a row below the average`, or `No signal`. */
export function describePoint(point: { pointType?: string | null; rule?: string | null }): string {
  const kind = pointKind(point.pointType);
  if (kind === 'common' || !point.rule) return 'No signal: ordinary month-to-month variation';
  return `${POINT_KIND_SHORT[kind]}: ${describeRule(point.rule)}`;
}

export interface VerdictMeaning {
  label: string;
  tag: string;
  /** What the verdict means in general (the API's `reason` says why for this outcome). */
  meaning: string;
}

/** Keyed by the schema's enum, so a new verdict fails the build until it has a meaning. */
export const VERDICTS: Readonly<Record<Sustainability, VerdictMeaning>> = {
  SUSTAINED: {
    label: 'Sustained',
    tag: 'nhsuk-tag--green',
    meaning: 'A real improvement that has held for at least 12 months after the start, with no later concern.',
  },
  FADED: {
    label: 'Faded',
    tag: 'nhsuk-tag--orange',
    meaning: 'An improvement appeared after the start but did not hold: the quick win.',
  },
  NOT_YET_EVIDENT: {
    label: 'Not yet evident',
    tag: 'nhsuk-tag--blue',
    meaning: 'An improvement signal, but fewer than 12 months of data since the start: too early to say it lasted.',
  },
  NO_SIGNAL: {
    label: 'No signal',
    tag: 'nhsuk-tag--grey',
    meaning: 'No change beyond ordinary variation since the start.',
  },
  DETERIORATED: {
    label: 'Deteriorated',
    tag: 'nhsuk-tag--red',
    meaning: 'The measure got worse after the start, beyond ordinary variation.',
  },
  INSUFFICIENT_DATA: {
    label: 'Insufficient data',
    tag: 'nhsuk-tag--white',
    meaning: 'Not enough data before or after the start to judge.',
  },
};

export function verdictMeaning(value: Sustainability): VerdictMeaning {
  // A verdict from a newer server than this client falls back to its raw name.
  return (VERDICTS as Readonly<Record<string, VerdictMeaning | undefined>>)[value] ?? { label: value, tag: 'nhsuk-tag--grey', meaning: '' };
}

/** One month on an SPC chart: the value and, when the analysis is available, its limits and signal. */
export interface ChartPoint {
  period: string;
  value: number;
  mean?: number | null;
  lpl?: number | null;
  upl?: number | null;
  /** Rebase group (baseline) the limits belong to; a change of group steps the lines. */
  group?: string | number | null;
  /** Limits rest on fewer than a full baseline of points. */
  trial?: boolean;
  /** Limits carried forward from an earlier baseline (outcome charts, after the start). */
  carried?: boolean;
  pointType?: string | null;
  rule?: string | null;
  corrected?: boolean;
}

/**
 * The months where a new baseline starts (a rebase): the SPC group changes from the month
 * before. Outcome charts' own groups (the baseline, the months after the start) are not rebases.
 */
export function rebaseBreaks(points: readonly ChartPoint[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < points.length; i++) {
    const prev = points[i - 1]!;
    const p = points[i]!;
    if (typeof p.group !== 'number' || typeof prev.group !== 'number' || p.carried || prev.carried) continue;
    if (p.group !== prev.group) out.push(p.period);
  }
  return out;
}

/** What the charts read of an SPC analysis. */
type SpcLike = Pick<SpcAnalysisFieldsFragment, 'points' | 'groups'>;

type OutcomeData = NonNullable<InterventionOutcomesQuery['intervention']>['outcomes'][number];
type ObservationData = NonNullable<TrustPageQuery['trust']>['series'][number]['observations'][number];

/**
 * The observations of a series with the SPC analysis laid over them (matched by period).
 * Without an analysis (still loading, or failed) the chart shows the values alone.
 */
export function pointsFromSpc(observations: readonly ObservationData[], spc: SpcLike | null | undefined): ChartPoint[] {
  const byPeriod = new Map((spc?.points ?? []).map((p) => [p.period, p]));
  const trial = new Map((spc?.groups ?? []).map((g) => [g.rebaseGroup, g.trialLimits]));
  const periods = new Set<string>();
  const out: ChartPoint[] = observations.map((o) => {
    periods.add(o.period);
    const p = byPeriod.get(o.period);
    if (!p) return { period: o.period, value: o.value, corrected: o.corrected };
    return {
      period: o.period,
      value: o.value,
      mean: p.mean,
      lpl: p.lpl,
      upl: p.upl,
      group: p.rebaseGroup,
      trial: trial.get(p.rebaseGroup) === true,
      pointType: p.pointType,
      rule: p.rule,
      corrected: o.corrected,
    };
  });
  // Points the analysis has but the observations do not (the outcome charts pass none).
  for (const p of spc?.points ?? []) {
    if (periods.has(p.period)) continue;
    out.push({
      period: p.period,
      value: p.value,
      mean: p.mean,
      lpl: p.lpl,
      upl: p.upl,
      group: p.rebaseGroup,
      trial: trial.get(p.rebaseGroup) === true,
      pointType: p.pointType,
      rule: p.rule,
    });
  }
  return out;
}

/**
 * An outcome's chart, judged as the verdict judges it: the baseline months against the
 * baseline's own mean and limits, the months from the start on against the baseline's limits
 * carried forward (coloured by their signals), and any earlier months as the series' SPC
 * has them. The series' SPC colours the baseline months only when its baseline group is
 * exactly the outcome's baseline (otherwise its signals mix in the months after the start).
 */
export function pointsFromOutcome(outcome: Pick<OutcomeData, 'spc' | 'baseline' | 'post'>): ChartPoint[] {
  const all = pointsFromSpc([], outcome.spc);
  const b = outcome.baseline;
  if (!b) return all;
  const sameGroup = (outcome.spc?.groups ?? []).some((g) => g.firstPeriod === b.firstPeriod && g.lastPeriod === b.lastPeriod);
  const postPeriods = new Set(outcome.post.map((p) => p.period));
  const firstPost = outcome.post[0]?.period ?? '9999-99';
  const limits = { mean: b.mean, lpl: b.lpl, upl: b.upl, trial: b.trialLimits };
  const before = all
    .filter((p) => p.period < firstPost && !postPeriods.has(p.period))
    .map((p): ChartPoint => {
      if (p.period < b.firstPeriod || p.period > b.lastPeriod) return p;
      return sameGroup ? { ...p, ...limits, group: 'baseline' } : { ...p, ...limits, group: 'baseline', pointType: 'common_cause', rule: null };
    });
  return [
    ...before,
    ...outcome.post.map((p): ChartPoint => ({
      period: p.period,
      value: p.value,
      ...limits,
      group: 'post',
      carried: true,
      pointType: p.pointType,
      rule: p.rule,
    })),
  ];
}
