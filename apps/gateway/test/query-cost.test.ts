import type { Actor } from '@longview/domain';
import { interventionView, peerView, seriesView, spcView, trustView } from './fakes';
import { useGatewayHarness } from './harness';

const harness = useGatewayHarness({ id: 'alice', role: 'TRUST_EDITOR', trustCode: 'RJ1' } satisfies Actor);

const TRUST_PAGE = `query TrustPage($code: ID!) { trust(code: $code) { code name kind region interventionCount
  context { kind region beds effectiveFrom reason }
  interventions(first: 100) { totalCount edges { cursor node { id title category status sharing startedOn trust { code } } } }
  series { trustCode metric metricInfo { code name unit } observations { period value corrected } rebasePeriods corrections { period reason } } } }`;
const TRUST_SPC = `query TrustSpc($code: ID!) { trust(code: $code) { code series { trustCode metric spc { mean lpl upl points { period } } } } }`;
const TRUST_PEERS = `query TrustPeers($code: ID!) { trust(code: $code) { code peers(limit: 5) { trust { code name kind region } distance } } }`;
const INTERVENTION_LIST = `{ interventions(first: 50) { totalCount edges { node { id title status trust { code name } } } } }`;
const EVIDENCE = `{ evidence(metric: "ae-4hr") { k studies { title intervention { id trust { code } } } } }`;

function seed(): void {
  const q = harness.queries;
  q.trusts = ['RJ1', 'RXH', 'RJZ', 'R1H', 'RYJ'].map((code) => trustView(code));
  q.interventions = Array.from({ length: 450 }, (_, i) => interventionView(`i${i}`, { trustCode: ['RJ1', 'RXH', 'RJZ'][i % 3] as string }));
  q.series = [seriesView('RJ1', 'ae-4hr'), seriesView('RJ1', 'rtt-18wk')];
  q.spcs = [spcView('RJ1', 'ae-4hr'), spcView('RJ1', 'rtt-18wk')];
  q.peers.set('RJ1', [peerView('RXH', 0.4), peerView('RJZ', 0.9), peerView('R1H', 1.3)]);
}

async function cost(query: string, variables: Record<string, unknown> = {}): Promise<string[]> {
  harness.queries.calls.length = 0;
  const result = await harness.run(query, variables);
  expect(result.errors).toBeUndefined();
  return harness.queries.calls.map((call) => call.method);
}

it('counts query-service calls', async () => {
  seed();
  const page = await cost(TRUST_PAGE, { code: 'RJ1' });
  const spc = await cost(TRUST_SPC, { code: 'RJ1' });
  const peers = await cost(TRUST_PEERS, { code: 'RJ1' });
  // The query service's paging: cursors are offsets, at most 200 a page.
  harness.queries.page = (query) => {
    const from = Number(query.after ?? 0);
    const items = harness.queries.interventions.slice(from, from + Math.min(query.first ?? 200, 200));
    return { items, totalCount: 450, hasNextPage: from + items.length < 450, endCursor: String(from + items.length) };
  };
  const list = await cost(INTERVENTION_LIST);
  const studies = [5, 230, 449].map((i) => ({ interventionId: `i${i}`, trustCode: 'RJ1', title: `S${i}`, approach: 'SYSTEMIC' as const, effect: 1, standardError: 1, shrunkEffect: 1, sustainability: 'SUSTAINED' as const }));
  harness.queries.evidence = (metric) => ({ metric, category: null, k: 3, pooledEffect: null, se: null, ciLow: null, ciHigh: null, predictionLow: null, predictionHigh: null, i2: null, tau2: null, q: null, sustainedShare: null, verdicts: {}, studies });
  const evidence = await cost(EVIDENCE);
  console.log(JSON.stringify({ page, spc, peers, list, evidence }, null, 1));
});
