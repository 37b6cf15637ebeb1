/**
 * Which Making Data Count (MDC) icon to draw for a series' variation and assurance, and what
 * it says in plain English. MDC's icons are circles: the variation icon holds a run of dots
 * (grey for common cause; the last dots blue for improvement, orange for concern, purple when
 * neither direction is better) with H or L when the special cause is high or low; the
 * assurance icon holds a letter — a blue P (the target will be met), an orange F (it will not
 * be met) — or, grey, a line crossing the target back and forth (hit and miss). Without a
 * target, or on a run chart (too few points for process limits), there is no assurance to give.
 * The colours are those of the charts (NHSRplotthedots' ptd_spc_colours).
 */

export type VariationKind = 'common' | 'improvement' | 'concern' | 'neutral';
export type AssuranceKind = 'pass' | 'fail' | 'hit-and-miss' | 'none';

export const MDC_COLOURS = {
  common: '#7b7d7d',
  improvement: '#289de0',
  concern: '#fab428',
  neutral: '#361475',
  /** Dark enough for the letters and the outline (3:1 on white). */
  improvementDark: '#005eb8',
  concernDark: '#ad5700',
} as const;

export interface VariationIconSpec {
  kind: VariationKind;
  /** H (special cause high) or L (low); null for common cause. */
  letter: 'H' | 'L' | null;
  /** The icon's accessible name. */
  label: string;
  /** What it means, one sentence. */
  explanation: string;
}

export interface AssuranceIconSpec {
  kind: AssuranceKind;
  letter: 'P' | 'F' | null;
  label: string;
  explanation: string;
}

/** The variation icon of the API's `variation` (null when there are no points to analyse). */
export function variationIcon(variation: string | null | undefined): VariationIconSpec | null {
  switch ((variation ?? '').toLowerCase()) {
    case 'common_cause':
      return {
        kind: 'common',
        letter: null,
        label: 'Common cause variation: no significant change',
        explanation: 'No significant change — the latest months vary only as much as they usually do.',
      };
    case 'improvement_high':
      return {
        kind: 'improvement',
        letter: 'H',
        label: 'Special cause improvement: values are higher',
        explanation: 'A real improvement — the latest months are higher than chance alone would explain.',
      };
    case 'improvement_low':
      return {
        kind: 'improvement',
        letter: 'L',
        label: 'Special cause improvement: values are lower',
        explanation: 'A real improvement — the latest months are lower than chance alone would explain.',
      };
    case 'concern_high':
      return {
        kind: 'concern',
        letter: 'H',
        label: 'Special cause concern: values are higher',
        explanation: 'A real deterioration — the latest months are higher than chance alone would explain.',
      };
    case 'concern_low':
      return {
        kind: 'concern',
        letter: 'L',
        label: 'Special cause concern: values are lower',
        explanation: 'A real deterioration — the latest months are lower than chance alone would explain.',
      };
    case 'neutral_high':
      return {
        kind: 'neutral',
        letter: 'H',
        label: 'Special cause variation: values are higher (neither better nor worse)',
        explanation: 'The latest months are higher than chance would explain; for this measure higher is neither better nor worse.',
      };
    case 'neutral_low':
      return {
        kind: 'neutral',
        letter: 'L',
        label: 'Special cause variation: values are lower (neither better nor worse)',
        explanation: 'The latest months are lower than chance would explain; for this measure lower is neither better nor worse.',
      };
    default:
      return null;
  }
}

export interface AssuranceContext {
  /** The measure has a target (national standard). */
  hasTarget: boolean;
  /** The chart drawn (`run` has no limits, so no assurance). */
  chart?: string | null;
}

/** The assurance icon of the API's `assurance`; "no assurance" says why (no target, or a run chart). */
export function assuranceIcon(assurance: string | null | undefined, { hasTarget, chart }: AssuranceContext): AssuranceIconSpec {
  switch ((assurance ?? '').toLowerCase()) {
    case 'consistent_pass':
      return {
        kind: 'pass',
        letter: 'P',
        label: 'Assurance: the target will be met consistently',
        explanation: 'The target lies outside the process limits on the good side — it will be met every month unless the process changes.',
      };
    case 'consistent_fail':
      return {
        kind: 'fail',
        letter: 'F',
        label: 'Assurance: the target will be missed consistently',
        explanation: 'The target lies outside the process limits on the wrong side — it will not be met unless the process changes.',
      };
    case 'inconsistent':
      return {
        kind: 'hit-and-miss',
        letter: null,
        label: 'Assurance: the target will be hit and missed at random',
        explanation: 'The target lies within the process limits — some months will meet it and some will not, by chance.',
      };
    default:
      break;
  }
  if (!hasTarget) {
    return {
      kind: 'none',
      letter: null,
      label: 'No assurance: this measure has no target',
      explanation: 'There is no national standard for this measure, so there is nothing to assure against.',
    };
  }
  if ((chart ?? '').toLowerCase() === 'run') {
    return {
      kind: 'none',
      letter: null,
      label: 'No assurance yet: too few months for process limits (run chart)',
      explanation: 'With fewer than 12 months the series is drawn as a run chart, which has no process limits to compare with the target.',
    };
  }
  return {
    kind: 'none',
    letter: null,
    label: 'No assurance yet: not enough data',
    explanation: 'There are not enough months yet to say whether the target will be met.',
  };
}
