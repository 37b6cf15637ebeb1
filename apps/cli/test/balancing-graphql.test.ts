import { codeOf, embeddedGraphQL, peopleAt } from './support';

/**
 * Process and balancing measures end to end through GraphQL, per role, on an embedded platform.
 * ZB1 defines a local measure, records A&E 4-hour performance that improves from 2022-01, length
 * of stay that rises at the same time, and its local measure; its PUBLIC intervention targets the
 * three with the roles OUTCOME, BALANCING and PROCESS, and a PRIVATE one repeats the pattern. The
 * outcome is flagged "improved, but shifted the problem", and evidence counts it apart, counting
 * only what the viewer may see.
 */

jest.setTimeout(180_000);

const ROLES = peopleAt('ZB1', 'ZB2');
type RoleName = keyof typeof ROLES;

const DEFINE = `mutation($input: DefineLocalMeasureInput!) { defineLocalMeasure(input: $input) { position localMeasure { code trustCode name unit direction } } }`;
const RECORD = `mutation($input: RecordObservationsInput!) { recordObservations(input: $input) { position } }`;
const PROPOSE = `mutation($input: ProposeInterventionInput!) { proposeIntervention(input: $input) { intervention { id targets { metric role metricInfo { name } } } } }`;
const START = `mutation($id: ID!) { startIntervention(input: { interventionId: $id, startedOn: "2022-01-10" }) { position } }`;
const OUTCOMES = `query($id: ID!) { intervention(id: $id) { id outcomes { metric role balancingConcern sustainability reason metricInfo { name unit } } } }`;
const EVIDENCE = `query($metric: String!) { evidence(metric: $metric) { k shiftedProblem verdicts { sustainability count } studies { title balancingConcern } } }`;

