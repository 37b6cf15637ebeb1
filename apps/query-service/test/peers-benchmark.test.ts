/**
 * Peers for every trust, as the gateway asks for `{ trusts { peers(limit: 10) { ... } } }`: one
 * GET /trusts/:code/peers?limit=10 per trust. Compares the answers over HTTP with the path the
 * service took before the peer index (nearestPeers from scratch for each trust over every
 * trust) and prints both timings; asserts equality only, since timings vary by machine.
 */
import { nearestPeers, type TrustFeatures } from '@longview/analytics';
import { encodeEvent, type PeerView, type TrustPeersView } from '@longview/contracts';
import { REGIONS, TRUST_KINDS, visibilityTier, type LongviewEvent, type Observation } from '@longview/domain';
import { EventStore, openPglite, type Database } from '@longview/event-store';
import { startQueryService, type RunningQueryService } from '../src/embedded';
import { MetricSeriesQueries } from '../src/read-models/metric-series/metric-series.queries';
import { TrustDirectoryQueries } from '../src/read-models/trust-directory/trust-directory.queries';
import { TEST_SERVICE_KEY, withCredential } from '../src/access/testing';

/** Reads as an admin sees them (everything): these tests are not about visibility. */
const ALL = visibilityTier({ id: 'test-admin', role: 'ADMIN' });

const NOW = '2026-01-15T10:00:00.000Z';
const TRUSTS = 230;

/** A deterministic pseudo-random generator, so every run builds the same trusts. */
function generator(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
}

function history(): [string, LongviewEvent][] {
  const random = generator(42);
  const out: [string, LongviewEvent][] = [];
  for (let i = 0; i < TRUSTS; i++) {
    const code = `Q${String(i).padStart(3, '0')}`;
    const kind = TRUST_KINDS[Math.floor(random() * TRUST_KINDS.length)] ?? 'ACUTE';
    const region = REGIONS[Math.floor(random() * REGIONS.length)] ?? 'LONDON';
    out.push([
      `trust-${code}`,
      {
        type: 'TrustRegistered',
        data: {
          code,
          name: `${code} NHS Trust`,
          context: {
            kind,
            region,
            beds: 100 + Math.floor(random() * 1400),
            deprivation: Math.round(random() * 400) / 10,
            oversightSegment: 1 + Math.floor(random() * 4),
          },
          effectiveFrom: '2020-01-01',
          registeredAt: NOW,
        },
      },
    ]);
    if (kind !== 'ACUTE' && random() < 0.5) continue;
    const level = 55 + random() * 35;
    const observations: Observation[] = Array.from({ length: 36 }, (_, m) => ({
      period: `${2022 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`,
      value: Math.round((level + (random() - 0.5) * 6) * 100) / 100,
    }));
    out.push([`series-${code}-ae-4hr`, { type: 'ObservationsRecorded', data: { trustCode: code, metric: 'ae-4hr', observations } }]);
  }
  return out;
}

