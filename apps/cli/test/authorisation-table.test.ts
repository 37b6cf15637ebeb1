import { buildSchema, signDevToken } from '@longview/gateway';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '../src/platform/embedded-platform';
import { graphql, graphqlData, type GraphQLResponse } from './support';

/**
 * The authorisation table: every mutation of the public schema, sent through GraphQL to a real
 * in-process platform, by every kind of caller. Each cell is its own test named
 * "<mutation> by <caller> -> <expected>", on a target made fresh for it, so a failing cell
 * names itself. A cell that must not succeed must also write nothing (the event store's head
 * does not move): above all, no token never writes.
 */

jest.setTimeout(120_000);

type Expected = 'OK' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND';

const CALLERS = [
  'no token',
  'garbage',
  'expired',
  'wrong key',
  'alg none',
  'editor of own trust',
  'editor of another trust',
  'policymaker',
  'community',
  'admin',
] as const;
type Caller = (typeof CALLERS)[number];

/** The trust whose editor is "editor of another trust". */
const OTHER_TRUST = 'ZOT1';

interface Target {
  /** The trust the cell's target belongs to (fresh per cell). */
  readonly trust: string;
  /** An admin acting on the platform: prepares the target. */
  readonly admin: (query: string, variables?: Record<string, unknown>) => Promise<Record<string, unknown>>;
}

interface Row {
  readonly mutation: string;
  /** Whether the cell's trust is registered before the call (not for registerTrust, which registers it). */
  readonly registered: boolean;
  /** Prepares the target; returns the mutation's variables. */
  readonly prepare: (target: Target) => Promise<Record<string, unknown>>;
  readonly document: string;
  readonly expected: Readonly<Record<Caller, Expected>>;
}

const UNAUTHENTICATED_CALLERS = {
  'no token': 'UNAUTHENTICATED',
  garbage: 'UNAUTHENTICATED',
  expired: 'UNAUTHENTICATED',
  'wrong key': 'UNAUTHENTICATED',
  'alg none': 'UNAUTHENTICATED',
} as const;

/** What the trust's own editor and an admin may do, and nobody else. */
const OWN_TRUST_ONLY: Readonly<Record<Caller, Expected>> = {
  ...UNAUTHENTICATED_CALLERS,
  'editor of own trust': 'OK',
  'editor of another trust': 'FORBIDDEN',
  policymaker: 'FORBIDDEN',
  community: 'FORBIDDEN',
  admin: 'OK',
};

/**
 * The same on another trust's PRIVATE intervention: a caller who may not see it should not
 * learn that it exists.
 */
const OWN_TRUST_ONLY_PRIVATE: Readonly<Record<Caller, Expected>> = {
  ...OWN_TRUST_ONLY,
  // Another trust's PRIVATE intervention is hidden from its editors: NOT_FOUND, exactly like a missing id.
  'editor of another trust': 'NOT_FOUND',
  // Policymakers and the community may not write at all: FORBIDDEN whether or not the intervention exists (no leak).
  policymaker: 'FORBIDDEN',
  community: 'FORBIDDEN',
};

const counter = { value: 0 };
/** A fresh ODS-shaped trust code per cell. */
const freshTrust = () => `Z${(counter.value++).toString(36).toUpperCase().padStart(3, '0')}`;

const PROPOSE = `mutation($input: ProposeInterventionInput!) { proposeIntervention(input: $input) { intervention { id } } }`;
const START = `mutation($id: ID!) { startIntervention(input: { interventionId: $id, startedOn: "2024-01-15" }) { position } }`;

const proposal = (trustCode: string, sharing: 'PUBLIC' | 'PRIVATE' = 'PUBLIC') => ({
  trustCode,
  title: `Discharge lounge at ${trustCode}`,
  summary: 'Patients wait for transport in a lounge, freeing beds earlier',
  category: 'PATIENT_FLOW',
  approach: 'SYSTEMIC',
  targets: [{ metric: 'ae-4hr', direction: 'INCREASE' }],
  sharing,
});

async function proposed(target: Target, sharing: 'PUBLIC' | 'PRIVATE', start: boolean): Promise<string> {
  const data = (await target.admin(PROPOSE, { input: proposal(target.trust, sharing) })) as { proposeIntervention: { intervention: { id: string } } };
  const id = data.proposeIntervention.intervention.id;
  if (start) await target.admin(START, { id });
  return id;
}

const DEFINE_DIAGRAM = `mutation($input: DefineDriverDiagramInput!) { defineDriverDiagram(input: $input) { position driverDiagram { id } } }`;
const driverDiagram = (trustCode: string, interventionId: string) => ({
  trustCode,
  aim: 'Raise 4-hour performance to 85% by March 2027',
  measure: 'ae-4hr',
  sharing: 'TRUSTS',
  primaryDrivers: [
    {
      text: 'Flow out of the department',
      secondaryDrivers: [{ text: 'Beds free by noon', changeIdeas: [{ text: 'Discharge lounge', interventionIds: [interventionId] }] }],
    },
  ],
});

