import { ConflictError, InvalidCommandError, NotFoundError, TrustAlreadyRegisteredError } from '../errors';
import { trustDecider } from '../trust';
import { DeciderSpecification, firstDifference } from './decider-spec';
import { actors, commandMetadata } from './fixtures';
import type { RegisterTrust } from '../commands';
import type { TrustRegistered } from '../events';

// The helper is what every other spec relies on, so it must fail when expectations are wrong.
const spec = DeciderSpecification.for(trustDecider);
const register: RegisterTrust = {
  type: 'RegisterTrust',
  data: { code: 'RJ1', name: 'T', context: { kind: 'ACUTE', region: 'LONDON' }, effectiveFrom: '2024-04-01' },
  metadata: commandMetadata(actors.admin, '2025-01-01T00:00:00.000Z'),
};
const registered: TrustRegistered = {
  type: 'TrustRegistered',
  data: { ...register.data, registeredAt: '2025-01-01T00:00:00.000Z' },
};

describe('DeciderSpecification', () => {
  it('passes when the decided events match', () => {
    expect(() => spec.given([]).when(register).then([registered])).not.toThrow();
  });

  it('fails, naming the path, when the events differ', () => {
    const other = { ...registered, data: { ...registered.data, name: 'U' } };
    expect(() => spec.given([]).when(register).then([other])).toThrow(/differ at events\.0\.data\.name/);
    expect(() => spec.given([]).when(register).thenNothingHappens()).toThrow(/differ at events\.length/);
  });

  it('fails when events were expected but decide threw', () => {
    expect(() => spec.given([registered]).when(register).then([registered])).toThrow(/decide threw: TrustAlreadyRegisteredError/);
  });

  it('thenThrows accepts the class, a base class, and returns the error', () => {
    const error = spec.given([registered]).when(register).thenThrows(TrustAlreadyRegisteredError);
    expect(error.trustCode).toBe('RJ1');
    expect(() => spec.given([registered]).when(register).thenThrows(ConflictError)).not.toThrow();
  });

  it('thenThrows fails on no error, the wrong class, or a failed predicate', () => {
    expect(() => spec.given([]).when(register).thenThrows(ConflictError)).toThrow(/but it decided/);
    expect(() => spec.given([registered]).when(register).thenThrows(NotFoundError)).toThrow(/but it threw/);
    expect(() => spec.given([registered]).when(register).thenThrows(InvalidCommandError)).toThrow(/but it threw/);
    expect(() =>
      spec
        .given([registered])
        .when(register)
        .thenThrows(ConflictError, () => false),
    ).toThrow(/predicate/);
  });

  it('treats an undefined key as different from an absent one', () => {
    expect(firstDifference({ a: 1 }, { a: 1, b: undefined })).toBe('$.b');
    expect(firstDifference({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBeUndefined();
    expect(firstDifference([1], { 0: 1 })).toBe('$');
  });
});
