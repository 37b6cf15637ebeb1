/**
 * Process and balancing measures in the demo: two of the generated interventions get targets of
 * the other roles, with data written so the analytics have something true to find.
 *
 * - "Improved, but shifted the problem": a lasting A&E 4-hour improvement at an acute trust gets
 *   non-elective length of stay as a BALANCING measure, and the trust's length-of-stay series rises
 *   by about 3.6 sd from a month after the start: the outcome improves, the balancing measure shows a
 *   concern signal, and the verdict says so.
 * - A PROCESS measure that is the trust's own local measure: another A&E intervention's trust
 *   defines "Patients streamed to the urgent treatment centre" (%), records three years of it, and
 *   the intervention tracks it as a process measure (it rises when the change goes in).
 *
 * Deterministic, and drawing nothing from the main generator's random streams (its own Prng), so
 * every other series, intervention and verdict of the demo is exactly what it was without it.
 */
import { localMeasureCode, type Observation, type Target } from '@longview/domain';
import { periodOfIndex } from '@longview/analytics';
import { Prng } from './prng';

/** What the generator tells the showcase about each started intervention. */
export interface ShowcaseCandidate {
  readonly id: string;
  readonly title: string;
  readonly trustCode: string;
  readonly trustIsAcute: boolean;
  readonly primaryMetric: string;
  /** Every metric the intervention's template targets. */
  readonly metrics: readonly string[];
  readonly sharing: string;
  readonly status: string;
  readonly effect: string;
  /** Month index of the start. */
  readonly startIndex: number;
}

export interface DemoShowcase {
  /** The intervention whose outcome improved while its balancing measure rose. */
  readonly balancing: { readonly interventionId: string; readonly trustCode: string; readonly outcome: string; readonly balancing: string };
  /** The intervention with a PROCESS measure that is its trust's local measure. */
  readonly process: { readonly interventionId: string; readonly trustCode: string; readonly localMeasure: string; readonly name: string };
}

export interface ShowcasePlan {
  readonly showcase: DemoShowcase;
  /** DefineLocalMeasure data, sent after the trusts are registered. */
  readonly localMeasures: readonly { trustCode: string; name: string; unit: string; direction: 'INCREASE' | 'DECREASE' }[];
  /** RecordObservations data for the showcase's own series. */
  readonly series: readonly { trustCode: string; metric: string; observations: Observation[] }[];
  /** Targets to add to an intervention's template targets, by intervention id. */
  readonly extraTargets: ReadonlyMap<string, readonly Target[]>;
}

export const STREAMED_MEASURE = { name: 'Patients streamed to the urgent treatment centre', unit: '%', direction: 'INCREASE' as const };
const SHOWCASE_SEED = 0x1ba1a9ce;

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

/** Undefined when the generated plan has no suitable interventions (never for the default seed). */
export function planShowcase(seed: number, candidates: readonly ShowcaseCandidate[], firstIndex: number, months: number): ShowcasePlan | undefined {
  const rng = new Prng(seed ^ SHOWCASE_SEED);
  const nelLosAt = new Set(candidates.filter((c) => c.metrics.includes('nel-los')).map((c) => c.trustCode));
  const aeWork = (c: ShowcaseCandidate) => c.primaryMetric === 'ae-4hr' && c.trustIsAcute && c.status !== 'ABANDONED' && c.sharing === 'PUBLIC';
  // Streaming to an urgent treatment centre has the natural process measure: how many are streamed.
  const process = candidates.find((c) => aeWork(c) && c.title.startsWith('Streaming')) ?? candidates.find(aeWork);
  if (!process) return undefined;
  const balanced = candidates.find(
    (c) => aeWork(c) && c.effect === 'LASTING' && c.id !== process.id && c.trustCode !== process.trustCode && !nelLosAt.has(c.trustCode),
  );
  if (!balanced) return undefined;

  const series = (level: number, sigma: number, rise: number, startIndex: number, decimals: number, max: number): Observation[] =>
    Array.from({ length: months }, (_, t) => {
      const index = firstIndex + t;
      const after = index >= startIndex + 1 ? rise : 0;
      return { period: periodOfIndex(index), value: round(Math.min(max, Math.max(0.5, level + after + rng.normal(0, sigma))), decimals) };
    });

  const localCode = localMeasureCode(process.trustCode, STREAMED_MEASURE.name, []);
  return {
    showcase: {
      balancing: { interventionId: balanced.id, trustCode: balanced.trustCode, outcome: 'ae-4hr', balancing: 'nel-los' },
      process: { interventionId: process.id, trustCode: process.trustCode, localMeasure: localCode, name: STREAMED_MEASURE.name },
    },
    localMeasures: [{ trustCode: process.trustCode, ...STREAMED_MEASURE }],
    series: [
      // Length of stay about 4.8 days (sd 0.25), up 0.9 days from the month after the start.
      { trustCode: balanced.trustCode, metric: 'nel-los', observations: series(4.8, 0.25, 0.9, balanced.startIndex, 2, 59) },
      // About 18% streamed (sd 1.5), about 38% once streaming is in place.
      { trustCode: process.trustCode, metric: localCode, observations: series(18, 1.5, 20, process.startIndex, 1, 99) },
    ],
    extraTargets: new Map<string, readonly Target[]>([
      [balanced.id, [{ metric: 'nel-los', direction: 'DECREASE', role: 'BALANCING' }]],
      [process.id, [{ metric: localCode, direction: 'INCREASE', role: 'PROCESS' }]],
    ]),
  };
}
