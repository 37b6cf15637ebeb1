import type { DevTokenOptions } from '@longview/gateway';
import { codeOf, embeddedGraphQL } from './support';

/**
 * Adoption end to end through GraphQL, per role, on an embedded platform whose gateway has no
 * anonymous actor:
 * - ZA1's PUBLIC original is adopted by ZA2 (PUBLIC), whose adoption ZA3 adopts in turn (TRUSTS);
 * - ZA4's PRIVATE pilot is adopted for ZA5 by an admin (PUBLIC): everyone but ZA4 and admins sees
 *   that adoption's source only as "an intervention at another trust".
 * The original and ZA2's adoption are started on 2023-01-01 over data with a lasting step, so the
 * evidence can say how adoptions fared next to originals.
 */

jest.setTimeout(180_000);

const MISSING = '7b000000-0000-4000-8000-0000000000aa';
const PLACEHOLDER = 'An intervention at another trust';

const editor = (trust: string): DevTokenOptions => ({ role: 'TRUST_EDITOR', trust, name: `Lead at ${trust}`, sub: `lead-${trust}` });
const ROLES = {
  za1: editor('ZA1'),
  za2: editor('ZA2'),
  za3: editor('ZA3'),
  za4: editor('ZA4'),
  za5: editor('ZA5'),
  community: { role: 'COMMUNITY', sub: 'reader' },
  policymaker: { role: 'POLICYMAKER', sub: 'policy' },
  admin: { role: 'ADMIN', sub: 'admin' },
} satisfies Record<string, DevTokenOptions>;
type RoleName = keyof typeof ROLES;

