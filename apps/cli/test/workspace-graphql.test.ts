import { embeddedGraphQL, graphql, graphqlData, type GraphQLResponse } from './support';

/**
 * The trust workspace's mutations through GraphQL, per role: changeSharing and
 * updateTrustContext (editor of the owning trust may; another trust's editor is refused, and a
 * hidden intervention answers exactly as a missing one; policymakers and the community are
 * refused; no token must sign in), and every lifecycle mutation the workspace uses is reachable
 * with errors in plain English (no command type names).
 */

jest.setTimeout(120_000);

const OWNER = 'ZW1';
const OTHER = 'ZW2';
const MISSING = '7c000000-0000-4000-8000-0000000000ff';

/** Any command type name in a message ("cannot ProposeIntervention", "RegisterTrust first"). */
const COMMAND_NAME =
  /\b(RegisterTrust|UpdateTrustContext|ProposeIntervention|StartIntervention|LogPdsaCycle|CompleteIntervention|AbandonIntervention|ChangeSharing|RecordObservations|CorrectObservation|RebaseSeries)\b/;

type Token = { role: string; trust?: string } | null;
const EDITOR: Token = { role: 'TRUST_EDITOR', trust: OWNER };
const OTHER_EDITOR: Token = { role: 'TRUST_EDITOR', trust: OTHER };
const POLICYMAKER: Token = { role: 'POLICYMAKER' };
const COMMUNITY: Token = { role: 'COMMUNITY' };
const ADMIN: Token = { role: 'ADMIN' };

const CHANGE_SHARING = `mutation($input: ChangeSharingInput!) { changeSharing(input: $input) { position intervention { id sharing history { type summary } } } }`;
const UPDATE_CONTEXT = `mutation($input: UpdateTrustContextInput!) { updateTrustContext(input: $input) { position trust { code context { beds cqcRating effectiveFrom reason } contextHistory { effectiveFrom } } } }`;