// set.seed(123); rnorm(20): deterministic common-cause noise.
const NOISE = [
  -0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774, 1.71506499, 0.46091621, -1.26506123, -0.68685285, -0.44566197, 1.2240818, 0.35981383,
  0.40077145, 0.11068272, -0.55584113, 1.78691314, 0.49785048, -1.96661716, 0.7013559, -0.47279141,
];
/** 24 baseline months from 2020-01 at `level` (noise scaled by `sd`), then 14 months shifted by `shift`. */
function series(level: number, sd: number, shift: number): { period: string; value: number }[] {
  return Array.from({ length: 38 }, (_, i) => ({
    period: `${2020 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
    value: Math.round((level + sd * (NOISE[(i * 7) % NOISE.length] as number) + (i >= 24 ? shift : 0)) * 100) / 100,
  }));
}

type Outcome = {
  metric: string;
  role: string;
  balancingConcern: boolean;
  sustainability: string;
  reason: string;
  metricInfo: { name: string; unit: string } | null;
};

describe('process and balancing measures through GraphQL (embedded)', () => {
  let local = '';
  let publicId = '';
  let privateId = '';

  const api = embeddedGraphQL(ROLES);
  const { ask, must } = api;
  const proposal = (sharing: string, targets: unknown[]) => ({
    input: {
      trustCode: 'ZB1',
      title: `Rapid admission (${sharing})`,
      summary: 'Admit from ED sooner',
      category: 'PATIENT_FLOW',
      approach: 'QUICK_FIX',
      targets,
      sharing,
    },
  });

  beforeAll(async () => {
    await api.start();
    for (const code of ['ZB1', 'ZB2']) {
      await must('admin', `mutation($input: RegisterTrustInput!) { registerTrust(input: $input) { position } }`, {
        input: { code, name: `${code} Hospitals NHS Trust`, context: { kind: 'ACUTE', region: 'LONDON' }, effectiveFrom: '2019-04-01' },
      });
    }
  });
  afterAll(() => api.stop());

  it('a trust editor defines a local measure for their own trust only; its code is generated', async () => {
    const input = { trustCode: 'ZB1', name: 'Patients streamed to UTC', unit: '%', direction: 'INCREASE' };
    const defined = await must<{ defineLocalMeasure: { localMeasure: { code: string } } }>('owner', DEFINE, { input });
    expect(defined.defineLocalMeasure.localMeasure).toEqual({
      code: 'local-zb1-patients-streamed-to-utc',
      trustCode: 'ZB1',
      name: 'Patients streamed to UTC',
      unit: '%',
      direction: 'INCREASE',
    });
    local = defined.defineLocalMeasure.localMeasure.code;

    expect(codeOf(await ask('other', DEFINE, { input: { ...input, name: 'Other' } }))).toBe('FORBIDDEN');
    expect(codeOf(await ask('community', DEFINE, { input: { ...input, name: 'Other' } }))).toBe('FORBIDDEN');
    expect(codeOf(await ask('policymaker', DEFINE, { input: { ...input, name: 'Other' } }))).toBe('FORBIDDEN');
    expect(codeOf(await ask(null, DEFINE, { input: { ...input, name: 'Other' } }))).toBe('UNAUTHENTICATED');
    const again = await ask('owner', DEFINE, { input: { ...input, name: 'patients STREAMED to utc' } });
    expect(codeOf(again)).toBe('CONFLICT');
    expect(again.errors?.[0]?.message).toMatch(/already has a local measure named "Patients streamed to UTC"/);
    const blank = await ask('owner', DEFINE, { input: { ...input, name: ' ', unit: '' } });
    expect(codeOf(blank)).toBe('BAD_USER_INPUT');
    expect(blank.errors?.[0]?.extensions?.fields).toEqual([
      { path: 'name', message: 'is required' },
      { path: 'unit', message: 'is required' },
    ]);
    expect(blank.errors?.[0]?.message).not.toMatch(/DefineLocalMeasure/);
    // An admin may define one for any trust.
    await must('admin', DEFINE, { input: { ...input, trustCode: 'ZB2', name: 'Corridor care hours', unit: 'hours', direction: 'DECREASE' } });

    // Public, like the trust's profile.
    const listed = await must<{ trust: { localMeasures: { code: string }[] } }>('community', `{ trust(code: "ZB1") { localMeasures { code } } }`);
    expect(listed.trust.localMeasures.map((m) => m.code)).toEqual([local]);
  });

  it('records data for the local measure like a catalogue metric, for its own trust only', async () => {
    await must('owner', RECORD, { input: { trustCode: 'ZB1', metric: 'ae-4hr', observations: series(72, 1, 5) } });
    await must('owner', RECORD, { input: { trustCode: 'ZB1', metric: 'nel-los', observations: series(5, 0.2, 0.9) } });
    await must('owner', RECORD, { input: { trustCode: 'ZB1', metric: local, observations: series(20, 1.5, 18) } });
    const elsewhere = await ask('admin', RECORD, { input: { trustCode: 'ZB2', metric: local, observations: series(20, 1, 0) } });
    expect(codeOf(elsewhere)).toBe('BAD_USER_INPUT');
    expect(elsewhere.errors?.[0]?.extensions?.fields?.[0]).toEqual({
      path: 'metric',
      message: `is not a metric in the catalogue or a local measure of trust ZB2: ${local}`,
    });

    const seen = await must<{ series: { metricInfo: { name: string; unit: string; improvement: string }; spc: { direction: string; points: unknown[] } } }>(
      'community',
      `query($metric: String!) { series(trustCode: "ZB1", metric: $metric) { metricInfo { name unit improvement } spc { direction points { period } } } }`,
      { metric: local },
    );
    expect(seen.series.metricInfo).toEqual({ name: 'Patients streamed to UTC', unit: '%', improvement: 'INCREASE' });
    expect(seen.series.spc.points).toHaveLength(38);
  });

  it('needs an outcome among the targets, and accepts each role (OUTCOME by default)', async () => {
    const noOutcome = await ask('owner', PROPOSE, proposal('PUBLIC', [{ metric: 'nel-los', direction: 'DECREASE', role: 'BALANCING' }]));
    expect(codeOf(noOutcome)).toBe('BAD_USER_INPUT');
    expect(noOutcome.errors?.[0]?.extensions?.fields?.[0]?.message).toMatch(/^must include at least one outcome measure/);

    const targets = [
      { metric: 'ae-4hr', direction: 'INCREASE' },
      { metric: 'nel-los', direction: 'DECREASE', role: 'BALANCING' },
      { metric: local, direction: 'INCREASE', role: 'PROCESS' },
    ];
    const proposed = await must<{
      proposeIntervention: { intervention: { id: string; targets: { metric: string; role: string; metricInfo: { name: string } | null }[] } };
    }>('owner', PROPOSE, proposal('PUBLIC', targets));
    expect(proposed.proposeIntervention.intervention.targets).toEqual([
      { metric: 'ae-4hr', role: 'OUTCOME', metricInfo: { name: 'A&E 4-hour performance' } },
      { metric: 'nel-los', role: 'BALANCING', metricInfo: { name: 'Non-elective length of stay' } },
      { metric: local, role: 'PROCESS', metricInfo: { name: 'Patients streamed to UTC' } },
    ]);
    publicId = proposed.proposeIntervention.intervention.id;
    privateId = (await must<{ proposeIntervention: { intervention: { id: string } } }>('owner', PROPOSE, proposal('PRIVATE', targets))).proposeIntervention
      .intervention.id;
    for (const id of [publicId, privateId]) await must('owner', START, { id });
  });

  it('marks the improvement whose balancing measure rose after the start, naming it in the verdict', async () => {
    const { intervention } = await must<{ intervention: { outcomes: Outcome[] } }>('community', OUTCOMES, { id: publicId });
    const [outcome, balancing, process] = intervention.outcomes;
    expect(outcome).toMatchObject({ metric: 'ae-4hr', role: 'OUTCOME', balancingConcern: true });
    expect(['SUSTAINED', 'NOT_YET_EVIDENT', 'FADED']).toContain(outcome?.sustainability);
    expect(outcome?.reason).toMatch(/It improved, but non-elective length of stay rose after the start \(.+ in 2022-0\d\): the problem may have shifted\.$/);
    expect(balancing).toMatchObject({ metric: 'nel-los', role: 'BALANCING', balancingConcern: true, sustainability: 'DETERIORATED' });
    expect(balancing?.reason).toMatch(/This balancing measure rose after the start .* while A&E 4-hour performance improved: the problem may have shifted\./);
    expect(process).toMatchObject({ metric: local, role: 'PROCESS', balancingConcern: false, metricInfo: { name: 'Patients streamed to UTC', unit: '%' } });
  });

  it.each<[string, RoleName | null, number]>([
    ['the public', null, 1],
    ['the community', 'community', 1],
    ['an editor of another trust', 'other', 1],
    ['a policymaker', 'policymaker', 1],
    ['an editor of the trust', 'owner', 2],
    ['an admin', 'admin', 2],
  ])('evidence counts "improved, but shifted the problem" apart, over what %s may see', async (_name, role, visible) => {
    const answer = await ask<{ evidence: { k: number; shiftedProblem: number; studies: { balancingConcern: boolean }[] } }>(role, EVIDENCE, {
      metric: 'ae-4hr',
    });
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.evidence.shiftedProblem).toBe(visible);
    expect(answer.data?.evidence.studies.map((s) => s.balancingConcern)).toEqual(Array<boolean>(visible).fill(true));
    // A balancing measure is not what the interventions set out to improve: no evidence on it.
    const onBalancing = await ask<{ evidence: { k: number; shiftedProblem: number } }>(role, EVIDENCE, { metric: 'nel-los' });
    expect(onBalancing.data?.evidence).toMatchObject({ k: 0, shiftedProblem: 0 });
  });

  it('hides a private intervention and its outcomes from other trusts exactly like a missing one', async () => {
    const hidden = await ask<{ intervention: null }>('other', OUTCOMES, { id: privateId });
    expect(hidden.errors).toBeUndefined();
    expect(hidden.data?.intervention).toBeNull();
  });
});
