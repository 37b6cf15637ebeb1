/**
 * Analytics benchmark (not a test; no thresholds): `npm run bench:analytics`, or after a build
 * `node apps/cli/dist/bench/analytics-bench.js [--repeat N]`. Each job is timed against a
 * baseline in the same process, so the ratio survives a slower or busier machine:
 * - SPC (`spc`) over every trust's 4-hour series of the real A&E file (../shared/data;
 *   skipped with a note when absent); baseline: a plain loop computing only each series' mean.
 * - Run chart (Anhøj rules), P and P′ charts over the same series (P/P′ of patients seen within
 *   4 hours over attendances); baseline: the same mean-only loop.
 * - `evaluateOutcome` over every demo intervention's primary target (seed 20161); baseline:
 *   the same loop computing only the mean of each series.
 * - DerSimonian-Laird and REML + Knapp-Hartung pooling per category of the demo's outcomes
 *   (standardised effects); baseline: a fixed-effect inverse-variance mean per category.
 * - Projection, all trusts x 24 months x 10,000 draws, status quo and a scenario (20
 *   adopters); baseline: the straightforward per-trust simulation (`projectSystemPerTrust`).
 * Figures go in docs/benchmarks.md ("Analytics").
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  attributeChart,
  evaluateOutcome,
  pool,
  poolDerSimonianLaird,
  runChart,
  projectSystem,
  projectSystemPerTrust,
  spc,
  type InterventionOutcome,
  type PoolStudy,
  type ProjectSystemInput,
  type SpcInputPoint,
} from '@longview/analytics';
import { type DemoPlan, type DemoStepOf, generateDemoData } from '../demo';
import { parseAeAttendances } from '../import';

interface Timing {
  readonly ms: number;
  readonly result: unknown;
}

/** Median wall time of `repeat` runs (after one warm-up run). */
function time(repeat: number, run: () => unknown): Timing {
  let result = run();
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const started = process.hrtime.bigint();
    result = run();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)] as number, result };
}

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(1) : ms.toFixed(3));
const rows: string[][] = [];
function report(job: string, count: string, t: Timing, baselineName: string, baseline: Timing, per?: number): void {
  rows.push([job, count, fmt(t.ms), per ? fmt(t.ms / per) : '', baselineName, fmt(baseline.ms), (t.ms / baseline.ms).toPrecision(3)]);
}

function findRepoRoot(from: string): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'turbo.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return from;
    dir = parent;
  }
  return dir;
}

function meanOnly(series: readonly (readonly SpcInputPoint[])[]): number {
  let total = 0;
  for (const s of series) {
    let sum = 0;
    for (const p of s) sum += p.value;
    total += sum / s.length;
  }
  return total;
}

