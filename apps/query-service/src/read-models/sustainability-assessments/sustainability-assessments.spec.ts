import { SUSTAINABILITY_FACTORS, type LongviewEvent, type Viewer } from '@longview/domain';
import type { Database } from '@longview/event-store';
import { testDatabases } from '@longview/event-store/testing';
import { projectedLog, replayTwice, stateAfter } from '../testing/replay-twice';
import { proposed } from '../testing/sample-log';
import { sustainabilityAssessmentsProjection } from './sustainability-assessments.projection';
import { SustainabilityAssessmentQueries } from './sustainability-assessments.queries';

const T = '2026-01-10T09:00:00.000Z';
const asha = { id: 'asha', name: 'Asha Patel', role: 'TRUST_EDITOR' as const, trustCode: 'ZA1' };

const assessed = (interventionId: string, assessedOn: string, level: number, note?: string): LongviewEvent => ({
  type: 'SustainabilityAssessed',
  data: {
    interventionId,
    trustCode: 'ZA1',
    assessedOn,
    scale: 'LONGVIEW_LINEAR_V1',
    scores: SUSTAINABILITY_FACTORS.map((factor, i) => ({ factor, level: i < 4 ? 4 : level })),
    ...(note ? { note } : {}),
    assessedBy: asha,
    assessedAt: T,
  },
});

const LOG: (readonly [string, LongviewEvent])[] = [
  // An assessment may arrive before its intervention (distributed mode): shown once the intervention is known.
  ['sustainability-i1', assessed('i1', '2025-06-01', 2, 'First look')],
  ['intervention-i1', proposed('i1', 'ZA1', 'Streaming')],
  ['intervention-i2', proposed('i2', 'ZA1', 'Frailty unit')],
  ['sustainability-i1', assessed('i1', '2026-01-05', 3)],
  ['sustainability-i2', assessed('i2', '2025-12-01', 4)],
  ['intervention-i2', { type: 'InterventionSharingChanged', data: { interventionId: 'i2', from: 'PUBLIC', to: 'PRIVATE' } }],
  ['sustainability-i3', assessed('i3', '2025-12-01', 4)],
];

const editorOf = (trustCode: string): Viewer => ({ id: `editor-${trustCode}`, role: 'TRUST_EDITOR', trustCode });

describe.each(testDatabases())('sustainability assessments on $name', ({ open }) => {
  let db: Database;
  const log = projectedLog(LOG);

  beforeAll(async () => {
    db = await open();
    for (const ddl of sustainabilityAssessmentsProjection.schema) await db.query(ddl);
  });
  afterAll(() => db.close());

  it('the same tables when the log is applied twice, each event twice, or its streams in another order', async () => {
    const { once, logTwice, eachEventTwice, streamsReordered } = await replayTwice(db, sustainabilityAssessmentsProjection, log);
    expect(logTwice).toEqual(once);
    expect(eachEventTwice).toEqual(once);
    expect(streamsReordered).toEqual(once);
  });

  it('keeps every assessment, newest first, scored on Longview’s linear scale with group scores', async () => {
    await stateAfter(db, sustainabilityAssessmentsProjection, log);
    const shown = await new SustainabilityAssessmentQueries(db).ofIntervention(null, 'i1');
    expect(shown.map((a) => [a.assessedOn, a.total])).toEqual([
      ['2026-01-05', 80],
      ['2025-06-01', 60],
    ]);
    expect(shown[0]?.groups).toEqual([
      { group: 'PROCESS', score: 40, max: 40 },
      { group: 'STAFF', score: 26.7, max: 40 },
      { group: 'ORGANISATION', score: 13.3, max: 20 },
    ]);
    expect(shown[1]).toMatchObject({ note: 'First look', scale: 'LONGVIEW_LINEAR_V1', max: 100, assessedBy: { name: 'Asha Patel', trustCode: 'ZA1' } });
    expect(shown[1]?.scores[4]).toEqual({ factor: 'STAFF_INVOLVEMENT_AND_TRAINING', group: 'STAFF', level: 2, score: 3.3 });
  });

  it.each<[string, Viewer, number]>([
    ['the public', null, 0],
    ['the community', { id: 'pat', role: 'COMMUNITY' }, 0],
    ['an editor of another trust', editorOf('ZB2'), 0],
    ['an editor of the trust', editorOf('ZA1'), 1],
    ['an admin', { id: 'admin', role: 'ADMIN' }, 1],
  ])('assessments follow the intervention’s current sharing (private here): %s', async (_name, viewer, expected) => {
    await stateAfter(db, sustainabilityAssessmentsProjection, log);
    const queries = new SustainabilityAssessmentQueries(db);
    expect(await queries.ofIntervention(viewer, 'i2')).toHaveLength(expected);
    // An assessment of an intervention not (yet) known is shown to no one.
    expect(await queries.ofIntervention(viewer, 'i3')).toHaveLength(0);
  });
});
