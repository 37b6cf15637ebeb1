import type { LongviewCommand } from './commands';
import { TrustAlreadyRegisteredError } from './errors';
import type { LongviewEvent } from './events';
import { interventionDecider } from './intervention';
import { metricSeriesDecider } from './metric-series';
import {
  COMMAND_ROUTES,
  LONGVIEW_COMMAND_TYPES,
  LONGVIEW_EVENT_TYPES,
  decideFromHistory,
  deciderFor,
  isLongviewCommandType,
  streamIdFor,
  streamIdForEvent,
} from './routes';
import { commandMetadata } from './testing/fixtures';
import { trustDecider } from './trust';

const metadata = commandMetadata();
const context = { kind: 'ACUTE', region: 'LONDON' } as const;

describe('command routing', () => {
  it('routes each command to the stream named after its aggregate id', () => {
    const commands: LongviewCommand[] = [
      { type: 'RegisterTrust', data: { code: 'RJ1', name: 'T', context, effectiveFrom: '2024-04-01' }, metadata },
      { type: 'StartIntervention', data: { interventionId: 'abc-1', startedOn: '2025-01-01' }, metadata },
      { type: 'RebaseSeries', data: { trustCode: 'RJ1', metric: 'ae-4hr', fromPeriod: '2025-01', reason: 'r' }, metadata },
    ];
    expect(commands.map(streamIdFor)).toEqual(['trust-RJ1', 'intervention-abc-1', 'series-RJ1-ae-4hr']);
  });

  it('finds the decider of every command type', () => {
    expect(deciderFor('UpdateTrustContext')).toBe(trustDecider);
    expect(deciderFor('ChangeSharing')).toBe(interventionDecider);
    expect(deciderFor('CorrectObservation')).toBe(metricSeriesDecider);
    expect(LONGVIEW_COMMAND_TYPES).toHaveLength(30);
    expect(deciderFor('AdoptIntervention')).toBe(interventionDecider);
    expect(COMMAND_ROUTES.RebaseSeries.decider).toBe(metricSeriesDecider);
    const byAggregate = new Map(LONGVIEW_COMMAND_TYPES.map((type) => [type, COMMAND_ROUTES[type].aggregate]));
    expect(byAggregate.get('RegisterTrust')).toBe('trust');
    expect(byAggregate.get('LogPdsaCycle')).toBe('intervention');
    expect(byAggregate.get('RecordObservations')).toBe('series');
    expect(byAggregate.get('LinkToProgramme')).toBe('programme');
  });

  it('recognises command types from untrusted strings', () => {
    expect(isLongviewCommandType('ProposeIntervention')).toBe(true);
    expect(isLongviewCommandType('toString')).toBe(false);
    expect(isLongviewCommandType('DeleteEverything')).toBe(false);
  });

  it('folds the history and decides', () => {
    const register: LongviewCommand = {
      type: 'RegisterTrust',
      data: { code: 'RJ1', name: 'T', context, effectiveFrom: '2024-04-01' },
      metadata,
    };
    const events = decideFromHistory(register, []);
    expect(events.map((e) => e.type)).toEqual(['TrustRegistered']);
    expect(() => decideFromHistory(register, events)).toThrow(TrustAlreadyRegisteredError);
  });

  it('derives the stream of every event type from its data', () => {
    const events: LongviewEvent[] = [
      { type: 'TrustContextChanged', data: { code: 'RJ1', context, effectiveFrom: '2025-01-01' } },
      { type: 'InterventionStarted', data: { interventionId: 'abc-1', startedOn: '2025-01-01' } },
      { type: 'ObservationsRecorded', data: { trustCode: 'RJ1', metric: 'nel-los', observations: [] } },
    ];
    expect(events.map(streamIdForEvent)).toEqual(['trust-RJ1', 'intervention-abc-1', 'series-RJ1-nel-los']);
    expect(LONGVIEW_EVENT_TYPES).toHaveLength(30);
  });
});
