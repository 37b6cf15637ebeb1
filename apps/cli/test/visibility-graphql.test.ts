import { signServiceCredential } from '@longview/service-auth';
import type { Actor, Sharing } from '@longview/domain';
import { embeddedGraphQL, graphql, graphqlData, type GraphQLResponse } from './support';

/**
 * The visibility table, end to end: for every kind of viewer and every path that reads
 * interventions (or counts or pools them), through GraphQL against an embedded platform whose
 * gateway has no anonymous actor (as in production). ZV1 owns three started interventions, one
 * of each sharing level, each with outcome data. Each cell is its own test, named
 * "<viewer> › <path>", so a regression names the cell; hidden answers are compared whole with
 * the answer for an id that does not exist.
 */

jest.setTimeout(120_000);

const OWNER = 'ZV1';
const OTHER = 'ZV2';
const MISSING = '7b000000-0000-4000-8000-0000000000ff';
const SHARINGS = ['PRIVATE', 'TRUSTS', 'PUBLIC'] as const;

interface Role {
  readonly name: string;
  /** The token's role and trust; none = anonymous. */
  readonly token?: { readonly role: string; readonly trust?: string };
  /** The actor the gateway makes of the token (what the query service is told). */
  readonly actor: Actor | null;
  /** The sharing levels of ZV1's interventions this viewer may see: written out, not derived. */
  readonly sees: readonly Sharing[];
  /** What it hears when it tries to start one of them it may see (all are started already). */
  readonly startingVisible: 'UNAUTHENTICATED' | 'FORBIDDEN' | 'CONFLICT';
}

const ROLES: readonly Role[] = [
  { name: 'anonymous', actor: null, sees: ['PUBLIC'], startingVisible: 'UNAUTHENTICATED' },
  { name: 'community', token: { role: 'COMMUNITY' }, actor: { id: 'dev-community', role: 'COMMUNITY' }, sees: ['PUBLIC'], startingVisible: 'FORBIDDEN' },
  {
    name: 'policymaker',
    token: { role: 'POLICYMAKER' },
    actor: { id: 'dev-policymaker', role: 'POLICYMAKER' },
    sees: ['TRUSTS', 'PUBLIC'],
    startingVisible: 'FORBIDDEN',
  },
  {
    name: `editor of ${OWNER} (owner)`,
    token: { role: 'TRUST_EDITOR', trust: OWNER },
    actor: { id: `dev-trust_editor-${OWNER}`, role: 'TRUST_EDITOR', trustCode: OWNER },
    sees: ['PRIVATE', 'TRUSTS', 'PUBLIC'],
    startingVisible: 'CONFLICT',
  },
  {
    name: `editor of ${OTHER}`,
    token: { role: 'TRUST_EDITOR', trust: OTHER },
    actor: { id: `dev-trust_editor-${OTHER}`, role: 'TRUST_EDITOR', trustCode: OTHER },
    sees: ['TRUSTS', 'PUBLIC'],
    startingVisible: 'FORBIDDEN',
  },
  {
    name: 'admin',
    token: { role: 'ADMIN' },
    actor: { id: 'dev-admin', role: 'ADMIN' },
    sees: ['PRIVATE', 'TRUSTS', 'PUBLIC'],
    startingVisible: 'CONFLICT',
  },
];

/** 36 months of ae-4hr at ZV1: noise around 70, +3 from 2023-01 and +4 more from 2023-07 (so each start date sees another effect). */
function observations(steps: boolean): { period: string; value: number }[] {
  let seed = 11;
  return Array.from({ length: 36 }, (_, i) => {
    seed = (seed * 16807) % 2147483647;
    const noise = (seed / 2147483647 - 0.5) * 1.6;
    const step = steps ? (i >= 12 ? 3 : 0) + (i >= 18 ? 4 : 0) : 0;
    return { period: `${2022 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`, value: Math.round((70 + noise + step) * 100) / 100 };
  });
}

const START_DATES: Record<Sharing, string> = { PRIVATE: '2023-01-01', TRUSTS: '2023-07-01', PUBLIC: '2024-01-01' };

const INTERVENTION_FIELDS = `id title sharing trust { code } history { type summary } outcomes { metric sustainability effect { improvement } }`;

