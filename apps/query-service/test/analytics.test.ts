import { encodeEvent } from '@longview/contracts';
import type { Actor, LongviewEvent, Observation, Sharing, Viewer } from '@longview/domain';
import { EventStore, type Database } from '@longview/event-store';
import { readWholeLog, testDatabases } from '@longview/event-store/testing';
import { AnalyticsService } from '../src/analytics/analytics.service';
import { ProjectionRunner } from '../src/runner/projection-runner';
import { InterventionSummaryQueries } from '../src/read-models/intervention-summary/intervention-summary.queries';
import { LocalMeasureQueries } from '../src/read-models/local-measures/local-measures.queries';
import { MetricSeriesQueries } from '../src/read-models/metric-series/metric-series.queries';
import { TrustDirectoryQueries } from '../src/read-models/trust-directory/trust-directory.queries';

const NOW = '2026-01-15T10:00:00.000Z';

/** 30 months from 2023-01: noise around `level`, plus `shift` from month `from` (0-based) for `months` months. */
function series(level: number, shift: number, from: number, months = 30, seed = 1): Observation[] {
  let s = seed;
  const noise = () => {
    s = (s * 16807) % 2147483647;
    return (s / 2147483647 - 0.5) * 2; // uniform in [-1, 1]
  };
  return Array.from({ length: 30 }, (_, i) => ({
    period: `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
    value: Math.round((level + noise() + (i >= from && i < from + months ? shift : 0)) * 100) / 100,
  }));
}

function trust(code: string, region: 'LONDON' | 'MIDLANDS', beds: number): [string, LongviewEvent] {
  return [
    `trust-${code}`,
    {
      type: 'TrustRegistered',
      data: {
        code,
        name: `${code} Hospitals NHS Trust`,
        context: { kind: 'ACUTE', region, beds, deprivation: 20, oversightSegment: 2 },
        effectiveFrom: '2020-01-01',
        registeredAt: NOW,
      },
    },
  ];
}

function intervention(id: string, trustCode: string, startedOn: string, sharing: Sharing): [string, LongviewEvent][] {
  return [
    [
      `intervention-${id}`,
      {
        type: 'InterventionProposed',
        data: {
          interventionId: id,
          trustCode,
          title: `Flow programme at ${trustCode}`,
          summary: 'Whole-system flow work',
          category: 'PATIENT_FLOW',
          approach: 'SYSTEMIC',
          targets: [{ metric: 'ae-4hr', direction: 'INCREASE' }],
          sharing,
          proposedAt: NOW,
        },
      },
    ],
    [`intervention-${id}`, { type: 'InterventionStarted', data: { interventionId: id, startedOn } }],
  ];
}

function sources(db: Database) {
  return {
    trusts: new TrustDirectoryQueries(db),
    interventions: new InterventionSummaryQueries(db),
    series: new MetricSeriesQueries(db),
    localMeasures: new LocalMeasureQueries(db),
  };
}

const LASTING = '11111111-1111-4111-8111-111111111111';
const FADING = '22222222-2222-4222-8222-222222222222';
const QUIET = '33333333-3333-4333-8333-333333333333';

/** Six months, all below the 85% standard: XmR would give trial limits and a "consistent_fail". */
const SHORT = [70, 72, 71, 73, 69, 74];

const HISTORY: [string, LongviewEvent][] = [
  trust('ZL1', 'LONDON', 800),
  trust('ZL2', 'LONDON', 780),
  trust('ZM1', 'MIDLANDS', 300),
  [
    'series-ZM1-cancer-62d',
    {
      type: 'ObservationsRecorded',
      data: { trustCode: 'ZM1', metric: 'cancer-62d', observations: SHORT.map((value, i) => ({ period: `2025-0${i + 1}`, value })) },
    },
  ],
  ['series-ZL1-ae-4hr', { type: 'ObservationsRecorded', data: { trustCode: 'ZL1', metric: 'ae-4hr', observations: series(75, 6, 14) } }],
  ['series-ZL2-ae-4hr', { type: 'ObservationsRecorded', data: { trustCode: 'ZL2', metric: 'ae-4hr', observations: series(70, 6, 14, 4, 7) } }],
  ['series-ZM1-ae-4hr', { type: 'ObservationsRecorded', data: { trustCode: 'ZM1', metric: 'ae-4hr', observations: series(80, 0, 0, 0, 3) } }],
  ...intervention(LASTING, 'ZL1', '2024-03-01', 'PRIVATE'),
  ...intervention(FADING, 'ZL2', '2024-03-01', 'TRUSTS'),
  ...intervention(QUIET, 'ZM1', '2024-03-01', 'PUBLIC'),
];

/** An admin sees every intervention: the tests of the analytics themselves read as one. */
const ADMIN: Actor = { id: 'admin-1', role: 'ADMIN' };

/**
 * Every kind of viewer and the interventions it may see (LASTING is ZL1's PRIVATE one, FADING
 * ZL2's TRUSTS one, QUIET ZM1's PUBLIC one), written out rather than derived from the rule.
 */
const VIEWERS: readonly (readonly [string, Viewer, readonly string[]])[] = [
  ['anonymous', null, [QUIET]],
  ['community', { id: 'community-1', role: 'COMMUNITY' }, [QUIET]],
  ['policymaker', { id: 'policy-1', role: 'POLICYMAKER' }, [FADING, QUIET]],
  ['editor of ZL1 (owner of the private one)', { id: 'editor-zl1', role: 'TRUST_EDITOR', trustCode: 'ZL1' }, [LASTING, FADING, QUIET]],
  ['editor of ZM1', { id: 'editor-zm1', role: 'TRUST_EDITOR', trustCode: 'ZM1' }, [FADING, QUIET]],
  ['admin', ADMIN, [LASTING, FADING, QUIET]],
];

describe.each(testDatabases())('analytics on the read models ($name)', ({ open }) => {
  let db: Database;
  let analytics: AnalyticsService;
  let runner: ProjectionRunner;

  beforeAll(async () => {
    db = await open();
    const store = new EventStore(db);
    await store.migrate();
    runner = new ProjectionRunner(db);
    await runner.migrate();
    for (const [streamId, event] of HISTORY) await store.appendToStream(streamId, [{ ...encodeEvent(event), metadata: { occurredAt: NOW } }]);
    await runner.applyBatch(await readWholeLog(db, store, 0n));
    analytics = new AnalyticsService(sources(db), () => runner.position);
  });
  afterAll(async () => {
    await db.close();
  });

  it('computes SPC of a series with the metric catalogue direction and national standard', async () => {
    const spc = await analytics.seriesSpc('ZL1', 'ae-4hr');
    expect(spc).toMatchObject({ direction: 'increase', target: 95, assurance: 'consistent_fail' });
    expect(spc?.points).toHaveLength(30);
    expect(spc?.points.some((p) => p.pointType === 'special_cause_improvement')).toBe(true);
    expect(await analytics.seriesSpc('ZL1', 'rtt-18wk')).toBeUndefined();
  });

  it('gives a series too short for XmR limits a run chart with the Anhøj rules, and no assurance claim', async () => {
    const spc = await analytics.seriesSpc('ZM1', 'cancer-62d');
    // By hand: median (71 + 72) / 2 = 71.5; sides - + - + - +: 6 useful, 6 runs, longest 1,
    // 5 crossings; limits round(log2 6) + 3 = 6 and qbinom(0.05, 5, 0.5) = 1 (1/32 < 0.05 <= 6/32).
    expect(spc).toMatchObject({
      chart: 'run',
      target: 85,
      mean: 71.5,
      lpl: null,
      upl: null,
      variation: null,
      assurance: null,
      groups: [],
      runs: { nUseful: 6, longestRun: 1, longestRunMax: 6, nCrossings: 5, nCrossingsMin: 1, runsSignal: false },
    });
    expect(spc?.chartReason).toMatch(/^Run chart: only 6 points, and XmR process limits need at least 12 .*no assurance against the target is claimed\.$/);
    expect(spc?.points.map((p) => [p.period, p.value, p.mean, p.lpl, p.upl, p.rule])[0]).toEqual(['2025-01', 70, 71.5, null, null, 'No runs signal']);
    const long = await analytics.seriesSpc('ZL1', 'ae-4hr');
    expect(long).toMatchObject({ chart: 'xmr', runs: null, chartReason: expect.stringMatching(/^XmR chart/) });
  });

  it('answers a batch of SPC views as it answers each alone, leaving out pairs with no series', async () => {
    const keys = [
      { trustCode: 'ZL1', metric: 'ae-4hr' },
      { trustCode: 'ZL1', metric: 'no-such-metric' },
      { trustCode: 'NOPE', metric: 'ae-4hr' },
      { trustCode: 'ZL2', metric: 'ae-4hr' },
    ];
    const batch = await analytics.seriesSpcOf(keys);
    expect(batch.map((view) => `${view.trustCode}:${view.metric}`).sort()).toEqual(['ZL1:ae-4hr', 'ZL2:ae-4hr']);
    for (const view of batch) expect(view).toEqual(await analytics.seriesSpc(view.trustCode, view.metric));
  });

  it('judges a lasting step SUSTAINED, a short one FADED and no change NO_SIGNAL', async () => {
    const [lasting] = (await analytics.outcomes(ADMIN, LASTING)) ?? [];
    expect(lasting).toMatchObject({ metric: 'ae-4hr', sustainability: 'SUSTAINED', startedOn: '2024-03-01' });
    expect(lasting?.effect?.improvement).toBeGreaterThan(4);
    expect(lasting?.baseline?.n).toBeGreaterThanOrEqual(12);
    expect((await analytics.outcomes(ADMIN, FADING))?.[0]?.sustainability).toBe('FADED');
    expect((await analytics.outcomes(ADMIN, QUIET))?.[0]?.sustainability).toBe('NO_SIGNAL');
    expect(await analytics.outcomes(ADMIN, '44444444-4444-4444-8444-444444444444')).toBeUndefined();
  });

  it('pools the evidence across trusts and counts the verdicts', async () => {
    const evidence = await analytics.evidence(ADMIN, 'ae-4hr', 'PATIENT_FLOW');
    expect(evidence.k).toBe(3);
    expect(evidence.method).toEqual({
      estimator: 'REML',
      test: 'knha',
      description:
        'Random-effects meta-analysis: tau² by restricted maximum likelihood (REML), the Knapp-Hartung adjustment (t distribution, k - 1 degrees of freedom).',
    });
    expect(evidence.verdicts).toMatchObject({ SUSTAINED: 1, FADED: 1, NO_SIGNAL: 1 });
    expect(evidence.sustainedShare).toBeCloseTo(1 / 3, 10);
    expect(evidence.pooledEffect).not.toBeNull();
    expect(evidence.ciLow as number).toBeLessThan(evidence.pooledEffect as number);
    expect(evidence.studies.map((s) => s.trustCode).sort()).toEqual(['ZL1', 'ZL2', 'ZM1']);
    expect((await analytics.evidence(ADMIN, 'ae-4hr', 'WORKFORCE')).k).toBe(0);
    await expect(analytics.evidence(ADMIN, 'no-such-metric')).rejects.toThrow(/Unknown metric/);
  });

  it('finds peers on context, nearest first', async () => {
    const peers = await analytics.peers('ZL1', 2);
    expect(peers?.map((p) => p.code)).toEqual(['ZL2', 'ZM1']);
    expect(peers?.[0]?.distance).toBeLessThan(peers?.[1]?.distance as number);
    expect(peers?.[0]?.contributions.map((c) => c.feature)).toEqual(expect.arrayContaining(['kind', 'region', 'beds']));
  });

  it('projects the system deterministically for a seed, with a scenario that adopts the nearest trusts', async () => {
    const request = {
      metric: 'ae-4hr',
      horizonMonths: 12,
      draws: 500,
      seed: 7,
      scenario: { category: 'PATIENT_FLOW' as const, adopters: 1, similarTo: 'ZL1' },
    };
    const first = await analytics.projection(ADMIN, request);
    const again = await new AnalyticsService(sources(db), () => runner.position).projection(ADMIN, request);
    expect({ ...again, computeMs: 0 }).toEqual({ ...first, computeMs: 0 });
    expect(first.trusts).toBe(3);
    expect(first.statusQuo).toHaveLength(12);
    expect(first.statusQuo[0]?.period).toBe('2025-07');
    // Every trust already ran a PATIENT_FLOW intervention, so none is left to adopt.
    expect(first.scenario?.adopters).toEqual([]);
    const london = await analytics.projection(ADMIN, { metric: 'ae-4hr', region: 'LONDON', horizonMonths: 6, draws: 200, seed: 1 });
    expect(london.trusts).toBe(2);
    expect(london.scenario).toBeNull();
  });

  describe.each(VIEWERS)('as seen by %s', (_name, viewer, visible) => {
    it('has outcomes only for the interventions it may see; a hidden one answers like a missing one', async () => {
      for (const id of [LASTING, FADING, QUIET]) {
        const outcomes = await analytics.outcomes(viewer, id);
        expect([id, outcomes === undefined]).toEqual([id, !visible.includes(id)]);
      }
      expect(await analytics.outcomes(viewer, '44444444-4444-4444-8444-444444444444')).toBeUndefined();
    });

    it('answers a batch of outcomes with the interventions it may see, each as it answers alone', async () => {
      const missing = '44444444-4444-4444-8444-444444444444';
      const batch = await analytics.outcomesOf(viewer, [QUIET, missing, LASTING, FADING, LASTING]);
      expect(batch.map((b) => b.interventionId)).toEqual([QUIET, LASTING, FADING].filter((id) => visible.includes(id)));
      for (const { interventionId, outcomes } of batch) expect(outcomes).toEqual(await analytics.outcomes(viewer, interventionId));
    });

    it('pools the evidence of the interventions it may see, and no others', async () => {
      const evidence = await analytics.evidence(viewer, 'ae-4hr', 'PATIENT_FLOW');
      expect(evidence.k).toBe(visible.length);
      expect(evidence.studies.map((s) => s.interventionId).sort()).toEqual([...visible].sort());
      expect(Object.values(evidence.verdicts).reduce((a, b) => a + b, 0)).toBe(visible.length);
      // The same pool as the admin's evidence over just these studies: for one study, its own effect.
      const all = await analytics.evidence(ADMIN, 'ae-4hr', 'PATIENT_FLOW');
      if (visible.length === 1) expect(evidence.pooledEffect).toBeCloseTo(all.studies.find((s) => s.interventionId === visible[0])?.effect as number, 10);
      if (visible.length < 3) expect(evidence.pooledEffect).not.toBeCloseTo(all.pooledEffect as number, 6);
      else expect(evidence).toEqual(all);
    });

    it('draws a projection scenario from the evidence it may see', async () => {
      const request = { metric: 'ae-4hr', horizonMonths: 6, draws: 200, seed: 3, scenario: { category: 'PATIENT_FLOW' as const, adopters: 3 } };
      const projection = await analytics.projection(viewer, request);
      const evidence = await analytics.evidence(viewer, 'ae-4hr', 'PATIENT_FLOW');
      expect(projection.scenario?.effectMean).toBe(evidence.pooledEffect);
      // Trusts that ran a visible intervention are not adopters; the others may be.
      const ran = new Set(evidence.studies.map((s) => s.trustCode));
      expect(projection.scenario?.adopters.filter((code) => ran.has(code))).toEqual([]);
      expect(projection.scenario?.adopters).toHaveLength(3 - ran.size);
    });
  });

  it("computes pooled analytics once per visibility tier, not per viewer, and never serves one tier another's", async () => {
    const fresh = new AnalyticsService(sources(db), () => runner.position);
    const publicFirst = await fresh.evidence(null, 'ae-4hr');
    const admin = await fresh.evidence(ADMIN, 'ae-4hr');
    expect([publicFirst.k, admin.k]).toEqual([1, 3]);
    expect(await fresh.evidence({ id: 'community-9', role: 'COMMUNITY' }, 'ae-4hr')).toBe(publicFirst);
    const editorA = await fresh.evidence({ id: 'a', role: 'TRUST_EDITOR', trustCode: 'ZL1' }, 'ae-4hr');
    expect(await fresh.evidence({ id: 'b', role: 'TRUST_EDITOR', trustCode: 'ZL1' }, 'ae-4hr')).toBe(editorA);
    expect(await fresh.evidence({ id: 'c', role: 'TRUST_EDITOR', trustCode: 'ZM1' }, 'ae-4hr')).not.toBe(editorA);
  });
});