/** 36 months of ae-4hr from 2022-01: noise around 70, and with `step` +8 from 2023-01. */
function observations(step: boolean): { period: string; value: number }[] {
  let seed = 11;
  return Array.from({ length: 36 }, (_, i) => {
    seed = (seed * 16807) % 2147483647;
    const noise = (seed / 2147483647 - 0.5) * 1.6;
    return {
      period: `${2022 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
      value: Math.round((70 + noise + (step && i >= 12 ? 8 : 0)) * 100) / 100,
    };
  });
}

const ADOPT = `mutation($input: AdoptInterventionInput!) { adoptIntervention(input: $input) { position intervention { id title trustCode category approach sharing status
  targets { metric direction } adaptations adoptedFrom { id title } } } }`;
const NODE = `depth placeholder intervention { id title trust { code } }`;
const LINEAGE = `query($id: ID!) { intervention(id: $id) { id adoptedFrom { id } adaptations adoptions { id }
  lineage { ancestors { ${NODE} } descendants { ${NODE} } } } }`;
const EVIDENCE = `{ evidence(metric: "ae-4hr") { k adoptions { k sustainedShare } originals { k sustainedShare } } }`;

interface Node {
  depth: number;
  placeholder: string | null;
  intervention: { id: string; title: string; trust: { code: string } } | null;
}
interface Lineage {
  id: string;
  adoptedFrom: { id: string } | null;
  adaptations: string | null;
  adoptions: { id: string }[];
  lineage: { ancestors: Node[]; descendants: Node[] };
}

describe('adoption through GraphQL (embedded)', () => {
  const ids = {} as Record<'original' | 'pilot' | 'first' | 'second' | 'spread', string>;

  const api = embeddedGraphQL(ROLES);
  const { ask, must } = api;
  const lineageAs = async (role: RoleName | null, id: string): Promise<Lineage | null> => {
    const answer = await ask<{ intervention: Lineage | null }>(role, LINEAGE, { id });
    expect(answer.errors).toBeUndefined();
    return answer.data?.intervention ?? null;
  };
  type Adopted = { id: string; title: string; trustCode: string; category: string; approach: string; sharing: string; status: string } & Record<
    string,
    unknown
  >;
  const adopt = async (role: RoleName, input: Record<string, unknown>): Promise<Adopted> =>
    (await must<{ adoptIntervention: { intervention: Adopted } }>(role, ADOPT, { input })).adoptIntervention.intervention;
  const start = (role: RoleName, id: string) =>
    must(role, `mutation($id: ID!) { startIntervention(input: { interventionId: $id, startedOn: "2023-01-01" }) { position } }`, { id });

  beforeAll(async () => {
    await api.start();
    for (const code of ['ZA1', 'ZA2', 'ZA3', 'ZA4', 'ZA5']) {
      await must('admin', `mutation($input: RegisterTrustInput!) { registerTrust(input: $input) { position } }`, {
        input: { code, name: `${code} Hospitals NHS Trust`, context: { kind: 'ACUTE', region: 'NORTH_WEST', beds: 500 }, effectiveFrom: '2020-04-01' },
      });
      await must('admin', `mutation($input: RecordObservationsInput!) { recordObservations(input: $input) { position } }`, {
        input: { trustCode: code, metric: 'ae-4hr', observations: observations(code === 'ZA1' || code === 'ZA2') },
      });
    }
    const propose = async (role: 'za1' | 'za4', sharing: string) =>
      (
        await must<{ proposeIntervention: { intervention: { id: string } } }>(
          role,
          `mutation($input: ProposeInterventionInput!) { proposeIntervention(input: $input) { intervention { id } } }`,
          {
            input: {
              trustCode: ROLES[role].trust,
              title: role === 'za1' ? 'Ward-led discharge planning' : 'Private pilot: frailty front door',
              summary: 'Daily board rounds plan each discharge from admission',
              category: 'PATIENT_FLOW',
              approach: 'SYSTEMIC',
              rootCause: 'Discharges waited for the consultant round',
              targets: [{ metric: 'ae-4hr', direction: 'INCREASE' }],
              sharing,
            },
          },
        )
      ).proposeIntervention.intervention.id;
    ids.original = await propose('za1', 'PUBLIC');
    ids.pilot = await propose('za4', 'PRIVATE');
    await start('za1', ids.original);
  });
  afterAll(() => api.stop());

  describe('adoptIntervention', () => {
    const input = (extra: Record<string, unknown> = {}) => ({
      sourceInterventionId: ids.original,
      trustCode: 'ZA2',
      adaptations: 'Two wards first',
      sharing: 'PUBLIC',
      ...extra,
    });

    it.each([
      [null, 'UNAUTHENTICATED'],
      ['community', 'FORBIDDEN'],
      ['policymaker', 'FORBIDDEN'],
      ['za3', 'FORBIDDEN'],
    ] as const)('is refused to %s adopting for ZA2 (%s), and says so without internal names', async (role, code) => {
      const answer = await ask(role, ADOPT, { input: input() });
      expect(codeOf(answer)).toBe(code);
      expect(answer.errors?.[0]?.message).not.toMatch(/AdoptIntervention|InterventionProposed/);
    });

    it('needs a note of what was adapted, in plain English', async () => {
      const answer = await ask('za2', ADOPT, { input: input({ adaptations: '   ' }) });
      expect(codeOf(answer)).toBe('BAD_USER_INPUT');
      expect(answer.errors?.[0]?.message).toBe('The adoption is invalid: adaptations: is required: say what your trust changed to fit its own context');
      const long = await ask('za2', ADOPT, { input: input({ adaptations: 'x'.repeat(2001) }) });
      expect(codeOf(long)).toBe('BAD_USER_INPUT');
    });

    it('answers a hidden source exactly as a missing one', async () => {
      const hidden = await ask('za5', ADOPT, { input: input({ sourceInterventionId: ids.pilot, trustCode: 'ZA5' }) });
      const missing = await ask('za5', ADOPT, { input: input({ sourceInterventionId: MISSING, trustCode: 'ZA5' }) });
      expect(codeOf(hidden)).toBe('NOT_FOUND');
      expect(codeOf(missing)).toBe('NOT_FOUND');
      expect(hidden.errors?.[0]?.message.replace(ids.pilot, 'ID')).toBe(missing.errors?.[0]?.message.replace(MISSING, 'ID'));
      expect(JSON.stringify(hidden)).not.toContain('frailty');
    });

    it('copies category, approach and targets from the source, and records the adaptation', async () => {
      const first = await adopt('za2', input());
      ids.first = first.id;
      expect(first).toMatchObject({
        trustCode: 'ZA2',
        title: 'Ward-led discharge planning',
        category: 'PATIENT_FLOW',
        approach: 'SYSTEMIC',
        sharing: 'PUBLIC',
        status: 'PROPOSED',
        targets: [{ metric: 'ae-4hr', direction: 'INCREASE' }],
        adaptations: 'Two wards first',
        adoptedFrom: { id: ids.original, title: 'Ward-led discharge planning' },
      });
      await start('za2', ids.first);

      const second = await adopt('za3', {
        sourceInterventionId: ids.first,
        trustCode: 'ZA3',
        title: 'Midday discharge review',
        adaptations: 'Review at noon',
        sharing: 'TRUSTS',
      });
      ids.second = second.id;
      expect(second).toMatchObject({ title: 'Midday discharge review', sharing: 'TRUSTS', adoptedFrom: { id: ids.first } });

      const spread = await adopt('admin', { sourceInterventionId: ids.pilot, trustCode: 'ZA5', adaptations: 'Spread by the region', sharing: 'PUBLIC' });
      ids.spread = spread.id;
      expect(spread).toMatchObject({ trustCode: 'ZA5', title: 'Private pilot: frailty front door', adoptedFrom: { id: ids.pilot } });
    });
  });

  describe('lineage, adoptedFrom and adoptions, per role', () => {
    it('the community sees the public chain; a TRUSTS leaf is absent and uncounted', async () => {
      const original = await lineageAs('community', ids.original);
      expect(original?.adoptions).toEqual([{ id: ids.first }]);
      expect(original?.lineage.ancestors).toEqual([]);
      expect(original?.lineage.descendants.map((n) => [n.depth, n.intervention?.id])).toEqual([[1, ids.first]]);
      expect((await lineageAs('community', ids.first))?.adoptions).toEqual([]);
      expect(await lineageAs('community', ids.second)).toBeNull();
      expect(await lineageAs(null, ids.second)).toBeNull();
    });

    it('a policymaker sees the whole chain of three, each node by name', async () => {
      const original = await lineageAs('policymaker', ids.original);
      expect(original?.lineage.descendants.map((n) => [n.depth, n.intervention?.id, n.placeholder])).toEqual([
        [1, ids.first, null],
        [2, ids.second, null],
      ]);
      const second = await lineageAs('policymaker', ids.second);
      expect(second?.adoptedFrom).toEqual({ id: ids.first });
      expect(second?.adaptations).toBe('Review at noon');
      expect(second?.lineage.ancestors.map((n) => [n.depth, n.intervention?.trust.code])).toEqual([
        [2, 'ZA1'],
        [1, 'ZA2'],
      ]);
    });

    it.each(['community', 'policymaker', 'za5', null] as const)('%s sees a private ancestor only as a placeholder, never by name', async (role) => {
      const spread = await lineageAs(role, ids.spread);
      expect(spread?.adoptedFrom).toBeNull();
      expect(spread?.lineage.ancestors).toEqual([{ depth: 1, placeholder: PLACEHOLDER, intervention: null }]);
      expect(JSON.stringify(spread)).not.toContain(ids.pilot);
    });

    it.each(['za4', 'admin'] as const)('%s sees the private ancestor by name, and its adoption from the pilot', async (role) => {
      const spread = await lineageAs(role, ids.spread);
      expect(spread?.adoptedFrom).toEqual({ id: ids.pilot });
      expect(spread?.lineage.ancestors).toEqual([
        { depth: 1, placeholder: null, intervention: { id: ids.pilot, title: 'Private pilot: frailty front door', trust: { code: 'ZA4' } } },
      ]);
      expect((await lineageAs(role, ids.pilot))?.adoptions).toEqual([{ id: ids.spread }]);
    });
  });

  describe('evidence: does it spread?', () => {
    type Evidence = { k: number; adoptions: { k: number; sustainedShare: number | null }; originals: { k: number; sustainedShare: number | null } };

    it.each(['community', 'policymaker', 'admin'] as const)('%s: adoptions and originals counted from started interventions it may see', async (role) => {
      const { evidence } = await must<{ evidence: Evidence }>(role, EVIDENCE);
      // The started ones are the original (ZA1) and the first adoption (ZA2), both public and both sustained.
      expect(evidence.adoptions).toEqual({ k: 1, sustainedShare: 1 });
      expect(evidence.originals).toEqual({ k: 1, sustainedShare: 1 });
    });

    it('a hidden started adoption is not counted', async () => {
      await must('za2', `mutation($id: ID!) { changeSharing(input: { interventionId: $id, sharing: PRIVATE }) { position } }`, { id: ids.first });
      expect((await must<{ evidence: Evidence }>('community', EVIDENCE)).evidence.adoptions).toEqual({ k: 0, sustainedShare: null });
      expect((await must<{ evidence: Evidence }>('za2', EVIDENCE)).evidence.adoptions).toEqual({ k: 1, sustainedShare: 1 });
      // And the chain below it: the community no longer sees ZA2's adoption among the original's.
      expect((await lineageAs('community', ids.original))?.adoptions).toEqual([]);
    });
  });
});
