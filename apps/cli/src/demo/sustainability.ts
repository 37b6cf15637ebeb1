import { SUSTAINABILITY_FACTORS, type Actor } from '@longview/domain';
import type { DemoExpectation, DemoPlan, DemoStep } from './generate';
import type { DemoPersonStep, SustainabilityStep } from './people';

/** A sustainability self-assessment command and the person who records it. */
export type DemoSustainabilityStep = DemoPersonStep<SustainabilityStep>;

/** Levels 1-4 for the ten factors, in the Model's order; totals on Longview's linear scale in the comments. */
const LEVELS = {
  /** 80 of 100: the team is confident. */
  confident: [4, 4, 3, 4, 3, 3, 4, 3, 3, 3],
  /** 50 of 100: early days, mixed. */
  mixed: [3, 3, 2, 3, 2, 2, 3, 2, 3, 2],
  /** 20 of 100: the team doubts it will last. */
  doubtful: [2, 2, 1, 2, 1, 1, 2, 2, 2, 1],
} as const;

/** What the team thinks beside what the data were built to show (see demo-verdicts.test.ts). */
export interface DemoSustainabilityCase {
  readonly interventionId: string;
  readonly effect: 'LASTING' | 'FADING';
  /** The latest assessment's view. */
  readonly team: 'confident' | 'doubtful';
  /** Whether the team's latest view matches the data (AGREE) or not. */
  readonly expected: 'AGREE' | 'DISAGREE';
}

function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-${String(Math.min(d, 28)).padStart(2, '0')}`;
}

/**
 * Deterministic from the plan: six public interventions with one target metric, three whose
 * data were built to last and three built to fade. Teams that agree with their data (confident
 * and sustained; doubtful and faded) and teams that do not (confident but faded, the quick win
 * the team believes in; doubtful but sustained). The confident teams assessed twice: a mixed
 * first look three months in, then the latest a year in (or on the demo's today, if sooner),
 * so the history shows a trend.
 */
export function demoSustainabilityCases(plan: DemoPlan): DemoSustainabilityCase[] {
  const proposals = new Map<string, Extract<DemoStep, { type: 'ProposeIntervention' }>['data']>();
  for (const step of plan.steps) if (step.type === 'ProposeIntervention') proposals.set(step.data.interventionId, step.data);
  const pick = (effect: 'LASTING' | 'FADING') =>
    plan.expectations
      .filter((e) => e.effect === effect && proposals.get(e.interventionId)?.sharing === 'PUBLIC' && proposals.get(e.interventionId)?.targets.length === 1)
      .map((e) => e.interventionId)
      .filter((id, i, all) => all.indexOf(id) === i)
      .sort()
      .slice(0, 3);
  const [lastingA, lastingB, lastingC] = pick('LASTING');
  const [fadingA, fadingB, fadingC] = pick('FADING');
  const cases: DemoSustainabilityCase[] = [];
  const add = (id: string | undefined, effect: 'LASTING' | 'FADING', team: 'confident' | 'doubtful') => {
    if (!id) return;
    const lasts = effect === 'LASTING';
    cases.push({ interventionId: id, effect, team, expected: (team === 'confident') === lasts ? 'AGREE' : 'DISAGREE' });
  };
  add(lastingA, 'LASTING', 'confident');
  add(lastingB, 'LASTING', 'confident');
  add(lastingC, 'LASTING', 'doubtful');
  add(fadingA, 'FADING', 'confident');
  add(fadingB, 'FADING', 'confident');
  add(fadingC, 'FADING', 'doubtful');
  return cases;
}

export function demoSustainability(plan: DemoPlan): DemoSustainabilityStep[] {
  const expectations = new Map<string, DemoExpectation>(plan.expectations.map((e) => [e.interventionId, e]));
  const steps: DemoSustainabilityStep[] = [];
  const scores = (levels: readonly number[]) => SUSTAINABILITY_FACTORS.map((factor, i) => ({ factor, level: levels[i] as number }));
  for (const c of demoSustainabilityCases(plan)) {
    const e = expectations.get(c.interventionId) as DemoExpectation;
    const actor: Actor = { id: `demo-trust-editor-${e.trustCode}`, role: 'TRUST_EDITOR', trustCode: e.trustCode, name: `Improvement lead at ${e.trustCode}` };
    const latestOn = [addMonths(e.startedOn, 12), plan.today].sort()[0] as string;
    if (c.team === 'confident') {
      steps.push({
        actor,
        step: {
          type: 'AssessSustainability',
          data: { interventionId: c.interventionId, assessedOn: addMonths(e.startedOn, 3), scores: scores(LEVELS.mixed), note: 'First look, three months in.' },
        },
      });
    }
    steps.push({
      actor,
      step: {
        type: 'AssessSustainability',
        data: {
          interventionId: c.interventionId,
          assessedOn: latestOn,
          scores: scores(LEVELS[c.team]),
          note:
            c.team === 'confident'
              ? 'The board and the ward teams back it; we expect it to last.'
              : 'The project lead is leaving and nobody owns the new routine yet.',
        },
      },
    });
  }
  return steps;
}
