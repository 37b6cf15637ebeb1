// Times projectSystem at national scale against the built package (run `npm run build`
// first): node bench/projection.js [trusts] [months] [draws]
const { projectSystem } = require('../dist');

const [trustCount = 140, horizonMonths = 24, draws = 10000] = process.argv.slice(2).map(Number);
const trusts = Array.from({ length: trustCount }, (_, i) => ({
  code: `T${i}`,
  series: Array.from({ length: 24 }, (_, m) => 70 + (i % 20) + 3 * Math.sin(m + i)),
  weight: 1 + (i % 5),
}));
const scenario = {
  adopters: trusts.slice(0, 20).map((t) => t.code),
  effect: { mean: 2, tau2: 1, se: 0.5 },
  fadeProbability: 0.3,
  rampMonths: 3,
};
const started = process.hrtime.bigint();
const result = projectSystem({ trusts, horizonMonths, draws, seed: 42, scenario });
const ms = Number(process.hrtime.bigint() - started) / 1e6;
console.log(`${trustCount} trusts x ${horizonMonths} months x ${draws} draws (with scenario): ${ms.toFixed(0)} ms`);
console.log('last month:', result.months[result.months.length - 1]);
