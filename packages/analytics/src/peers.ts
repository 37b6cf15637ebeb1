/**
 * "Trusts like mine": nearest neighbours on context. Numeric features are standardised
 * (z-scores over the target and candidates together) so that beds and percentages weigh
 * alike; kind and region are mismatch features (0 same, 1 different). The distance is a
 * weighted Euclidean distance: sqrt(sum weight * difference^2).
 */
import { AnalyticsInputError } from './errors';

export interface TrustFeatures {
  readonly code: string;
  /** acute, mental health, community, ambulance, specialist */
  readonly kind: string;
  readonly region: string;
  readonly beds: number;
  /** Recent level of the metric being compared (e.g. A&E 4-hour %); null if unknown. */
  readonly baselinePerformance: number | null;
  /** e.g. IMD score of the catchment; null if unknown. */
  readonly deprivation: number | null;
  /** NHS Oversight Framework segment 1-5. */
  readonly oversightSegment: number;
}

export type PeerFeature = 'kind' | 'region' | 'beds' | 'baselinePerformance' | 'deprivation' | 'oversightSegment';

/**
 * Why these weights: a different kind of trust runs a different service, so kind
 * dominates (3). Size (log beds), starting performance and deprivation shape what a change
 * can achieve, so they weigh 1 each. Region matters less than people expect (0.5): the
 * same region shares systems and commissioners but not necessarily problems. The oversight
 * segment (0.5) partly restates performance, so it is weighted down to avoid counting it twice.
 */
export const DEFAULT_PEER_WEIGHTS: Readonly<Record<PeerFeature, number>> = {
  kind: 3,
  region: 0.5,
  beds: 1,
  baselinePerformance: 1,
  deprivation: 1,
  oversightSegment: 0.5,
};

export interface PeerContribution {
  readonly feature: PeerFeature;
  readonly weight: number;
  /** Standardised difference (or 0/1 mismatch); null when either side is unknown (it then adds nothing). */
  readonly difference: number | null;
}

export interface Peer {
  readonly code: string;
  readonly distance: number;
  readonly contributions: PeerContribution[];
}

export interface NearestPeersOptions {
  readonly limit: number;
  readonly weights?: Partial<Record<PeerFeature, number>>;
}

const NUMERIC: readonly PeerFeature[] = ['beds', 'baselinePerformance', 'deprivation', 'oversightSegment'];

function numeric(t: TrustFeatures, f: PeerFeature): number | null {
  switch (f) {
    case 'beds':
      // Size matters proportionally: 200 vs 400 beds is as different as 800 vs 1600.
      return t.beds > 0 ? Math.log(t.beds) : null;
    case 'baselinePerformance':
      return t.baselinePerformance;
    case 'deprivation':
      return t.deprivation;
    case 'oversightSegment':
      return t.oversightSegment;
    default:
      return null;
  }
}

function resolvedWeights(weights: Partial<Record<PeerFeature, number>> | undefined): Record<PeerFeature, number> {
  const resolved = { ...DEFAULT_PEER_WEIGHTS, ...weights };
  for (const [f, w] of Object.entries(resolved)) {
    if (!Number.isFinite(w) || w < 0) throw new AnalyticsInputError('OUT_OF_RANGE', `weight for ${f} must be >= 0`);
  }
  return resolved;
}

function checkLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 0) {
    throw new AnalyticsInputError('OUT_OF_RANGE', `limit must be a non-negative integer, got ${limit}`);
  }
}

const byDistanceThenCode = (a: { distance: number; code: string }, b: { distance: number; code: string }): number =>
  a.distance - b.distance || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

export function nearestPeers(target: TrustFeatures, candidates: readonly TrustFeatures[], options: NearestPeersOptions): Peer[] {
  checkLimit(options.limit);
  const weights = resolvedWeights(options.weights);
  const pool = [target, ...candidates.filter((c) => c.code !== target.code)];
  const scale = new Map<PeerFeature, number>();
  for (const f of NUMERIC) {
    const xs = pool.map((t) => numeric(t, f)).filter((x): x is number => x !== null && Number.isFinite(x));
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length);
    // A feature on which everyone is equal carries no information: difference 0.
    scale.set(f, sd > 0 ? sd : Number.POSITIVE_INFINITY);
  }
  const peers = pool.slice(1).map((c): Peer => {
    const contributions: PeerContribution[] = [
      { feature: 'kind', weight: weights.kind, difference: c.kind === target.kind ? 0 : 1 },
      { feature: 'region', weight: weights.region, difference: c.region === target.region ? 0 : 1 },
      ...NUMERIC.map((f): PeerContribution => {
        const a = numeric(target, f);
        const b = numeric(c, f);
        const difference = a === null || b === null ? null : (b - a) / (scale.get(f) as number);
        return { feature: f, weight: weights[f], difference };
      }),
    ];
    const distance = Math.sqrt(contributions.reduce((acc, x) => acc + x.weight * (x.difference ?? 0) ** 2, 0));
    return { code: c.code, distance, contributions };
  });
  peers.sort(byDistanceThenCode);
  return peers.slice(0, options.limit);
}