function observations(): { period: string; value: number }[] {
  return Array.from({ length: 24 }, (_, i) => ({
    period: `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
    value: 70 + ((i * 7) % 5) * 0.4,
  }));
}

describe('workspace mutations through GraphQL, per role (embedded)', () => {
  const ids = { PRIVATE: '', TRUSTS: '' };

  const api = embeddedGraphQL();
  const headers = (token: Token) => api.headersFor(token);
  const ask = <T = Record<string, unknown>>(token: Token, query: string, variables: Record<string, unknown> = {}) =>
    graphql<T>(api.url, query, variables, headers(token));
  const codes = (answer: GraphQLResponse<unknown>) => answer.errors?.map((e) => e.extensions?.code);
  const plain = (answer: GraphQLResponse<unknown>) => {
    expect(answer.errors?.length).toBeGreaterThan(0);
    for (const error of answer.errors ?? []) expect(error.message).not.toMatch(COMMAND_NAME);
  };
  const propose = async (title: string, sharing: string) => {
    const data = await graphqlData<{ proposeIntervention: { intervention: { id: string } } }>(
      api.url,
      `mutation($input: ProposeInterventionInput!) { proposeIntervention(input: $input) { intervention { id } } }`,
      {
        input: {
          trustCode: OWNER,
          title,
          summary: 'Discharge before noon on every ward',
          category: 'PATIENT_FLOW',
          approach: 'SYSTEMIC',
          targets: [{ metric: 'ae-4hr', direction: 'INCREASE' }],
          sharing,
        },
      },
      headers(EDITOR),
    );
    return data.proposeIntervention.intervention.id;
  };

  beforeAll(async () => {
    await api.start();
    for (const code of [OWNER, OTHER]) {
      await graphqlData(
        api.url,
        `mutation($input: RegisterTrustInput!) { registerTrust(input: $input) { position } }`,
        { input: { code, name: `${code} Hospitals NHS Trust`, context: { kind: 'ACUTE', region: 'LONDON', beds: 400 }, effectiveFrom: '2021-04-01' } },
        headers(ADMIN),
      );
    }
    ids.PRIVATE = await propose('Private discharge work', 'PRIVATE');
    ids.TRUSTS = await propose('Shared discharge work', 'TRUSTS');
  });
  afterAll(() => api.stop());

  describe('changeSharing', () => {
    it('the editor of the owning trust changes it, and the history says so', async () => {
      const answer = await ask<{ changeSharing: { position: string; intervention: { sharing: string; history: { type: string }[] } } }>(
        EDITOR,
        CHANGE_SHARING,
        {
          input: { interventionId: ids.PRIVATE, sharing: 'PUBLIC' },
        },
      );
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.changeSharing.intervention.sharing).toBe('PUBLIC');
      expect(answer.data?.changeSharing.position).toMatch(/\S/);
      expect(answer.data?.changeSharing.intervention.history.map((h) => h.type)).toContain('InterventionSharingChanged');
      // And back, so the other cases see a PRIVATE one.
      const back = await ask(EDITOR, CHANGE_SHARING, { input: { interventionId: ids.PRIVATE, sharing: 'PRIVATE' } });
      expect(back.errors).toBeUndefined();
    });

    it("another trust's editor hears that a hidden intervention does not exist, exactly as for a missing id", async () => {
      const hidden = await ask(OTHER_EDITOR, CHANGE_SHARING, { input: { interventionId: ids.PRIVATE, sharing: 'PUBLIC' } });
      const missing = await ask(OTHER_EDITOR, CHANGE_SHARING, { input: { interventionId: MISSING, sharing: 'PUBLIC' } });
      expect(codes(hidden)).toEqual(['NOT_FOUND']);
      expect(JSON.parse(JSON.stringify(hidden).replaceAll(ids.PRIVATE, MISSING))).toEqual(missing);
      plain(hidden);
    });

    it("another trust's editor may not change one it can see", async () => {
      const answer = await ask(OTHER_EDITOR, CHANGE_SHARING, { input: { interventionId: ids.TRUSTS, sharing: 'PUBLIC' } });
      expect(codes(answer)).toEqual(['FORBIDDEN']);
      plain(answer);
      expect(answer.errors?.[0]?.message).toContain("cannot change an intervention's sharing for trust ZW1");
    });

    it.each([
      ['a policymaker', POLICYMAKER],
      ['a community member', COMMUNITY],
    ])('%s is refused', async (_name, token) => {
      const answer = await ask(token, CHANGE_SHARING, { input: { interventionId: ids.TRUSTS, sharing: 'PUBLIC' } });
      expect(codes(answer)).toEqual(['FORBIDDEN']);
      plain(answer);
    });

    it('without a token it asks to sign in', async () => {
      const answer = await ask(null, CHANGE_SHARING, { input: { interventionId: ids.TRUSTS, sharing: 'PUBLIC' } });
      expect(codes(answer)).toEqual(['UNAUTHENTICATED']);
    });

    it('an unknown sharing level is bad input', async () => {
      const answer = await ask(EDITOR, CHANGE_SHARING, { input: { interventionId: ids.TRUSTS, sharing: 'EVERYONE' } });
      expect(codes(answer)).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('updateTrustContext', () => {
    const input = (code: string, effectiveFrom = '2025-04-01') => ({
      code,
      context: { kind: 'ACUTE', region: 'LONDON', beds: 450, cqcRating: 'GOOD' },
      effectiveFrom,
      reason: 'New ward opened',
    });

    it("the trust's editor gives it a new context from a date; the old one stays in the history", async () => {
      const answer = await ask<{
        updateTrustContext: { trust: { context: { beds: number; effectiveFrom: string; reason: string }; contextHistory: { effectiveFrom: string }[] } };
      }>(EDITOR, UPDATE_CONTEXT, { input: input(OWNER) });
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.updateTrustContext.trust.context).toMatchObject({ beds: 450, effectiveFrom: '2025-04-01', reason: 'New ward opened' });
      expect(answer.data?.updateTrustContext.trust.contextHistory.map((c) => c.effectiveFrom)).toEqual(['2021-04-01', '2025-04-01']);
    });

    it("another trust's editor is refused, in plain English", async () => {
      const answer = await ask(OTHER_EDITOR, UPDATE_CONTEXT, { input: input(OWNER) });
      expect(codes(answer)).toEqual(['FORBIDDEN']);
      plain(answer);
      expect(answer.errors?.[0]?.message).toBe("You edit for trust ZW2 and cannot update a trust's context for trust ZW1.");
    });

    it.each([
      ['a policymaker', POLICYMAKER],
      ['a community member', COMMUNITY],
    ])('%s is refused', async (_name, token) => {
      const answer = await ask(token, UPDATE_CONTEXT, { input: input(OWNER) });
      expect(codes(answer)).toEqual(['FORBIDDEN']);
      plain(answer);
    });

    it('without a token it asks to sign in', async () => {
      expect(codes(await ask(null, UPDATE_CONTEXT, { input: input(OWNER) }))).toEqual(['UNAUTHENTICATED']);
    });

    it('a bad date is bad input on that field; an unregistered trust is not found, in plain English', async () => {
      const bad = await ask(EDITOR, UPDATE_CONTEXT, { input: input(OWNER, '2025-13-01') });
      expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
      expect(bad.errors?.[0]?.extensions?.fields?.map((f) => f.path)).toEqual(['effectiveFrom']);
      plain(bad);
      const early = await ask(EDITOR, UPDATE_CONTEXT, { input: input(OWNER, '2019-01-01') });
      expect(codes(early)).toEqual(['BAD_USER_INPUT']);
      const unknown = await ask(ADMIN, UPDATE_CONTEXT, { input: input('ZW9') });
      expect(codes(unknown)).toEqual(['NOT_FOUND']);
      plain(unknown);
    });
  });

  describe('every lifecycle mutation the workspace uses is reachable, with plain-English errors', () => {
    it('start, log a cycle, complete; abandon another; the wrong order is refused in plain English', async () => {
      const id = await propose('Lifecycle run', 'TRUSTS');
      const early = await ask(EDITOR, `mutation($id: ID!) { completeIntervention(input: { interventionId: $id, completedOn: "2025-01-01" }) { position } }`, {
        id,
      });
      expect(codes(early)).toEqual(['CONFLICT']);
      plain(early);
      expect(early.errors?.[0]?.message).toContain('is proposed');

      const start = await ask(
        EDITOR,
        `mutation($id: ID!) { startIntervention(input: { interventionId: $id, startedOn: "2024-01-01" }) { intervention { status } } }`,
        { id },
      );
      expect(start.errors).toBeUndefined();
      const cycle = await ask<{ logPdsaCycle: { intervention: { pdsaCycles: { cycleNumber: number }[] } } }>(
        EDITOR,
        `mutation($id: ID!) { logPdsaCycle(input: { interventionId: $id, plan: "p", do: "d", study: "s", act: "a", cycleDate: "2024-02-01" }) { intervention { pdsaCycles { cycleNumber } } } }`,
        { id },
      );
      expect(cycle.errors).toBeUndefined();
      expect(cycle.data?.logPdsaCycle.intervention.pdsaCycles).toHaveLength(1);
      const complete = await ask<{ completeIntervention: { intervention: { status: string } } }>(
        EDITOR,
        `mutation($id: ID!) { completeIntervention(input: { interventionId: $id, completedOn: "2024-12-01", summary: "Done" }) { intervention { status } } }`,
        { id },
      );
      expect(complete.data?.completeIntervention.intervention.status).toBe('COMPLETED');

      const other = await propose('To abandon', 'PRIVATE');
      const abandon = await ask<{ abandonIntervention: { intervention: { status: string } } }>(
        EDITOR,
        `mutation($id: ID!) { abandonIntervention(input: { interventionId: $id, abandonedOn: "2024-03-01", reason: "No staff" }) { intervention { status } } }`,
        { id: other },
      );
      expect(abandon.data?.abandonIntervention.intervention.status).toBe('ABANDONED');
    });

    it('record, correct (the history keeps old and new) and rebase a series; duplicates and unknown periods are refused in plain English', async () => {
      const record = await ask(
        EDITOR,
        `mutation($input: RecordObservationsInput!) { recordObservations(input: $input) { series { observations { period } } } }`,
        {
          input: { trustCode: OWNER, metric: 'ae-4hr', observations: observations() },
        },
      );
      expect(record.errors).toBeUndefined();
      const again = await ask(EDITOR, `mutation($input: RecordObservationsInput!) { recordObservations(input: $input) { position } }`, {
        input: { trustCode: OWNER, metric: 'ae-4hr', observations: [{ period: '2023-01', value: 50 }] },
      });
      expect(codes(again)).toEqual(['CONFLICT']);
      plain(again);

      const correct = await ask<{
        correctObservation: { series: { corrections: { period: string; previousValue: number; value: number; reason: string }[] } };
      }>(
        EDITOR,
        `mutation { correctObservation(input: { trustCode: "${OWNER}", metric: "ae-4hr", period: "2023-03", value: 80, reason: "Typing error" }) { series { corrections { period previousValue value reason } } } }`,
      );
      expect(correct.errors).toBeUndefined();
      expect(correct.data?.correctObservation.series.corrections).toEqual([{ period: '2023-03', previousValue: 71.6, value: 80, reason: 'Typing error' }]);
      const nothing = await ask(
        EDITOR,
        `mutation { correctObservation(input: { trustCode: "${OWNER}", metric: "ae-4hr", period: "2020-01", value: 80, reason: "x" }) { position } }`,
      );
      expect(codes(nothing)).toEqual(['NOT_FOUND']);
      plain(nothing);

      const rebase = await ask<{ rebaseSeries: { series: { rebasePeriods: string[] } } }>(
        EDITOR,
        `mutation { rebaseSeries(input: { trustCode: "${OWNER}", metric: "ae-4hr", fromPeriod: "2024-01", reason: "New triage model" }) { series { rebasePeriods } } }`,
      );
      expect(rebase.data?.rebaseSeries.series.rebasePeriods).toEqual(['2024-01']);

      const foreign = await ask(OTHER_EDITOR, `mutation($input: RecordObservationsInput!) { recordObservations(input: $input) { position } }`, {
        input: { trustCode: OWNER, metric: 'ae-4hr', observations: [{ period: '2025-01', value: 50 }] },
      });
      expect(codes(foreign)).toEqual(['FORBIDDEN']);
      plain(foreign);
      expect(foreign.errors?.[0]?.message).toBe('You edit for trust ZW2 and cannot record monthly values for trust ZW1.');

      const unregistered = await ask(ADMIN, `mutation($input: RecordObservationsInput!) { recordObservations(input: $input) { position } }`, {
        input: { trustCode: 'ZW9', metric: 'ae-4hr', observations: [{ period: '2025-01', value: 50 }] },
      });
      plain(unregistered);
    });
  });
});
