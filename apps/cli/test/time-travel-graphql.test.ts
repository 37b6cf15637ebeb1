import { codeOf, embeddedGraphQL } from './support';

/**
 * Time travel end to end through GraphQL: asOf on Query.intervention (its outcomes), Query.series,
 * Query.evidence and Query.trust answers from the events RECORDED by the end of that day.
 *
 * Recorded time is controlled with the embedded platform's test clock (the command side's clock
 * and the event store's recorded instant). On 2025-03-03 ZT1 records 42 months of A&E data in
 * which its PUBLIC intervention (started 2023-01) is SUSTAINED; on 2025-06-10 a correction of
 * June 2024 (a concern signal) flips it to FADED. Asked as of 3 March the old verdict shows; as of
 * 10 June, and without asOf, the new one.
 */

jest.setTimeout(180_000);

const ROLES = {
  owner: { role: 'TRUST_EDITOR', trust: 'ZT1', name: 'Asha Patel', sub: 'asha' },
  community: { role: 'COMMUNITY', name: 'Pat Doe', sub: 'pat' },
  admin: { role: 'ADMIN', name: 'Alex Admin', sub: 'alex' },
} as const;
type RoleName = keyof typeof ROLES;

const BEFORE_ANY_DATA = '2025-03-02';
const RECORDED = '2025-03-03';
const CORRECTED = '2025-06-10';

