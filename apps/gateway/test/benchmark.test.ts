import type { Actor } from '@longview/domain';
import type { BenchmarkView, FunnelView } from '@longview/contracts';
import { ServiceError } from '../src/clients/service-error';
import { FakeQueryService, seriesView, spcView, trustView } from './fakes';
import { errorOf, useGatewayHarness } from './harness';

/** Trust.benchmark, Query.funnel and the projection's exclusions over the fake query service. */

const editor: Actor = { id: 'alice', role: 'TRUST_EDITOR', trustCode: 'RJ1' };
const harness = useGatewayHarness(editor);
const run = harness.run;
let queries: FakeQueryService;
beforeEach(() => {
  ({ queries } = harness);
  queries.trusts = [trustView('RJ1'), trustView('RXH'), trustView('RAL')];
});

const BENCHMARK: BenchmarkView = {
  trustCode: 'RJ1',
  metric: 'ae-4hr',
  period: '2019-03',
  value: 84.2,
  nationalMedian: 86.1,
  q1: 82.5,
  q3: 89.9,
  regionMedian: 83.3,
  peerMedian: 85,
  peers: ['RXH', 'RAL'],
  rank: 91,
  n: 140,
};

describe('Trust.benchmark', () => {
  const FIELDS = 'period value nationalMedian q1 q3 regionMedian peerMedian rank n peers { code }';

  it("maps the query service's benchmark, its peers becoming trusts; the period defaults to the latest", async () => {
    queries.benchmarks.set('RJ1|ae-4hr|', BENCHMARK);
    const result = await run(`{ trust(code: "RJ1") { benchmark(metric: "ae-4hr") { ${FIELDS} } } }`);
    expect(result.errors).toBeUndefined();
    const { trustCode: _t, metric: _m, peers: _p, ...figures } = BENCHMARK;
    expect(result.data).toEqual({ trust: { benchmark: { ...figures, peers: [{ code: 'RXH' }, { code: 'RAL' }] } } });
    expect(queries.callsTo('getTrustBenchmark')).toEqual([{ method: 'getTrustBenchmark', args: ['RJ1', 'ae-4hr', undefined], options: {} }]);
  });

  it('passes a period on, answers null when the trust has no value then, and refuses a period that is not YYYY-MM', async () => {
    const none = await run(`{ trust(code: "RJ1") { benchmark(metric: "ae-4hr", period: "2018-01") { value } } }`);
    expect(none.errors).toBeUndefined();
    expect(none.data).toEqual({ trust: { benchmark: null } });
    expect(queries.callsTo('getTrustBenchmark')[0]?.args).toEqual(['RJ1', 'ae-4hr', '2018-01']);
    const bad = errorOf(await run(`{ trust(code: "RJ1") { benchmark(metric: "ae-4hr", period: "March 2019") { value } } }`));
    expect(bad).toMatchObject({ message: 'period must be a month as YYYY-MM (got "March 2019")', extensions: { code: 'BAD_USER_INPUT' } });
  });
});

describe('Query.funnel', () => {
  it('maps the points (each with its trust) and the limits', async () => {
    const view: FunnelView = {
      metric: 'ae-4hr',
      period: '2019-03',
      target: 86.6,
      points: [
        { trustCode: 'RJ1', value: 84.2, numerator: 8420, denominator: 10000, outside95: true, outside998: true },
        { trustCode: 'RXH', value: 88, numerator: 88, denominator: 100, outside95: false, outside998: false },
      ],
      limits: [{ denominator: 100, lower95: 79.6, upper95: 92.9, lower998: 75.6, upper998: 96.2 }],
    };
    queries.funnel = () => view;
    const result = await run(`{ funnel(metric: "ae-4hr", period: "2019-03") {
      metric period target points { trustCode trust { code } value numerator denominator outside95 outside998 }
      limits { denominator lower95 upper95 lower998 upper998 } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.funnel).toEqual({
      ...view,
      points: view.points.map((p) => ({ ...p, trust: { code: p.trustCode } })),
    });
    expect(queries.callsTo('getFunnel')[0]?.args).toEqual(['ae-4hr', '2019-03']);
  });

  it('refuses a period that is not YYYY-MM without asking the query service', async () => {
    expect(errorOf(await run(`{ funnel(metric: "ae-4hr", period: "2019-3") { target } }`)).extensions?.code).toBe('BAD_USER_INPUT');
    expect(queries.callsTo('getFunnel')).toEqual([]);
  });
});

describe('Query.systemProjection: honest inputs', () => {
  it('passes maxDataAgeMonths on and lists the trusts left out, with why', async () => {
    const result = await run(`{ systemProjection(metric: "ae-4hr", maxDataAgeMonths: 6) { maxDataAgeMonths excluded { trustCode lastPeriod reason } } }`);
    expect(result.errors).toBeUndefined();
    expect(queries.callsTo('getProjection')[0]?.args).toEqual([{ metric: 'ae-4hr', maxDataAgeMonths: 6 }]);
    expect(result.data?.systemProjection).toEqual({
      maxDataAgeMonths: 6,
      excluded: [{ trustCode: 'RZZ', lastPeriod: '2019-03', reason: 'latest data 2019-03 are 75 months older than the newest (2025-06); the limit is 3' }],
    });
  });

  it('refuses a negative maxDataAgeMonths', async () => {
    expect(errorOf(await run(`{ systemProjection(metric: "ae-4hr", maxDataAgeMonths: -1) { trusts } }`)).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'maxDataAgeMonths', message: 'Must not be negative' }],
    });
  });
});

describe('MetricSeries.spc(chart:)', () => {
  it('asks the query service for a P′ chart by name and maps it; AUTO (the default) stays the batched automatic chart', async () => {
    queries.series = [seriesView('RJ1', 'ae-4hr')];
    queries.spcs = [spcView('RJ1', 'ae-4hr')];
    queries.attributeSpcs.set('RJ1|ae-4hr|pp', spcView('RJ1', 'ae-4hr', { chart: 'pp', chartReason: 'P′ chart (Laney): because', groups: [] }));
    const result = await run(
      `{ series(trustCode: "RJ1", metric: "ae-4hr") { auto: spc { chart } pp: spc(chart: P_PRIME) { chart chartReason groups { n } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ series: { auto: { chart: 'xmr' }, pp: { chart: 'pp', chartReason: 'P′ chart (Laney): because', groups: [] } } });
    expect(queries.callsTo('getSeriesAttributeSpc').map((c) => c.args)).toEqual([['RJ1', 'ae-4hr', 'pp']]);
    expect(queries.callsTo('getSpcOf')).toHaveLength(1);
  });

  it("passes on the query service's refusal of a series without numerators and denominators as BAD_USER_INPUT", async () => {
    queries.series = [seriesView('RJ1', 'ae-4hr')];
    const message = 'A P′ or U′ chart needs a numerator and a denominator for every month, and the ae-4hr series of RJ1 does not have them';
    queries.getSeriesAttributeSpc = () => Promise.reject(new ServiceError('query-service', 400, { code: 'BAD_USER_INPUT', message }));
    const error = errorOf(await run(`{ series(trustCode: "RJ1", metric: "ae-4hr") { spc(chart: U_PRIME) { chart } } }`));
    expect(error).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT' } });
  });
});
