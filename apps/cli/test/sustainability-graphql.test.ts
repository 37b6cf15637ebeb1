import { codeOf, embeddedGraphQL, peopleAt } from './support';

/**
 * Sustainability self-assessments end to end through GraphQL, per role, on an embedded platform.
 * ZS1 owns a PUBLIC intervention whose A&E 4-hour data show a sustained shift, one whose gain
 * faded after 8 months, and a PRIVATE one; ZS2 is another trust. The team's view is set beside
 * the data verdict by the one rule of @longview/analytics (compareSustainability).
 */

jest.setTimeout(180_000);

const ROLES = peopleAt('ZS1', 'ZS2');
type RoleName = keyof typeof ROLES;

const FACTORS = [
  'BENEFITS_BEYOND_HELPING_PATIENTS',
  'CREDIBILITY_OF_THE_BENEFITS',
  'ADAPTABILITY',
  'EFFECTIVENESS_OF_MONITORING',
  'STAFF_INVOLVEMENT_AND_TRAINING',
  'STAFF_BEHAVIOURS',
  'SENIOR_LEADERSHIP_ENGAGEMENT',
  'CLINICAL_LEADERSHIP_ENGAGEMENT',
  'FIT_WITH_AIMS_AND_CULTURE',
  'INFRASTRUCTURE_FOR_SUSTAINABILITY',
] as const;
const allAt = (level: number) => FACTORS.map((factor) => ({ factor, level }));

const ASSESSMENT_FIELDS = `assessedOn total max scale note scores { factor group level score } groups { group score max } assessedBy { name role trustCode }`;
const ASSESS = `mutation($input: AssessSustainabilityInput!) { assessSustainability(input: $input) { position intervention { id sustainabilityAssessments { ${ASSESSMENT_FIELDS} } } } }`;
const ON_INTERVENTION = `query($id: ID!) { intervention(id: $id) {
  id outcomes { metric sustainability }
  sustainabilityAssessments { assessedOn total }
  sustainabilityComparison { agreement teamLikelyToLast dataLasted explanation assessment { assessedOn total } }
} }`;

