import type { AppointProgrammeCoordinator, CreateProgramme, JoinProgramme, LinkToProgramme } from './commands';
import { ConflictError, ForbiddenError, InterventionNotFoundError, InvalidCommandError, TrustNotFoundError } from './errors';
import type { InterventionProposed, ProgrammeCreated, TrustJoinedProgramme, TrustRegistered } from './events';
import { interventionDecider, type InterventionState } from './intervention';
import { ProgrammeNotFoundError, programmeDecider } from './programme';
import type { Actor, Sharing } from './shared';
import { DeciderSpecification } from './testing/decider-spec';
import { commandMetadata } from './testing/fixtures';
import { trustDecider, type TrustState } from './trust';

const spec = DeciderSpecification.for(programmeDecider);
const NOW = '2026-03-01T10:00:00.000Z';
const P = 'prog-1';
const policymaker: Actor = { id: 'priya', role: 'POLICYMAKER', name: 'Priya Shah' };
const otherPolicymaker: Actor = { id: 'omar', role: 'POLICYMAKER', name: 'Omar Ali' };
const admin: Actor = { id: 'admin', role: 'ADMIN', name: 'Alex Admin' };
const community: Actor = { id: 'pat', role: 'COMMUNITY', name: 'Pat Doe' };
const editorRJ1: Actor = { id: 'asha', role: 'TRUST_EDITOR', trustCode: 'RJ1', name: 'Asha Patel' };
const editorRXH: Actor = { id: 'sam', role: 'TRUST_EDITOR', trustCode: 'RXH', name: 'Sam Jones' };
const person = (a: Actor) => ({ id: a.id, name: a.name as string, role: a.role, ...(a.trustCode ? { trustCode: a.trustCode } : {}) });

const create = (data: Partial<Record<keyof CreateProgramme['data'], unknown>> = {}, actor: Actor = policymaker): CreateProgramme => ({
  type: 'CreateProgramme',
  data: {
    programmeId: P,
    name: 'North West patient-flow collaborative',
    aim: 'Every member trust above 80% of A&E patients seen within 4 hours by March 2027',
    category: 'PATIENT_FLOW',
    metric: 'ae-4hr',
    ...data,
  } as CreateProgramme['data'],
  metadata: commandMetadata(actor, NOW),
});
const created: ProgrammeCreated = {
  type: 'ProgrammeCreated',
  data: {
    programmeId: P,
    name: 'North West patient-flow collaborative',
    aim: 'Every member trust above 80% of A&E patients seen within 4 hours by March 2027',
    category: 'PATIENT_FLOW',
    metric: 'ae-4hr',
    coordinator: person(policymaker),
    createdAt: NOW,
  },
};
const registered = (code: string): TrustState =>
  trustDecider.evolve(trustDecider.initialState(), {
    type: 'TrustRegistered',
    data: { code, name: `Trust ${code}`, context: { kind: 'ACUTE', region: 'NORTH_WEST' }, effectiveFrom: '2024-04-01', registeredAt: NOW },
  } satisfies TrustRegistered);
const join = (trustCode: string, actor: Actor, trust: TrustState | null = registered(trustCode)): JoinProgramme => ({
  type: 'JoinProgramme',
  data: { programmeId: P, trustCode },
  metadata: commandMetadata(actor, NOW),
  ...(trust ? { context: { trust } } : {}),
});
const joined = (trustCode: string, by: Actor): TrustJoinedProgramme => ({
  type: 'TrustJoinedProgramme',
  data: { programmeId: P, trustCode, trustName: `Trust ${trustCode}`, joinedBy: person(by), joinedAt: NOW },
});
const intervention = (trustCode: string, sharing: Sharing = 'TRUSTS', id = 'int-1'): InterventionState =>
  interventionDecider.evolve(interventionDecider.initialState(), {
    type: 'InterventionProposed',
    data: {
      interventionId: id,
      trustCode,
      title: 'Discharge to assess',
      summary: 'Assess at home',
      category: 'PATIENT_FLOW',
      approach: 'SYSTEMIC',
      targets: [{ metric: 'ae-4hr', direction: 'INCREASE' }],
      sharing,
      proposedAt: NOW,
    },
  } satisfies InterventionProposed);
