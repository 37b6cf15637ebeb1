/**
 * The team's view beside the data: does a team's latest sustainability self-assessment agree
 * with what the intervention's outcome data say? Pure; the gateway exposes it as
 * `Intervention.sustainabilityComparison` so no client invents the rule.
 *
 * The rule (docs/sustainability-self-assessment.md):
 * - The team rates the intervention LIKELY TO LAST when its latest self-assessment totals at
 *   least TEAM_LIKELY_THRESHOLD (60) of 100 on Longview's own scale, and AT RISK below it.
 *   60 is Longview's choice, not a figure from the NHS Sustainability Model.
 * - The data are judged from the verdicts of the intervention's target metrics that have been
 *   judged (SUSTAINED, FADED, DETERIORATED, NO_SIGNAL). NOT_YET_EVIDENT and INSUFFICIENT_DATA say
 *   nothing yet and are left out. The data say it LASTED when at least one judged target is
 *   SUSTAINED and none FADED or DETERIORATED; otherwise (a target faded or deteriorated, or none
 *   moved) the data say it DID NOT LAST. Sustained on one target but faded on another counts as
 *   not lasting: the team should hear about the target that faded.
 * - AGREE: likely to last and lasted, or at risk and did not last. DISAGREE: the other two.
 *   NO_DATA: no self-assessment yet, or no target judged yet.
 */

export type OutcomeVerdict = 'SUSTAINED' | 'FADED' | 'NOT_YET_EVIDENT' | 'NO_SIGNAL' | 'DETERIORATED' | 'INSUFFICIENT_DATA';
export type SustainabilityAgreement = 'AGREE' | 'DISAGREE' | 'NO_DATA';

/** At or above this total (of 100) the team's own assessment reads as "likely to last". */
export const TEAM_LIKELY_THRESHOLD = 60;

export interface TeamAssessmentInput {
  readonly assessedOn: string;
  readonly total: number;
  readonly max: number;
}

export interface OutcomeVerdictInput {
  readonly metric: string;
  /** The metric's name in words, when known (used in the explanation). */
  readonly metricName?: string;
  readonly sustainability: OutcomeVerdict;
  readonly monthsObserved: number;
  /** The points from the start on, in order; used to say how long an improvement lasted. */
  readonly post?: readonly { readonly pointType: string }[];
}

export interface SustainabilityComparison {
  readonly agreement: SustainabilityAgreement;
  readonly teamLikelyToLast: boolean | null;
  readonly dataLasted: boolean | null;
  readonly explanation: string;
}

const JUDGED: readonly OutcomeVerdict[] = ['SUSTAINED', 'FADED', 'DETERIORATED', 'NO_SIGNAL'];

function formatScore(total: number): string {
  return Number.isInteger(total) ? String(total) : total.toFixed(1);
}

/** Months from the start to the last improvement point, inclusive (how long the win showed); undefined without points. */
export function monthsImproved(post: readonly { readonly pointType: string }[] | undefined): number | undefined {
  if (!post || post.length === 0) return undefined;
  let last = -1;
  post.forEach((p, i) => {
    if (p.pointType === 'special_cause_improvement') last = i;
  });
  return last >= 0 ? last + 1 : undefined;
}

function describeOutcome(o: OutcomeVerdictInput): string {
  const name = o.metricName ?? o.metric;
  switch (o.sustainability) {
    case 'SUSTAINED':
      return `${name} sustained its improvement over ${o.monthsObserved} months`;
    case 'FADED': {
      const months = monthsImproved(o.post);
      return months !== undefined ? `${name} faded after ${months} month${months === 1 ? '' : 's'}` : `${name} improved but faded`;
    }
    case 'DETERIORATED':
      return `${name} got worse`;
    case 'NO_SIGNAL':
      return `${name} showed no change`;
    default:
      return `${name} cannot be judged yet`;
  }
}

function list(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1] as string}`;
}

export function compareSustainability(team: TeamAssessmentInput | null, outcomes: readonly OutcomeVerdictInput[]): SustainabilityComparison {
  const judged = outcomes.filter((o) => JUDGED.includes(o.sustainability));
  const teamLikelyToLast = team ? team.total >= TEAM_LIKELY_THRESHOLD : null;
  const dataLasted =
    judged.length === 0
      ? null
      : judged.some((o) => o.sustainability === 'SUSTAINED') && !judged.some((o) => o.sustainability === 'FADED' || o.sustainability === 'DETERIORATED');
  const teamText = team
    ? `The team rates it ${teamLikelyToLast ? 'likely to last' : 'at risk of not lasting'} (score ${formatScore(team.total)} of ${team.max}, ${team.assessedOn})`
    : undefined;
  if (!team) {
    return {
      agreement: 'NO_DATA',
      teamLikelyToLast,
      dataLasted,
      explanation: 'The team has not recorded a sustainability self-assessment yet, so there is nothing to set beside the data.',
    };
  }
  if (judged.length === 0) {
    return {
      agreement: 'NO_DATA',
      teamLikelyToLast,
      dataLasted,
      explanation: `${teamText}; the data cannot say yet whether it lasted.`,
    };
  }
  const shown = dataLasted ? judged.filter((o) => o.sustainability === 'SUSTAINED') : judged.filter((o) => o.sustainability !== 'SUSTAINED');
  const dataText = `the data say ${list(shown.map(describeOutcome))}`;
  const agree = teamLikelyToLast === dataLasted;
  return {
    agreement: agree ? 'AGREE' : 'DISAGREE',
    teamLikelyToLast,
    dataLasted,
    explanation: agree
      ? `${teamText}, and ${dataText}: the team's view and the data agree.`
      : `${teamText}; but ${dataText}. The team's view and the data disagree: worth talking through what the data see that the team does not, or the other way round.`,
  };
}
