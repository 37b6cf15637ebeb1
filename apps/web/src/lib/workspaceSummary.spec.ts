import { describe, expect, it } from '@jest/globals';
import { canEditTrust, latestObservation, nextPeriodToRecord, workspaceTrustOf } from './workspaceSummary';

describe('the trust workspace helpers', () => {
  it('finds the latest month whatever the order', () => {
    expect(latestObservation([{ period: '2025-02' }, { period: '2025-11' }, { period: '2024-12' }])).toEqual({ period: '2025-11' });
    expect(latestObservation([])).toBeUndefined();
  });

  it('offers the month after the latest, never one that has not started', () => {
    expect(nextPeriodToRecord([{ period: '2026-09' }, { period: '2026-10' }], '2026-12-02')).toBe('2026-11');
    expect(nextPeriodToRecord([{ period: '2026-12' }], '2026-12-02')).toBe('2026-12');
    expect(nextPeriodToRecord([], '2026-01-15')).toBe('2025-12');
  });

  it('gives a trust editor their own trust, an administrator the one asked for, and nobody else any', () => {
    expect(workspaceTrustOf({ role: 'TRUST_EDITOR', trustCode: 'RJ1' }, 'ZZZ')).toBe('RJ1');
    expect(workspaceTrustOf({ role: 'ADMIN', trustCode: null }, 'rj1')).toBe('RJ1');
    expect(workspaceTrustOf({ role: 'ADMIN', trustCode: null }, null)).toBeNull();
    expect(workspaceTrustOf({ role: 'POLICYMAKER', trustCode: null }, 'RJ1')).toBeNull();
    expect(workspaceTrustOf(null, 'RJ1')).toBeNull();
    expect(canEditTrust({ role: 'TRUST_EDITOR', trustCode: 'RJ1' }, 'RJ1')).toBe(true);
    expect(canEditTrust({ role: 'TRUST_EDITOR', trustCode: 'RJ1' }, 'RGT')).toBe(false);
    expect(canEditTrust({ role: 'ADMIN', trustCode: null }, 'RGT')).toBe(true);
    expect(canEditTrust({ role: 'COMMUNITY', trustCode: null }, 'RJ1')).toBe(false);
  });
});
