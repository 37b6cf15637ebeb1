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

export function nearestPeers(target: TrustFeatures, candidates: readonly TrustFeatures[], options: NearestPeersOptions): Peer[] {
  if (!Number.isInteger(options.limit) || options.limit < 0) {
    throw new AnalyticsInputError('OUT_OF_RANGE', `limit must be a non-negative integer, got ${options.limit}`);
  }
  const weights = { ...DEFAULT_PEER_WEIGHTS, ...options.weights };
  for (const [f, w] of Object.entries(weights)) {
    if (!Number.isFinite(w) || w < 0) throw new AnalyticsInputError('OUT_OF_RANGE', `weight for ${f} must be >= 0`);
  }
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
  peers.sort((a, b) => a.distance - b.distance || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return peers.slice(0, options.limit);
}
