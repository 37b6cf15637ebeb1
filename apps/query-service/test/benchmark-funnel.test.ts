import { encodeEvent } from '@longview/contracts';
import type { LongviewEvent, Observation } from '@longview/domain';
import { EventStore, type Database } from '@longview/event-store';
import { readWholeLog, testDatabases } from '@longview/event-store/testing';
import { AnalyticsService } from '../src/analytics/analytics.service';
import { ProjectionRunner } from '../src/runner/projection-runner';
import { InterventionSummaryQueries } from '../src/read-models/intervention-summary/intervention-summary.queries';
import { LocalMeasureQueries } from '../src/read-models/local-measures/local-measures.queries';
import { MetricSeriesQueries } from '../src/read-models/metric-series/metric-series.queries';
import { TrustDirectoryQueries } from '../src/read-models/trust-directory/trust-directory.queries';

const NOW = '2026-01-15T10:00:00.000Z';

function trust(code: string, region: 'LONDON' | 'MIDLANDS', beds: number): [string, LongviewEvent] {
  return [
    `trust-${code}`,
    {
      type: 'TrustRegistered',
      data: {
        code,
        name: `${code} Hospitals NHS Trust`,
        context: { kind: 'ACUTE', region, beds, deprivation: 20, oversightSegment: 2 },
        effectiveFrom: '2016-01-01',
        registeredAt: NOW,
      },
    },
  ];
}

const seen = (period: string, numerator: number, denominator: number): Observation => ({
  period,
  value: Math.round((10000 * numerator) / denominator) / 100,
  numerator,
  denominator,
});

function recorded(code: string, observations: Observation[]): [string, LongviewEvent] {
  return [`series-${code}-ae-4hr`, { type: 'ObservationsRecorded', data: { trustCode: code, metric: 'ae-4hr', observations } }];
}

/** June 2025: A 90% of 1000, B 85% of 10000, C 93% of 100, D 92% of 10000, E 96% of 100. */
const JUNE: Record<string, [number, number]> = { ZAA: [900, 1000], ZBB: [8500, 10000], ZCC: [93, 100], ZDD: [9200, 10000], ZEE: [96, 100] };