/**
 * `nearestPeers` for many targets over the same trusts: features (log beds included) and
 * weights are resolved once, and each lookup is one pass over plain arrays that builds
 * contributions only for the peers it returns. The answers are those of
 * `nearestPeers(target, trusts, options)` to the last bit: the standardisation is summed in
 * the same order (target first, then the others as given), since floating-point sums depend
 * on their order and two orders could swap peers whose distances tie to within rounding.
 */
export class PeerIndex {
  private readonly codes: string[];
  private readonly kinds: string[];
  private readonly regions: string[];
  /** values[f][i]: numeric feature NUMERIC[f] of trust i, null when unknown or not finite. */
  private readonly values: (number | null)[][];
  private readonly raw: (number | null)[][];
  private readonly positions = new Map<string, number>();
  private readonly weights: Record<PeerFeature, number>;

  constructor(trusts: readonly TrustFeatures[], weights?: Partial<Record<PeerFeature, number>>) {
    this.weights = resolvedWeights(weights);
    // As in nearestPeers, a code given twice is one trust: the first occurrence counts for lookups.
    this.codes = trusts.map((t) => t.code);
    this.kinds = trusts.map((t) => t.kind);
    this.regions = trusts.map((t) => t.region);
    this.raw = NUMERIC.map((f) => trusts.map((t) => numeric(t, f)));
    this.values = this.raw.map((xs) => xs.map((x) => (x !== null && Number.isFinite(x) ? x : null)));
    trusts.forEach((t, i) => {
      if (!this.positions.has(t.code)) this.positions.set(t.code, i);
    });
  }

  get size(): number {
    return this.codes.length;
  }

  has(code: string): boolean {
    return this.positions.has(code);
  }

  /** The `limit` nearest peers of the trust `code` among the indexed trusts; undefined if it is not indexed. */
  nearest(code: string, limit: number): Peer[] | undefined {
    checkLimit(limit);
    const t = this.positions.get(code);
    if (t === undefined) return undefined;
    const n = this.codes.length;
    // The pool of nearestPeers: the target, then every trust with another code, in order.
    const others: number[] = [];
    for (let i = 0; i < n; i++) if (this.codes[i] !== code) others.push(i);
    const scales = this.values.map((xs) => {
      let sum = 0;
      let count = 0;
      const first = xs[t] ?? null;
      if (first !== null) {
        sum += first;
        count++;
      }
      for (const i of others) {
        const x = xs[i] ?? null;
        if (x !== null) {
          sum += x;
          count++;
        }
      }
      const m = sum / count;
      let squares = first !== null ? (first - m) ** 2 : 0;
      for (const i of others) {
        const x = xs[i] ?? null;
        if (x !== null) squares += (x - m) ** 2;
      }
      const sd = Math.sqrt(squares / count);
      return sd > 0 ? sd : Number.POSITIVE_INFINITY;
    });
    const w = this.weights;
    const numericWeights = NUMERIC.map((f) => w[f]);
    const ranked = others.map((i) => {
      // The same terms in the same order as nearestPeers' reduce over its contributions.
      let acc = 0;
      acc += w.kind * (this.kinds[i] === this.kinds[t] ? 0 : 1) ** 2;
      acc += w.region * (this.regions[i] === this.regions[t] ? 0 : 1) ** 2;
      for (let f = 0; f < NUMERIC.length; f++) {
        const difference = this.difference(f, t, i, scales[f] as number);
        acc += (numericWeights[f] as number) * (difference ?? 0) ** 2;
      }
      return { index: i, code: this.codes[i] as string, distance: Math.sqrt(acc) };
    });
    ranked.sort(byDistanceThenCode);
    return ranked.slice(0, limit).map(({ index: i, code: peer, distance }): Peer => ({
      code: peer,
      distance,
      contributions: [
        { feature: 'kind', weight: w.kind, difference: this.kinds[i] === this.kinds[t] ? 0 : 1 },
        { feature: 'region', weight: w.region, difference: this.regions[i] === this.regions[t] ? 0 : 1 },
        ...NUMERIC.map((f, k): PeerContribution => ({ feature: f, weight: w[f], difference: this.difference(k, t, i, scales[k] as number) })),
      ],
    }));
  }

  /** nearestPeers' standardised difference: it uses the raw value (even a non-finite one) and null only for unknown. */
  private difference(f: number, target: number, other: number, scale: number): number | null {
    const a = this.raw[f]?.[target] ?? null;
    const b = this.raw[f]?.[other] ?? null;
    return a === null || b === null ? null : (b - a) / scale;
  }
}
