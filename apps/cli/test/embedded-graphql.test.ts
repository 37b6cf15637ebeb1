import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signDevToken } from '@longview/gateway';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '../src/platform/embedded-platform';
import { graphql, graphqlData } from './support';

jest.setTimeout(60_000);

const TRUST = {
  code: 'ZQ1',
  name: 'Quayside Hospitals NHS Foundation Trust',
  context: { kind: 'ACUTE', region: 'NORTH_WEST', beds: 640, oversightSegment: 2 },
  effectiveFrom: '2021-04-01',
};

const PROPOSE = `mutation($input: ProposeInterventionInput!) {
  proposeIntervention(input: $input) { position intervention { id title status sharing trust { code name } targets { metric direction } } }
}`;

const proposal = (overrides: Record<string, unknown> = {}) => ({
  trustCode: TRUST.code,
  title: 'Same-day emergency care',
  summary: 'Stream ambulatory patients to an SDEC unit instead of the main ED',
  category: 'PATIENT_FLOW',
  rootCause: 'Ambulatory patients queue behind majors',
  approach: 'SYSTEMIC',
  targets: [{ metric: 'ae-4hr', direction: 'INCREASE' }],
  sharing: 'PUBLIC',
  ...overrides,
});

describe('a command through command-service, into the projections, back through GraphQL (embedded)', () => {
  let platform: EmbeddedPlatform;
  let url: string;
  // Without a token nothing is written, in every mode: the suite signs in with the platform's local key.
  let editorAuth: Record<string, string>;
  let adminAuth: Record<string, string>;
  const editor = <T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}) => graphql<T>(url, query, variables, editorAuth);
  const editorData = <T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}) => graphqlData<T>(url, query, variables, editorAuth);

  beforeAll(async () => {
    platform = await startEmbeddedPlatform({ gatewayPort: 0, commandPort: 0, queryPort: 0 });
    url = platform.gatewayUrl as string;
    editorAuth = { authorization: `Bearer ${signDevToken({ role: 'TRUST_EDITOR', trust: TRUST.code }, platform.jwtSecret)}` };
    adminAuth = { authorization: `Bearer ${signDevToken({ role: 'ADMIN' }, platform.jwtSecret)}` };
    await graphqlData(url, `mutation($input: RegisterTrustInput!) { registerTrust(input: $input) { position trust { code } } }`, { input: TRUST }, adminAuth);
  });
  afterAll(async () => {
    await platform.stop();
  });

  it('without a token is public and read only: a mutation is UNAUTHENTICATED and writes nothing', async () => {
    const head = await platform.eventStore.headPosition();
    const anonymous = await graphql(url, PROPOSE, { input: proposal({ title: 'Anonymous' }) });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.data ?? null).toBeNull();
    expect(await platform.eventStore.headPosition()).toBe(head);
    expect((await graphqlData<{ viewer: null }>(url, '{ viewer { id } }')).viewer).toBeNull();
    expect((await graphqlData<{ trust: { code: string } }>(url, '{ trust(code: "ZQ1") { code } }')).trust).toEqual({ code: 'ZQ1' });
  });

  it('registers a trust and finds it by search and region', async () => {
    const data = await editorData<{ trusts: { code: string; name: string; context: { beds: number } }[] }>(
      `{ trusts(filter: { search: "quayside", region: NORTH_WEST }) { code name context { beds } } }`,
    );
    expect(data.trusts).toEqual([{ code: 'ZQ1', name: TRUST.name, context: { beds: 640 } }]);
  });

  it('returns a proposed intervention at once, in the payload and from intervention(id)', async () => {
    const proposed = await editorData<{ proposeIntervention: { position: string; intervention: { id: string; status: string } } }>(PROPOSE, {
      input: proposal(),
    });
    const { id } = proposed.proposeIntervention.intervention;
    expect(proposed.proposeIntervention.intervention.status).toBe('PROPOSED');
    expect(BigInt(proposed.proposeIntervention.position)).toBeGreaterThan(0n);

    const read = await editorData<{ intervention: { id: string; title: string; trust: { name: string }; history: { type: string }[] } }>(
      `query($id: ID!) { intervention(id: $id) { id title trust { name } history { type } } }`,
      { id },
    );
    expect(read.intervention).toEqual({ id, title: 'Same-day emergency care', trust: { name: TRUST.name }, history: [{ type: 'InterventionProposed' }] });
  });

  it('runs an intervention through its lifecycle', async () => {
    const { proposeIntervention } = await editorData<{ proposeIntervention: { intervention: { id: string } } }>(PROPOSE, {
      input: proposal({ title: 'Discharge to assess' }),
    });
    const id = proposeIntervention.intervention.id;
    await editorData(`mutation($id: ID!) { startIntervention(input: { interventionId: $id, startedOn: "2025-03-03" }) { position } }`, { id });
    await editorData(
      `mutation($id: ID!) { logPdsaCycle(input: { interventionId: $id, plan: "Test a discharge huddle", do: "Ran it on two wards", study: "Earlier discharges", act: "Spread to all wards", cycleDate: "2025-04-01" }) { position } }`,
      { id },
    );
    const done = await editorData<{
      completeIntervention: { intervention: { status: string; completedOn: string; pdsaCycles: { cycleNumber: number; act: string }[] } };
    }>(
      `mutation($id: ID!) { completeIntervention(input: { interventionId: $id, completedOn: "2025-09-30" }) { intervention { status completedOn pdsaCycles { cycleNumber act } } } }`,
      { id },
    );
    expect(done.completeIntervention.intervention).toEqual({
      status: 'COMPLETED',
      completedOn: '2025-09-30',
      pdsaCycles: [{ cycleNumber: 1, act: 'Spread to all wards' }],
    });

    const again = await editor(
      `
        mutation ($id: ID!) {
          startIntervention(input: { interventionId: $id, startedOn: "2025-10-01" }) {
            position
          }
        }
      `,
      { id },
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('records, corrects and rebases a metric series', async () => {
    const observations = Array.from({ length: 14 }, (_, i) => ({
      period: `2024-${String((i % 12) + 1).padStart(2, '0')}`.replace(/^2024/, i < 12 ? '2024' : '2025'),
      value: 70 + i / 2,
    }));
    await editorData(`mutation($input: RecordObservationsInput!) { recordObservations(input: $input) { position } }`, {
      input: { trustCode: TRUST.code, metric: 'ae-4hr', observations, source: 'test' },
    });
    const twice = await editor(
      `
        mutation ($input: RecordObservationsInput!) {
          recordObservations(input: $input) {
            position
          }
        }
      `,
      {
        input: { trustCode: TRUST.code, metric: 'ae-4hr', observations: [{ period: '2024-03', value: 80 }] },
      },
    );
    expect(twice.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    await editorData(
      `mutation { correctObservation(input: { trustCode: "ZQ1", metric: "ae-4hr", period: "2024-03", value: 81.5, reason: "Late returns" }) { position } }`,
    );
    const rebased = await editorData<{
      rebaseSeries: { series: { rebasePeriods: string[]; observations: { period: string; value: number; corrected: boolean }[] } };
    }>(
      `mutation { rebaseSeries(input: { trustCode: "ZQ1", metric: "ae-4hr", fromPeriod: "2025-01", reason: "New front door" }) { series { rebasePeriods observations { period value corrected } } } }`,
    );
    const series = rebased.rebaseSeries.series;
    expect(series.rebasePeriods).toEqual(['2025-01']);
    expect(series.observations).toHaveLength(14);
    expect(series.observations.find((o) => o.period === '2024-03')).toEqual({ period: '2024-03', value: 81.5, corrected: true });
  });

  it('rejects invalid input with field messages, and unknown streams with NOT_FOUND', async () => {
    const invalid = await editor(PROPOSE, { input: proposal({ title: '  ', targets: [{ metric: 'no-such-metric', direction: 'INCREASE' }] }) });
    expect(invalid.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(invalid.errors?.[0]?.extensions?.fields?.map((f) => f.path).sort()).toEqual(['targets.0.metric', 'title']);

    const outOfRange = await editor(
      `
        mutation {
          recordObservations(input: { trustCode: "ZQ1", metric: "ae-4hr", observations: [{ period: "2023-01", value: 140 }] }) {
            position
          }
        }
      `,
    );
    expect(outOfRange.errors?.[0]?.extensions?.fields?.[0]?.path).toBe('observations.0.value');

    const missing = await editor(
      `
        mutation {
          startIntervention(input: { interventionId: "8e0c5a9e-0000-4000-8000-000000000000", startedOn: "2025-01-01" }) {
            position
          }
        }
      `,
    );
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // An admin may act for any trust, so an unknown one is NOT_FOUND (a trust editor of ZQ1 would be FORBIDDEN first).
    const unknownTrust = await graphql(url, PROPOSE, { input: proposal({ trustCode: 'ZZZ' }) }, adminAuth);
    expect(unknownTrust.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await graphqlData<{ trust: null }>(url, `{ trust(code: "ZZZ") { code } }`)).trust).toBeNull();
  });

  it('lists the metric catalogue', async () => {
    const { metrics } = await graphqlData<{ metrics: { code: string }[] }>(url, `{ metrics { code } }`);
    expect(metrics.map((m) => m.code)).toEqual(
      expect.arrayContaining([
        'ae-4hr',
        'ae-12hr',
        'rtt-18wk',
        'cancer-62d',
        'bed-occupancy',
        'nel-los',
        'staff-engagement',
        'sickness-absence',
        'vacancy-rate',
      ]),
    );
  });

  it('replays a retried proposal with the same command id, and refuses that id for a different proposal', async () => {
    const commandId = 'retry-test-1';
    const first = await editorData<{ proposeIntervention: { intervention: { id: string } } }>(PROPOSE, {
      input: proposal({ commandId, title: 'Retry me' }),
    });
    const again = await editor<{ proposeIntervention: { intervention: { id: string } } }>(PROPOSE, { input: proposal({ commandId, title: 'Retry me' }) });
    expect(again.errors).toBeUndefined();
    expect(again.data?.proposeIntervention.intervention.id).toBe(first.proposeIntervention.intervention.id);
    const other = await editor(PROPOSE, { input: proposal({ commandId, title: 'Something else' }) });
    expect(other.errors?.[0]?.extensions?.['code']).toBe('CONFLICT');
    expect(other.errors?.[0]?.message).toMatch(/already used for a different command/);
    const listed = await editorData<{ interventions: { edges: { node: { title: string } }[] } }>('{ interventions(first: 100) { edges { node { title } } } }');
    expect(listed.interventions.edges.filter((e) => e.node.title === 'Retry me')).toHaveLength(1);
    expect(listed.interventions.edges.filter((e) => e.node.title === 'Something else')).toHaveLength(0);
  });
});

describe('the embedded data directory', () => {
  it('keeps the data across a restart', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'longview-restart-'));
    try {
      const first = await startEmbeddedPlatform({ dataDir: path.join(dir, 'data'), gatewayPort: 0, commandPort: 0, queryPort: 0 });
      const registered = await graphqlData<{ registerTrust: { position: string } }>(
        first.gatewayUrl as string,
        `mutation($input: RegisterTrustInput!) { registerTrust(input: $input) { position } }`,
        { input: TRUST },
        { authorization: `Bearer ${signDevToken({ role: 'ADMIN' }, first.jwtSecret)}` },
      );
      await first.stop();

      const second = await startEmbeddedPlatform({ dataDir: path.join(dir, 'data'), gatewayPort: 0, commandPort: 0, queryPort: 0 });
      try {
        expect((await second.eventStore.headPosition()).toString()).toBe(registered.registerTrust.position);
        const { trust } = await graphqlData<{ trust: { name: string } | null }>(second.gatewayUrl as string, `{ trust(code: "ZQ1") { name } }`);
        expect(trust).toEqual({ name: TRUST.name });
      } finally {
        await second.stop();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
