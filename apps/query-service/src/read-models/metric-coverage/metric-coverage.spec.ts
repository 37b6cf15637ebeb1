import type { Database } from '@longview/event-store';
import { testDatabases } from '@longview/event-store/testing';
import { projectedLog, replayTwice, stateAfter } from '../testing/replay-twice';
import { SAMPLE_LOG } from '../testing/sample-log';
import { metricCoverageProjection } from './metric-coverage.projection';
import { MetricCoverageQueries } from './metric-coverage.queries';

describe.each(testDatabases())('metric-coverage on $name', ({ open }) => {
  let db: Database;
  const log = projectedLog(SAMPLE_LOG);

  beforeAll(async () => {
    db = await open();
    for (const ddl of metricCoverageProjection.schema) await db.query(ddl);
  });
  afterAll(() => db.close());

  it('leaves the same tables when the log is applied twice, each event twice, or its streams in another order', async () => {
    const { once, logTwice, eachEventTwice, streamsReordered } = await replayTwice(db, metricCoverageProjection, log);
    expect((once as Record<string, unknown[]>)['rm_metric_coverage']).toHaveLength(2);
    expect(logTwice).toEqual(once);
    expect(eachEventTwice).toEqual(once);
    expect(streamsReordered).toEqual(once);
  });

  it('counts each trust once per metric, with the first and last month recorded', async () => {
    const later = projectedLog([
      ...SAMPLE_LOG,
      [
        'series-ZA1-ae-4hr',
        {
          type: 'ObservationsRecorded',
          data: {
            trustCode: 'ZA1',
            metric: 'ae-4hr',
            observations: [
              { period: '2024-12', value: 69 },
              { period: '2025-03', value: 74 },
            ],
          },
        },
      ],
    ]);
    await stateAfter(db, metricCoverageProjection, later);
    expect(await new MetricCoverageQueries(db).coverage()).toEqual([
      { metric: 'ae-4hr', trusts: 1, firstPeriod: '2024-12', lastPeriod: '2025-03' },
      { metric: 'sickness-absence', trusts: 1, firstPeriod: '2025-01', lastPeriod: '2025-01' },
    ]);
  });
});
