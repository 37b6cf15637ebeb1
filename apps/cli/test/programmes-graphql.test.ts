import type { DevTokenOptions } from '@longview/gateway';
import { codeOf, embeddedGraphQL, type GraphQLResponse } from './support';

/**
 * Programmes (collaboratives) end to end through GraphQL, per role, on an embedded platform.
 * ZP1 and ZP2 join; ZP3 does not. ZP1 has a PUBLIC intervention and a PRIVATE one (both with
 * A&E data that improved after the start), ZP2 a PUBLIC one, ZP3 a PUBLIC one. The hidden case:
 * ZP1's PRIVATE intervention, linked by its own editor, is absent and uncounted for the community
 * (interventions, members' counts, evidence, portfolio and timeline alike).
 */

jest.setTimeout(180_000);

const ROLES = {
  zp1: { role: 'TRUST_EDITOR', trust: 'ZP1', name: 'Asha Patel', sub: 'asha' },
  zp2: { role: 'TRUST_EDITOR', trust: 'ZP2', name: 'Sam Jones', sub: 'sam' },
  zp3: { role: 'TRUST_EDITOR', trust: 'ZP3', name: 'Kim Lee', sub: 'kim' },
  community: { role: 'COMMUNITY', name: 'Pat Doe', sub: 'pat' },
  policymaker: { role: 'POLICYMAKER', name: 'Priya Shah', sub: 'priya' },
  otherPolicymaker: { role: 'POLICYMAKER', name: 'Omar Ali', sub: 'omar' },
  admin: { role: 'ADMIN', name: 'Alex Admin', sub: 'alex' },
} satisfies Record<string, DevTokenOptions>;
type RoleName = keyof typeof ROLES;

const PROGRAMME_FIELDS = `id name aim category metric coordinators { id name } coordinatedByMe memberCount interventionCount
  members { code name interventionCount }
  interventions { id title trustCode status verdict verdictMetric }
  evidence { k pooledEffect sustainedShare method { estimator test description } }
  timeline { date type summary interventionId }
  portfolio { total current { statuses { status count } verdicts { sustainability count } } quarters { quarter label statuses { status count } } }`;
const CREATE = `mutation($input: CreateProgrammeInput!) { createProgramme(input: $input) { position programme { ${PROGRAMME_FIELDS} } } }`;
const JOIN = `mutation($input: JoinProgrammeInput!) { joinProgramme(input: $input) { position programme { id memberCount members { code } } } }`;
const LINK = `mutation($input: LinkToProgrammeInput!) { linkToProgramme(input: $input) { position programme { id interventionCount } } }`;
const APPOINT = `mutation($input: AppointProgrammeCoordinatorInput!) { appointProgrammeCoordinator(input: $input) { programme { coordinators { id name } } } }`;
const PROGRAMME = `query($id: ID!) { programme(id: $id) { ${PROGRAMME_FIELDS} } }`;
const PROGRAMMES = `{ programmes { id name memberCount interventionCount } }`;
const TRUST_PORTFOLIO = `query($code: ID!) { trust(code: $code) { programmes { id } portfolio { total current { statuses { status count } } } } }`;

const messageOf = (answer: GraphQLResponse<unknown>) => answer.errors?.[0]?.message;

type ProgrammeData = {
  id: string;
  coordinatedByMe: boolean;
  interventionCount: number;
  members: { code: string; interventionCount: number }[];
  interventions: { id: string; trustCode: string; verdict: string | null; verdictMetric: string | null }[];
  evidence: { k: number; pooledEffect: number | null; sustainedShare: number | null; method: { estimator: string; test: string } };
  timeline: { type: string; interventionId: string | null }[];
  portfolio: { total: number; current: { statuses: { status: string; count: number }[] } };
};

