import { BENCHES, ISSUE_ORDER, parseBenchLine, report, type BenchLine, type BenchOutcome } from './all-benches';
import { benchLine } from './bench-lines';

const line = (bench: string, value = 1): BenchLine => ({ bench, text: benchLine(bench, value, 'events/s', 2, 'baseline') });
const ok = (name: string, lines: BenchLine[]): BenchOutcome => {
  const run = BENCHES.find((b) => b.name === name);
  if (!run) throw new Error(`no bench ${name}`);
  return { run, exit: 0, seconds: 1, lines };
};

describe('npm run bench', () => {
  it('runs a bench for every path of the issue, each path printed by exactly one bench', () => {
    expect(BENCHES.flatMap((b) => b.paths).sort()).toEqual([...ISSUE_ORDER].sort());
  });

  it('reads bench lines as benchLine writes them, and nothing else', () => {
    const text = benchLine('append', 1404, 'events/s', 7821, 'raw pg');
    expect(parseBenchLine(`${text}\n`)).toEqual({ bench: 'append', text });
    expect(parseBenchLine('round 1: raw pg 7821/s')).toBeUndefined();
    expect(parseBenchLine('[command ] {"level":"warn","msg":"x"}')).toBeUndefined();
    expect(parseBenchLine('{"bench":"append", broken')).toBeUndefined();
  });

  it('prints the lines of all benches in the order of the issue, other lines after them', () => {
    const { text, failed } = report([
      ok('pipeline', [line('ryw-200'), line('pipeline')]),
      ok('append', [line('append-alone'), line('append')]),
      ok('mutations', [line('embedded-mutations')]),
      ok('rebuild', [line('rebuild')]),
      ok('gateway', [line('gateway-list'), line('gateway-dashboard')]),
    ]);
    expect(failed).toEqual([]);
    const printed = text.flatMap((t) => parseBenchLine(t)?.bench ?? []);
    expect(printed).toEqual([...ISSUE_ORDER, 'append-alone']);
    expect(text.filter((t) => t.endsWith(' in 1 s'))).toEqual(BENCHES.map((b) => `${b.name}: ok in 1 s`));
  });

  it('reports a bench that exited non-zero or left out a path as failed, and keeps the lines of the others', () => {
    const { text, failed } = report([
      { ...ok('pipeline', [line('pipeline')]), exit: 1 },
      ok('append', [line('append')]),
      ok('gateway', [line('gateway-dashboard')]),
    ]);
    expect(failed).toEqual(['pipeline', 'gateway']);
    expect(text).toContain('pipeline: FAILED (exited with code 1; no line for ryw-200) in 1 s');
    expect(text).toContain('gateway: FAILED (no line for gateway-list) in 1 s');
    expect(text).toContain('2 of 3 benches failed: pipeline, gateway');
    expect(text.flatMap((t) => parseBenchLine(t)?.bench ?? [])).toEqual(['pipeline', 'append', 'gateway-dashboard']);
  });
});