/** ZAA's earlier months, 2024-01 to 2025-04: 88-90% of 1000, except June 2024, 70%. */
const EARLIER: Observation[] = Array.from({ length: 16 }, (_, i) => {
  const period = `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
  return seen(period, period === '2024-06' ? 700 : 880 + (i % 3) * 10, 1000);
});

const HISTORY: [string, LongviewEvent][] = [
  trust('ZAA', 'LONDON', 800),
  trust('ZBB', 'LONDON', 780),
  trust('ZCC', 'MIDLANDS', 300),
  trust('ZDD', 'MIDLANDS', 900),
  trust('ZEE', 'MIDLANDS', 200),
  trust('ZSS', 'MIDLANDS', 500),
  trust('ZFF', 'LONDON', 400),
  ...Object.entries(JUNE).map(([code, [num, den]]) =>
    recorded(code, [...(code === 'ZAA' ? EARLIER : []), seen('2025-05', num - 10, den), seen('2025-06', num, den)]),
  ),
  // Stale: its data end in March 2019, as the real A&E import's do.
  recorded('ZSS', [seen('2019-02', 700, 1000), seen('2019-03', 720, 1000)]),
  // One month only.
  recorded('ZFF', [seen('2025-04', 800, 1000)]),
  [
    'series-ZAA-cancer-62d',
    { type: 'ObservationsRecorded', data: { trustCode: 'ZAA', metric: 'cancer-62d', observations: [{ period: '2025-06', value: 70 }] } },
  ],
];

describe.each(testDatabases())('benchmarks, funnel plots and honest projections on the read models ($name)', ({ open }) => {
  let db: Database;
  let analytics: AnalyticsService;

  beforeAll(async () => {
    db = await open();
    const store = new EventStore(db);
    await store.migrate();
    const runner = new ProjectionRunner(db);
    await runner.migrate();
    for (const [streamId, event] of HISTORY) await store.appendToStream(streamId, [{ ...encodeEvent(event), metadata: { occurredAt: NOW } }]);
    await runner.applyBatch(await readWholeLog(db, store, 0n));
    analytics = new AnalyticsService(
      {
        trusts: new TrustDirectoryQueries(db),
        interventions: new InterventionSummaryQueries(db),
        series: new MetricSeriesQueries(db),
        localMeasures: new LocalMeasureQueries(db),
      },
      () => runner.position,
    );
  });
  afterAll(async () => {
    await db.close();
  });

  it("benchmarks a trust's latest month against the nation, its region and its peers", async () => {
    // June values 90, 85, 93, 92, 96: sorted 85 90 92 93 96, so median 92, q1 90, q3 93 (type 7);
    // ZAA (90) is beaten by 92, 93 and 96: rank 4 of 5. London: ZAA 90, ZBB 85 -> 87.5.
    // Peers: the 5 nearest on context are every other trust; ZSS and ZFF have no June value,
    // so the peer median is over ZBB, ZCC, ZDD, ZEE: 85 92 93 96 -> 92.5.
    const benchmark = await analytics.benchmark('ZAA', 'ae-4hr');
    expect(benchmark).toMatchObject({ period: '2025-06', value: 90, nationalMedian: 92, q1: 90, q3: 93, regionMedian: 87.5, peerMedian: 92.5, rank: 4, n: 5 });
    expect(benchmark?.peers).toHaveLength(5);
  });

  it('benchmarks a given month, and answers nothing for a month the trust has no value for', async () => {
    // May: every June numerator less 10 -> 89, 84.9, 83, 91.9, 86.
    expect(await analytics.benchmark('ZEE', 'ae-4hr', '2025-05')).toMatchObject({ value: 86, nationalMedian: 86, rank: 3, n: 5, regionMedian: 86 });
    expect(await analytics.benchmark('ZAA', 'ae-4hr', '2023-01')).toBeUndefined();
  });

  it("draws a funnel of every trust's June proportion with Spiegelhalter's limits, marking those outside", async () => {
    const funnel = await analytics.funnel('ae-4hr', '2025-06');
    expect(funnel.target).toBeCloseTo((100 * 18789) / 21200, 12);
    const flags = Object.fromEntries(funnel.points.map((p) => [p.trustCode, [p.outside95, p.outside998]]));
    // Same units as packages/analytics' funnelPlot test: B far below, D far above, E outside 95% only.
    expect(flags).toEqual({ ZAA: [false, false], ZBB: [true, true], ZCC: [false, false], ZDD: [true, true], ZEE: [true, false] });
    expect(funnel.points.find((p) => p.trustCode === 'ZBB')).toMatchObject({ value: 85, numerator: 8500, denominator: 10000 });
    expect(funnel.limits[0]?.denominator).toBe(100);
    expect(funnel.limits.every((l) => l.lower998 < l.lower95 && l.upper95 < l.upper998)).toBe(true);
  });

  it('refuses a funnel of a metric without numerators and denominators', async () => {
    await expect(analytics.funnel('cancer-62d', '2025-06')).rejects.toThrow(
      'A funnel plot needs numerators and denominators, and no cancer-62d series has them',
    );
  });

  it('shows a series with numerators and denominators as a P′ chart on request, saying why', async () => {
    const spc = await analytics.seriesAttributeSpc('ZAA', 'ae-4hr', 'pp');
    expect(spc).toMatchObject({ chart: 'pp', variation: null, assurance: null, groups: [] });
    expect(spc?.chartReason).toMatch(/^P′ chart \(Laney\)/);
    expect(spc?.points).toHaveLength(18);
    // The centre line is the pooled proportion of all 18 months, as a percentage.
    const numerators = [...EARLIER.map((o) => o.numerator as number), 890, 900];
    expect(spc?.mean).toBeCloseTo((100 * numerators.reduce((a, b) => a + b, 0)) / 18000, 12);
    // June 2024 (70%) is far below its limits: a concern for a higher-is-better metric; no other month is outside.
    const flagged = spc?.points.filter((p) => p.pointType !== 'common_cause').map((p) => [p.period, p.rule, p.pointType]);
    expect(flagged).toEqual([['2024-06', 'Below LCL', 'special_cause_concern']]);
    expect(spc?.points.every((p) => p.lpl !== null && p.upl !== null && p.lpl < p.mean && p.mean < p.upl)).toBe(true);
  });

  it('refuses a P′ chart of a series without numerators and denominators, and answers nothing for no series', async () => {
    await expect(analytics.seriesAttributeSpc('ZAA', 'cancer-62d', 'pp')).rejects.toThrow(
      'A P′ or U′ chart needs a numerator and a denominator for every month, and the cancer-62d series of ZAA does not have them',
    );
    expect(await analytics.seriesAttributeSpc('ZAA', 'rtt-18wk', 'up')).toBeUndefined();
  });

  it('projects only trusts with recent data, from their own last period, and says who was left out and why', async () => {
    const projection = await analytics.projection(null, { metric: 'ae-4hr', horizonMonths: 6, draws: 500, seed: 1 });
    expect(projection).toMatchObject({ trusts: 5, lastPeriod: '2025-06', maxDataAgeMonths: 3 });
    expect(projection.excluded).toEqual([
      { trustCode: 'ZFF', lastPeriod: '2025-04', reason: 'fewer than 2 months of data' },
      { trustCode: 'ZSS', lastPeriod: '2019-03', reason: 'latest data 2019-03 are 75 months older than the newest (2025-06); the limit is 3' },
    ]);
    // The stale trust (about 71%) no longer drags the system figure: the weighted June level is ~88.6%.
    expect(projection.statusQuo[0]?.mean).toBeGreaterThan(85);
    const lenient = await analytics.projection(null, { metric: 'ae-4hr', horizonMonths: 6, draws: 500, seed: 1, maxDataAgeMonths: 100 });
    expect(lenient.trusts).toBe(6);
    expect(lenient.excluded.map((e) => e.trustCode)).toEqual(['ZFF']);
  });
});