const RECORD = `mutation($input: RecordObservationsInput!) { recordObservations(input: $input) { position } }`;
const months = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({ period: `2023-${String(from + i).padStart(2, '0')}`, value: 80 + i }));

/** The intervention mutations, on a PUBLIC and on a PRIVATE intervention. */
function interventionRows(sharing: 'PUBLIC' | 'PRIVATE'): Row[] {
  const expected = sharing === 'PUBLIC' ? OWN_TRUST_ONLY : OWN_TRUST_ONLY_PRIVATE;
  const suffix = sharing === 'PUBLIC' ? '' : ' (PRIVATE intervention)';
  return [
    {
      mutation: `startIntervention${suffix}`,
      registered: true,
      prepare: async (t) => ({ id: await proposed(t, sharing, false) }),
      document: START,
      expected,
    },
    {
      mutation: `logPdsaCycle${suffix}`,
      registered: true,
      prepare: async (t) => ({ id: await proposed(t, sharing, true) }),
      document: `mutation($id: ID!) { logPdsaCycle(input: { interventionId: $id, plan: "Huddle", do: "Two wards", study: "Earlier", act: "Spread", cycleDate: "2024-02-01" }) { position } }`,
      expected,
    },
    {
      mutation: `completeIntervention${suffix}`,
      registered: true,
      prepare: async (t) => ({ id: await proposed(t, sharing, true) }),
      document: `mutation($id: ID!) { completeIntervention(input: { interventionId: $id, completedOn: "2024-06-30" }) { position } }`,
      expected,
    },
    {
      mutation: `abandonIntervention${suffix}`,
      registered: true,
      prepare: async (t) => ({ id: await proposed(t, sharing, true) }),
      document: `mutation($id: ID!) { abandonIntervention(input: { interventionId: $id, abandonedOn: "2024-03-01", reason: "Funding ended" }) { position } }`,
      expected,
    },
    {
      mutation: `changeSharing${suffix}`,
      registered: true,
      prepare: async (t) => ({ id: await proposed(t, sharing, false), to: sharing === 'PUBLIC' ? 'TRUSTS' : 'PUBLIC' }),
      document: `mutation($id: ID!, $to: Sharing!) { changeSharing(input: { interventionId: $id, sharing: $to }) { position } }`,
      expected,
    },
    {
      mutation: `adoptIntervention${suffix}`,
      registered: true,
      // The cell's trust adopts its own earlier intervention (an adoption needs a source the adopter may see).
      prepare: async (t) => ({
        input: { sourceInterventionId: await proposed(t, sharing, true), trustCode: t.trust, adaptations: 'Run by the site team', sharing: 'PUBLIC' },
      }),
      document: `mutation($input: AdoptInterventionInput!) { adoptIntervention(input: $input) { position } }`,
      // Adopting into another trust is refused for the role before the source is looked up: FORBIDDEN whatever the source.
      expected: OWN_TRUST_ONLY,
    },
    {
      mutation: `assessSustainability${suffix}`,
      registered: true,
      prepare: async (t) => ({ id: await proposed(t, sharing, true) }),
      document: ASSESS,
      expected,
    },
  ];
}

const ASSESS = `mutation($id: ID!) { assessSustainability(input: { interventionId: $id, assessedOn: "2024-06-01", scores: [
  { factor: BENEFITS_BEYOND_HELPING_PATIENTS, level: 3 }, { factor: CREDIBILITY_OF_THE_BENEFITS, level: 3 }, { factor: ADAPTABILITY, level: 3 },
  { factor: EFFECTIVENESS_OF_MONITORING, level: 3 }, { factor: STAFF_INVOLVEMENT_AND_TRAINING, level: 3 }, { factor: STAFF_BEHAVIOURS, level: 3 },
  { factor: SENIOR_LEADERSHIP_ENGAGEMENT, level: 3 }, { factor: CLINICAL_LEADERSHIP_ENGAGEMENT, level: 3 }, { factor: FIT_WITH_AIMS_AND_CULTURE, level: 3 },
  { factor: INFRASTRUCTURE_FOR_SUSTAINABILITY, level: 3 } ] }) { position } }`;

/**
 * Mutations whose callers are more than "own trust or admin" (the mentor is a person, the request
 * comes from another trust): each has its table of callers in its own test file.
 */
