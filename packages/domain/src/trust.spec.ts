import type { RegisterTrust, UpdateTrustContext } from './commands';
import { ForbiddenError, InvalidCommandError, TrustAlreadyRegisteredError, TrustNotFoundError } from './errors';
import type { TrustContextChanged, TrustRegistered } from './events';
import type { Actor, TrustContext } from './shared';
import { DeciderSpecification } from './testing/decider-spec';
import { actors, commandMetadata } from './testing/fixtures';
import { trustDecider } from './trust';

const spec = DeciderSpecification.for(trustDecider);
const NOW = '2025-06-15T09:30:00.000Z';

const context: TrustContext = {
  kind: 'ACUTE',
  region: 'LONDON',
  beds: 1100,
  catchmentPopulation: 850000,
  aeAttendances: 240000,
  deprivation: 28.4,
  oversightSegment: 3,
  cqcRating: 'REQUIRES_IMPROVEMENT',
};

function register(data: Partial<RegisterTrust['data']> = {}, actor: Actor = actors.admin): RegisterTrust {
  return {
    type: 'RegisterTrust',
    data: { code: 'RJ1', name: "Guy's and St Thomas'", context, effectiveFrom: '2024-04-01', ...data },
    metadata: commandMetadata(actor, NOW),
  };
}

function update(data: Partial<UpdateTrustContext['data']> = {}, actor: Actor = actors.admin): UpdateTrustContext {
  return {
    type: 'UpdateTrustContext',
    data: { code: 'RJ1', context: { ...context, oversightSegment: 2 }, effectiveFrom: '2025-01-01', ...data },
    metadata: commandMetadata(actor, NOW),
  };
}

const registered: TrustRegistered = {
  type: 'TrustRegistered',
  data: { code: 'RJ1', name: "Guy's and St Thomas'", context, effectiveFrom: '2024-04-01', registeredAt: NOW },
};

describe('RegisterTrust', () => {
  it('registers a new trust, stamped with the command time', () => {
    spec.given([]).when(register()).then([registered]);
  });

  it('trims the name and keeps absent optional context fields absent', () => {
    spec
      .given([])
      .when(register({ name: '  Leeds Teaching Hospitals  ', code: 'RR8', context: { kind: 'ACUTE', region: 'NORTH_EAST_AND_YORKSHIRE' } }))
      .then([
        {
          type: 'TrustRegistered',
          data: {
            code: 'RR8',
            name: 'Leeds Teaching Hospitals',
            context: { kind: 'ACUTE', region: 'NORTH_EAST_AND_YORKSHIRE' },
            effectiveFrom: '2024-04-01',
            registeredAt: NOW,
          },
        },
      ]);
  });

  it('rejects a trust that is already registered', () => {
    spec
      .given([registered])
      .when(register())
      .thenThrows(TrustAlreadyRegisteredError, (e) => e.code === 'TRUST_ALREADY_REGISTERED' && /Update its context instead/.test(e.message));
  });

  it('lists every invalid field at once', () => {
    const badContext = {
      kind: 'HOSPITAL',
      beds: -1,
      catchmentPopulation: 1.5,
      deprivation: 101,
      oversightSegment: 6,
      cqcRating: 'FINE',
    } as unknown as TrustContext;
    const error = spec
      .given([])
      .when(register({ code: 'rj-1', name: '   ', context: badContext, effectiveFrom: '2024-02-30' }))
      .thenThrows(InvalidCommandError);
    expect(error.kind).toBe('INVALID');
    expect(error.fields.map((f) => f.path)).toEqual([
      'code',
      'name',
      'context.kind',
      'context.region',
      'context.beds',
      'context.catchmentPopulation',
      'context.deprivation',
      'context.oversightSegment',
      'context.cqcRating',
      'effectiveFrom',
    ]);
  });

  it('requires the oversight segment to be a whole number from 1 to 5', () => {
    const error = spec
      .given([])
      .when(register({ context: { ...context, oversightSegment: 2.5 } }))
      .thenThrows(InvalidCommandError);
    expect(error.fields).toEqual([{ path: 'context.oversightSegment', message: 'must be a whole number' }]);
  });

  it('rejects a name longer than 200 characters', () => {
    spec
      .given([])
      .when(register({ name: 'x'.repeat(201) }))
      .thenThrows(InvalidCommandError, (e) => e.fields.length === 1 && e.fields[0]?.path === 'name');
  });

  it('rejects a missing context', () => {
    spec
      .given([])
      .when(register({ context: undefined as unknown as TrustContext }))
      .thenThrows(InvalidCommandError, (e) => e.fields.some((f) => f.path === 'context' && f.message === 'is required'));
  });

  it('lets a trust editor register their own trust', () => {
    spec
      .given([])
      .when(register({}, actors.editorOf('RJ1')))
      .then([registered]);
  });

  it('forbids a trust editor from registering another trust', () => {
    spec
      .given([])
      .when(register({}, actors.editorOf('RR8')))
      .thenThrows(ForbiddenError, (e) => e.code === 'OTHER_TRUST');
  });

  it.each([actors.policymaker, actors.community])('forbids a $role user', (actor) => {
    spec
      .given([])
      .when(register({}, actor))
      .thenThrows(ForbiddenError, (e) => e.kind === 'FORBIDDEN' && e.code === 'ROLE_NOT_ALLOWED');
  });
});

