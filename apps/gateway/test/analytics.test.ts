import { findMetric, type Actor } from '@longview/domain';
import { ServiceError } from '../src/clients/service-error';
import { evidenceView, FakeQueryService, interventionView, outcomeView, peerView, seriesView, spcView, trustView } from './fakes';
import { errorOf, useGatewayHarness } from './harness';

/** The analytics fields (SPC, outcomes, peers, evidence, projections) over the fake query service. */

const editor: Actor = { id: 'alice', role: 'TRUST_EDITOR', trustCode: 'RJ1' };

const harness = useGatewayHarness(editor);
const run = harness.run;
let queries: FakeQueryService;
beforeEach(() => {
  ({ queries } = harness);
});

const SPC_FIELDS = `chart chartReason runs { nUseful longestRun longestRunMax nCrossings nCrossingsMin runsSignal }
  mean lpl upl variation assurance target direction
  points { period value mean lpl upl rule pointType rebaseGroup }
  groups { rebaseGroup firstPeriod lastPeriod n mean lpl upl trialLimits } warnings`;

describe('MetricSeries.spc', () => {
  it('maps the SPC view of the series (direction as the Direction enum)', async () => {
    queries.series = [seriesView('RJ1', 'ae-4hr')];
    queries.spcs = [spcView('RJ1', 'ae-4hr')];
    const result = await run(`{ series(trustCode: "RJ1", metric: "ae-4hr") { spc { ${SPC_FIELDS} } } }`);
    expect(result.errors).toBeUndefined();
    const { trustCode: _t, metric: _m, ...view } = spcView('RJ1', 'ae-4hr');
    expect(result.data).toEqual({ series: { spc: { ...view, direction: 'INCREASE' } } });
    expect(queries.callsTo('getSpcOf')).toEqual([{ method: 'getSpcOf', args: [[['RJ1', 'ae-4hr']]], options: {} }]);
  });

  it('a run chart (a short series) comes through with its runs analysis, null limits and no assurance', async () => {
    queries.series = [seriesView('RJ1', 'ae-4hr')];
    const runChart = spcView('RJ1', 'ae-4hr', {
      chart: 'run',
      chartReason: 'Run chart: only 2 points, and XmR process limits need at least 12.',
      runs: { nUseful: 2, longestRun: 1, longestRunMax: 4, nCrossings: 1, nCrossingsMin: 0, runsSignal: false },
      mean: 72.35,
      lpl: null,
      upl: null,
      variation: null,
      assurance: null,
      points: [
        { period: '2024-01', value: 71.5, mean: 72.35, lpl: null, upl: null, rule: 'No runs signal', pointType: 'run_chart', rebaseGroup: 0 },
        { period: '2024-02', value: 73.2, mean: 72.35, lpl: null, upl: null, rule: 'No runs signal', pointType: 'run_chart', rebaseGroup: 0 },
      ],
      groups: [],
      warnings: [],
    });
    queries.spcs = [runChart];
    const result = await run(`{ series(trustCode: "RJ1", metric: "ae-4hr") { spc { ${SPC_FIELDS} } } }`);
    expect(result.errors).toBeUndefined();
    const { trustCode: _t, metric: _m, ...view } = runChart;
    expect(result.data).toEqual({ series: { spc: { ...view, direction: 'INCREASE' } } });
  });

  it('an empty series (no SPC view) is still a valid analysis with null numbers', async () => {
    queries.series = [seriesView('RJ1', 'ae-4hr', { observations: [] })];
    const result = await run(`{ series(trustCode: "RJ1", metric: "ae-4hr") { spc { ${SPC_FIELDS} } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      series: {
        spc: {
          chart: 'xmr',
          chartReason: 'No observations, so no chart.',
          runs: null,
          mean: null,
          lpl: null,
          upl: null,
          variation: null,
          assurance: null,
          target: findMetric('ae-4hr')?.nationalStandard?.value ?? null,
          direction: findMetric('ae-4hr')?.improvement,
          points: [],
          groups: [],
          warnings: ['No observations'],
        },
      },
    });
  });
});

describe('Intervention.outcomes', () => {
  const OUTCOME_FIELDS = `metric metricInfo { code } direction sustainability reason startedOn monthsObserved
    effect { meanDifference standardError improvement levelChange slopeChange effectAt12Months }
    baseline { firstPeriod lastPeriod n mean lpl upl trialLimits }
    spc { mean direction points { period } } post { period value rule pointType }`;

  it('maps one outcome per target, with the SPC of the trust series (null without a series), fetched once per series', async () => {
    queries.interventions = [interventionView('i1', { trustCode: 'RJ1' })];
    queries.outcomes.set('i1', [
      outcomeView('ae-4hr'),
      outcomeView('rtt-18wk', { direction: 'DECREASE', effect: null, baseline: null, sustainability: 'INSUFFICIENT_DATA' }),
    ]);
    queries.spcs = [spcView('RJ1', 'ae-4hr')];
    const result = await run(`{ intervention(id: "i1") { outcomes { ${OUTCOME_FIELDS} } } series(trustCode: "RJ1", metric: "ae-4hr") { spc { mean } } }`);
    expect(result.errors).toBeUndefined();
    const first = outcomeView('ae-4hr');
    expect(result.data?.intervention).toEqual({
      outcomes: [
        {
          metric: 'ae-4hr',
          metricInfo: { code: 'ae-4hr' },
          direction: 'INCREASE',
          sustainability: 'SUSTAINED',
          reason: first.reason,
          startedOn: '2024-03-01',
          monthsObserved: 9,
          effect: first.effect,
          baseline: first.baseline,
          spc: { mean: 72.35, direction: 'INCREASE', points: [{ period: '2024-01' }, { period: '2024-02' }] },
          post: first.post,
        },
        expect.objectContaining({ metric: 'rtt-18wk', direction: 'DECREASE', effect: null, baseline: null, spc: null, sustainability: 'INSUFFICIENT_DATA' }),
      ],
    });
    expect(queries.callsTo('getOutcomesOf')).toEqual([{ method: 'getOutcomesOf', args: [['i1']], options: {} }]);
    expect(queries.callsTo('getSpcOf').map((call) => call.args)).toEqual([
      [
        [
          ['RJ1', 'ae-4hr'],
          ['RJ1', 'rtt-18wk'],
        ],
      ],
    ]);
  });

  it('asks for the outcomes of a page of interventions in one batch call', async () => {
    queries.interventions = [interventionView('i1'), interventionView('i2'), interventionView('i3')];
    queries.outcomes.set('i1', []);
    queries.outcomes.set('i2', []);
    const result = await run(`{ interventions(first: 10) { edges { node { id outcomes { metric } } } } }`);
    expect(result.errors).toBeUndefined();
    expect(queries.callsTo('getOutcomesOf').map((call) => call.args)).toEqual([[['i1', 'i2', 'i3']]]);
    expect(queries.callsTo('getInterventionOutcomes')).toEqual([]);
  });

  it('is empty when the query service has no outcomes (404)', async () => {
    queries.interventions = [interventionView('i1')];
    expect((await run(`{ intervention(id: "i1") { outcomes { metric } } }`)).data).toEqual({ intervention: { outcomes: [] } });
  });
});

describe('Trust.peers', () => {
  it('maps peers with their contributions; Peer.trust costs one trust call for the whole list', async () => {
    queries.trusts = [trustView('RJ1'), trustView('RXH'), trustView('RJZ'), trustView('R1H')];
    queries.peers.set('RJ1', [peerView('RXH', 0.4), peerView('RJZ', 0.9), peerView('R1H', 1.3)]);
    const result = await run(`{ trust(code: "RJ1") { peers(limit: 3) { trust { code name } distance contributions { feature weight difference } } } }`);
    expect(result.errors).toBeUndefined();
    const peers = (result.data?.trust as { peers: unknown[] }).peers;
    expect(peers).toHaveLength(3);
    expect(peers[0]).toEqual({
      trust: { code: 'RXH', name: 'RXH NHS Foundation Trust' },
      distance: 0.4,
      contributions: [
        { feature: 'beds', weight: 1, difference: 0.4 },
        { feature: 'cqcRating', weight: 0.5, difference: null },
      ],
    });
    expect(queries.callsTo('getPeersOf')).toEqual([{ method: 'getPeersOf', args: [['RJ1'], 3], options: {} }]);
    expect(queries.callsTo('getTrusts')).toEqual([{ method: 'getTrusts', args: [['RXH', 'RJZ', 'R1H']], options: {} }]);
    expect(queries.callsTo('listTrusts')).toHaveLength(0);
    expect(queries.callsTo('getTrust')).toHaveLength(1); // trust(code: "RJ1") itself
  });

  it('limit defaults to 5 and must be 1-50', async () => {
    queries.trusts = [trustView('RJ1')];
    await run(`{ trust(code: "RJ1") { peers { distance } } }`);
    expect(queries.callsTo('getPeersOf')[0]?.args).toEqual([['RJ1'], 5]);
    const error = errorOf(await run(`{ trust(code: "RJ1") { peers(limit: 0) { distance } } }`));
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: [{ path: 'limit', message: 'Must be 1-50' }] });
  });
});

describe('Query.evidence', () => {
  const EVIDENCE_FIELDS = `metric category method { estimator test description } k pooledEffect se ciLow ciHigh predictionLow predictionHigh i2 tau2 q sustainedShare
    verdicts { sustainability count }
    studies { intervention { id title } trustCode title approach effect standardError shrunkEffect sustainability balancingConcern }`;

  function study(interventionId: string, trustCode: string) {
    return {
      interventionId,
      trustCode,
      title: `Study ${interventionId}`,
      approach: 'SYSTEMIC' as const,
      effect: 3,
      standardError: 1,
      shrunkEffect: 2.5,
      sustainability: 'SUSTAINED' as const,
      balancingConcern: false,
    };
  }

  it('maps the pooled summary the query service made for the viewer; each study resolves its intervention in one batch', async () => {
    queries.interventions = [
      interventionView('mine', { trustCode: 'RJ1', sharing: 'PRIVATE' }),
      interventionView('public', { trustCode: 'RXH', sharing: 'PUBLIC' }),
      interventionView('hidden', { trustCode: 'RXH', sharing: 'PRIVATE' }),
    ];
    queries.evidence = (metric, category) =>
      evidenceView(metric, category, {
        k: 3,
        pooledEffect: 2.8,
        se: 0.6,
        ciLow: 1.6,
        ciHigh: 4,
        predictionLow: 0.5,
        predictionHigh: 5.1,
        i2: 0.31,
        tau2: 0.4,
        q: 2.9,
        sustainedShare: 0.67,
        verdicts: { SUSTAINED: 2, FADED: 1, NOT_YET_EVIDENT: 0, NO_SIGNAL: 0, DETERIORATED: 0, INSUFFICIENT_DATA: 0 },
        studies: [study('mine', 'RJ1'), study('public', 'RXH'), study('hidden', 'RXH')],
      });
    const result = await run(`{ evidence(metric: "ae-4hr", category: "PATIENT_FLOW") { ${EVIDENCE_FIELDS} } }`);
    expect(result.errors).toBeUndefined();
    const evidence = result.data?.evidence as Record<string, unknown>;
    expect(evidence).toMatchObject({ metric: 'ae-4hr', category: 'PATIENT_FLOW', k: 2, pooledEffect: 2.8, i2: 0.31, q: 2.9, sustainedShare: 0.67 });
    expect(evidence.verdicts).toEqual([
      { sustainability: 'SUSTAINED', count: 2 },
      { sustainability: 'FADED', count: 1 },
      { sustainability: 'NOT_YET_EVIDENT', count: 0 },
      { sustainability: 'NO_SIGNAL', count: 0 },
      { sustainability: 'DETERIORATED', count: 0 },
      { sustainability: 'INSUFFICIENT_DATA', count: 0 },
    ]);
    // The service pooled for this viewer (RJ1's editor): RXH's private intervention is no study of it (k above is 2).
    expect(evidence.studies).toEqual([
      { ...studyFields('mine', 'RJ1'), intervention: { id: 'mine', title: 'Intervention mine' } },
      { ...studyFields('public', 'RXH'), intervention: { id: 'public', title: 'Intervention public' } },
    ]);
    expect(queries.callsTo('getEvidence')).toEqual([{ method: 'getEvidence', args: ['ae-4hr', 'PATIENT_FLOW'], options: {} }]);
    // The studies' interventions cost one batch read of their ids, not one read per study (nor paging through the list).
    expect(queries.callsTo('getInterventions')).toEqual([{ method: 'getInterventions', args: [['mine', 'public']], options: {} }]);
    expect(queries.callsTo('listInterventions')).toHaveLength(0);
    expect(queries.callsTo('getIntervention')).toHaveLength(0);

    // Anonymous viewers get the evidence pooled for them: the public study only, nothing added by the gateway.
    const anonymous = await run(`{ evidence(metric: "ae-4hr") { k studies { trustCode title intervention { id } } } }`, {}, null);
    expect(anonymous.data?.evidence).toEqual({ k: 1, studies: [{ trustCode: 'RXH', title: 'Study public', intervention: { id: 'public' } }] });
    expect(queries.callsTo('getEvidence')[1]?.args).toEqual(['ae-4hr', undefined]);

    const badCategory = errorOf(await run(`{ evidence(metric: "ae-4hr", category: "KNITTING") { k } }`));
    expect(badCategory).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', fields: [{ path: 'category' }] } });

    function studyFields(id: string, trustCode: string) {
      const { interventionId: _id, ...rest } = study(id, trustCode);
      return rest;
    }
  });

  it('names the pooling method behind the figures', async () => {
    const method = { estimator: 'REML' as const, test: 'knha' as const, description: 'REML with Knapp-Hartung' };
    queries.evidence = (metric, category) => evidenceView(metric, category, { method, k: 2, pooledEffect: 1.5 });
    const result = await run(`{ evidence(metric: "ae-4hr") { k pooledEffect method { estimator test description } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ evidence: { k: 2, pooledEffect: 1.5, method } });
  });

  it('an empty evidence base has k = 0 and null statistics', async () => {
    const result = await run(`{ evidence(metric: "ae-4hr") { k pooledEffect ciLow sustainedShare studies { title } } }`);
    expect(result.data).toEqual({ evidence: { k: 0, pooledEffect: null, ciLow: null, sustainedShare: null, studies: [] } });
  });

  it('a 400 from the query service (unknown metric) is BAD_USER_INPUT', async () => {
    queries.failWith = new ServiceError('query-service', 400, { code: 'BAD_USER_INPUT', message: 'Unknown metric nope' });
    const error = errorOf(await run(`{ evidence(metric: "nope") { k } }`));
    expect(error).toMatchObject({ message: 'Unknown metric nope', extensions: { code: 'BAD_USER_INPUT', fields: [] } });

    // Whatever the body says, a 400 is the caller's input.
    queries.failWith = new ServiceError('query-service', 400, { code: 'INTERNAL', message: 'metric is required' });
    expect(errorOf(await run(`{ evidence(metric: "") { k } }`)).extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('Query.systemProjection', () => {
  const PROJECTION_FIELDS = `metric region horizonMonths draws seed trusts lastPeriod computeMs
    statusQuo { offset period mean p05 p50 p95 }
    scenario { category adopters { code } effectMean tau2 fadeProbability months { offset p50 } difference { offset mean } }`;

  it('status quo only: maps the arguments and the view, scenario null', async () => {
    const result = await run(`{ systemProjection(metric: "ae-4hr", region: "LONDON", horizonMonths: 12) { ${PROJECTION_FIELDS} } }`);
    expect(result.errors).toBeUndefined();
    expect(queries.callsTo('getProjection')).toEqual([
      { method: 'getProjection', args: [{ metric: 'ae-4hr', region: 'LONDON', horizonMonths: 12 }], options: {} },
    ]);
    expect(result.data?.systemProjection).toMatchObject({
      metric: 'ae-4hr',
      region: 'LONDON',
      horizonMonths: 12,
      draws: 10_000,
      seed: 1,
      trusts: 3,
      lastPeriod: '2024-12',
      computeMs: 12.5,
      statusQuo: [
        { offset: 1, period: '2025-01', mean: 71, p05: 70, p50: 71, p95: 72 },
        { offset: 2, period: '2025-02', mean: 72, p05: 70, p50: 72, p95: 74 },
      ],
      scenario: null,
    });
  });

  it('with a scenario: category, adopters, similarTo, draws and seed go to the query service; adopters become trusts', async () => {
    queries.trusts = [trustView('RJ1'), trustView('RXH')];
    const result = await run(`query($scenario: ScenarioInput) { systemProjection(metric: "ae-4hr", scenario: $scenario) { ${PROJECTION_FIELDS} } }`, {
      scenario: { category: 'PATIENT_FLOW', adopters: 2, similarTo: 'RJ1', draws: 500, seed: 7 },
    });
    expect(result.errors).toBeUndefined();
    expect(queries.callsTo('getProjection')[0]?.args).toEqual([
      { metric: 'ae-4hr', category: 'PATIENT_FLOW', adopters: 2, similarTo: 'RJ1', draws: 500, seed: 7 },
    ]);
    expect(result.data?.systemProjection).toMatchObject({
      region: null,
      draws: 500,
      seed: 7,
      scenario: {
        category: 'PATIENT_FLOW',
        adopters: [{ code: 'RJ1' }, { code: 'RXH' }],
        effectMean: 2.5,
        tau2: 0.8,
        fadeProbability: 0.3,
        months: [
          { offset: 1, p50: 73 },
          { offset: 2, p50: 74 },
        ],
        difference: [
          { offset: 1, mean: 3 },
          { offset: 2, mean: 4 },
        ],
      },
    });
    expect(queries.callsTo('getTrusts')).toEqual([{ method: 'getTrusts', args: [['RJ1', 'RXH']], options: {} }]);
  });

  it('an unknown region or adopters <= 0 is BAD_USER_INPUT and calls nothing', async () => {
    const badRegion = errorOf(await run(`{ systemProjection(metric: "ae-4hr", region: "ATLANTIS") { trusts } }`));
    expect(badRegion.extensions?.code).toBe('BAD_USER_INPUT');
    expect(badRegion.extensions?.fields).toEqual([{ path: 'region', message: expect.stringContaining('LONDON') }]);

    const noAdopters = errorOf(
      await run(`{ systemProjection(metric: "ae-4hr", region: "london", scenario: { category: WORKFORCE, adopters: 0 }) { trusts } }`),
    );
    expect(noAdopters.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [
        { path: 'region', message: expect.any(String) },
        { path: 'scenario.adopters', message: 'Must be greater than 0' },
      ],
    });
    expect(queries.callsTo('getProjection')).toHaveLength(0);
  });
});

describe('read-your-writes after a mutation', () => {
  it('analytics fields of a mutation payload read at the write position', async () => {
    queries.series = [seriesView('RJ1', 'ae-4hr')];
    queries.spcs = [spcView('RJ1', 'ae-4hr')];
    const result = await run(
      `mutation { recordObservations(input: { trustCode: "RJ1", metric: "ae-4hr", observations: [{ period: "2024-03", value: 74 }] }) { series { spc { mean } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(queries.callsTo('getSeries')[0]?.options).toEqual({ minPosition: '101', stream: 'stream-for-RecordObservations', minVersion: 1 });
    expect(queries.callsTo('getSpcOf')[0]?.options).toEqual({ minPosition: '101' });
  });
});
