import { projectedLog } from '../testing/replay-twice';
import { FLOW, SAMPLE_LOG } from '../testing/sample-log';
import { InvalidAsOfError, parseAsOf } from './as-of-date';
import { foldIntervention, foldSeries, foldTrust } from './time-travel.fold';

/** The pure half of time travel: folding a stream's events cut at a log position, and reading asOf dates. */
describe('time travel folds', () => {
  const log = projectedLog(SAMPLE_LOG);
  const upTo = (streamId: string, position: number) => log.filter((e) => e.streamId === streamId && e.position <= BigInt(position));

  it('folds a series up to a position: the correction recorded at 11 is not known at 10', () => {
    const before = foldSeries('ZA1', 'ae-4hr', upTo('series-ZA1-ae-4hr', 10));
    expect(before?.observations.map((o) => [o.period, o.value, o.corrected])).toEqual([
      ['2025-01', 70.2, false],
      ['2025-02', 71.5, false],
    ]);
    expect(before?.corrections).toEqual([]);
    const after = foldSeries('ZA1', 'ae-4hr', upTo('series-ZA1-ae-4hr', 11));
    expect(after?.observations.find((o) => o.period === '2025-02')).toMatchObject({ value: 72.5, corrected: true });
    expect(after?.corrections).toEqual([{ period: '2025-02', previousValue: 71.5, value: 72.5, reason: 'Late returns' }]);
    expect(after?.rebasePeriods).toEqual([]);
    expect(foldSeries('ZA1', 'ae-4hr', upTo('series-ZA1-ae-4hr', 12))?.rebasePeriods).toEqual(['2025-02']);
  });

  it('knows nothing of a stream before its first event', () => {
    expect(foldSeries('ZA1', 'ae-4hr', upTo('series-ZA1-ae-4hr', 9))).toBeUndefined();
    expect(foldIntervention(upTo(`intervention-${FLOW}`, 3), () => 'x')).toBeUndefined();
    expect(foldTrust(upTo('trust-ZA1', 2))).toBeUndefined();
  });

  it('folds an intervention up to a position: status, start, cycles and history as they were', () => {
    const proposedOnly = foldIntervention(upTo(`intervention-${FLOW}`, 5), () => 'Ambridge');
    expect(proposedOnly).toMatchObject({ id: FLOW, trustName: 'Ambridge', status: 'PROPOSED', sharing: 'PUBLIC', pdsaCycles: [] });
    expect(proposedOnly?.startedOn).toBeUndefined();
    const started = foldIntervention(upTo(`intervention-${FLOW}`, 7), () => 'Ambridge');
    expect(started).toMatchObject({ status: 'ACTIVE', startedOn: '2025-01-06', sharing: 'PUBLIC' });
    expect(started?.pdsaCycles).toHaveLength(1);
    expect(started?.history.map((h) => h.type)).toEqual(['InterventionProposed', 'InterventionStarted', 'PdsaCycleLogged']);
    expect(foldIntervention(upTo(`intervention-${FLOW}`, 99), () => 'Ambridge')).toMatchObject({ status: 'COMPLETED', sharing: 'TRUSTS' });
  });

  it("folds a trust's context up to a position", () => {
    expect(foldTrust(upTo('trust-ZA1', 4))).toMatchObject({
      name: 'Ambridge Hospitals NHS Foundation Trust',
      context: { beds: 700 },
      contextEffectiveFrom: '2020-04-01',
    });
    const changed = foldTrust(upTo('trust-ZA1', 5));
    expect(changed).toMatchObject({ context: { beds: 720, oversightSegment: 2 }, contextEffectiveFrom: '2025-04-01' });
    expect(changed?.contextHistory).toHaveLength(2);
  });
});

describe('asOf dates', () => {
  const today = new Date('2026-12-03T08:00:00Z');

  it('stands for everything recorded before the end of the (UTC) day', () => {
    expect(parseAsOf('2025-03-03', today)).toEqual({ date: '2025-03-03', endsBefore: '2025-03-04T00:00:00.000Z' });
    expect(parseAsOf('2024-02-29', today).endsBefore).toBe('2024-03-01T00:00:00.000Z');
    expect(parseAsOf('2026-12-03', today).date).toBe('2026-12-03');
  });

  it.each([
    ['3 March 2025', 'asOf must be a date written YYYY-MM-DD, for example 2025-03-03 (got "3 March 2025")'],
    ['2025-3-3', 'asOf must be a date written YYYY-MM-DD, for example 2025-03-03 (got "2025-3-3")'],
    ['2025-02-30', 'asOf 2025-02-30 is not a real date (check the month and the day)'],
    ['2025-13-01', 'asOf 2025-13-01 is not a real date (check the month and the day)'],
    ['2026-12-04', 'asOf 2026-12-04 is in the future: choose today (2026-12-03) or an earlier date'],
  ])('refuses %s in plain English', (value, message) => {
    expect(() => parseAsOf(value, today)).toThrow(new InvalidAsOfError(message));
  });
});