describe('UpdateTrustContext', () => {
  const changed: TrustContextChanged = {
    type: 'TrustContextChanged',
    data: { code: 'RJ1', context: { ...context, oversightSegment: 2 }, effectiveFrom: '2025-01-01' },
  };

  it('records a context change with its effective date and reason', () => {
    spec
      .given([registered])
      .when(update({ reason: ' NOF segmentation Q3 ' }))
      .then([{ ...changed, data: { ...changed.data, reason: 'NOF segmentation Q3' } }]);
  });

  it('rejects an unknown trust as not found', () => {
    spec
      .given([])
      .when(update())
      .thenThrows(TrustNotFoundError, (e) => e.kind === 'NOT_FOUND' && e.trustCode === 'RJ1');
  });

  it('does nothing when the context in force at that date is the same', () => {
    spec.given([registered]).when(update({ context })).thenNothingHappens();
    spec
      .given([registered, changed])
      .when(update({ effectiveFrom: '2025-03-01' }))
      .thenNothingHappens();
  });

  it('records a change back to an earlier context', () => {
    spec
      .given([registered, changed])
      .when(update({ context, effectiveFrom: '2025-06-01' }))
      .then([{ type: 'TrustContextChanged', data: { code: 'RJ1', context, effectiveFrom: '2025-06-01' } }]);
  });

  it('rejects a change dated before the trust was first registered', () => {
    spec
      .given([registered])
      .when(update({ effectiveFrom: '2023-01-01' }))
      .thenThrows(InvalidCommandError, (e) => e.fields[0]?.path === 'effectiveFrom' && /2024-04-01/.test(e.fields[0].message));
  });

  it('validates the new context', () => {
    spec
      .given([registered])
      .when(update({ context: { ...context, region: 'WALES' as never, aeAttendances: Number.NaN } }))
      .thenThrows(InvalidCommandError, (e) => e.fields.map((f) => f.path).join() === 'context.region,context.aeAttendances');
  });

  it("forbids a trust editor from changing another trust's context", () => {
    spec
      .given([registered])
      .when(update({}, actors.editorOf('RR8')))
      .thenThrows(ForbiddenError);
  });

  it('lets the trust editor of that trust change it', () => {
    spec
      .given([registered])
      .when(update({}, actors.editorOf('RJ1')))
      .then([changed]);
  });

  it('forbids a policymaker', () => {
    spec.given([registered]).when(update({}, actors.policymaker)).thenThrows(ForbiddenError);
  });
});
