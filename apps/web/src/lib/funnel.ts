/** Pure helpers for the funnel plot: a log-scaled denominator axis and how a trust sits against the limits. */

/** Ticks at 1, 2 and 5 x 10^k covering [min, max] (a log axis), at most about `count` of them. */
export function logTicks(min: number, max: number, count = 6): number[] {
  if (!(min > 0) || !(max >= min)) return [];
  const all: number[] = [];
  for (let k = Math.floor(Math.log10(min)); k <= Math.ceil(Math.log10(max)); k++) {
    for (const f of [1, 2, 5]) {
      const v = f * 10 ** k;
      if (v >= min && v <= max) all.push(v);
    }
  }
  if (all.length <= count) return all;
  const decades = all.filter((v) => Number.isInteger(Math.log10(v)));
  return decades.length >= 2 ? decades : [all[0]!, all[all.length - 1]!];
}

/** Where a point sits, in words: inside, or beyond the 95% or 99.8% limits, above or below. */
export function funnelPosition(point: { value: number; outside95: boolean; outside998: boolean }, target: number): string {
  if (!point.outside95) return 'within the 95% limits';
  const side = point.value > target ? 'above' : 'below';
  return point.outside998 ? `${side} the 99.8% limits` : `${side} the 95% limits (inside the 99.8% limits)`;
}
