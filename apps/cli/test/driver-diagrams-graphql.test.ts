import { codeOf, embeddedGraphQL, peopleAt } from './support';

/**
 * Driver diagrams end to end through GraphQL, per role, on an embedded platform. ZD1 owns a PUBLIC
 * and a PRIVATE intervention, a TRUSTS-level diagram linking both and a PUBLIC one; ZD2 is another
 * trust with an intervention of its own. Hidden cases: the TRUSTS diagram is missing (not null-ed
 * in place, not counted) for the community and the public; the PRIVATE intervention is absent
 * from the diagram for everyone but its trust and admins.
 */

jest.setTimeout(180_000);

const ROLES = peopleAt('ZD1', 'ZD2');
type RoleName = keyof typeof ROLES;

const DIAGRAM_FIELDS = `id aim measure sharing revision trust { code } measureMetric { name }
  primaryDrivers { text secondaryDrivers { text changeIdeas { text interventions { id title } } } }
  revisions { revision aim sharing note by { name role trustCode } at }`;
const DEFINE = `mutation($input: DefineDriverDiagramInput!) { defineDriverDiagram(input: $input) { position driverDiagram { ${DIAGRAM_FIELDS} } } }`;
const REVISE = `mutation($input: ReviseDriverDiagramInput!) { reviseDriverDiagram(input: $input) { position driverDiagram { ${DIAGRAM_FIELDS} } } }`;
const OF_TRUST = `query($code: ID!) { trust(code: $code) { driverDiagrams { id aim sharing } } }`;
const BY_ID = `query($id: ID!) { driverDiagram(id: $id) { ${DIAGRAM_FIELDS} } }`;
const PLACEMENTS = `query($id: ID!) { intervention(id: $id) { driverDiagramPlacements { driverDiagram { id aim } primaryDriver secondaryDriver changeIdea } } }`;

interface Diagram {
  id: string;
  aim: string;
  sharing: string;
  revision: number;
  primaryDrivers: { text: string; secondaryDrivers: { text: string; changeIdeas: { text: string; interventions: { id: string; title: string }[] }[] }[] }[];
  revisions: { revision: number; aim: string; sharing: string; note: string | null; by: { name: string } }[];
}
const linkedOf = (d: Diagram | null | undefined) => d?.primaryDrivers[0]?.secondaryDrivers[0]?.changeIdeas[0]?.interventions.map((i) => i.title);

