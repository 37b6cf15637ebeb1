import type { Database } from '@longview/event-store';
import { testDatabases } from '@longview/event-store/testing';
import { projectedLog, replayTwice, stateAfter } from '../testing/replay-twice';
import { SAMPLE_LOG } from '../testing/sample-log';
import { metricSeriesProjection } from './metric-series.projection';
import { MetricSeriesQueries } from './metric-series.queries';

describe.each(testDatabases())('metric-series on $name', ({ open }) => {
  let db: Database;
  const log = projectedLog(SAMPLE_LOG);

  beforeAll(async () => {
    db = await open();
    for (const ddl of metricSeriesProjection.schema) await db.query(ddl);
  });
  afterAll(() => db.close());

  it('leaves the same tables when the log is applied twice, each event twice, or its streams in another order', async () => {
    const { once, logTwice, eachEventTwice, streamsReordered } = await replayTwice(db, metricSeriesProjection, log);
    expect((once as Record<string, unknown[]>)['rm_series']).toHaveLength(2);
    expect(logTwice).toEqual(once);
    expect(eachEventTwice).toEqual(once);
    expect(streamsReordered).toEqual(once);
  });

  it('keeps observations in period order with corrections listed once and rebase periods', async () => {
    await stateAfter(
      db,
      metricSeriesProjection,
      log.flatMap((e) => [e, e]),
    );
    const series = await new MetricSeriesQueries(db).series('ZA1', 'ae-4hr');
    expect(series?.observations).toEqual([
      { period: '2025-01', value: 70.2, numerator: 7020, denominator: 10000, corrected: false },
      { period: '2025-02', value: 72.5, corrected: true },
    ]);
    expect(series?.corrections).toHaveLength(1);
    expect(series?.rebasePeriods).toEqual(['2025-02']);
    expect((await new MetricSeriesQueries(db).seriesOfTrust('ZB2')).map((s) => s.metric)).toEqual(['sickness-absence']);
  });
});