function main(): void {
  const repeatArg = process.argv.indexOf('--repeat');
  const repeat = repeatArg >= 0 ? Number(process.argv[repeatArg + 1]) : 5;
  const root = findRepoRoot(__dirname);
  const aeFile = path.resolve(root, '../shared/data/ae-attendances-2016-2019.csv');
  const notes: string[] = [];

  // 1. SPC over every trust series of the real A&E file.
  let aeSeries: { code: string; points: SpcInputPoint[]; counts: { period: string; value: number; denominator: number }[] }[] = [];
  if (fs.existsSync(aeFile)) {
    const parsed = parseAeAttendances(fs.readFileSync(aeFile, 'utf8'));
    aeSeries = parsed.series.map((s) => ({
      code: s.trustCode,
      points: s.observations.map((o) => ({ period: o.period, value: o.value })),
      counts: s.observations.map((o) => ({ period: o.period, value: o.numerator, denominator: o.denominator })),
    }));
    const pointCount = aeSeries.reduce((a, s) => a + s.points.length, 0);
    const run = () => aeSeries.map((s) => spc(s.points, { improvementDirection: 'increase', target: 95 }));
    report(
      'SPC, every A&E trust series',
      `${aeSeries.length} series, ${pointCount} points`,
      time(repeat, run),
      'mean only',
      time(repeat, () => meanOnly(aeSeries.map((s) => s.points))),
      aeSeries.length,
    );
    const meanBaseline = time(repeat, () => meanOnly(aeSeries.map((s) => s.points)));
    const size = `${aeSeries.length} series, ${pointCount} points`;
    report(
      'Run chart (Anhøj rules), every A&E series',
      size,
      time(repeat, () => aeSeries.map((s) => runChart(s.points))),
      'mean only',
      meanBaseline,
      aeSeries.length,
    );
    report(
      'P chart, every A&E series',
      size,
      time(repeat, () => aeSeries.map((s) => attributeChart('p', s.counts))),
      'mean only',
      meanBaseline,
      aeSeries.length,
    );
    report(
      "P' chart (Laney), every A&E series",
      size,
      time(repeat, () => aeSeries.map((s) => attributeChart('pp', s.counts))),
      'mean only',
      meanBaseline,
      aeSeries.length,
    );
  } else {
    notes.push(`${aeFile} is absent: SPC on the real A&E data skipped, projection uses the demo's ae-4hr trusts.`);
  }

  // 2. evaluateOutcome over every demo intervention target.
  const plan: DemoPlan = generateDemoData(20161);
  const recordings = plan.steps.filter((s): s is DemoStepOf<'RecordObservations'> => s.type === 'RecordObservations');
  const targets = plan.expectations.map((e) => {
    const obs = recordings.find((r) => r.data.trustCode === e.trustCode && r.data.metric === e.metric)?.data.observations ?? [];
    return { e, series: obs.map((o) => ({ period: o.period, value: o.value })) };
  });
  const evaluate = () => targets.map((t) => evaluateOutcome({ series: t.series, startedOn: t.e.startedOn, direction: t.e.direction }));
  const outcomes = time(repeat, evaluate);
  report(
    'evaluateOutcome, every demo intervention',
    `${targets.length} interventions`,
    outcomes,
    'mean only',
    time(repeat, () => meanOnly(targets.map((t) => t.series))),
    targets.length,
  );

  // 3. DL pooling per category, on standardised effects (improvement / baseline sigma).
  const byCategory = new Map<string, PoolStudy[]>();
  (outcomes.result as InterventionOutcome[]).forEach((o, i) => {
    const t = targets[i]!;
    if (!o.baseline || !o.effect || o.effect.standardError === null) return;
    const sigma = (o.baseline.upl - o.baseline.mean) / 3;
    if (!(sigma > 0) || !(o.effect.standardError > 0)) return;
    const studies = byCategory.get(t.e.category) ?? [];
    studies.push({ id: t.e.interventionId, yi: o.effect.improvement / sigma, vi: (o.effect.standardError / sigma) ** 2 });
    byCategory.set(t.e.category, studies);
  });
  const groups = [...byCategory.values()];
  const poolReps = Math.max(repeat, 200);
  const pooling = time(poolReps, () => groups.map((g) => poolDerSimonianLaird(g)));
  const fixed = time(poolReps, () =>
    groups.map((g) => {
      let sw = 0;
      let swy = 0;
      for (const s of g) {
        sw += 1 / s.vi;
        swy += s.yi / s.vi;
      }
      return swy / sw;
    }),
  );
  const remlKh = time(poolReps, () => groups.map((g) => pool(g, { method: 'REML', test: g.length >= 2 ? 'knha' : 'z' })));
  report(
    'REML + Knapp-Hartung pooling per category',
    `${groups.length} categories, ${groups.reduce((a, g) => a + g.length, 0)} studies`,
    remlKh,
    'fixed-effect mean',
    fixed,
    groups.length,
  );
  report(
    'DL pooling per category',
    `${groups.length} categories, ${groups.reduce((a, g) => a + g.length, 0)} studies`,
    pooling,
    'fixed-effect mean',
    fixed,
    groups.length,
  );

  // 4. Projection: all trusts x 24 months x 10,000 draws.
  const trusts =
    aeSeries.length > 0
      ? aeSeries.map((s) => ({ code: s.code, series: s.points.slice(-24).map((p) => p.value) }))
      : recordings
          .filter((r) => r.data.metric === 'ae-4hr')
          .map((r) => ({ code: r.data.trustCode, series: r.data.observations.slice(-24).map((o) => o.value) }));
  const base: ProjectSystemInput = { trusts, horizonMonths: 24, draws: 10000, seed: 42 };
  const scenario = { adopters: trusts.slice(0, 20).map((t) => t.code), effect: { mean: 2, tau2: 1, se: 0.5 }, fadeProbability: 0.3, rampMonths: 3 };
  const slowRepeat = Math.max(1, Math.min(repeat, 3));
  report(
    `Projection, status quo`,
    `${trusts.length} trusts x 24 months x 10,000 draws`,
    time(repeat, () => projectSystem(base)),
    'per-trust simulation',
    time(slowRepeat, () => projectSystemPerTrust(base)),
  );
  report(
    `Projection, with a scenario`,
    `${trusts.length} trusts (20 adopting) x 24 x 10,000`,
    time(repeat, () => projectSystem({ ...base, scenario })),
    'per-trust simulation',
    time(slowRepeat, () => projectSystemPerTrust({ ...base, scenario })),
  );

  const header = ['Job', 'Size', 'ms', 'ms per item', 'Baseline', 'Baseline ms', 'ms / baseline ms'];
  console.log(
    `Analytics benchmark: Node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}; median of ${repeat} runs after a warm-up (per-trust projection: ${slowRepeat}).\n`,
  );
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  for (const n of notes) console.log(`\nNote: ${n}`);
}

main();
