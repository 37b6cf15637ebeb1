import type { Actor } from '@longview/domain';
import { evidenceView, interventionView, peerView, seriesView, spcView, trustView } from './fakes';
import { useGatewayHarness } from './harness';

/**
 * What the web client's pages cost the query service, counted with the fakes. Before the
 * DataLoaders (hand-written batching in reads.ts): the trust page's three queries made 4 + 4 + 3
 * calls, one of them the whole trust list; the intervention list made 2, one of them the whole
 * trust list; evidence paged through every intervention (1 + 3 pages of 200 for 450 interventions).
 */

const harness = useGatewayHarness({ id: 'alice', role: 'TRUST_EDITOR', trustCode: 'RJ1' } satisfies Actor);

// The web's trust page: TrustPage, TrustSpc and TrustPeers (apps/web/src/graphql/trusts.ts), trimmed to what costs calls.
const TRUST_PAGE = `query TrustPage($code: ID!) { trust(code: $code) { code name kind region interventionCount
  context { kind region beds effectiveFrom reason }
  interventions(first: 100) { totalCount edges { cursor node { id title category status sharing startedOn trust { code } } } }
  series { trustCode metric metricInfo { code name unit } observations { period value corrected } rebasePeriods corrections { period reason } } } }`;
const TRUST_SPC = `query TrustSpc($code: ID!) { trust(code: $code) { code series { trustCode metric spc { mean lpl upl points { period } } } } }`;
const TRUST_PEERS = `query TrustPeers($code: ID!) { trust(code: $code) { code peers(limit: 5) { trust { code name kind region } distance } } }`;
const INTERVENTION_LIST = `{ interventions(first: 50) { totalCount edges { node { id title status trust { code name } } } } }`;
const EVIDENCE = `{ evidence(metric: "ae-4hr") { k studies { title intervention { id trust { code } } } } }`;

const TRUSTS = ['RJ1', 'RXH', 'RJZ', 'R1H', 'RYJ'];

beforeEach(() => {
  const q = harness.queries;
  q.trusts = TRUSTS.map((code) => trustView(code));
  q.interventions = Array.from({ length: 450 }, (_, i) => interventionView(`i${i}`, { trustCode: TRUSTS[i % 3] as string }));
  q.series = [seriesView('RJ1', 'ae-4hr'), seriesView('RJ1', 'rtt-18wk')];
  q.spcs = [spcView('RJ1', 'ae-4hr'), spcView('RJ1', 'rtt-18wk')];
  q.peers.set('RJ1', [peerView('RXH', 0.4), peerView('RJZ', 0.9), peerView('R1H', 1.3)]);
  // The query service's paging: cursors are offsets, at most 200 a page.
  q.page = (query) => {
    const from = Number(query.after ?? 0);
    const items = q.interventions
      .filter((item) => !query.trustCode || item.trustCode === query.trustCode)
      .slice(from, from + Math.min(query.first ?? 200, 200));
    return { items, totalCount: 450, hasNextPage: from + items.length < 450, endCursor: String(from + items.length) };
  };
});

async function callsOf(query: string, variables: Record<string, unknown> = {}): Promise<string[]> {
  harness.queries.calls.length = 0;
  const result = await harness.run(query, variables);
  expect(result.errors).toBeUndefined();
  return harness.queries.calls.map((call) => call.method);
}

it('the trust page: 3 + 3 + 3 calls, no whole list', async () => {
  expect(await callsOf(TRUST_PAGE, { code: 'RJ1' })).toEqual(['getTrust', 'listInterventions', 'listTrustSeries']);
  expect(await callsOf(TRUST_SPC, { code: 'RJ1' })).toEqual(['getTrust', 'listTrustSeries', 'getSpcOf']);
  expect(await callsOf(TRUST_PEERS, { code: 'RJ1' })).toEqual(['getTrust', 'getPeersOf', 'getTrusts']);
  expect(harness.queries.callsTo('getTrusts')[0]?.args).toEqual([['RXH', 'RJZ', 'R1H']]);
});

it('every trust with its peers: one batch read of peers, not one call per trust', async () => {
  harness.queries.peers.set('RXH', [peerView('RJ1', 0.4)]);
  const calls = await callsOf(`{ trusts { code peers(limit: 10) { distance trust { code } } } }`);
  // The peers' trusts are among the listed ones, which the list primes into the trust loader.
  expect(calls).toEqual(['listTrusts', 'getPeersOf']);
  expect(harness.queries.callsTo('getPeersOf')[0]?.args).toEqual([TRUSTS, 10]);
});

it('the intervention list: one page and one batch read of its trusts', async () => {
  expect(await callsOf(INTERVENTION_LIST)).toEqual(['listInterventions', 'getTrusts']);
  expect(harness.queries.callsTo('getTrusts')[0]?.args).toEqual([['RJ1', 'RXH', 'RJZ']]);
});

it('the intervention list with outcomes and their SPC: one batch read of each, not one call per intervention', async () => {
  for (let i = 0; i < 50; i++) harness.queries.outcomes.set(`i${i}`, []);
  const calls = await callsOf(`{ interventions(first: 50) { edges { node { id trust { code } outcomes { metric spc { mean } } } } } }`);
  expect(calls).toEqual(['listInterventions', 'getTrusts', 'getOutcomesOf']);
  expect((harness.queries.callsTo('getOutcomesOf')[0]?.args[0] as string[]).length).toBe(50);
});

it('evidence: the studies cost one batch read of their ids, however long the intervention list', async () => {
  const studies = [5, 230, 449].map((i) => ({
    interventionId: `i${i}`,
    trustCode: TRUSTS[i % 3] as string,
    title: `Study ${i}`,
    approach: 'SYSTEMIC' as const,
    effect: 1,
    standardError: 1,
    shrunkEffect: 1,
    sustainability: 'SUSTAINED' as const,
    balancingConcern: false,
  }));
  harness.queries.evidence = (metric) => evidenceView(metric, undefined, { k: 3, studies });
  expect(await callsOf(EVIDENCE)).toEqual(['getEvidence', 'getInterventions', 'getTrusts']);
  expect(harness.queries.callsTo('getInterventions')[0]?.args).toEqual([['i5', 'i230', 'i449']]);
  expect(harness.queries.callsTo('listInterventions')).toHaveLength(0);
});

it('metric coverage: the whole catalogue costs one call, and a metric nobody records covers no trusts', async () => {
  harness.queries.series = [seriesView('RJ1', 'ae-4hr'), seriesView('RXH', 'ae-4hr', { observations: [{ period: '2023-11', value: 70, corrected: false }] })];
  expect(await callsOf('{ metrics { code coverage { trusts firstPeriod latestPeriod } } }')).toEqual(['listMetricCoverage']);
  const result = await harness.run('{ metrics { code coverage { trusts firstPeriod latestPeriod } } }');
  const metrics = (result.data?.['metrics'] ?? []) as { code: string; coverage: unknown }[];
  expect(metrics.find((m) => m.code === 'ae-4hr')?.coverage).toEqual({ trusts: 2, firstPeriod: '2023-11', latestPeriod: '2024-02' });
  expect(metrics.find((m) => m.code === 'rtt-18wk')?.coverage).toEqual({ trusts: 0, firstPeriod: null, latestPeriod: null });
});
