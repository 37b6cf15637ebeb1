import { encodeEvent } from '@longview/contracts';
import { REGIONS, TRUST_KINDS, type LongviewEvent, type Observation } from '@longview/domain';
import { EventStore, openPglite, type Database } from '@longview/event-store';
import { startQueryService, type RunningQueryService } from '../src/embedded';

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
          context: { kind, region, beds: 100 + Math.floor(random() * 1400), deprivation: Math.round(random() * 400) / 10, oversightSegment: 1 + Math.floor(random() * 4) },
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
    service = await startQueryService({ database: db, followStore: store, port: 0, logger: false, consumers: [] });
  }, 120_000);
  afterAll(async () => {
    await service?.close();
    await db?.close();
  });

  it('answers GET /trusts/:code/peers?limit=10 for every trust', async () => {
    const started = performance.now();
    const answers = await Promise.all(
      codes.map(async (code) => {
        const response = await fetch(`${service.url}/trusts/${code}/peers?limit=10`);
        expect(response.status).toBe(200);
        return (await response.json()) as unknown[];
      }),
    );
    const ms = performance.now() - started;
    console.log(`peers x${codes.length} over HTTP: ${ms.toFixed(0)} ms`);
    expect(answers.every((a) => a.length === 10)).toBe(true);
  }, 120_000);
});