describe('driver diagrams through GraphQL (embedded)', () => {
  const ids = {} as Record<'public' | 'private' | 'otherTrusts' | 'trustsDiagram' | 'publicDiagram', string>;

  const api = embeddedGraphQL(ROLES);
  const { ask, must } = api;
  const input = (sharing: string, interventionIds: string[], aim = 'Raise 4-hour performance from 71% to 85% by March 2027') => ({
    trustCode: 'ZD1',
    aim,
    measure: 'ae-4hr',
    sharing,
    primaryDrivers: [
      {
        text: 'Patients flow out of the department',
        secondaryDrivers: [
          { text: 'Beds are free by noon', changeIdeas: [{ text: 'Discharge lounge', interventionIds }] },
          { text: 'Senior review at the front door' },
        ],
      },
      { text: 'Staff have time to plan discharge' },
    ],
  });

  beforeAll(async () => {
    await api.start();
    for (const code of ['ZD1', 'ZD2']) {
      await must('admin', `mutation($input: RegisterTrustInput!) { registerTrust(input: $input) { position } }`, {
        input: { code, name: `${code} Hospitals NHS Trust`, context: { kind: 'ACUTE', region: 'LONDON' }, effectiveFrom: '2020-04-01' },
      });
    }
    const propose = async (role: RoleName, trustCode: string, title: string, sharing: string) =>
      (
        await must<{ proposeIntervention: { intervention: { id: string } } }>(
          role,
          `mutation($input: ProposeInterventionInput!) { proposeIntervention(input: $input) { intervention { id } } }`,
          {
            input: {
              trustCode,
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
    ids.public = await propose('owner', 'ZD1', 'Discharge lounge pilot', 'PUBLIC');
    ids.private = await propose('owner', 'ZD1', 'Private frailty huddle', 'PRIVATE');
    ids.otherTrusts = await propose('other', 'ZD2', 'Another trust’s lounge', 'PUBLIC');
  });
  afterAll(() => api.stop());

  it('the trust’s editor defines a TRUSTS-level diagram linking its interventions; the payload has the tree', async () => {
    const { defineDriverDiagram } = await must<{ defineDriverDiagram: { position: string; driverDiagram: Diagram & { trust: { code: string } } } }>(
      'owner',
      DEFINE,
      { input: input('TRUSTS', [ids.public, ids.private]) },
    );
    ids.trustsDiagram = defineDriverDiagram.driverDiagram.id;
    expect(defineDriverDiagram.position).toMatch(/^\d+$/);
    expect(defineDriverDiagram.driverDiagram).toMatchObject({
      sharing: 'TRUSTS',
      revision: 1,
      trust: { code: 'ZD1' },
      measureMetric: { name: expect.any(String) },
    });
    expect(defineDriverDiagram.driverDiagram.primaryDrivers.map((p) => p.text)).toEqual([
      'Patients flow out of the department',
      'Staff have time to plan discharge',
    ]);
    expect(linkedOf(defineDriverDiagram.driverDiagram)).toEqual(['Discharge lounge pilot', 'Private frailty huddle']);
    const admin = await must<{ defineDriverDiagram: { driverDiagram: Diagram } }>('admin', DEFINE, {
      input: input('PUBLIC', [ids.public], 'Cut 12-hour waits to zero by December 2026'),
    });
    ids.publicDiagram = admin.defineDriverDiagram.driverDiagram.id;
  });

  it.each<[string, RoleName | null, string[]]>([
    ['the public', null, ['publicDiagram']],
    ['the community', 'community', ['publicDiagram']],
    ['another trust’s editor', 'other', ['publicDiagram', 'trustsDiagram']],
    ['a policymaker', 'policymaker', ['publicDiagram', 'trustsDiagram']],
    ['the trust’s editor', 'owner', ['publicDiagram', 'trustsDiagram']],
  ])('a TRUSTS-level diagram follows its sharing for %s (hidden = missing, uncounted, null by id)', async (_name, role, expected) => {
    const answer = await ask<{ trust: { driverDiagrams: { id: string }[] } }>(role, OF_TRUST, { code: 'ZD1' });
    expect(answer.errors).toBeUndefined();
    const keyOf = (id: string) => (id === ids.trustsDiagram ? 'trustsDiagram' : id === ids.publicDiagram ? 'publicDiagram' : id);
    expect(answer.data?.trust.driverDiagrams.map((d) => keyOf(d.id))).toEqual(expected);
    const byId = await ask<{ driverDiagram: Diagram | null }>(role, BY_ID, { id: ids.trustsDiagram });
    expect(byId.errors).toBeUndefined();
    expect(byId.data?.driverDiagram?.id ?? null).toBe(expected.includes('trustsDiagram') ? ids.trustsDiagram : null);
  });

  it('inside a visible diagram, an intervention the viewer may not see is absent', async () => {
    const forOther = await must<{ driverDiagram: Diagram }>('other', BY_ID, { id: ids.trustsDiagram });
    expect(linkedOf(forOther.driverDiagram)).toEqual(['Discharge lounge pilot']);
    const forOwner = await must<{ driverDiagram: Diagram }>('owner', BY_ID, { id: ids.trustsDiagram });
    expect(linkedOf(forOwner.driverDiagram)).toEqual(['Discharge lounge pilot', 'Private frailty huddle']);
  });

  it('the intervention says where it sits, in the diagrams the viewer may see only', async () => {
    type Placements = {
      intervention: { driverDiagramPlacements: { driverDiagram: { id: string }; primaryDriver: string; secondaryDriver: string; changeIdea: string }[] };
    };
    const forOther = await must<Placements>('other', PLACEMENTS, { id: ids.public });
    expect(forOther.intervention.driverDiagramPlacements.map((p) => p.driverDiagram.id).sort()).toEqual([ids.trustsDiagram, ids.publicDiagram].sort());
    expect(forOther.intervention.driverDiagramPlacements[0]).toMatchObject({
      primaryDriver: 'Patients flow out of the department',
      secondaryDriver: 'Beds are free by noon',
      changeIdea: 'Discharge lounge',
    });
    const forCommunity = await must<Placements>('community', PLACEMENTS, { id: ids.public });
    expect(forCommunity.intervention.driverDiagramPlacements.map((p) => p.driverDiagram.id)).toEqual([ids.publicDiagram]);
  });

  it.each<[string, RoleName, string]>([
    ['another trust’s editor', 'other', 'FORBIDDEN'],
    ['a policymaker', 'policymaker', 'FORBIDDEN'],
    ['the community', 'community', 'FORBIDDEN'],
  ])('%s cannot define a diagram for the trust, nor revise one (nothing written)', async (_name, role, code) => {
    const head = await api.platform.eventStore.headPosition();
    expect(codeOf(await ask(role, DEFINE, { input: input('PUBLIC', []) }))).toBe(code);
    const { trustCode: _t, ...revision } = input('PUBLIC', []);
    expect(codeOf(await ask(role, REVISE, { input: { ...revision, driverDiagramId: ids.trustsDiagram } }))).toBe(code);
    expect(await api.platform.eventStore.headPosition()).toBe(head);
  });

  it('plain-English BAD_USER_INPUT for a bad measure, no primary driver and another trust’s intervention', async () => {
    const bad = await ask('owner', DEFINE, {
      input: { ...input('PUBLIC', [ids.otherTrusts]), measure: 'happiness' },
    });
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    const message = bad.errors?.[0]?.message ?? '';
    expect(message).toMatch(/measure: is not a metric in the catalogue/);
    expect(message).toMatch(/is not an intervention of trust ZD1/);
    expect(message).not.toMatch(/DefineDriverDiagram|INTERNAL/);
    const empty = await ask('owner', DEFINE, { input: { ...input('PUBLIC', []), primaryDrivers: [] } });
    expect(codeOf(empty)).toBe('BAD_USER_INPUT');
    expect(await ask(null, DEFINE, { input: input('PUBLIC', []) }).then(codeOf)).toBe('UNAUTHENTICATED');
  });

  it('a revision is kept in the history; an unchanged one adds nothing', async () => {
    const { trustCode: _t, ...body } = input('PUBLIC', [ids.public], 'Raise 4-hour performance from 71% to 88% by March 2027');
    const { reviseDriverDiagram } = await must<{ reviseDriverDiagram: { driverDiagram: Diagram } }>('owner', REVISE, {
      input: { ...body, driverDiagramId: ids.trustsDiagram, note: 'Stretch aim; shared publicly' },
    });
    expect(reviseDriverDiagram.driverDiagram).toMatchObject({ revision: 2, sharing: 'PUBLIC', aim: body.aim });
    expect(reviseDriverDiagram.driverDiagram.revisions.map((r) => [r.revision, r.sharing, r.note, r.by.name])).toEqual([
      [1, 'TRUSTS', null, 'Asha Patel'],
      [2, 'PUBLIC', 'Stretch aim; shared publicly', 'Asha Patel'],
    ]);
    const again = await must<{ reviseDriverDiagram: { driverDiagram: Diagram } }>('owner', REVISE, { input: { ...body, driverDiagramId: ids.trustsDiagram } });
    expect(again.reviseDriverDiagram.driverDiagram.revisions).toHaveLength(2);
    // Now PUBLIC: the community sees it.
    const community = await must<{ driverDiagram: Diagram | null }>('community', BY_ID, { id: ids.trustsDiagram });
    expect(community.driverDiagram?.revision).toBe(2);
    // An admin revises any trust's diagram.
    const byAdmin = await must<{ reviseDriverDiagram: { driverDiagram: Diagram } }>('admin', REVISE, {
      input: { ...body, sharing: 'TRUSTS', driverDiagramId: ids.trustsDiagram },
    });
    expect(byAdmin.reviseDriverDiagram.driverDiagram.revision).toBe(3);
  });

  it('a missing diagram is NOT_FOUND for its would-be editors', async () => {
    const { trustCode: _t, ...body } = input('PUBLIC', []);
    expect(codeOf(await ask('owner', REVISE, { input: { ...body, driverDiagramId: '00000000-0000-4000-8000-000000000000' } }))).toBe('NOT_FOUND');
  });
});