const TABLED_ELSEWHERE: Readonly<Record<string, string>> = {
  offerMentorship: 'mentorship-graphql.test.ts',
  requestMentorship: 'mentorship-graphql.test.ts',
  respondToMentorship: 'mentorship-graphql.test.ts',
  endMentorship: 'mentorship-graphql.test.ts',
  withdrawMentorshipOffer: 'mentorship-graphql.test.ts',
  shareLesson: 'lessons-graphql.test.ts',
  endorseLesson: 'lessons-graphql.test.ts',
  commentOnIntervention: 'lessons-graphql.test.ts',
  retractComment: 'lessons-graphql.test.ts',
  hideComment: 'lessons-graphql.test.ts',
  // A programme's coordinators are the programme's own (not a sign-in role): its callers are tabled per role there.
  createProgramme: 'programmes-graphql.test.ts',
  appointProgrammeCoordinator: 'programmes-graphql.test.ts',
  joinProgramme: 'programmes-graphql.test.ts',
  linkToProgramme: 'programmes-graphql.test.ts',
};

const ROWS: readonly Row[] = [
  {
    mutation: 'registerTrust',
    registered: false,
    prepare: async (t) => ({ input: { code: t.trust, name: `Trust ${t.trust}`, context: { kind: 'ACUTE', region: 'LONDON' }, effectiveFrom: '2020-04-01' } }),
    document: `mutation($input: RegisterTrustInput!) { registerTrust(input: $input) { position } }`,
    expected: OWN_TRUST_ONLY,
  },
  {
    mutation: 'defineLocalMeasure',
    registered: true,
    prepare: async (t) => ({ input: { trustCode: t.trust, name: 'Falls with harm', unit: 'per 1,000 bed days', direction: 'DECREASE' } }),
    document: `mutation($input: DefineLocalMeasureInput!) { defineLocalMeasure(input: $input) { localMeasure { code } position } }`,
    expected: OWN_TRUST_ONLY,
  },
  {
    mutation: 'proposeIntervention',
    registered: true,
    prepare: async (t) => ({ input: proposal(t.trust) }),
    document: PROPOSE,
    expected: OWN_TRUST_ONLY,
  },
  ...interventionRows('PUBLIC'),
  ...interventionRows('PRIVATE'),
  {
    mutation: 'startIntervention (no such intervention)',
    registered: true,
    prepare: async () => ({ id: '0b9f3c1e-0000-4000-8000-000000000000' }),
    document: START,
    // Readers are refused for what they are before anything is looked up.
    expected: {
      ...UNAUTHENTICATED_CALLERS,
      'editor of own trust': 'NOT_FOUND',
      'editor of another trust': 'NOT_FOUND',
      policymaker: 'FORBIDDEN',
      community: 'FORBIDDEN',
      admin: 'NOT_FOUND',
    },
  },
  {
    mutation: 'updateTrustContext',
    registered: true,
    prepare: async (t) => ({
      input: {
        code: t.trust,
        context: { kind: 'ACUTE', region: 'LONDON', beds: 640 },
        effectiveFrom: new Date().toISOString().slice(0, 10),
        reason: 'New ward',
      },
    }),
    document: `mutation($input: UpdateTrustContextInput!) { updateTrustContext(input: $input) { position } }`,
    expected: OWN_TRUST_ONLY,
  },
  {
    mutation: 'recordObservations',
    registered: true,
    prepare: async (t) => ({ input: { trustCode: t.trust, metric: 'ae-4hr', observations: months(1, 3), source: 'table' } }),
    document: RECORD,
    expected: OWN_TRUST_ONLY,
  },
  {
    mutation: 'correctObservation',
    registered: true,
    prepare: async (t) => {
      await t.admin(RECORD, { input: { trustCode: t.trust, metric: 'ae-4hr', observations: months(1, 3) } });
      return { trustCode: t.trust };
    },
    document: `mutation($trustCode: ID!) { correctObservation(input: { trustCode: $trustCode, metric: "ae-4hr", period: "2023-02", value: 79.5, reason: "Late returns" }) { position } }`,
    expected: OWN_TRUST_ONLY,
  },
  {
    mutation: 'rebaseSeries',
    registered: true,
    prepare: async (t) => {
      await t.admin(RECORD, { input: { trustCode: t.trust, metric: 'ae-4hr', observations: months(1, 12) } });
      return { trustCode: t.trust };
    },
    document: `mutation($trustCode: ID!) { rebaseSeries(input: { trustCode: $trustCode, metric: "ae-4hr", fromPeriod: "2023-07", reason: "New front door" }) { position } }`,
    expected: OWN_TRUST_ONLY,
  },
  {
    mutation: 'defineDriverDiagram',
    registered: true,
    prepare: async (t) => ({ input: driverDiagram(t.trust, await proposed(t, 'PUBLIC', false)) }),
    document: DEFINE_DIAGRAM,
    expected: OWN_TRUST_ONLY,
  },
  {
    mutation: 'reviseDriverDiagram',
    registered: true,
    // A TRUSTS-level diagram: another trust's editor may see it, so is refused for the trust (FORBIDDEN).
    prepare: async (t) => {
      const { trustCode: _t, ...body } = driverDiagram(t.trust, await proposed(t, 'PUBLIC', false));
      const data = (await t.admin(DEFINE_DIAGRAM, { input: { ...body, trustCode: t.trust } })) as { defineDriverDiagram: { driverDiagram: { id: string } } };
      return { input: { ...body, driverDiagramId: data.defineDriverDiagram.driverDiagram.id, aim: 'Raise 4-hour performance to 90% by March 2028' } };
    },
    document: `mutation($input: ReviseDriverDiagramInput!) { reviseDriverDiagram(input: $input) { position } }`,
    expected: OWN_TRUST_ONLY,
  },
];

