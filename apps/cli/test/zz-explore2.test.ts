import { evaluateOutcome } from '@longview/analytics';
import { generateDemoData } from '../src/demo';
const plan = generateDemoData(Number(process.env.SEED ?? 20161));
it('explore', () => {
  const out: string[] = [];
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  for (const e of plan.expectations) {
    const rec = plan.steps.find((s) => s.type === 'RecordObservations' && s.data.trustCode === e.trustCode && s.data.metric === e.metric) as any;
    const obs = rec.data.observations as { period: string; value: number }[];
    const o = evaluateOutcome({ series: obs.map((x) => ({ period: x.period, value: x.value })), startedOn: e.startedOn, direction: e.direction as any });
    if (!o.baseline) continue;
    const d = e.direction === 'INCREASE' ? 1 : -1;
    const sigma = (o.baseline.upl - o.baseline.mean) / 3;
    const pre = obs.filter((x) => x.period < e.startedOn.slice(0, 7));
    const last6 = o.post.slice(-6);
    const h1 = (d * (mean(last6.map((p) => p.value)) - o.baseline.mean)) / sigma;
    const matched = last6.map((p) => { const same = pre.filter((x) => x.period.slice(5) === p.period.slice(5)); return p.value - mean(same.map((x) => x.value)); });
    const h2 = (d * mean(matched)) / sigma;
    const last12 = o.post.slice(-12);
    const h3 = (d * (mean(last12.map((p) => p.value)) - o.baseline.mean)) / sigma;
    out.push(`${e.effect.padEnd(8)} ${o.sustainability.padEnd(16)} ${e.trustCode} ${e.metric.padEnd(17)} M=${o.monthsObserved} nb=${o.baseline.n} h1=${h1.toFixed(2)} h2=${h2.toFixed(2)} h3=${h3.toFixed(2)}`);
  }
  out.sort();
  console.log(out.join('\n'));
});
