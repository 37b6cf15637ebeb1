/**
 * The one seeded pseudo-random generator of Longview (the projections and the demo data both
 * draw from it), so results are reproducible from a seed on every machine. sfc32 (Chris
 * Doty-Humphrey's small fast counting generator, from PractRand), seeded through splitmix32 so
 * nearby seeds give unrelated streams: tiny, fast, with a period of at least 2^32 and no failures
 * in PractRand at the sizes a Monte Carlo run uses. Not for cryptography.
 *
 * Returns uniform numbers in [0, 1); each is a whole 32-bit draw divided by 2^32, so
 * `next() * 2 ** 32` recovers the 32-bit integer exactly.
 */
export function sfc32(seed: number): () => number {
  let s = seed >>> 0;
  const splitmix32 = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  // The state is kept as int32 (`| 0`) rather than uint32 (`>>> 0`): the same bits, so the same
  // numbers, but V8 keeps small integers unboxed, which makes a draw about 2.5 times faster.
  let a = splitmix32() | 0;
  let b = splitmix32() | 0;
  let c = splitmix32() | 0;
  let d = splitmix32() | 0;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // The first outputs still carry the seeding's structure: discard them, as sfc32's author does.
  for (let i = 0; i < 15; i++) next();
  return next;
}

/** Standard normal draws by Box–Muller, caching the second value of each pair. */
export function normalSource(uniform: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = uniform();
    const v = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

/** R's default (type 7) quantile of a sorted array. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}