const link = (actor: Actor, state: InterventionState | null, interventionId = 'int-1'): LinkToProgramme => ({
  type: 'LinkToProgramme',
  data: { programmeId: P, interventionId },
  metadata: commandMetadata(actor, NOW),
  ...(state ? { context: { intervention: state } } : {}),
});
const linked = (trustCode: string, by: Actor, interventionId = 'int-1') => ({
  type: 'InterventionLinkedToProgramme' as const,
  data: { programmeId: P, interventionId, trustCode, linkedBy: person(by), linkedAt: NOW },
});
const appoint = (actor: Actor, coordinatorId = 'omar', coordinatorName = 'Omar Ali'): AppointProgrammeCoordinator => ({
  type: 'AppointProgrammeCoordinator',
  data: { programmeId: P, coordinatorId, coordinatorName },
  metadata: commandMetadata(actor, NOW),
});

describe('CreateProgramme', () => {
  it('a policymaker creates a programme and becomes its coordinator', () => {
    spec.given([]).when(create()).then([created]);
  });

  it('an administrator may create one too', () => {
    spec
      .given([])
      .when(create({}, admin))
      .then([{ ...created, data: { ...created.data, coordinator: person(admin) } }]);
  });

  it.each([
    ['the community', community],
    ['a trust editor', editorRJ1],
  ])('%s may not', (_name, actor) => {
    const error = spec.given([]).when(create({}, actor)).thenThrows(ForbiddenError);
    expect(error.message).toBe('Only policymakers and administrators can create a programme. Ask one of them to set it up, then join it.');
  });

  it('lists every bad field in plain English: name bounds, aim, category, metric from the catalogue', () => {
    const error = spec
      .given([])
      .when(create({ name: 'NW', aim: 'x'.repeat(1001), category: 'HAPPINESS', metric: 'ae-5hr' }))
      .thenThrows(InvalidCommandError);
    expect(error.fields).toEqual([
      { path: 'name', message: 'must be at least 3 characters' },
      { path: 'aim', message: 'must be at most 1000 characters (it is 1001)' },
      { path: 'category', message: expect.stringMatching(/^must be one of PATIENT_FLOW, /) },
      { path: 'metric', message: 'is not a metric in the catalogue: ae-5hr' },
    ]);
    expect(error.message).toMatch(/^The programme is invalid: name: must be at least 3 characters/);
    expect(
      spec
        .given([])
        .when(create({ name: '  ' }))
        .thenThrows(InvalidCommandError).fields,
    ).toEqual([{ path: 'name', message: 'is required' }]);
  });

  it('refuses an id already used', () => {
    spec.given([created]).when(create()).thenThrows(ConflictError);
  });
});

describe('JoinProgramme', () => {
  it('a trust editor joins their own trust, the trust named from its stream', () => {
    spec
      .given([created])
      .when(join('RJ1', editorRJ1))
      .then([joined('RJ1', editorRJ1)]);
  });

  it('the coordinator or an administrator may add a trust', () => {
    spec
      .given([created])
      .when(join('RXH', policymaker))
      .then([joined('RXH', policymaker)]);
    spec
      .given([created])
      .when(join('RXH', admin))
      .then([joined('RXH', admin)]);
  });

  it('an editor of another trust, or a policymaker who does not coordinate it, may not', () => {
    expect(spec.given([created]).when(join('RXH', editorRJ1)).thenThrows(ForbiddenError).message).toMatch(
      /You edit for trust RJ1 and cannot make trust RXH join/,
    );
    spec.given([created]).when(join('RXH', otherPolicymaker)).thenThrows(ForbiddenError);
    spec.given([created]).when(join('RJ1', community)).thenThrows(ForbiddenError);
  });

  it('refuses joining twice, in words', () => {
    const error = spec
      .given([created, joined('RJ1', editorRJ1)])
      .when(join('RJ1', editorRJ1))
      .thenThrows(ConflictError);
    expect(error.message).toBe('Trust RJ1 is already a member of North West patient-flow collaborative; it does not need to join again.');
  });

  it('refuses a trust that is not registered and a programme that does not exist', () => {
    spec
      .given([created])
      .when(join('ZZ9', admin, trustDecider.initialState()))
      .thenThrows(TrustNotFoundError);
    const error = spec.given([]).when(join('RJ1', editorRJ1)).thenThrows(ProgrammeNotFoundError);
    expect(error.message).toBe('There is no programme prog-1. Check the id of the programme.');
  });

  it('lists bad fields', () => {
    const command = { ...join('RJ1', editorRJ1), data: { programmeId: '', trustCode: 'rj1' } };
    expect(
      spec
        .given([created])
        .when(command)
        .thenThrows(InvalidCommandError)
        .fields.map((f) => f.path),
    ).toEqual(['programmeId', 'trustCode']);
  });
});

