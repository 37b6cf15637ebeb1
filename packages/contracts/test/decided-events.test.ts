import { decideFromHistory, streamIdFor, type LongviewCommand, type LongviewEvent } from '@longview/domain';
import { actors, commandMetadata } from '@longview/domain/testing';
import { decodeEvent, encodeEvent } from '../src';

// The deciders and the contracts are written separately; this checks that whatever the
// deciders produce for a realistic history is accepted by the wire contracts unchanged.
describe('events decided by the domain', () => {
  it('all encode and decode back to themselves', () => {
    const metadata = commandMetadata(actors.editorOf('RJ1'), '2025-06-15T09:30:00.000Z');
    const id = 'c0ffee00-0000-4000-8000-000000000001';
    const commands: LongviewCommand[] = [
      {
        type: 'RegisterTrust',
        data: { code: 'RJ1', name: 'T', context: { kind: 'ACUTE', region: 'LONDON', beds: 900 }, effectiveFrom: '2024-04-01' },
        metadata,
      },
      { type: 'UpdateTrustContext', data: { code: 'RJ1', context: { kind: 'ACUTE', region: 'LONDON', beds: 950 }, effectiveFrom: '2025-04-01' }, metadata },
      {
        type: 'ProposeIntervention',
        data: {
          interventionId: id,
          trustCode: 'RJ1',
          title: 'Discharge to assess',
          summary: 'Discharge before assessment of long-term needs.',
          category: 'PATIENT_FLOW',
          approach: 'SYSTEMIC',
          targets: [{ metric: 'nel-los', direction: 'DECREASE' }],
          sharing: 'PRIVATE',
        },
        metadata,
      },
      { type: 'StartIntervention', data: { interventionId: id, startedOn: '2025-01-06' }, metadata },
      { type: 'LogPdsaCycle', data: { interventionId: id, cycle: { plan: 'p', do: 'd', study: 's', act: 'a', cycleDate: '2025-02-01' } }, metadata },
      { type: 'ChangeSharing', data: { interventionId: id, sharing: 'PUBLIC' }, metadata },
      { type: 'CompleteIntervention', data: { interventionId: id, completedOn: '2025-05-30' }, metadata },
      { type: 'RecordObservations', data: { trustCode: 'RJ1', metric: 'nel-los', observations: [{ period: '2025-01', value: 8.2 }] }, metadata },
      { type: 'CorrectObservation', data: { trustCode: 'RJ1', metric: 'nel-los', period: '2025-01', value: 8.4, reason: 'r' }, metadata },
      { type: 'RebaseSeries', data: { trustCode: 'RJ1', metric: 'nel-los', fromPeriod: '2025-01', reason: 'r' }, metadata },
    ];
    const histories = new Map<string, LongviewEvent[]>();
    const all: LongviewEvent[] = [];
    for (const command of commands) {
      const stream = streamIdFor(command);
      const history = histories.get(stream) ?? [];
      const events = decideFromHistory(command, history);
      expect(events.length).toBeGreaterThan(0);
      histories.set(stream, [...history, ...events]);
      all.push(...events);
    }
    expect(all).toHaveLength(10);
    for (const event of all) expect(decodeEvent(JSON.parse(JSON.stringify(encodeEvent(event))))).toStrictEqual(event);
  });
});
