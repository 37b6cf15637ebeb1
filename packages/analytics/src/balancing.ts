/**
 * Process and balancing measures: did an improvement push the problem somewhere else?
 *
 * An intervention's targets each have a role: OUTCOME (what it sets out to improve), PROCESS (is
 * the change happening as planned) and BALANCING (what might get worse because of it: cut A&E
 * waits by admitting more, and length of stay rises). Every target is evaluated the same way
 * (evaluateOutcome: the baseline before the start, its fixed XmR limits, the Making Data Count
 * rules on the points after it), each in the direction that counts as better on that measure.
 *
 * The balancing-concern rule (also in docs/analytics.md; keep the two in step):
 * - A balancing measure shows a concern when its evaluation has a reliable baseline (at least
 *   MIN_POINTS_FOR_LIMITS points before the start: not INSUFFICIENT_DATA) and at least one point
 *   from the start on is special_cause_concern under those rules (outside the limits on the worse
 *   side, a 7-point run on the worse side of the baseline mean, a 7-point trend the worse way, or 2
 *   of 3 beyond 2 sigma on the worse side). The first such point is the one reported.
 * - An outcome improved when its evaluation found an improvement signal after the start: every
 *   verdict that needs one (SUSTAINED, NOT_YET_EVIDENT, FADED).
 * - When at least one outcome improved and at least one balancing measure shows a concern, every
 *   improved outcome and every concerning balancing measure is flagged `balancingConcern`, and
 *   each gets a sentence naming the other side. Nothing else changes: the verdict, the effect and
 *   what is pooled are still the outcome's own (evidence counts these interventions apart).
 * - Process measures are reported, never flagged: a process that moved is the change happening.
 */
import type { InterventionOutcome, OutcomeDirection, OutcomePoint, Sustainability } from './outcome';
import { MIN_POINTS_FOR_LIMITS } from './spc';

export type TargetRole = 'OUTCOME' | 'PROCESS' | 'BALANCING';

export interface RoledOutcome {
  readonly metric: string;
  /** The measure's name as people read it ("Non-elective length of stay"). */
  readonly name: string;
  readonly role: TargetRole;
  /** The direction that counts as better on this measure. */
  readonly direction: OutcomeDirection;
  /** Null when there is nothing to evaluate (not started, no data). */
  readonly outcome: InterventionOutcome | null;
}

export interface BalancingAssessment {
  /** Per input, in order: whether it is part of an "improved, but shifted the problem" finding. */
  readonly flags: readonly boolean[];
  /** Per input, in order: the sentence to add to its explanation, or null. */
  readonly sentences: readonly (string | null)[];
  /** True when an outcome improved while a balancing measure shows a concern. */
  readonly shiftedProblem: boolean;
}

const IMPROVED: ReadonlySet<Sustainability> = new Set(['SUSTAINED', 'NOT_YET_EVIDENT', 'FADED']);

/** An improvement signal after the start (see the header). */
export function improved(outcome: InterventionOutcome | null): boolean {
  return outcome !== null && IMPROVED.has(outcome.sustainability) && outcome.post.some((p) => p.pointType === 'special_cause_improvement');
}

/** The first concern point after the start, judged against a reliable baseline; null when there is none. */
export function balancingConcernOf(outcome: InterventionOutcome | null): OutcomePoint | null {
  if (outcome === null || outcome.baseline === null || outcome.baseline.n < MIN_POINTS_FOR_LIMITS) return null;
  return outcome.post.find((p) => p.pointType === 'special_cause_concern') ?? null;
}

/** "rose" when lower is better (the concern is a rise), "fell" when higher is better. */
function movement(direction: OutcomeDirection): string {
  return direction === 'DECREASE' ? 'rose' : 'fell';
}

function lowerFirst(name: string): string {
  // Keep acronyms (A&E, RTT) as they are; lower-case an ordinary first word.
  return /^[A-Z][a-z]/.test(name) ? name.charAt(0).toLowerCase() + name.slice(1) : name;
}

function list(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] as string}`;
}

export function assessBalancing(targets: readonly RoledOutcome[]): BalancingAssessment {
  const improvedOutcomes = targets.map((t) => t.role === 'OUTCOME' && improved(t.outcome));
  const concerns = targets.map((t) => (t.role === 'BALANCING' ? balancingConcernOf(t.outcome) : null));
  const shiftedProblem = improvedOutcomes.some(Boolean) && concerns.some((c) => c !== null);
  if (!shiftedProblem) return { flags: targets.map(() => false), sentences: targets.map(() => null), shiftedProblem };

  const concernText = targets.flatMap((t, i) => {
    const c = concerns[i];
    return c ? [`${lowerFirst(t.name)} ${movement(t.direction)} after the start (${c.rule} in ${c.period.slice(0, 7)})`] : [];
  });
  const improvedNames = targets.filter((_, i) => improvedOutcomes[i]).map((t) => lowerFirst(t.name));
  const sentences = targets.map((t, i) => {
    if (improvedOutcomes[i]) return `It improved, but ${list(concernText)}: the problem may have shifted.`;
    const c = concerns[i];
    if (c)
      return `This balancing measure ${movement(t.direction)} after the start (${c.rule} in ${c.period.slice(0, 7)}) while ${list(improvedNames)} improved: the problem may have shifted.`;
    return null;
  });
  return { flags: targets.map((_, i) => Boolean(improvedOutcomes[i]) || concerns[i] !== null), sentences, shiftedProblem };
}
