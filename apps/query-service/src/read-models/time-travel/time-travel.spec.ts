import type { Database } from '@longview/event-store';
import { testDatabases } from '@longview/event-store/testing';
import type { Viewer } from '@longview/domain';
import { interventionSummaryProjection } from '../intervention-summary/intervention-summary.projection';
import { InterventionSummaryQueries } from '../intervention-summary/intervention-summary.queries';
import { metricSeriesProjection } from '../metric-series/metric-series.projection';
import { MetricSeriesQueries } from '../metric-series/metric-series.queries';
import { projectedLog, replayTwice, stateAfter } from '../testing/replay-twice';
import { FLOW, SAMPLE_LOG, WORKFORCE } from '../testing/sample-log';
import { trustDirectoryProjection } from '../trust-directory/trust-directory.projection';
import { TrustDirectoryQueries } from '../trust-directory/trust-directory.queries';
import { localMeasuresProjection } from '../local-measures/local-measures.projection';
import { LocalMeasureQueries } from '../local-measures/local-measures.queries';
import { parseAsOf } from './as-of-date';
import { timeTravelProjection } from './time-travel.projection';
import { TimeTravelQueries } from './time-travel.queries';
import { TimeTravelService } from './time-travel.service';

const ADMIN: Viewer = { id: 'admin', role: 'ADMIN' };
const PUBLIC: Viewer = null;

describe.each(testDatabases())('time travel on $name', ({ open }) => {
  let db: Database;
  // Event i (1-based) recorded at noon on 2025-01-i: the day a date "knows" is the events before its end.
  const log = projectedLog(SAMPLE_LOG).map((e) => ({ ...e, recordedAt: `2025-01-${String(Number(e.position)).padStart(2, '0')}T12:00:00.000Z` }));
  let travel: TimeTravelService;
  const day = (n: number) => parseAsOf(`2025-01-${String(n).padStart(2, '0')}`);

  beforeAll(async () => {
    db = await open();
    for (const projection of [timeTravelProjection, interventionSummaryProjection, metricSeriesProjection, trustDirectoryProjection, localMeasuresProjection]) {
      for (const ddl of projection.schema) await db.query(ddl);
      await stateAfter(db, projection, log);
    }
    travel = new TimeTravelService(
      new TimeTravelQueries(db),
      { interventions: new InterventionSummaryQueries(db), trusts: new TrustDirectoryQueries(db), localMeasures: new LocalMeasureQueries(db) },
      () => 1n,
    );
  });
  afterAll(() => db.close());

  it('copies each event once, whatever the order or repetition', async () => {
    const { once, logTwice, eachEventTwice, streamsReordered } = await replayTwice(db, timeTravelProjection, log);
    expect((once as Record<string, unknown[]>)['rm_time_travel_events']).toHaveLength(SAMPLE_LOG.length);
    expect(logTwice).toEqual(once);
    expect(eachEventTwice).toEqual(once);
    expect(streamsReordered).toEqual(once);
  });

  it('finds the last position recorded before an instant with the recorded-time index', async () => {
    const history = new TimeTravelQueries(db);
    expect(await history.positionBefore('2025-01-01T00:00:00.000Z')).toBeUndefined();
    expect(await history.positionBefore('2025-01-11T00:00:00.000Z')).toBe(10n);
    expect(await history.positionBefore('2025-01-11T12:00:00.001Z')).toBe(11n);
    expect(await history.positionBefore('2030-01-01T00:00:00.000Z')).toBe(BigInt(SAMPLE_LOG.length));
  });

  it('answers a series as recorded then: before the correction its old value, after it the new one', async () => {
    expect((await travel.series('ZA1', 'ae-4hr', day(10)))?.observations.find((o) => o.period === '2025-02')).toMatchObject({ value: 71.5, corrected: false });
    const after = await travel.series('ZA1', 'ae-4hr', day(11));
    expect(after?.observations.find((o) => o.period === '2025-02')).toMatchObject({ value: 72.5, corrected: true });
    expect(after?.asOf).toBe('2025-01-11');
    expect(await travel.series('ZA1', 'ae-4hr', day(9))).toBeUndefined();
    expect((await travel.seriesSpc('ZA1', 'ae-4hr', day(10)))?.points.map((p) => p.value)).toEqual([70.2, 71.5]);
  });

  it('folds to exactly the live documents at the head of the log (one way of folding, not two)', async () => {
    const today = parseAsOf(new Date().toISOString().slice(0, 10));
    const { asOf: _series, ...series } = (await travel.series('ZA1', 'ae-4hr', today)) ?? {};
    expect(series).toEqual(await new MetricSeriesQueries(db).series('ZA1', 'ae-4hr'));
    for (const id of [FLOW, WORKFORCE]) {
      const { asOf: _intervention, ...then } = (await travel.intervention(ADMIN, id, today)) ?? {};
      expect(then).toEqual(await new InterventionSummaryQueries(db).intervention({ key: 'all', sharings: ['PUBLIC', 'TRUSTS', 'PRIVATE'] }, id));
    }
    const { asOf: _trust, ...trust } = (await travel.trust(ADMIN, 'ZA1', today)) ?? {};
    expect(trust).toEqual(await new TrustDirectoryQueries(db).trust({ key: 'all', sharings: ['PUBLIC', 'TRUSTS', 'PRIVATE'] }, 'ZA1'));
  });

  it('answers an intervention and a trust as they were, and nothing before they existed', async () => {
    expect(await travel.intervention(ADMIN, FLOW, day(3))).toBeUndefined();
    expect(await travel.intervention(ADMIN, FLOW, day(5))).toMatchObject({ status: 'PROPOSED', asOf: '2025-01-05' });
    expect(await travel.intervention(ADMIN, FLOW, day(6))).toMatchObject({ status: 'ACTIVE', startedOn: '2025-01-06' });
    expect(await travel.trust(ADMIN, 'ZA1', day(4))).toMatchObject({ context: { beds: 700 } });
    expect(await travel.trust(ADMIN, 'ZA1', day(5))).toMatchObject({ context: { beds: 720 } });
    expect(await travel.trust(ADMIN, 'ZB2', day(12))).toBeUndefined();
  });

  it("uses today's sharing: public on day 5, shared with trusts only since day 8, so hidden from the public as of day 5", async () => {
    expect(await travel.intervention(PUBLIC, FLOW, day(5))).toBeUndefined();
    expect(await travel.outcomes(PUBLIC, FLOW, day(5))).toBeUndefined();
    expect((await travel.evidence(PUBLIC, 'ae-4hr', undefined, day(12))).verdicts).toEqual(
      expect.objectContaining({ SUSTAINED: 0, FADED: 0, NOT_YET_EVIDENT: 0, NO_SIGNAL: 0, DETERIORATED: 0, INSUFFICIENT_DATA: 0 }),
    );
    const policymaker: Viewer = { id: 'p', role: 'POLICYMAKER' };
    expect(await travel.intervention(policymaker, FLOW, day(5))).toMatchObject({ sharing: 'TRUSTS' });
    const evidence = await travel.evidence(policymaker, 'ae-4hr', undefined, day(12));
    expect(evidence.asOf).toBe('2025-01-12');
    expect(Object.values(evidence.verdicts).reduce((a, b) => a + b, 0)).toBe(1);
    expect((await travel.outcomes(policymaker, FLOW, day(5)))?.[0]?.reason).toBe('The intervention has not started, so there is nothing to judge yet.');
    expect((await travel.outcomes(policymaker, FLOW, day(9)))?.[0]?.reason).toBe('No ae-4hr data has been recorded for this trust.');
  });
});