/** A token with this header and payload, signed (or not) as given. */
function rawToken(header: object, payload: object, signature = ''): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part(header)}.${part(payload)}.${signature}`;
}

function authorizationOf(caller: Caller, ownTrust: string, secret: string): Record<string, string> {
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const now = Math.floor(Date.now() / 1000);
  switch (caller) {
    case 'no token':
      return {};
    case 'garbage':
      return bearer('this-is-not-a-token');
    case 'expired':
      // Issued three hours ago for one hour.
      return bearer(signDevToken({ role: 'ADMIN', expiresInSeconds: 3600 }, secret, new Date(Date.now() - 3 * 3600 * 1000)));
    case 'wrong key':
      return bearer(signDevToken({ role: 'ADMIN' }, 'a-key-this-platform-never-made'));
    case 'alg none':
      return bearer(rawToken({ alg: 'none', typ: 'JWT' }, { sub: 'mallory', role: 'ADMIN', iat: now, exp: now + 600 }));
    case 'editor of own trust':
      return bearer(signDevToken({ role: 'TRUST_EDITOR', trust: ownTrust }, secret));
    case 'editor of another trust':
      return bearer(signDevToken({ role: 'TRUST_EDITOR', trust: OTHER_TRUST }, secret));
    case 'policymaker':
      return bearer(signDevToken({ role: 'POLICYMAKER' }, secret));
    case 'community':
      return bearer(signDevToken({ role: 'COMMUNITY' }, secret));
    case 'admin':
      return bearer(signDevToken({ role: 'ADMIN' }, secret));
  }
}

function outcomeOf(response: GraphQLResponse<Record<string, unknown>>): string {
  if (!response.errors?.length) return 'OK';
  return response.errors.map((error) => error.extensions?.code ?? error.message).join(', ');
}

describe('the authorisation table: every mutation x every caller, through GraphQL (embedded)', () => {
  let platform: EmbeddedPlatform;
  let url: string;
  let adminAuth: Record<string, string>;
  const admin = (query: string, variables: Record<string, unknown> = {}) => graphqlData(url, query, variables, adminAuth);

  beforeAll(async () => {
    platform = await startEmbeddedPlatform({ gatewayPort: 0, commandPort: 0, queryPort: 0 });
    url = platform.gatewayUrl as string;
    adminAuth = { authorization: `Bearer ${signDevToken({ role: 'ADMIN' }, platform.jwtSecret)}` };
    await admin(
      `mutation { registerTrust(input: { code: "${OTHER_TRUST}", name: "Other NHS Trust", context: { kind: ACUTE, region: LONDON } }) { position } }`,
    );
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('covers every mutation of the public schema', () => {
    const mutations = Object.keys(buildSchema().getMutationType()?.getFields() ?? {}).sort();
    const rows = [...new Set([...ROWS.map((row) => row.mutation.split(' ')[0]), ...Object.keys(TABLED_ELSEWHERE)])].sort();
    expect(rows).toEqual(mutations);
  });

  const cells = ROWS.flatMap((row) => CALLERS.map((caller) => ({ row, caller, expected: row.expected[caller] })));
  it.each(cells.map((cell) => [`${cell.row.mutation} by ${cell.caller} -> ${cell.expected}`, cell] as const))(
    '%s',
    async (_name, { row, caller, expected }) => {
      const trust = freshTrust();
      if (row.registered)
        await admin(`mutation { registerTrust(input: { code: "${trust}", name: "Trust ${trust}", context: { kind: ACUTE, region: LONDON } }) { position } }`);
      const variables = await row.prepare({ trust, admin });
      const head = await platform.eventStore.headPosition();

      const response = await graphql(url, row.document, variables, authorizationOf(caller, trust, platform.jwtSecret));

      expect(outcomeOf(response)).toBe(expected);
      if (expected !== 'OK') expect(await platform.eventStore.headPosition()).toBe(head);
      else expect(await platform.eventStore.headPosition()).toBeGreaterThan(head);
    },
  );
});