describe('peers for every trust over HTTP (embedded, PGlite)', () => {
  let db: Database;
  let service: RunningQueryService;
  let codes: string[];

  beforeAll(async () => {
    db = await openPglite();
    const store = new EventStore(db);
    await store.migrate();
    const events = history();
    for (const [streamId, event] of events) await store.appendToStream(streamId, [{ ...encodeEvent(event), metadata: { occurredAt: NOW } }]);
    codes = events.filter(([, e]) => e.type === 'TrustRegistered').map(([s]) => s.slice('trust-'.length));
    service = await startQueryService({ database: db, serviceKey: TEST_SERVICE_KEY, followStore: store, port: 0, logger: false, consumers: [] });
  }, 120_000);
  afterAll(async () => {
    await service?.close();
    await db?.close();
  });

  /** The path before the index: read every trust's features, then nearestPeers over all of them for the one trust. */
  async function peersFromScratch(code: string, limit: number): Promise<PeerView[] | undefined> {
    const trusts = await new TrustDirectoryQueries(db).trusts(ALL, {});
    const series = new MetricSeriesQueries(db);
    const features: TrustFeatures[] = [];
    for (const view of trusts) {
      const ae = view.metrics.includes('ae-4hr') ? await series.series(view.code, 'ae-4hr') : undefined;
      const recent = ae?.observations.slice(-12) ?? [];
      features.push({
        code: view.code,
        kind: view.context.kind,
        region: view.context.region,
        beds: view.context.beds ?? 0,
        baselinePerformance: recent.length > 0 ? recent.reduce((a, o) => a + o.value, 0) / recent.length : null,
        deprivation: view.context.deprivation ?? null,
        oversightSegment: view.context.oversightSegment ?? 3,
      });
    }
    const target = features.find((t) => t.code === code);
    if (!target) return undefined;
    const names = new Map(trusts.map((t) => [t.code, t.name]));
    return nearestPeers(target, features, { limit }).map((p) => ({
      code: p.code,
      name: names.get(p.code) ?? p.code,
      distance: p.distance,
      contributions: p.contributions,
    }));
  }

  async function overHttp(code: string): Promise<PeerView[]> {
    const response = await fetch(`${service.url}/trusts/${code}/peers?limit=10`, await withCredential());
    expect(response.status).toBe(200);
    return (await response.json()) as PeerView[];
  }

  async function batchOverHttp(batch: readonly string[]): Promise<TrustPeersView[]> {
    const response = await fetch(`${service.url}/peers?limit=10&codes=${batch.join(',')}`, await withCredential());
    expect(response.status).toBe(200);
    return (await response.json()) as TrustPeersView[];
  }

  it('answers GET /trusts/:code/peers?limit=10 for every trust as nearestPeers from scratch does', async () => {
    let started = performance.now();
    const before: (PeerView[] | undefined)[] = [];
    for (const code of codes) before.push(await peersFromScratch(code, 10));
    const scratchMs = performance.now() - started;

    started = performance.now();
    const first = await overHttp(codes[0] as string);
    const firstMs = performance.now() - started;
    started = performance.now();
    const concurrent = await Promise.all(codes.map(overHttp));
    const concurrentMs = performance.now() - started;
    started = performance.now();
    const sequential: PeerView[][] = [];
    for (const code of codes) sequential.push(await overHttp(code));
    const sequentialMs = performance.now() - started;
    started = performance.now();
    const batched: TrustPeersView[] = [];
    for (let i = 0; i < codes.length; i += 199) batched.push(...(await batchOverHttp([...codes.slice(i, i + 199), 'NOPE1'])));
    const batchedMs = performance.now() - started;

    console.log(
      [
        `peers(limit: 10) for ${codes.length} trusts:`,
        `  from scratch per trust (the path before the index), in process: ${scratchMs.toFixed(0)} ms`,
        `  over HTTP, first call (builds the index): ${firstMs.toFixed(1)} ms`,
        `  over HTTP, all ${codes.length} at once: ${concurrentMs.toFixed(0)} ms`,
        `  over HTTP, one after another: ${sequentialMs.toFixed(0)} ms (${(sequentialMs / codes.length).toFixed(2)} ms a call)`,
        `  over HTTP, in batches of 199 known codes and one unknown (GET /peers?codes=, as the gateway asks): ${batchedMs.toFixed(0)} ms, ${(sequentialMs / batchedMs).toFixed(1)}x faster than one by one`,
      ].join('\n'),
    );
    // JSON is what both would send: compare through it (it turns -0 into 0 on either side alike).
    const expected = JSON.parse(JSON.stringify(before)) as PeerView[][];
    expect(first).toEqual(expected[0]);
    expect(concurrent).toEqual(expected);
    expect(sequential).toEqual(expected);
    expect(concurrent.every((a) => a.length === 10)).toBe(true);
    // The batch answers each known code as the single route does, in the order asked, and leaves out an unknown one.
    expect(batched.map((b) => b.code)).toEqual(codes);
    expect(batched.map((b) => b.peers)).toEqual(expected);
  }, 300_000);
});
