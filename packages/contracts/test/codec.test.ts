import { LONGVIEW_EVENT_TYPES, type LongviewEvent } from '@longview/domain';
import { ContractViolationError, EVENT_CONTRACTS, decodeEvent, encodeEvent } from '../src';
import { SAMPLE_EVENTS } from './sample-events';

function violation(action: () => unknown): ContractViolationError {
  try {
    action();
  } catch (error) {
    if (error instanceof ContractViolationError) return error;
    throw error;
  }
  throw new Error('expected a ContractViolationError');
}

describe('event round trip', () => {
  it('has a contract and a sample for every domain event type', () => {
    expect(Object.keys(EVENT_CONTRACTS).sort()).toEqual([...LONGVIEW_EVENT_TYPES].sort());
    expect(Object.keys(SAMPLE_EVENTS).sort()).toEqual([...LONGVIEW_EVENT_TYPES].sort());
  });

  it.each(LONGVIEW_EVENT_TYPES)('%s survives encode -> JSON -> decode unchanged', (type) => {
    const event = SAMPLE_EVENTS[type];
    const encoded = encodeEvent(event);
    expect(encoded.type).toBe(type);
    expect(encoded.schemaVersion).toBe(EVENT_CONTRACTS[type].schemaVersion);
    const stored = JSON.parse(JSON.stringify(encoded)) as typeof encoded;
    expect(decodeEvent(stored)).toStrictEqual(event);
  });

  it('writes ObservationsRecorded at version 2 and everything else at version 1', () => {
    const versions = Object.fromEntries(LONGVIEW_EVENT_TYPES.map((type) => [type, encodeEvent(SAMPLE_EVENTS[type]).schemaVersion]));
    expect(versions).toEqual({
      TrustRegistered: 1,
      TrustContextChanged: 1,
      LocalMeasureDefined: 1,
      InterventionProposed: 1,
      InterventionStarted: 1,
      PdsaCycleLogged: 1,
      InterventionCompleted: 1,
      InterventionAbandoned: 1,
      InterventionSharingChanged: 1,
      ObservationsRecorded: 2,
      ObservationCorrected: 1,
      SeriesRebased: 1,
      SustainabilityAssessed: 1,
      MentorshipOffered: 1,
      MentorshipOfferWithdrawn: 1,
      MentorshipRequested: 1,
      MentorshipAccepted: 1,
      MentorshipDeclined: 1,
      MentorshipEnded: 1,
      LessonShared: 1,
      LessonEndorsed: 1,
      CommentPosted: 1,
      CommentRetracted: 1,
      CommentHidden: 1,
      ProgrammeCreated: 1,
      ProgrammeCoordinatorAppointed: 1,
      TrustJoinedProgramme: 1,
      InterventionLinkedToProgramme: 1,
      DriverDiagramDefined: 1,
      DriverDiagramRevised: 1,
    });
  });
});

describe('encodeEvent', () => {
  it('refuses to publish invalid data, naming the type and the field', () => {
    const event = {
      type: 'ObservationsRecorded',
      data: { ...SAMPLE_EVENTS.ObservationsRecorded.data, observations: [{ period: '2025-13', value: 1 }] },
    } as LongviewEvent;
    const error = violation(() => encodeEvent(event));
    expect(error.code).toBe('INVALID_EVENT_DATA');
    expect(error.direction).toBe('encode');
    expect(error.issues).toEqual([{ path: 'observations.0.period', message: 'must be a month written YYYY-MM' }]);
    expect(error.message).toMatch(/^Cannot encode ObservationsRecorded v2: .*data\.observations\.0\.period/);
  });

  it('refuses a field the contract does not know, rather than dropping it silently', () => {
    const event = { type: 'InterventionStarted', data: { ...SAMPLE_EVENTS.InterventionStarted.data, startedBy: 'x' } } as LongviewEvent;
    expect(violation(() => encodeEvent(event)).issues[0]?.message).toMatch(/startedBy/);
  });

  it('refuses an event type with no contract', () => {
    expect(violation(() => encodeEvent({ type: 'TrustClosed', data: {} } as unknown as LongviewEvent)).code).toBe('UNKNOWN_EVENT_TYPE');
  });

  it('requires timestamps to be ISO strings, never Date objects', () => {
    const event = {
      type: 'TrustRegistered',
      data: { ...SAMPLE_EVENTS.TrustRegistered.data, registeredAt: new Date('2025-06-15T09:30:00Z') },
    } as unknown as LongviewEvent;
    expect(violation(() => encodeEvent(event)).issues.map((i) => i.path)).toEqual(['registeredAt']);
  });
});

describe('decodeEvent', () => {
  it('rejects an unknown type', () => {
    const error = violation(() => decodeEvent({ type: 'TrustClosed', schemaVersion: 1, data: {} }));
    expect(error.code).toBe('UNKNOWN_EVENT_TYPE');
    expect(error.eventType).toBe('TrustClosed');
  });

  it.each([0, 3, 1.5, Number.NaN])('rejects schema version %p of ObservationsRecorded', (schemaVersion) => {
    const error = violation(() => decodeEvent({ type: 'ObservationsRecorded', schemaVersion, data: {} }));
    expect(error.code).toBe('UNSUPPORTED_SCHEMA_VERSION');
  });

  it.each([
    ['TrustRegistered', { ...SAMPLE_EVENTS.TrustRegistered.data, context: { kind: 'HOSPITAL', region: 'LONDON' } }, 'context.kind'],
    ['TrustContextChanged', { ...SAMPLE_EVENTS.TrustContextChanged.data, effectiveFrom: '2025-02-30' }, 'effectiveFrom'],
    ['InterventionProposed', { ...SAMPLE_EVENTS.InterventionProposed.data, targets: [] }, 'targets'],
    ['InterventionStarted', { interventionId: 'abc' }, 'startedOn'],
    ['PdsaCycleLogged', { ...SAMPLE_EVENTS.PdsaCycleLogged.data, cycleNumber: 0 }, 'cycleNumber'],
    ['InterventionCompleted', { ...SAMPLE_EVENTS.InterventionCompleted.data, completedOn: 20250531 }, 'completedOn'],
    ['InterventionAbandoned', { ...SAMPLE_EVENTS.InterventionAbandoned.data, reason: '' }, 'reason'],
    ['InterventionSharingChanged', { ...SAMPLE_EVENTS.InterventionSharingChanged.data, to: 'WORLD' }, 'to'],
    ['ObservationsRecorded', { ...SAMPLE_EVENTS.ObservationsRecorded.data, trustCode: 'rj1' }, 'trustCode'],
    ['ObservationCorrected', { ...SAMPLE_EVENTS.ObservationCorrected.data, value: '72.9' }, 'value'],
    ['SeriesRebased', { ...SAMPLE_EVENTS.SeriesRebased.data, metric: 'AE 4hr' }, 'metric'],
  ] as const)('rejects invalid %s data, pointing at the field', (type, data, path) => {
    const error = violation(() => decodeEvent({ type, schemaVersion: EVENT_CONTRACTS[type].schemaVersion, data }));
    expect(error.code).toBe('INVALID_EVENT_DATA');
    expect(error.direction).toBe('decode');
    expect(error.issues.map((issue) => issue.path)).toEqual([path]);
  });

  it('rejects data that is not an object at all', () => {
    expect(violation(() => decodeEvent({ type: 'SeriesRebased', schemaVersion: 1, data: null })).issues[0]?.path).toBe('');
  });
});
