import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

  beforeAll(async () => {
    platform = await startEmbeddedPlatform({ gatewayPort: 0, commandPort: 0, queryPort: 0 });
    url = platform.gatewayUrl as string;
    await graphqlData(url, `mutation($input: RegisterTrustInput!) { registerTrust(input: $input) { position trust { code } } }`, { input: TRUST });
  });
  afterAll(async () => {
    await platform.stop();
  });

  it('registers a trust and finds it by search and region', async () => {
    const data = await graphqlData<{ trusts: { code: string; name: string; context: { beds: number } }[] }>(
      url,
      `{ trusts(filter: { search: "quayside", region: NORTH_WEST }) { code name context { beds } } }`,
    );
    expect(data.trusts).toEqual([{ code: 'ZQ1', name: TRUST.name, context: { beds: 640 } }]);
  });

  it('returns a proposed intervention at once, in the payload and from intervention(id)', async () => {
    const proposed = await graphqlData<{ proposeIntervention: { position: string; intervention: { id: string; status: string } } }>(url, PROPOSE, {
      input: proposal(),
    });
    const { id } = proposed.proposeIntervention.intervention;
    expect(proposed.proposeIntervention.intervention.status).toBe('PROPOSED');
    expect(BigInt(proposed.proposeIntervention.position)).toBeGreaterThan(0n);

    const read = await graphqlData<{ intervention: { id: string; title: string; trust: { name: string }; history: { type: string }[] } }>(
      url,
      `query($id: ID!) { intervention(id: $id) { id title trust { name } history { type } } }`,
      { id },
    );
    expect(read.intervention).toEqual({ id, title: 'Same-day emergency care', trust: { name: TRUST.name }, history: [{ type: 'InterventionProposed' }] });
  });

  it('runs an intervention through its lifecycle', async () => {
    const { proposeIntervention } = await graphqlData<{ proposeIntervention: { intervention: { id: string } } }>(url, PROPOSE, {
      input: proposal({ title: 'Discharge to assess' }),
    });
    const id = proposeIntervention.intervention.id;
    await graphqlData(url, `mutation($id: ID!) { startIntervention(input: { interventionId: $id, startedOn: "2025-03-03" }) { position } }`, { id });
    await graphqlData(
      url,
      `mutation($id: ID!) { logPdsaCycle(input: { interventionId: $id, plan: "Test a discharge huddle", do: "Ran it on two wards", study: "Earlier discharges", act: "Spread to all wards", cycleDate: "2025-04-01" }) { position } }`,
      { id },
    );
    const done = await graphqlData<{
      completeIntervention: { intervention: { status: string; completedOn: string; pdsaCycles: { cycleNumber: number; act: string }[] } };
    }>(
      url,
      `mutation($id: ID!) { completeIntervention(input: { interventionId: $id, completedOn: "2025-09-30" }) { intervention { status completedOn pdsaCycles { cycleNumber act } } } }`,
      { id },
    );
    expect(done.completeIntervention.intervention).toEqual({
      status: 'COMPLETED',
      completedOn: '2025-09-30',
      pdsaCycles: [{ cycleNumber: 1, act: 'Spread to all wards' }],
    });

    const again = await graphql(
      url,
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
    await graphqlData(url, `mutation($input: RecordObservationsInput!) { recordObservations(input: $input) { position } }`, {
      input: { trustCode: TRUST.code, metric: 'ae-4hr', observations, source: 'test' },
    });
    const twice = await graphql(
      url,
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
    await graphqlData(
      url,
      `mutation { correctObservation(input: { trustCode: "ZQ1", metric: "ae-4hr", period: "2024-03", value: 81.5, reason: "Late returns" }) { position } }`,
    );
    const rebased = await graphqlData<{
      rebaseSeries: { series: { rebasePeriods: string[]; observations: { period: string; value: number; corrected: boolean }[] } };
    }>(
      url,
      `mutation { rebaseSeries(input: { trustCode: "ZQ1", metric: "ae-4hr", fromPeriod: "2025-01", reason: "New front door" }) { series { rebasePeriods observations { period value corrected } } } }`,
    );
    const series = rebased.rebaseSeries.series;
    expect(series.rebasePeriods).toEqual(['2025-01']);
    expect(series.observations).toHaveLength(14);
    expect(series.observations.find((o) => o.period === '2024-03')).toEqual({ period: '2024-03', value: 81.5, corrected: true });
  });

  it('rejects invalid input with field messages, and unknown streams with NOT_FOUND', async () => {
    const invalid = await graphql(url, PROPOSE, { input: proposal({ title: '  ', targets: [{ metric: 'no-such-metric', direction: 'INCREASE' }] }) });
    expect(invalid.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(invalid.errors?.[0]?.extensions?.fields?.map((f) => f.path).sort()).toEqual(['targets.0.metric', 'title']);

    const outOfRange = await graphql(
      url,
      `
        mutation {
          recordObservations(input: { trustCode: "ZQ1", metric: "ae-4hr", observations: [{ period: "2023-01", value: 140 }] }) {
            position
          }
        }
      `,
    );
    expect(outOfRange.errors?.[0]?.extensions?.fields?.[0]?.path).toBe('observations.0.value');

    const missing = await graphql(
      url,
      `
        mutation {
          startIntervention(input: { interventionId: "8e0c5a9e-0000-4000-8000-000000000000", startedOn: "2025-01-01" }) {
            position
          }
        }
      `,
    );
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const unknownTrust = await graphql(url, PROPOSE, { input: proposal({ trustCode: 'ZZZ' }) });
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
    const first = await graphqlData<{ proposeIntervention: { intervention: { id: string } } }>(url, PROPOSE, {
      input: proposal({ commandId, title: 'Retry me' }),
    });
    const again = await graphql<{ proposeIntervention: { intervention: { id: string } } }>(url, PROPOSE, { input: proposal({ commandId, title: 'Retry me' }) });
    expect(again.errors).toBeUndefined();
    expect(again.data?.proposeIntervention.intervention.id).toBe(first.proposeIntervention.intervention.id);
    const other = await graphql(url, PROPOSE, { input: proposal({ commandId, title: 'Something else' }) });
    expect(other.errors?.[0]?.extensions?.['code']).toBe('CONFLICT');
    expect(other.errors?.[0]?.message).toMatch(/already used for a different command/);
    const listed = await graphqlData<{ interventions: { edges: { node: { title: string } }[] } }>(
      url,
      '{ interventions(first: 100) { edges { node { title } } } }',
    );
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