/** Monthly A&E 4-hour values from 2023-01: a baseline year alternating 79/81, then `post` after a start in 2024-01. */
const series = (post: readonly number[]) =>
  [...Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? 79 : 81)), ...post].map((value, i) => ({
    period: `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
    value,
  }));
const SUSTAINED = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 90 : 92));
const FADED = [...Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? 90 : 92)), ...Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? 79 : 81))];

type Comparison = {
  agreement: string;
  teamLikelyToLast: boolean | null;
  dataLasted: boolean | null;
  explanation: string;
  assessment: { assessedOn: string; total: number } | null;
};
type OnIntervention = {
  intervention: {
    id: string;
    outcomes: { metric: string; sustainability: string }[];
    sustainabilityAssessments: { assessedOn: string; total: number }[];
    sustainabilityComparison: Comparison;
  } | null;
};

describe('sustainability self-assessment through GraphQL (embedded)', () => {
  const ids = {} as Record<'sustained' | 'faded' | 'hidden', string>;

  const api = embeddedGraphQL(ROLES);
  const { ask, must } = api;
  const assess = (role: RoleName | null, input: Record<string, unknown>) => ask(role, ASSESS, { input });
  const read = async (role: RoleName | null, id: string) => {
    const answer = await ask<OnIntervention>(role, ON_INTERVENTION, { id });
    expect(answer.errors).toBeUndefined();
    return answer.data?.intervention ?? null;
  };

  beforeAll(async () => {
    await api.start();
    for (const code of ['ZS1', 'ZS2']) {
      await must('admin', `mutation($input: RegisterTrustInput!) { registerTrust(input: $input) { position } }`, {
        input: { code, name: `${code} Hospitals NHS Trust`, context: { kind: 'ACUTE', region: 'LONDON' }, effectiveFrom: '2020-04-01' },
      });
    }
    const propose = async (title: string, sharing: string) => {
      const id = (
        await must<{ proposeIntervention: { intervention: { id: string } } }>(
          'owner',
          `mutation($input: ProposeInterventionInput!) { proposeIntervention(input: $input) { intervention { id } } }`,
          {
            input: {
              trustCode: 'ZS1',
              title,
              summary: 'A test intervention',
              category: 'PATIENT_FLOW',
              approach: 'SYSTEMIC',
              targets: [{ metric: title === 'Faded' ? 'rtt-18wk' : 'ae-4hr', direction: 'INCREASE' }],
              sharing,
            },
          },
        )
      ).proposeIntervention.intervention.id;
      await must('owner', `mutation($id: ID!) { startIntervention(input: { interventionId: $id, startedOn: "2024-01-01" }) { position } }`, { id });
      return id;
    };
    ids.sustained = await propose('Sustained', 'PUBLIC');
    ids.faded = await propose('Faded', 'PUBLIC');
    ids.hidden = await propose('Hidden', 'PRIVATE');
    const record = `mutation($input: RecordObservationsInput!) { recordObservations(input: $input) { position } }`;
    await must('owner', record, { input: { trustCode: 'ZS1', metric: 'ae-4hr', observations: series(SUSTAINED) } });
    await must('owner', record, { input: { trustCode: 'ZS1', metric: 'rtt-18wk', observations: series(FADED) } });
  });
  afterAll(() => api.stop());

  it('an editor of the intervention’s trust records an assessment: scored on Longview’s scale, by the signed-in person', async () => {
    const answer = await must<{ assessSustainability: { position: string; intervention: { sustainabilityAssessments: Record<string, unknown>[] } } }>(
      'owner',
      ASSESS,
      { input: { interventionId: ids.sustained, assessedOn: '2024-03-01', scores: allAt(2), note: 'Early days' } },
    );
    expect(answer.assessSustainability.position).toMatch(/^\d+$/);
    const [first] = answer.assessSustainability.intervention.sustainabilityAssessments;
    expect(first).toMatchObject({
      assessedOn: '2024-03-01',
      total: 33.3,
      max: 100,
      scale: 'LONGVIEW_LINEAR_V1',
      note: 'Early days',
      assessedBy: { name: 'Asha Patel', role: 'TRUST_EDITOR', trustCode: 'ZS1' },
      groups: [
        { group: 'PROCESS', score: 13.3, max: 40 },
        { group: 'STAFF', score: 13.3, max: 40 },
        { group: 'ORGANISATION', score: 6.7, max: 20 },
      ],
    });
    expect((first?.['scores'] as unknown[]).length).toBe(10);
  });

  it('the team’s doubt beside a sustained verdict: DISAGREE, in plain English', async () => {
    const seen = await read('community', ids.sustained);
    expect(seen?.outcomes).toEqual([{ metric: 'ae-4hr', sustainability: 'SUSTAINED' }]);
    expect(seen?.sustainabilityComparison).toMatchObject({ agreement: 'DISAGREE', teamLikelyToLast: false, dataLasted: true });
    expect(seen?.sustainabilityComparison.explanation).toContain('The team rates it at risk of not lasting (score 33.3 of 100, 2024-03-01)');
  });

  it('repeatable: a later, stronger assessment is the one compared, and both are kept, newest first', async () => {
    await must('admin', ASSESS, { input: { interventionId: ids.sustained, assessedOn: '2025-06-01', scores: allAt(4) } });
    const seen = await read(null, ids.sustained);
    expect(seen?.sustainabilityAssessments).toEqual([
      { assessedOn: '2025-06-01', total: 100 },
      { assessedOn: '2024-03-01', total: 33.3 },
    ]);
    expect(seen?.sustainabilityComparison).toMatchObject({ agreement: 'AGREE', assessment: { assessedOn: '2025-06-01', total: 100 } });
  });

  it('the team rates it likely to last; the data say it faded after 8 months', async () => {
    const levels = allAt(3).map((s, i) => (i < 4 ? { ...s, level: 4 } : s));
    await must('owner', ASSESS, { input: { interventionId: ids.faded, assessedOn: '2025-01-15', scores: levels } });
    const seen = await read('other', ids.faded);
    expect(seen?.outcomes[0]?.sustainability).toBe('FADED');
    expect(seen?.sustainabilityComparison.agreement).toBe('DISAGREE');
    expect(seen?.sustainabilityComparison.explanation).toMatch(
      /^The team rates it likely to last \(score 80 of 100, 2025-01-15\); but the data say RTT .* faded after 8 months\./,
    );
  });

  it('NO_DATA before any assessment', async () => {
    const seen = await read('owner', ids.hidden);
    expect(seen?.sustainabilityComparison).toMatchObject({ agreement: 'NO_DATA', assessment: null });
  });

  it.each<[RoleName | null, string]>([
    [null, 'UNAUTHENTICATED'],
    ['other', 'FORBIDDEN'],
    ['community', 'FORBIDDEN'],
    ['policymaker', 'FORBIDDEN'],
  ])('refused for %s on a public intervention (%s), and nothing is written', async (role, code) => {
    const before = await api.platform.eventStore.headPosition();
    const answer = await assess(role, { interventionId: ids.sustained, assessedOn: '2025-07-01', scores: allAt(3) });
    expect(codeOf(answer)).toBe(code);
    expect(await api.platform.eventStore.headPosition()).toBe(before);
  });

  it('a hidden intervention is missing: its assessments too, and another trust’s editor gets NOT_FOUND as for no intervention at all', async () => {
    await must('owner', ASSESS, { input: { interventionId: ids.hidden, assessedOn: '2025-02-01', scores: allAt(3) } });
    expect((await read('owner', ids.hidden))?.sustainabilityAssessments).toEqual([{ assessedOn: '2025-02-01', total: 66.7 }]);
    expect(await read('community', ids.hidden)).toBeNull();
    expect(await read('other', ids.hidden)).toBeNull();
    const hidden = await assess('other', { interventionId: ids.hidden, assessedOn: '2025-03-01', scores: allAt(3) });
    const missing = await assess('other', { interventionId: '0b9f3c1e-0000-4000-8000-000000000000', assessedOn: '2025-03-01', scores: allAt(3) });
    expect(codeOf(hidden)).toBe('NOT_FOUND');
    expect(hidden.errors?.[0]?.message).toBe(missing.errors?.[0]?.message.replace('0b9f3c1e-0000-4000-8000-000000000000', ids.hidden));
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['a factor missing', { scores: allAt(3).slice(1) }, /every factor needs a level; missing: Benefits beyond helping patients/],
    ['a factor twice', { scores: [...allAt(3).slice(1), { factor: 'ADAPTABILITY', level: 2 }] }, /is scored more than once/],
    ['a level out of range', { scores: allAt(3).map((s, i) => (i === 0 ? { ...s, level: 5 } : s)) }, /must be between 1 and 4/],
    ['a date in the future', { assessedOn: '2999-01-01' }, /cannot be in the future/],
    ['a date that is not a date', { assessedOn: '2025-02-30' }, /must be a real date written YYYY-MM-DD/],
    ['a date before the intervention began', { assessedOn: '2023-12-31' }, /cannot be before the intervention began \(2024-01-01\)/],
    ['a note too long', { note: 'x'.repeat(2001) }, /note: must be at most 2000 characters/],
  ])('bad input (%s) is BAD_USER_INPUT in plain English, naming no command', async (_name, change, message) => {
    const answer = await assess('owner', { interventionId: ids.faded, assessedOn: '2025-08-01', scores: allAt(3), ...change });
    expect(codeOf(answer)).toBe('BAD_USER_INPUT');
    expect(answer.errors?.[0]?.message).toMatch(message);
    expect(answer.errors?.[0]?.message).not.toMatch(/AssessSustainability|INTERNAL/);
  });

  it('a second assessment on the same date is a CONFLICT, not an overwrite', async () => {
    const answer = await assess('owner', { interventionId: ids.faded, assessedOn: '2025-01-15', scores: allAt(1) });
    expect(codeOf(answer)).toBe('CONFLICT');
    expect((await read('owner', ids.faded))?.sustainabilityAssessments).toEqual([{ assessedOn: '2025-01-15', total: 80 }]);
  });

  it('lists the ten factors with their level descriptions for the form', async () => {
    const answer = await must<{ sustainabilityFactors: { factor: string; group: string; name: string; levels: string[] }[] }>(
      'community',
      `{ sustainabilityFactors { factor group name levels } }`,
    );
    expect(answer.sustainabilityFactors.map((f) => f.factor)).toEqual([...FACTORS]);
    expect(answer.sustainabilityFactors.every((f) => f.levels.length === 4)).toBe(true);
  });
});