/** 24 months at about 70%, then 24 at about 82% (an improvement that holds), from 2022-01. */
function improvingSeries(offset: number) {
  return Array.from({ length: 48 }, (_, i) => {
    const period = `${2022 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
    const wobble = (((i * 7 + offset) % 5) - 2) * 0.6;
    return { period, value: (i < 24 ? 70 : 82) + offset + wobble };
  });
}

describe('programmes through GraphQL (embedded)', () => {
  let programmeId = '';
  const ids = {} as Record<'zp1Public' | 'zp1Private' | 'zp2Public' | 'zp3Public', string>;

  const api = embeddedGraphQL(ROLES);
  const { ask, must } = api;
  const programmeAs = async (role: RoleName | null) => {
    const answer = await ask<{ programme: ProgrammeData }>(role, PROGRAMME, { id: programmeId });
    expect(answer.errors).toBeUndefined();
    return answer.data?.programme as ProgrammeData;
  };

  beforeAll(async () => {
    await api.start();
    for (const [i, code] of ['ZP1', 'ZP2', 'ZP3'].entries()) {
      await must('admin', `mutation($input: RegisterTrustInput!) { registerTrust(input: $input) { position } }`, {
        input: { code, name: `${code} Hospitals NHS Trust`, context: { kind: 'ACUTE', region: 'NORTH_WEST' }, effectiveFrom: '2020-04-01' },
      });
      await must('admin', `mutation($input: RecordObservationsInput!) { recordObservations(input: $input) { position } }`, {
        input: { trustCode: code, metric: 'ae-4hr', observations: improvingSeries(i) },
      });
    }
    const propose = async (role: 'zp1' | 'zp2' | 'zp3', sharing: string, title: string) => {
      const id = (
        await must<{ proposeIntervention: { intervention: { id: string } } }>(
          role,
          `mutation($input: ProposeInterventionInput!) { proposeIntervention(input: $input) { intervention { id } } }`,
          {
            input: {
              trustCode: ROLES[role].trust,
              title,
              summary: 'A test intervention',
              category: 'PATIENT_FLOW',
              approach: 'SYSTEMIC',
              targets: [{ metric: 'ae-4hr', direction: 'INCREASE' }],
              sharing,
            },
          },
        )
      ).proposeIntervention.intervention.id;
      await must(role, `mutation($input: StartInterventionInput!) { startIntervention(input: $input) { position } }`, {
        input: { interventionId: id, startedOn: '2024-01-01' },
      });
      return id;
    };
    ids.zp1Public = await propose('zp1', 'PUBLIC', 'Same-day emergency care');
    ids.zp1Private = await propose('zp1', 'PRIVATE', 'Private frailty pilot');
    ids.zp2Public = await propose('zp2', 'PUBLIC', 'Discharge to assess');
    ids.zp3Public = await propose('zp3', 'PUBLIC', 'Rapid assessment');
  });
  afterAll(() => api.stop());

  const input = {
    name: 'North West patient-flow collaborative',
    aim: 'Every member above 80% within 4 hours by March 2027',
    category: 'PATIENT_FLOW',
    metric: 'ae-4hr',
  };

  it('the community and trust editors cannot create a programme; a policymaker can, and coordinates it', async () => {
    for (const role of ['community', 'zp1'] as const) {
      const refused = await ask(role, CREATE, { input });
      expect(codeOf(refused)).toBe('FORBIDDEN');
      expect(messageOf(refused)).toBe('Only policymakers and administrators can create a programme. Ask one of them to set it up, then join it.');
    }
    const anonymous = await ask(null, CREATE, { input });
    expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
    const created = await must<{ createProgramme: { position: string; programme: ProgrammeData & { coordinators: unknown[] } } }>('policymaker', CREATE, {
      input,
    });
    programmeId = created.createProgramme.programme.id;
    expect(created.createProgramme.position).toMatch(/^\d+$/);
    expect(created.createProgramme.programme).toMatchObject({
      name: input.name,
      coordinators: [{ id: 'priya', name: 'Priya Shah' }],
      coordinatedByMe: true,
      memberCount: 0,
      interventionCount: 0,
      evidence: { k: 0, pooledEffect: null, method: { estimator: 'REML' } },
    });
  });

  it('refuses bad input in plain English', async () => {
    const bad = await ask('policymaker', CREATE, { input: { ...input, name: 'NW', metric: 'ae-5hr' } });
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(messageOf(bad)).toBe('The programme is invalid: name: must be at least 3 characters; metric: is not a metric in the catalogue: ae-5hr');
    const unknown = await ask('zp1', JOIN, { input: { programmeId: 'no-such-programme', trustCode: 'ZP1' } });
    expect(codeOf(unknown)).toBe('NOT_FOUND');
    expect(messageOf(unknown)).toBe('There is no programme no-such-programme. Check the id of the programme.');
  });

  it('trust editors join their own trust, once; not another trust', async () => {
    await must('zp1', JOIN, { input: { programmeId, trustCode: 'ZP1' } });
    const again = await ask('zp1', JOIN, { input: { programmeId, trustCode: 'ZP1' } });
    expect(codeOf(again)).toBe('CONFLICT');
    expect(messageOf(again)).toMatch(/already a member/);
    expect(codeOf(await ask('zp1', JOIN, { input: { programmeId, trustCode: 'ZP2' } }))).toBe('FORBIDDEN');
    // The coordinator adds a trust too.
    const joined = await must<{ joinProgramme: { programme: { members: { code: string }[] } } }>('policymaker', JOIN, {
      input: { programmeId, trustCode: 'ZP2' },
    });
    expect(joined.joinProgramme.programme.members.map((m) => m.code)).toEqual(['ZP1', 'ZP2']);
  });

  it('a coordinator links interventions of member trusts only; a non-member and a non-coordinator are refused', async () => {
    await must('policymaker', LINK, { input: { programmeId, interventionId: ids.zp2Public } });
    const nonMember = await ask('policymaker', LINK, { input: { programmeId, interventionId: ids.zp3Public } });
    expect(codeOf(nonMember)).toBe('CONFLICT');
    expect(messageOf(nonMember)).toBe(
      'Trust ZP3 is not a member of North West patient-flow collaborative. The trust must join the programme before its interventions can be linked.',
    );
    // ZP3's own editor cannot link either while ZP3 is not a member.
    expect(codeOf(await ask('zp3', LINK, { input: { programmeId, interventionId: ids.zp3Public } }))).toBe('CONFLICT');
    // Another policymaker who does not coordinate it, and an editor of another trust, may not link.
    expect(codeOf(await ask('otherPolicymaker', LINK, { input: { programmeId, interventionId: ids.zp1Public } }))).toBe('FORBIDDEN');
    expect(codeOf(await ask('zp2', LINK, { input: { programmeId, interventionId: ids.zp1Public } }))).toBe('FORBIDDEN');
    // The coordinator cannot see (so cannot link) ZP1's private intervention: NOT_FOUND, like a missing one.
    expect(codeOf(await ask('policymaker', LINK, { input: { programmeId, interventionId: ids.zp1Private } }))).toBe('NOT_FOUND');
    // ZP1's editor links both of its own; linking twice is a conflict.
    await must('zp1', LINK, { input: { programmeId, interventionId: ids.zp1Public } });
    const linked = await must<{ linkToProgramme: { programme: { interventionCount: number } } }>('zp1', LINK, {
      input: { programmeId, interventionId: ids.zp1Private },
    });
    expect(linked.linkToProgramme.programme.interventionCount).toBe(3);
    expect(codeOf(await ask('zp1', LINK, { input: { programmeId, interventionId: ids.zp1Public } }))).toBe('CONFLICT');
  });

  it('a private linked intervention is absent and uncounted for the community; its trust sees it', async () => {
    const community = await programmeAs('community');
    const owner = await programmeAs('zp1');
    expect(community.interventions.map((i) => i.id).sort()).toEqual([ids.zp1Public, ids.zp2Public].sort());
    expect(owner.interventions.map((i) => i.id).sort()).toEqual([ids.zp1Public, ids.zp1Private, ids.zp2Public].sort());
    expect(community.interventionCount).toBe(2);
    expect(owner.interventionCount).toBe(3);
    expect(community.members).toEqual([
      { code: 'ZP1', name: 'ZP1 Hospitals NHS Trust', interventionCount: 1 },
      { code: 'ZP2', name: 'ZP2 Hospitals NHS Trust', interventionCount: 1 },
    ]);
    expect(owner.members.find((m) => m.code === 'ZP1')?.interventionCount).toBe(2);
    expect(community.timeline.some((e) => e.interventionId === ids.zp1Private)).toBe(false);
    expect(owner.timeline.filter((e) => e.interventionId === ids.zp1Private).map((e) => e.type)).toEqual(['INTERVENTION_STARTED', 'INTERVENTION_LINKED']);
    expect(community.portfolio.total).toBe(2);
    expect(owner.portfolio.total).toBe(3);
    expect(community.evidence.k).toBe(2);
    expect(owner.evidence.k).toBe(3);
    // Verdicts come from the data: an improvement held for 24 months is sustained.
    expect(community.interventions.map((i) => [i.verdict, i.verdictMetric])).toEqual([
      ['SUSTAINED', 'ae-4hr'],
      ['SUSTAINED', 'ae-4hr'],
    ]);
    expect(community.evidence.sustainedShare).toBe(1);
    expect(community.evidence.pooledEffect).toBeGreaterThan(10);
    // REML with Knapp-Hartung once there are studies: the same pooling as Query.evidence.
    expect(community.evidence.method).toMatchObject({ estimator: 'REML', test: 'knha' });
    const evidence = await must<{ evidence: { method: { estimator: string; test: string } } }>(
      'community',
      `{ evidence(metric: "ae-4hr") { method { estimator test } } }`,
    );
    expect(community.evidence.method).toMatchObject(evidence.evidence.method);
    // The list counts the same way; names and memberships are public (signed out too).
    const list = await must<{ programmes: { id: string; memberCount: number; interventionCount: number }[] }>('community', PROGRAMMES);
    expect(list.programmes).toEqual([expect.objectContaining({ id: programmeId, memberCount: 2, interventionCount: 2 })]);
    expect((await programmeAs(null)).interventionCount).toBe(2);
    expect((await ask(null, PROGRAMME, { id: 'no-such-programme' })).data).toEqual({ programme: null });
  });

  it('a coordinator appoints another, who may then link; the trust’s portfolio and programmes follow visibility', async () => {
    expect(codeOf(await ask('otherPolicymaker', APPOINT, { input: { programmeId, personId: 'omar', name: 'Omar Ali' } }))).toBe('FORBIDDEN');
    const appointed = await must<{ appointProgrammeCoordinator: { programme: { coordinators: { id: string }[] } } }>('policymaker', APPOINT, {
      input: { programmeId, personId: 'omar', name: 'Omar Ali' },
    });
    expect(appointed.appointProgrammeCoordinator.programme.coordinators.map((c) => c.id)).toEqual(['priya', 'omar']);
    expect((await programmeAs('otherPolicymaker')).coordinatedByMe).toBe(true);
    await must('otherPolicymaker', JOIN, { input: { programmeId, trustCode: 'ZP3' } });
    await must('otherPolicymaker', LINK, { input: { programmeId, interventionId: ids.zp3Public } });

    type TrustAnswer = { trust: { programmes: { id: string }[]; portfolio: { total: number; current: { statuses: { status: string; count: number }[] } } } };
    const asCommunity = await must<TrustAnswer>('community', TRUST_PORTFOLIO, { code: 'ZP1' });
    const asOwner = await must<TrustAnswer>('zp1', TRUST_PORTFOLIO, { code: 'ZP1' });
    expect(asCommunity.trust.programmes.map((p) => p.id)).toEqual([programmeId]);
    expect(asCommunity.trust.portfolio.total).toBe(1);
    expect(asOwner.trust.portfolio.total).toBe(2);
    expect(asOwner.trust.portfolio.current.statuses).toEqual([
      { status: 'PROPOSED', count: 0 },
      { status: 'STARTED', count: 2 },
      { status: 'COMPLETED', count: 0 },
      { status: 'ABANDONED', count: 0 },
    ]);
  });
});
