import fc from 'fast-check';
import { DEFAULT_PEER_WEIGHTS, PeerIndex, TrustFeatures, nearestPeers } from './peers';

const trust = (code: string, over: Partial<TrustFeatures> = {}): TrustFeatures => ({
  code,
  kind: 'acute',
  region: 'London',
  beds: 600,
  baselinePerformance: 72,
  deprivation: 25,
  oversightSegment: 3,
  ...over,
});

describe('nearestPeers', () => {
  const target = trust('RJ1');
  const candidates = [
    trust('RJ1'), // the target itself is never its own peer
    trust('A', { beds: 620, baselinePerformance: 71 }),
    trust('B', { kind: 'mental health' }),
    trust('C', { region: 'North West', beds: 600 }),
    trust('D', { beds: 1200, baselinePerformance: 60, deprivation: 40, oversightSegment: 4 }),
  ];

  it('orders by weighted distance and excludes the target', () => {
    const peers = nearestPeers(target, candidates, { limit: 10 });
    expect(peers.map((p) => p.code)).toEqual(['A', 'C', 'B', 'D']);
    expect(peers).toHaveLength(4);
  });

  it('a kind mismatch costs sqrt(3) with default weights', () => {
    const b = nearestPeers(target, candidates, { limit: 10 }).find((p) => p.code === 'B');
    expect(b?.distance).toBeCloseTo(Math.sqrt(DEFAULT_PEER_WEIGHTS.kind), 12);
    expect(b?.contributions.find((c) => c.feature === 'kind')).toEqual({ feature: 'kind', weight: 3, difference: 1 });
  });

  it('distance is the root of the weighted squared contributions', () => {
    for (const p of nearestPeers(target, candidates, { limit: 10 })) {
      const sum = p.contributions.reduce((a, c) => a + c.weight * (c.difference ?? 0) ** 2, 0);
      expect(p.distance).toBeCloseTo(Math.sqrt(sum), 12);
    }
  });

  it('weights can be overridden, and limit applies', () => {
    const peers = nearestPeers(target, candidates, { limit: 2, weights: { kind: 0 } });
    expect(peers.map((p) => p.code)).toEqual(['B', 'A']);
  });

  it('unknown features add nothing and are reported as null', () => {
    const peers = nearestPeers(trust('T', { deprivation: null }), [trust('X', { deprivation: 90 })], { limit: 1 });
    expect(peers[0]?.distance).toBe(0);
    expect(peers[0]?.contributions.find((c) => c.feature === 'deprivation')?.difference).toBeNull();
  });

  it('rejects bad limits and weights', () => {
    expect(() => nearestPeers(target, candidates, { limit: -1 })).toThrow(/limit/);
    expect(() => nearestPeers(target, candidates, { limit: 1, weights: { beds: -1 } })).toThrow(/weight/);
  });
});

describe('PeerIndex', () => {
  const kinds = ['acute', 'mental health', 'community', 'ambulance', 'specialist'];
  const regions = ['London', 'Midlands', 'North West'];
  // Small code and value ranges on purpose: repeated codes, equal features (ties, zero spread)
  // and unknowns are where a precomputed path could drift from the direct one.
  const trustArb = fc.record({
    code: fc.integer({ min: 0, max: 40 }).map((n) => `T${n}`),
    kind: fc.constantFrom(...kinds),
    region: fc.constantFrom(...regions),
    beds: fc.oneof(fc.constant(0), fc.integer({ min: 50, max: 2000 })),
    baselinePerformance: fc.option(fc.double({ min: 40, max: 100, noNaN: true }), { nil: null }),
    deprivation: fc.option(fc.oneof(fc.constant(20), fc.double({ min: 0, max: 60, noNaN: true })), { nil: null }),
    oversightSegment: fc.integer({ min: 1, max: 5 }),
  });
  const weightsArb = fc.option(
    fc.record({ kind: fc.double({ min: 0, max: 5, noNaN: true }), beds: fc.double({ min: 0, max: 5, noNaN: true }) }, { requiredKeys: [] }),
    { nil: undefined },
  );

  it('answers exactly as nearestPeers for every trust: same peers, order, distances and contributions', () => {
    fc.assert(
      fc.property(fc.array(trustArb, { minLength: 1, maxLength: 60 }), fc.integer({ min: 0, max: 70 }), weightsArb, (trusts, limit, weights) => {
        const index = new PeerIndex(trusts, weights);
        for (const code of new Set(trusts.map((t) => t.code))) {
          const target = trusts.find((t) => t.code === code) as TrustFeatures;
          expect(index.nearest(code, limit)).toEqual(nearestPeers(target, trusts, { limit, ...(weights ? { weights } : {}) }));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('knows only the trusts it indexed, and rejects bad limits and weights', () => {
    const index = new PeerIndex([trust('A'), trust('B')]);
    expect(index.size).toBe(2);
    expect(index.has('A')).toBe(true);
    expect(index.nearest('Z', 5)).toBeUndefined();
    expect(index.nearest('A', 5)?.map((p) => p.code)).toEqual(['B']);
    expect(() => index.nearest('A', -1)).toThrow(/limit/);
    expect(() => new PeerIndex([trust('A')], { beds: -1 })).toThrow(/weight/);
  });
});
