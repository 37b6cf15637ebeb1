import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ContractViolationError, EVENT_CONTRACTS, decodeEvent, upcastObservationsRecordedV1 } from '../src';

interface Fixture {
  readonly event: { readonly type: string; readonly schemaVersion: number; readonly data: unknown };
}

const storedV1 = (JSON.parse(readFileSync(join(__dirname, 'fixtures', 'observations-recorded.v1.json'), 'utf8')) as Fixture).event;

describe('upcasting ObservationsRecorded v1 -> v2', () => {
  it('decodes a stored v1 event into the current domain shape', () => {
    expect(storedV1.schemaVersion).toBe(1);
    expect(decodeEvent(storedV1)).toStrictEqual({
      type: 'ObservationsRecorded',
      data: {
        trustCode: 'RJ1',
        metric: 'ae-4hr',
        observations: [
          { period: '2023-10', value: 71.4, numerator: 17136, denominator: 24000 },
          { period: '2023-11', value: 69.8 },
        ],
        source: 'NHSE A&E Attendances and Emergency Admissions',
      },
    });
  });

  it('does not read a v1 payload as v2, or a v2 payload as v1', () => {
    expect(() => decodeEvent({ ...storedV1, schemaVersion: 2 })).toThrow(ContractViolationError);
    const v2 = { type: 'ObservationsRecorded', schemaVersion: 1, data: { trustCode: 'RJ1', metric: 'ae-4hr', observations: [] } };
    expect(() => decodeEvent(v2)).toThrow(/Cannot decode ObservationsRecorded v1/);
  });

  it('validates the stored shape before upcasting it', () => {
    const broken = { ...storedV1, data: { trustCode: 'RJ1', metric: 'ae-4hr', values: [{ month: '2023-1', value: 1 }] } };
    try {
      decodeEvent(broken);
      throw new Error('expected a ContractViolationError');
    } catch (error) {
      expect(error).toBeInstanceOf(ContractViolationError);
      expect((error as ContractViolationError).schemaVersion).toBe(1);
      expect((error as ContractViolationError).issues.map((i) => i.path)).toEqual(['values.0.month']);
    }
  });

  it('keeps an absent source absent', () => {
    expect(upcastObservationsRecordedV1({ trustCode: 'RJ1', metric: 'ae-4hr', values: [] })).toStrictEqual({
      trustCode: 'RJ1',
      metric: 'ae-4hr',
      observations: [],
    });
  });

  it('registers exactly one upcaster, from v1, with its reason', () => {
    const upcasters = EVENT_CONTRACTS.ObservationsRecorded.upcasters;
    expect(upcasters.map((u) => u.fromVersion)).toEqual([1]);
    expect(upcasters[0]?.reason).toMatch(/values.*observations/);
  });
});
