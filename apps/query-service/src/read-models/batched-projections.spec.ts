import type { Database } from '@longview/event-store';
import { testDatabases } from '@longview/event-store/testing';
import { READ_MODELS } from './registry';
import { batchedAndOneByOne, projectedLog } from './testing/replay-twice';
import { COLLABORATION_BATCH_LOG, IMPROVEMENT_BATCH_LOG, SERIES_BATCH_LOG } from './testing/sample-log';

const BATCHED = READ_MODELS.map((m) => m.projection).filter((p) => p.applyBatch !== undefined);

describe.each(testDatabases())('projections with applyBatch on $name', ({ open }) => {
  let db: Database;
  // Both logs start with SERIES_BATCH_LOG: one log with the collaboration and the improvement-method events after it.
  const log = projectedLog([...COLLABORATION_BATCH_LOG, ...IMPROVEMENT_BATCH_LOG.slice(SERIES_BATCH_LOG.length)]);

  beforeAll(async () => {
    db = await open();
  });
  afterAll(() => db.close());

  it('are every read model: each folds a batch in memory', () => {
    expect(READ_MODELS.filter((m) => m.projection.applyBatch === undefined).map((m) => m.projection.name)).toEqual([]);
    expect(BATCHED).toHaveLength(READ_MODELS.length);
  });

  it.each(BATCHED.map((p) => [p.name, p] as const))(
    '%s: applyBatch leaves the tables apply leaves event by event (whole log, batches of three, redeliveries, another stream order)',
    async (_name, projection) => {
      const { expected, batched, reorderedExpected, reorderedBatched } = await batchedAndOneByOne(db, projection, log);
      // Not a comparison of empty tables: the log writes rows to the projection.
      expect(Object.values(expected as Record<string, unknown[]>).some((rows) => rows.length > 0)).toBe(true);
      for (const [how, state] of Object.entries(batched)) expect({ how, state }).toEqual({ how, state: expected });
      expect(reorderedBatched).toEqual(reorderedExpected);
    },
  );
});