describe('visibility of interventions through GraphQL, for every viewer and path (embedded)', () => {
  const ids = {} as Record<Sharing, string>;
  /** The owner's replayable command: the start of a PRIVATE intervention, with a command id. */
  let replayed: { id: string; commandId: string; firstAnswer: GraphQLResponse<unknown> };

  // No anonymous actor: a request without a token is a public viewer (the embedded gateway acts as an admin instead).
  const api = embeddedGraphQL();
  const headersOf = (role: Role) => api.headersFor(role.token ?? null);
  const ask = <T = Record<string, unknown>>(role: Role, query: string, variables: Record<string, unknown> = {}) =>
    graphql<T>(api.url, query, variables, headersOf(role));
  const byRole = (name: string) => ROLES.find((r) => r.name === name) as Role;
  const admin = () => byRole('admin');
  const owner = () => byRole(`editor of ${OWNER} (owner)`);
  const visibleIds = (role: Role) => SHARINGS.filter((s) => role.sees.includes(s)).map((s) => ids[s]);
  /** Newest first: PUBLIC was proposed last. */
  const newestFirst = (role: Role) => [...visibleIds(role)].reverse();

  /** A response with the id of a hidden intervention written as the missing one's, for a whole-answer comparison. */
  const asMissing = (response: unknown, id: string) => JSON.parse(JSON.stringify(response).replaceAll(id, MISSING)) as unknown;

  beforeAll(async () => {
    await api.start();
    const asAdmin = (query: string, variables: Record<string, unknown>) => graphqlData(api.url, query, variables, headersOf(admin()));
    const asOwner = (query: string, variables: Record<string, unknown>) => graphqlData(api.url, query, variables, headersOf(owner()));
    for (const code of [OWNER, OTHER]) {
      await asAdmin(`mutation($input: RegisterTrustInput!) { registerTrust(input: $input) { position } }`, {
        input: { code, name: `${code} Hospitals NHS Trust`, context: { kind: 'ACUTE', region: 'NORTH_WEST', beds: 500 }, effectiveFrom: '2020-04-01' },
      });
      await asAdmin(`mutation($input: RecordObservationsInput!) { recordObservations(input: $input) { position } }`, {
        input: { trustCode: code, metric: 'ae-4hr', observations: observations(code === OWNER) },
      });
    }
    const propose = `mutation($input: ProposeInterventionInput!) { proposeIntervention(input: $input) { intervention { id } } }`;
    const start = `mutation($id: ID!, $on: String!, $commandId: ID) { startIntervention(input: { interventionId: $id, startedOn: $on, commandId: $commandId }) { position intervention { id status } } }`;
    const input = (title: string, sharing: Sharing) => ({
      trustCode: OWNER,
      title,
      summary: 'Stream ambulatory patients to same-day emergency care',
      category: 'PATIENT_FLOW',
      approach: 'SYSTEMIC',
      targets: [{ metric: 'ae-4hr', direction: 'INCREASE' }],
      sharing,
    });
    for (const sharing of SHARINGS) {
      const proposed = await asOwner(propose, { input: input(`${sharing} flow programme`, sharing) });
      ids[sharing] = (proposed as { proposeIntervention: { intervention: { id: string } } }).proposeIntervention.intervention.id;
      await asOwner(start, { id: ids[sharing], on: START_DATES[sharing] });
    }
    // A fourth, PRIVATE, started by the owner with a command id that every viewer then replays.
    const secret = await asOwner(propose, { input: input('Private replay target', 'PRIVATE') });
    const secretId = (secret as { proposeIntervention: { intervention: { id: string } } }).proposeIntervention.intervention.id;
    const firstAnswer = await graphql(api.url, start, { id: secretId, on: '2024-02-01', commandId: 'vis-start-1' }, headersOf(owner()));
    expect(firstAnswer.errors).toBeUndefined();
    replayed = { id: secretId, commandId: 'vis-start-1', firstAnswer };
  });
  afterAll(() => api.stop());

  /** The visible ZV1 interventions of the replay target too (it is PRIVATE, so the same viewers see it). */
  const withReplayTarget = (role: Role) => (role.sees.includes('PRIVATE') ? [replayed.id] : []);

  describe.each(ROLES)('$name', (role) => {
    it.each(SHARINGS)('intervention(id) of the %s one: whole if visible, otherwise exactly the answer for a missing id', async (sharing) => {
      const query = `query($id: ID!) { intervention(id: $id) { ${INTERVENTION_FIELDS} } }`;
      const answer = await ask<{ intervention: { id: string; history: { type: string }[]; outcomes: { effect: unknown }[] } | null }>(role, query, {
        id: ids[sharing],
      });
      if (role.sees.includes(sharing)) {
        expect(answer.errors).toBeUndefined();
        expect(answer.data?.intervention).toMatchObject({ id: ids[sharing], sharing, trust: { code: OWNER } });
        expect(answer.data?.intervention?.history.map((h) => h.type)).toEqual(['InterventionProposed', 'InterventionStarted']);
        expect(answer.data?.intervention?.outcomes).toEqual([expect.objectContaining({ metric: 'ae-4hr', effect: expect.anything() })]);
      } else {
        expect(asMissing(answer, ids[sharing])).toEqual(await ask(role, query, { id: MISSING }));
        expect(answer).toEqual({ data: { intervention: null } });
      }
    });

    it('interventions: edges, totalCount and every page hold only what it may see', async () => {
      const all = await ask<{ interventions: { totalCount: number; edges: { node: { id: string } }[] } }>(
        role,
        `{ interventions(filter: { trustCode: "${OWNER}" }, first: 50) { totalCount edges { node { id } } } }`,
      );
      const expected = [...withReplayTarget(role), ...newestFirst(role)];
      expect(all.data?.interventions.edges.map((e) => e.node.id)).toEqual(expected);
      expect(all.data?.interventions.totalCount).toBe(expected.length);
      const walked: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 6; page++) {
        const one: GraphQLResponse<{
          interventions: { totalCount: number; edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
        }> = await ask(
          role,
          `query($after: String) { interventions(first: 1, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
          {
            after,
          },
        );
        expect(one.data?.interventions.totalCount).toBe(expected.length);
        walked.push(...(one.data?.interventions.edges.map((e) => e.node.id) ?? []));
        if (!one.data?.interventions.pageInfo.hasNextPage) break;
        after = one.data.interventions.pageInfo.endCursor;
      }
      expect(walked).toEqual(expected);
    });

    it('trust(code).interventionCount and trust.interventions count and list only what it may see', async () => {
      const answer = await ask<{ trust: { interventionCount: number; interventions: { totalCount: number; edges: { node: { id: string } }[] } } }>(
        role,
        `{ trust(code: "${OWNER}") { interventionCount interventions(first: 50) { totalCount edges { node { id } } } } }`,
      );
      const expected = [...withReplayTarget(role), ...newestFirst(role)];
      expect(answer.data?.trust).toEqual({
        interventionCount: expected.length,
        interventions: { totalCount: expected.length, edges: expected.map((id) => ({ node: { id } })) },
      });
    });

    it('search: trusts(filter: { search }) counts only what it may see', async () => {
      const answer = await ask<{ trusts: { code: string; interventionCount: number }[] }>(
        role,
        `{ trusts(filter: { search: "ZV" }) { code interventionCount } }`,
      );
      expect(answer.data?.trusts).toEqual([
        { code: OWNER, interventionCount: withReplayTarget(role).length + role.sees.length },
        { code: OTHER, interventionCount: 0 },
      ]);
    });

    it('outcomes and history: the query service answers a hidden intervention exactly like a missing one', async () => {
      const credential = await signServiceCredential(api.platform.serviceKey, { actor: role.actor, issuer: 'longview-gateway' });
      const read = async (path: string) => {
        const response = await fetch(`${api.platform.queryService.url}${path}`, { headers: { authorization: `Bearer ${credential}` } });
        return { status: response.status, body: (await response.json()) as unknown };
      };
      for (const sharing of SHARINGS) {
        for (const path of [`/interventions/${ids[sharing]}/outcomes`, `/interventions/${ids[sharing]}`]) {
          const answer = await read(path);
          if (role.sees.includes(sharing)) expect([path, answer.status]).toEqual([path, 200]);
          else expect([path, asMissing(answer, ids[sharing])]).toEqual([path, await read(path.replace(ids[sharing], MISSING))]);
        }
      }
      const batch = await read(`/interventions?ids=${SHARINGS.map((s) => ids[s]).join(',')}`);
      expect((batch.body as { items: { id: string }[]; totalCount: number }).items.map((i) => i.id)).toEqual(visibleIds(role));
    });

    it('evidence: k, studies, verdicts and the pooled effect come only from what it may see', async () => {
      const answer = await ask<{
        evidence: {
          k: number;
          pooledEffect: number | null;
          verdicts: { count: number }[];
          studies: { trustCode: string; effect: number; intervention: { id: string } | null }[];
        };
      }>(
        role,
        `{ evidence(metric: "ae-4hr", category: "PATIENT_FLOW") { k pooledEffect verdicts { count } studies { trustCode effect intervention { id } } } }`,
      );
      const evidence = answer.data?.evidence;
      const expected = [...visibleIds(role), ...withReplayTarget(role)];
      expect(evidence?.studies.map((s) => s.intervention?.id).sort()).toEqual([...expected].sort());
      expect(evidence?.k).toBe(expected.length);
      expect(evidence?.verdicts.reduce((sum, v) => sum + v.count, 0)).toBe(expected.length);
      // Only the public study: the pooled effect is its own effect. Otherwise the pool differs from the public one.
      const publicEvidence = (
        await ask<{ evidence: { pooledEffect: number; studies: { effect: number }[] } }>(
          byRole('anonymous'),
          `{ evidence(metric: "ae-4hr", category: "PATIENT_FLOW") { pooledEffect studies { effect } } }`,
        )
      ).data?.evidence;
      if (expected.length === 1) expect(evidence?.pooledEffect).toBeCloseTo(publicEvidence?.studies[0]?.effect as number, 9);
      else expect(evidence?.pooledEffect).not.toBeCloseTo(publicEvidence?.pooledEffect as number, 6);
    });

    it('systemProjection: a scenario is drawn from the evidence it may see', async () => {
      const answer = await ask<{ systemProjection: { scenario: { effectMean: number } }; evidence: { pooledEffect: number } }>(
        role,
        `{ systemProjection(metric: "ae-4hr", horizonMonths: 6, scenario: { category: PATIENT_FLOW, adopters: 1, draws: 200, seed: 5 }) { scenario { effectMean } }
           evidence(metric: "ae-4hr", category: "PATIENT_FLOW") { pooledEffect } }`,
      );
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.systemProjection.scenario.effectMean).toBeCloseTo(answer.data?.evidence.pooledEffect as number, 9);
    });

    it('mutations: a command on a hidden intervention answers exactly like one on a missing id; a visible one is read back', async () => {
      const start = `mutation($id: ID!) { startIntervention(input: { interventionId: $id, startedOn: "2024-06-01" }) { intervention { id sharing } } }`;
      for (const sharing of SHARINGS) {
        const answer = await ask(role, start, { id: ids[sharing] });
        const missing = await ask(role, start, { id: MISSING });
        if (!role.sees.includes(sharing)) expect([sharing, asMissing(answer, ids[sharing])]).toEqual([sharing, missing]);
        // Every intervention here is already started: whoever may act for it hears so (CONFLICT), others that it is not theirs to change.
        else expect([sharing, answer.errors?.[0]?.extensions?.code]).toEqual([sharing, role.startingVisible]);
      }
    });

    it("mutations: replaying the owner's command id gives the owner its first answer, and nobody else the intervention", async () => {
      const replay = `mutation($id: ID!, $commandId: ID) { startIntervention(input: { interventionId: $id, startedOn: "2024-02-01", commandId: $commandId }) { position intervention { id status } } }`;
      const answer = await ask(role, replay, { id: replayed.id, commandId: replayed.commandId });
      const missing = await ask(role, replay, { id: MISSING, commandId: replayed.commandId });
      if (role.name === owner().name) {
        expect(answer).toEqual(replayed.firstAnswer);
      } else if (role.sees.includes('PRIVATE')) {
        // An admin's use of the id is the admin's own command: the intervention is visible to them, and already started.
        expect(answer.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      } else {
        expect(JSON.stringify(answer)).not.toContain('Private replay target');
        expect(asMissing(answer, replayed.id)).toEqual(missing);
        expect(answer.data ?? null).toBeNull();
      }
    });
  });
});
