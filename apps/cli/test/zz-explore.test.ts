import { evaluateOutcome } from '@longview/analytics';
import { generateDemoData } from '../src/demo';
const plan = generateDemoData(20161);
const cases = (process.env.CASES ?? '').split(',');
it('explore', () => {
  const out: string[] = [];
  for (const e of plan.expectations) {
    if (!cases.includes(`${e.trustCode}|${e.metric}`)) continue;
    const rec = plan.steps.find((s) => s.type === 'RecordObservations' && s.data.trustCode === e.trustCode && s.data.metric === e.metric) as any;
    const obs = rec.data.observations as { period: string; value: number }[];
    const o = evaluateOutcome({ series: obs.map((x) => ({ period: x.period, value: x.value })), startedOn: e.startedOn, direction: e.direction as any });
    out.push(`${e.trustCode} ${e.metric} ${e.effect} ${e.direction} start ${e.startedOn} shift ${e.shift} sd ${e.noiseSd} effect ${e.effectFrom}..${e.effectTo} => ${o.sustainability}`);
    out.push(`  baseline n=${o.baseline?.n} mean=${o.baseline?.mean.toFixed(3)} lpl=${o.baseline?.lpl.toFixed(3)} upl=${o.baseline?.upl.toFixed(3)} sigma=${((o.baseline!.upl - o.baseline!.mean) / 3).toFixed(3)}`);
    out.push('  pre: ' + obs.filter((x) => x.period < e.startedOn.slice(0, 7)).map((x) => x.value).join(' '));
    out.push('  post: ' + o.post.map((p) => `${p.period}:${p.value}${p.pointType === 'common_cause' ? '' : p.pointType === 'special_cause_improvement' ? '+' : '!'}`).join(' '));
    out.push('  ' + o.reason);
  }
  console.log(out.join('\n'));
});
