/** The last line(s) every benchmark prints, one per path: the figure beside its same-run baseline. */
export function benchLine(bench: string, value: number, unit: string, baseline: number, baselineName: string): string {
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return JSON.stringify({ bench, value: round(value), unit, baseline: round(baseline), baselineName, ratio: round(value / baseline) });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** `--name N` from argv, else `fallback`; a value that is not a positive integer is an error. */
export function flag(args: readonly string[], name: string, fallback: number): number {
  const at = args.indexOf(name);
  if (at === -1) return fallback;
  const value = Number(args[at + 1]);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} needs a positive whole number, got ${String(args[at + 1])}`);
  return value;
}
