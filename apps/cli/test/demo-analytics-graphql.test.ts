import { generateDemoData } from '../src/demo';
import { sendSteps } from '../src/platform/demo-loader';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '../src/platform/embedded-platform';
import { cliClients, DEMO_LOADER } from '../src/platform/service-key';
import { signDevToken } from '@longview/gateway';
import { graphqlData } from './support';

jest.setTimeout(180_000);

/**
 * The analytics through the product: the demo data loaded through the command path, then
 * asked through GraphQL. The demo's generator knows which interventions' effects last and
 * which fade; the verdicts the API gives must agree with the data.
 */
describe('analytics through GraphQL on the demo data (embedded)', () => {
  const plan = generateDemoData(20161);
  let platform: EmbeddedPlatform;
  let url: string;
  /** The demo's interventions are PRIVATE, TRUSTS and PUBLIC: an admin sees them all (visibility has its own tests). */
  let admin: Record<string, string>;

  beforeAll(async () => {
    platform = await startEmbeddedPlatform({ gatewayPort: 0, commandPort: 0, queryPort: 0 });
    url = platform.gatewayUrl as string;
    admin = { authorization: `Bearer ${signDevToken({ role: 'admin' }, platform.jwtSecret)}` };
    const { commands } = cliClients({ commandUrl: platform.commandService.url, queryUrl: platform.queryService.url }, platform.serviceKey, DEMO_LOADER);
    await sendSteps(commands, plan.steps, { idPrefix: 'demo' });
    await platform.queryService.follower?.catchUp();
  });
  afterAll(async () => {
    await platform.stop();
  });

  it('gives lasting interventions SUSTAINED and fading ones FADED', async () => {
    const judged = plan.expectations.filter((e) => e.effect !== 'NONE');
    expect(judged.length).toBeGreaterThan(20);
    const verdicts: { effect: string; verdict: string | undefined }[] = [];
    for (const expectation of judged) {
      const { intervention } = await graphqlData<{ intervention: { outcomes: { metric: string; sustainability: string }[] } }>(
        url,
        `query($id: ID!) { intervention(id: $id) { outcomes { metric sustainability } } }`,
        { id: expectation.interventionId },
        admin,
      );
      verdicts.push({ effect: expectation.effect, verdict: intervention.outcomes.find((o) => o.metric === expectation.metric)?.sustainability });
    }
    expect(verdicts.filter((v) => v.effect === 'LASTING').map((v) => v.verdict)).toEqual(judged.filter((e) => e.effect === 'LASTING').map(() => 'SUSTAINED'));
    expect(verdicts.filter((v) => v.effect === 'FADING').map((v) => v.verdict)).toEqual(judged.filter((e) => e.effect === 'FADING').map(() => 'FADED'));
  });

  it('answers spc, peers, evidence and systemProjection', async () => {
    const acute = plan.expectations.find((e) => e.metric === 'ae-4hr');
    if (!acute) throw new Error('the demo has no ae-4hr intervention');
    const { trust } = await graphqlData<{
      trust: {
        peers: { distance: number; trust: { code: string } }[];
        series: { spc: { chart: string; mean: number; upl: number; lpl: number; points: { rule: string }[] } }[];
      };
    }>(
      url,
      `query($code: ID!) { trust(code: $code) { peers(limit: 3) { distance trust { code } } series(metric: "ae-4hr") { spc { chart mean lpl upl points { rule } } } } }`,
      { code: acute.trustCode },
      admin,
    );
    expect(trust.peers).toHaveLength(3);
    expect(trust.peers.map((p) => p.trust.code)).not.toContain(acute.trustCode);
    const spc = trust.series[0]?.spc;
    expect(spc?.points).toHaveLength(36);
    expect(spc?.lpl).toBeLessThan(spc?.mean as number);
    expect(spc?.upl).toBeGreaterThan(spc?.mean as number);

    const { evidence } = await graphqlData<{
      evidence: { k: number; pooledEffect: number; ciLow: number; ciHigh: number; sustainedShare: number; method: { estimator: string; test: string } };
    }>(url, `{ evidence(metric: "ae-4hr") { k pooledEffect ciLow ciHigh sustainedShare method { estimator test } } }`, {}, admin);
    expect(evidence.k).toBeGreaterThan(3);
    expect(evidence.method).toEqual({ estimator: 'REML', test: 'knha' });
    expect(spc?.chart).toBe('xmr');
    expect(evidence.ciLow).toBeLessThan(evidence.pooledEffect);
    expect(evidence.ciHigh).toBeGreaterThan(evidence.pooledEffect);
    expect(evidence.sustainedShare).toBeGreaterThan(0);

    const query = `{ systemProjection(metric: "ae-4hr", region: "LONDON", horizonMonths: 12, scenario: { category: PATIENT_FLOW, adopters: 3, seed: 5, draws: 2000 }) {
      trusts statusQuo { p50 } scenario { adopters { code region } difference { p50 } } } }`;
    const first = await graphqlData<{
      systemProjection: { trusts: number; statusQuo: unknown[]; scenario: { adopters: { region: string }[]; difference: { p50: number }[] } };
    }>(url, query, {}, admin);
    expect(first.systemProjection.statusQuo).toHaveLength(12);
    expect(first.systemProjection.scenario.adopters.map((a) => a.region)).toEqual(['LONDON', 'LONDON', 'LONDON']);
    expect(await graphqlData(url, query, {}, admin)).toEqual(first);
  });
});
