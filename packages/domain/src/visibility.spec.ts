import { canSee, visibilityTier } from './visibility';

describe('visibility', () => {
  const own = { id: 'a', role: 'TRUST_EDITOR', trustCode: 'RJ1' } as const;
  const other = { id: 'b', role: 'TRUST_EDITOR', trustCode: 'RXH' } as const;
  const cases = [
    ['anonymous', null, { PUBLIC: true, TRUSTS: false, PRIVATE: false }],
    ['community', { id: 'c', role: 'COMMUNITY' }, { PUBLIC: true, TRUSTS: false, PRIVATE: false }],
    ['policymaker', { id: 'p', role: 'POLICYMAKER' }, { PUBLIC: true, TRUSTS: true, PRIVATE: false }],
    ['editor of the owning trust', own, { PUBLIC: true, TRUSTS: true, PRIVATE: true }],
    ['editor of another trust', other, { PUBLIC: true, TRUSTS: true, PRIVATE: false }],
    ['admin', { id: 'x', role: 'ADMIN' }, { PUBLIC: true, TRUSTS: true, PRIVATE: true }],
  ] as const;
  it.each(cases)('%s sees what its tier allows of an RJ1 intervention', (_name, viewer, expected) => {
    for (const sharing of ['PUBLIC', 'TRUSTS', 'PRIVATE'] as const) {
      expect([sharing, canSee(viewer, { sharing, trustCode: 'RJ1' })]).toEqual([sharing, expected[sharing]]);
    }
  });

  it('gives viewers who see the same things the same tier key, and others different ones', () => {
    expect(visibilityTier(null).key).toBe(visibilityTier({ id: 'c', role: 'COMMUNITY' }).key);
    expect(visibilityTier(own).key).not.toBe(visibilityTier(other).key);
    expect(visibilityTier({ id: 'p', role: 'POLICYMAKER' }).key).not.toBe(visibilityTier(null).key);
  });
});