describe('LinkToProgramme', () => {
  const members = [created, joined('RJ1', editorRJ1)];

  it('the coordinator links an intervention of a member trust', () => {
    spec
      .given(members)
      .when(link(policymaker, intervention('RJ1')))
      .then([linked('RJ1', policymaker)]);
  });

  it('a trust editor links their own trust’s intervention when the trust is a member', () => {
    spec
      .given(members)
      .when(link(editorRJ1, intervention('RJ1')))
      .then([linked('RJ1', editorRJ1)]);
  });

  it('refuses an intervention of a trust that is not a member, even for the coordinator', () => {
    const error = spec
      .given(members)
      .when(link(policymaker, intervention('RXH')))
      .thenThrows(ConflictError);
    expect(error.message).toBe(
      'Trust RXH is not a member of North West patient-flow collaborative. The trust must join the programme before its interventions can be linked.',
    );
    spec
      .given([created])
      .when(link(editorRXH, intervention('RXH')))
      .thenThrows(ConflictError);
  });

  it('refuses an editor of another trust and a policymaker who does not coordinate it', () => {
    spec
      .given(members)
      .when(link(editorRXH, intervention('RJ1')))
      .thenThrows(ForbiddenError);
    spec
      .given(members)
      .when(link(otherPolicymaker, intervention('RJ1')))
      .thenThrows(ForbiddenError);
  });

  it('an intervention the actor may not see answers like a missing one', () => {
    spec
      .given(members)
      .when(link(policymaker, intervention('RJ1', 'PRIVATE')))
      .thenThrows(InterventionNotFoundError);
    spec.given(members).when(link(policymaker, interventionDecider.initialState())).thenThrows(InterventionNotFoundError);
    // Its own trust's editor sees a private one.
    spec
      .given(members)
      .when(link(editorRJ1, intervention('RJ1', 'PRIVATE')))
      .then([linked('RJ1', editorRJ1)]);
  });

  it('refuses linking twice and an unknown programme', () => {
    spec
      .given([...members, linked('RJ1', editorRJ1)])
      .when(link(policymaker, intervention('RJ1')))
      .thenThrows(ConflictError);
    spec
      .given([])
      .when(link(policymaker, intervention('RJ1')))
      .thenThrows(ProgrammeNotFoundError);
  });
});

describe('AppointProgrammeCoordinator', () => {
  it('a coordinator appoints another, who may then link member trusts’ interventions', () => {
    const appointed = {
      type: 'ProgrammeCoordinatorAppointed' as const,
      data: { programmeId: P, coordinator: { id: 'omar', name: 'Omar Ali' }, appointedBy: person(policymaker), appointedAt: NOW },
    };
    spec.given([created]).when(appoint(policymaker)).then([appointed]);
    spec
      .given([created, appointed, joined('RJ1', editorRJ1)])
      .when(link(otherPolicymaker, intervention('RJ1')))
      .then([linked('RJ1', otherPolicymaker)]);
    // Appointing someone already a coordinator changes nothing.
    spec.given([created, appointed]).when(appoint(admin)).thenNothingHappens();
  });

  it('only a coordinator or an administrator may appoint', () => {
    spec.given([created]).when(appoint(otherPolicymaker)).thenThrows(ForbiddenError);
    spec.given([created]).when(appoint(editorRJ1)).thenThrows(ForbiddenError);
    spec.given([]).when(appoint(admin)).thenThrows(ProgrammeNotFoundError);
  });
});