const NOISE = [0.4, -0.3, 0.2, -0.5, 0.1, 0.3, -0.2, 0.5, -0.4, 0.2, -0.1, 0.0];
/** 2021-01 .. 2024-06: about 70% for two years, then about 78% from the start (2023-01). */
const OBSERVATIONS = Array.from({ length: 42 }, (_, i) => ({
  period: `${2021 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
  value: Math.round(((i < 24 ? 70 : 78) + (NOISE[i % 12] ?? 0)) * 10) / 10,
}));

const INTERVENTION = `query($id: ID!, $asOf: String) {
  intervention(id: $id, asOf: $asOf) { id asOf status sharing outcomes { metric sustainability reason spc { points { period value } } } }
}`;
const SERIES = `query($asOf: String) {
  series(trustCode: "ZT1", metric: "ae-4hr", asOf: $asOf) { asOf observations { period value corrected } corrections { period value } spc { points { period value } } }
}`;
const EVIDENCE = `query($asOf: String) {
  evidence(metric: "ae-4hr", asOf: $asOf) { asOf k verdicts { sustainability count } studies { intervention { id } sustainability } }
}`;
const TRUST = `query($asOf: String) { trust(code: "ZT1", asOf: $asOf) { code asOf context { beds } contextHistory { beds } } }`;

type Verdicts = { sustainability: string; count: number }[];
const counted = (verdicts: Verdicts) => Object.fromEntries(verdicts.filter((v) => v.count > 0).map((v) => [v.sustainability, v.count]));

describe('time travel through GraphQL (embedded)', () => {
  let now = new Date(`${RECORDED}T10:00:00.000Z`);
  const ids = { shown: '', privateOne: '', madePrivate: '' };

  const api = embeddedGraphQL(ROLES);
  const { ask, must } = api;
  type InterventionAnswer = {
    intervention: {
      asOf: string | null;
      status: string;
      sharing: string;
      outcomes: { sustainability: string; reason: string; spc: { points: { period: string; value: number }[] } }[];
    } | null;
  };
  const intervention = (role: RoleName | null, id: string, asOf?: string) => must<InterventionAnswer>(role, INTERVENTION, { id, asOf });

  beforeAll(async () => {
    await api.start({ clock: () => now });

    // 3 March 2025: the trust, three interventions and the data.
    await must('admin', `mutation($input: RegisterTrustInput!) { registerTrust(input: $input) { position } }`, {
      input: { code: 'ZT1', name: 'ZT1 Hospitals NHS Trust', context: { kind: 'ACUTE', region: 'LONDON', beds: 600 }, effectiveFrom: '2020-04-01' },
    });
    const propose = async (title: string, sharing: string) => {
      const data = await must<{ proposeIntervention: { intervention: { id: string } } }>(
        'owner',
        `mutation($input: ProposeInterventionInput!) { proposeIntervention(input: $input) { intervention { id } } }`,
        {
          input: {
            trustCode: 'ZT1',
            title,
            summary: 'Stream ambulatory patients to same-day emergency care',
            category: 'PATIENT_FLOW',
            approach: 'SYSTEMIC',
            targets: [{ metric: 'ae-4hr', direction: 'INCREASE' }],
            sharing,
          },
        },
      );
      const id = data.proposeIntervention.intervention.id;
      await must('owner', `mutation($input: StartInterventionInput!) { startIntervention(input: $input) { position } }`, {
        input: { interventionId: id, startedOn: '2023-01-01' },
      });
      return id;
    };
    ids.shown = await propose('Same-day emergency care', 'PUBLIC');
    ids.privateOne = await propose('Internal escalation huddles', 'PRIVATE');
    ids.madePrivate = await propose('Front-door streaming', 'PUBLIC');
    await must('owner', `mutation($input: RecordObservationsInput!) { recordObservations(input: $input) { position } }`, {
      input: { trustCode: 'ZT1', metric: 'ae-4hr', observations: OBSERVATIONS, source: 'test' },
    });

    // 10 June 2025: a correction that flips the verdict, a new context, and one intervention made private.
    now = new Date(`${CORRECTED}T09:00:00.000Z`);
    await must('owner', `mutation($input: CorrectObservationInput!) { correctObservation(input: $input) { position } }`, {
      input: { trustCode: 'ZT1', metric: 'ae-4hr', period: '2024-06', value: 60, reason: 'Late returns: breaches under-counted' },
    });
    await must('admin', `mutation($input: UpdateTrustContextInput!) { updateTrustContext(input: $input) { position } }`, {
      input: { code: 'ZT1', context: { kind: 'ACUTE', region: 'LONDON', beds: 650 }, effectiveFrom: '2025-06-01', reason: 'New ward' },
    });
    await must('owner', `mutation($input: ChangeSharingInput!) { changeSharing(input: $input) { position } }`, {
      input: { interventionId: ids.madePrivate, sharing: 'PRIVATE' },
    });
  });

  afterAll(() => api.stop());

  it('shows the verdict known then: SUSTAINED as of 3 March, FADED after the correction of 10 June and now', async () => {
    const then = (await intervention(null, ids.shown, RECORDED)).intervention;
    expect(then).toMatchObject({ asOf: RECORDED, status: 'ACTIVE' });
    expect(then?.outcomes.map((o) => o.sustainability)).toEqual(['SUSTAINED']);
    expect(then?.outcomes[0]?.spc.points.find((p) => p.period === '2024-06')?.value).toBe(78.3);

    const after = (await intervention(null, ids.shown, CORRECTED)).intervention;
    expect(after?.outcomes.map((o) => o.sustainability)).toEqual(['FADED']);
    expect(after?.outcomes[0]?.reason).toMatch(/concern signal \(below the lower limit: [^)]*\) followed in 2024-06/);
    expect(after?.outcomes[0]?.spc.points.find((p) => p.period === '2024-06')?.value).toBe(60);

    const live = (await intervention(null, ids.shown)).intervention;
    expect(live?.asOf).toBeNull();
    expect(live?.outcomes.map((o) => o.sustainability)).toEqual(['FADED']);
  });

  it('shows series values as recorded then: the June 2024 value before and after its correction', async () => {
    type Series = { series: { asOf: string | null; observations: { period: string; value: number; corrected: boolean }[]; corrections: unknown[] } | null };
    const june = (answer: Series) => answer.series?.observations.find((o) => o.period === '2024-06');
    const then = await must<Series>(null, SERIES, { asOf: RECORDED });
    expect(then.series?.asOf).toBe(RECORDED);
    expect(june(then)).toEqual({ period: '2024-06', value: 78.3, corrected: false });
    expect(then.series?.corrections).toEqual([]);
    for (const asOf of [CORRECTED, undefined]) {
      const later = await must<Series>(null, SERIES, { asOf });
      expect(june(later)).toEqual({ period: '2024-06', value: 60, corrected: true });
      expect(later.series?.corrections).toEqual([{ period: '2024-06', value: 60 }]);
    }
    expect((await must<Series>(null, SERIES, { asOf: BEFORE_ANY_DATA })).series).toBeNull();
  });

  it('pools the evidence known then, over what the viewer may see today', async () => {
    type Evidence = { evidence: { asOf: string | null; k: number; verdicts: Verdicts; studies: { intervention: { id: string } | null }[] } };
    const publicThen = (await must<Evidence>(null, EVIDENCE, { asOf: RECORDED })).evidence;
    // The public sees one intervention: the PRIVATE one never, and the one made private since not even as of when it was public.
    expect(publicThen.asOf).toBe(RECORDED);
    expect(counted(publicThen.verdicts)).toEqual({ SUSTAINED: 1 });
    expect(counted((await must<Evidence>(null, EVIDENCE, { asOf: CORRECTED })).evidence.verdicts)).toEqual({ FADED: 1 });
    expect(counted((await must<Evidence>(null, EVIDENCE)).evidence.verdicts)).toEqual({ FADED: 1 });
    expect(counted((await must<Evidence>('owner', EVIDENCE, { asOf: RECORDED })).evidence.verdicts)).toEqual({ SUSTAINED: 3 });
    expect(counted((await must<Evidence>('owner', EVIDENCE, { asOf: CORRECTED })).evidence.verdicts)).toEqual({ FADED: 3 });
    const nothing = (await must<Evidence>(null, EVIDENCE, { asOf: BEFORE_ANY_DATA })).evidence;
    expect(nothing).toMatchObject({ k: 0, studies: [] });
    expect(counted(nothing.verdicts)).toEqual({});
  });

  it('leaves a hidden intervention missing with asOf as without, and one made private since missing as of when it was public', async () => {
    for (const asOf of [undefined, RECORDED, CORRECTED]) {
      expect((await intervention(null, ids.privateOne, asOf)).intervention).toBeNull();
      expect((await intervention('community', ids.privateOne, asOf)).intervention).toBeNull();
      expect((await intervention('community', ids.madePrivate, asOf)).intervention).toBeNull();
      expect((await intervention('owner', ids.privateOne, asOf)).intervention).not.toBeNull();
    }
    // Its owner sees it as it was: PUBLIC then is shown with today's sharing, the level visibility is decided on.
    expect((await intervention('owner', ids.madePrivate, RECORDED)).intervention).toMatchObject({ sharing: 'PRIVATE', asOf: RECORDED });
  });

  it('answers nothing for a date before anything was recorded', async () => {
    expect((await intervention('owner', ids.shown, BEFORE_ANY_DATA)).intervention).toBeNull();
    expect((await must<{ trust: unknown }>(null, TRUST, { asOf: BEFORE_ANY_DATA })).trust).toBeNull();
  });

  it("shows a trust's context as recorded then", async () => {
    type Trust = { trust: { asOf: string | null; context: { beds: number }; contextHistory: { beds: number }[] } };
    expect((await must<Trust>(null, TRUST, { asOf: RECORDED })).trust).toMatchObject({
      asOf: RECORDED,
      context: { beds: 600 },
      contextHistory: [{ beds: 600 }],
    });
    expect((await must<Trust>(null, TRUST, { asOf: CORRECTED })).trust).toMatchObject({ context: { beds: 650 } });
    expect((await must<Trust>(null, TRUST)).trust).toMatchObject({ asOf: null, context: { beds: 650 } });
  });

  it.each([
    ['3 March 2025', /asOf must be a date written YYYY-MM-DD, for example 2025-03-03 \(got "3 March 2025"\)/],
    ['2025-02-30', /asOf 2025-02-30 is not a real date/],
    ['2999-01-01', /asOf 2999-01-01 is in the future: choose today \(\d{4}-\d{2}-\d{2}\) or an earlier date/],
  ])('refuses asOf %s with BAD_USER_INPUT in plain English, on every field', async (asOf, message) => {
    const answers = [
      await ask(null, INTERVENTION, { id: ids.shown, asOf }),
      // Also for an intervention the viewer may not see: the date is checked first, nothing is revealed.
      await ask(null, INTERVENTION, { id: ids.privateOne, asOf }),
      await ask(null, SERIES, { asOf }),
      await ask(null, EVIDENCE, { asOf }),
      await ask(null, TRUST, { asOf }),
    ];
    for (const answer of answers) {
      expect(codeOf(answer)).toBe('BAD_USER_INPUT');
      expect(answer.errors?.[0]?.message).toMatch(message);
    }
  });
});
