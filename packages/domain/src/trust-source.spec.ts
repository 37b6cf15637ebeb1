import { SYSTEM_ACTOR_IDS, trustSourceOf } from './trust-source';

describe('trustSourceOf', () => {
  it('knows generated trusts by the demo loader, and real ones by the imports', () => {
    expect(trustSourceOf({ id: SYSTEM_ACTOR_IDS.demoLoader, role: 'SYSTEM' })).toBe('DEMO');
    expect(trustSourceOf({ id: SYSTEM_ACTOR_IDS.aeImport, role: 'SYSTEM' })).toBe('IMPORTED');
    expect(trustSourceOf({ id: SYSTEM_ACTOR_IDS.seriesImport, role: 'SYSTEM' })).toBe('IMPORTED');
  });

  it('counts anyone else, or no actor, as registered through the API (an editor cannot pass as the demo)', () => {
    expect(trustSourceOf({ id: SYSTEM_ACTOR_IDS.demoLoader, role: 'ADMIN' })).toBe('REGISTERED');
    expect(trustSourceOf({ id: 'someone', role: 'SYSTEM' })).toBe('REGISTERED');
    expect(trustSourceOf(undefined)).toBe('REGISTERED');
  });
});
