import { visibilityTier, type LongviewEvent } from '@longview/domain';
import type { Database } from '@longview/event-store';
import { testDatabases } from '@longview/event-store/testing';
import { interventionSummaryProjection } from '../intervention-summary/intervention-summary.projection';
import { InterventionSummaryQueries } from '../intervention-summary/intervention-summary.queries';
import { projectedLog, replayTwice, stateAfter } from '../testing/replay-twice';
import { NOW, proposed, registered } from '../testing/sample-log';
import { localMeasuresProjection } from './local-measures.projection';
import { LocalMeasureQueries } from './local-measures.queries';

const defined = (trustCode: string, code: string, name: string, unit = 'count'): LongviewEvent => ({
  type: 'LocalMeasureDefined',
  data: { trustCode, code, name, unit, direction: 'DECREASE', definedAt: NOW },
});

const withRoles: LongviewEvent = {
  type: 'InterventionProposed',
  data: {
    interventionId: 'i-roles',
    trustCode: 'ZA1',
    title: 'Discharge to assess',
    summary: 'Home first',
    category: 'PATIENT_FLOW',
    approach: 'QUICK_FIX',
    targets: [
      { metric: 'ae-4hr', direction: 'INCREASE', role: 'OUTCOME' },
      { metric: 'local-za1-falls', direction: 'DECREASE', role: 'BALANCING' },
    ],
    sharing: 'PUBLIC',
    proposedAt: NOW,
  },
};

const LOG: (readonly [string, LongviewEvent])[] = [
  ['trust-ZA1', registered('ZA1')],
  ['trust-ZA1', defined('ZA1', 'local-za1-falls', 'Falls with harm', 'per 1,000 bed days')],
  ['trust-ZB2', registered('ZB2')],
  ['trust-ZB2', defined('ZB2', 'local-zb2-falls', 'Falls')],
  ['trust-ZA1', defined('ZA1', 'local-za1-d2a', 'Discharges to assess')],
  ['intervention-i-old', proposed('i-old', 'ZA1')],
  ['intervention-i-roles', withRoles],
];

describe.each(testDatabases())('local measures on $name', ({ open }) => {
  let db: Database;
  const log = projectedLog(LOG);

  beforeAll(async () => {
    db = await open();
    for (const ddl of [...localMeasuresProjection.schema, ...interventionSummaryProjection.schema]) await db.query(ddl);
  });
  afterAll(() => db.close());

  it('leaves the same table when the log is applied twice, each event twice, or its streams in another order', async () => {
    const { once, logTwice, eachEventTwice, streamsReordered } = await replayTwice(db, localMeasuresProjection, log);
    expect(logTwice).toEqual(once);
    expect(eachEventTwice).toEqual(once);
    expect(streamsReordered).toEqual(once);
  });

  it("lists a trust's own measures in the order defined, and resolves a code only for its own trust", async () => {
    await stateAfter(db, localMeasuresProjection, log);
    const queries = new LocalMeasureQueries(db);
    expect((await queries.ofTrust('ZA1')).map((m) => m.code)).toEqual(['local-za1-falls', 'local-za1-d2a']);
    expect(await queries.measure('local-zb2-falls')).toEqual({
      code: 'local-zb2-falls',
      trustCode: 'ZB2',
      name: 'Falls',
      unit: 'count',
      direction: 'DECREASE',
      definedAt: NOW,
    });
    expect((await queries.ofTrusts(['ZB2', 'ZZ9'])).map((t) => [t.trustCode, t.measures.length])).toEqual([
      ['ZB2', 1],
      ['ZZ9', 0],
    ]);
    expect(await queries.definitionFor('ZA1', 'local-za1-falls')).toMatchObject({
      name: 'Falls with harm',
      unit: 'per 1,000 bed days',
      improvement: 'DECREASE',
    });
    expect(await queries.definitionFor('ZB2', 'local-za1-falls')).toBeUndefined();
    expect((await queries.definitionFor('ZB2', 'ae-4hr'))?.name).toBe('A&E 4-hour performance');
  });

  it('reads targets stored before roles as outcomes, and keeps the roles of new ones', async () => {
    await stateAfter(db, interventionSummaryProjection, log);
    const interventions = new InterventionSummaryQueries(db);
    const tier = visibilityTier({ id: 'admin', role: 'ADMIN' });
    expect((await interventions.intervention(tier, 'i-old'))?.targets).toEqual([{ metric: 'ae-4hr', direction: 'INCREASE', role: 'OUTCOME' }]);
    expect((await interventions.intervention(tier, 'i-roles'))?.targets.map((t) => t.role)).toEqual(['OUTCOME', 'BALANCING']);
  });
});
