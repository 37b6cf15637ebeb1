import type { DriverDiagramPrimaryDriver, LongviewEvent, Sharing, Viewer } from '@longview/domain';
import type { Database } from '@longview/event-store';
import { testDatabases } from '@longview/event-store/testing';
import { projectedLog, replayTwice, stateAfter } from '../testing/replay-twice';
import { proposed } from '../testing/sample-log';
import { driverDiagramsProjection } from './driver-diagrams.projection';
import { DriverDiagramQueries } from './driver-diagrams.queries';

const T = '2026-01-10T09:00:00.000Z';
const T2 = '2026-02-10T09:00:00.000Z';
const asha = { id: 'asha', name: 'Asha Patel', role: 'TRUST_EDITOR' as const, trustCode: 'ZA1' };

const tree = (ids: string[]): DriverDiagramPrimaryDriver[] => [
  {
    text: 'Flow out of the department',
    secondaryDrivers: [
      { text: 'Beds free by noon', changeIdeas: [{ text: 'Discharge lounge', interventionIds: ids }] },
      { text: 'Senior review early', changeIdeas: [] },
    ],
  },
  { text: 'Staff have time', secondaryDrivers: [] },
];
const defined = (id: string, sharing: Sharing, ids: string[], trustCode = 'ZA1'): LongviewEvent => ({
  type: 'DriverDiagramDefined',
  data: {
    driverDiagramId: id,
    trustCode,
    aim: `Aim of ${id} by March 2027`,
    measure: 'ae-4hr',
    sharing,
    primaryDrivers: tree(ids),
    definedBy: asha,
    definedAt: T,
  },
});

const LOG: (readonly [string, LongviewEvent])[] = [
  ['intervention-i1', proposed('i1', 'ZA1', 'Streaming')],
  ['intervention-i2', proposed('i2', 'ZA1', 'Frailty unit')],
  ['intervention-i2', { type: 'InterventionSharingChanged', data: { interventionId: 'i2', from: 'PUBLIC', to: 'PRIVATE' } }],
  ['driver-diagram-d1', defined('d1', 'PUBLIC', ['i1', 'i2'])],
  ['driver-diagram-d2', defined('d2', 'TRUSTS', ['i1'])],
  ['driver-diagram-d3', defined('d3', 'PRIVATE', ['i1'])],
  // d1 revised: i3 (its intervention arrives later in the log, as a Kafka feed may deliver it) joins, the second primary driver goes.
  [
    'driver-diagram-d1',
    {
      type: 'DriverDiagramRevised',
      data: {
        driverDiagramId: 'd1',
        trustCode: 'ZA1',
        revision: 2,
        aim: 'Raise 4-hour performance to 85% by March 2027',
        measure: 'ae-4hr',
        sharing: 'PUBLIC',
        primaryDrivers: [tree(['i1', 'i2', 'i3'])[0] as DriverDiagramPrimaryDriver],
        note: 'Added the navigator',
        revisedBy: asha,
        revisedAt: T2,
      },
    },
  ],
  ['intervention-i3', proposed('i3', 'ZA1', 'Navigator')],
];

const editor = (id: string, trustCode: string): Viewer => ({ id, role: 'TRUST_EDITOR', trustCode });

describe.each(testDatabases())('driver diagrams on $name', ({ open }) => {
  let db: Database;
  const log = projectedLog(LOG);

  beforeAll(async () => {
    db = await open();
    for (const ddl of driverDiagramsProjection.schema) await db.query(ddl);
  });
  afterAll(() => db.close());

  it('the same tables when the log is applied twice, each event twice, or its streams in another order', async () => {
    const { once, logTwice, eachEventTwice, streamsReordered } = await replayTwice(db, driverDiagramsProjection, log);
    expect(logTwice).toEqual(once);
    expect(eachEventTwice).toEqual(once);
    expect(streamsReordered).toEqual(once);
  });

  it.each<[string, Viewer, string[]]>([
    ['the public', null, ['d1']],
    ['the community', { id: 'pat', role: 'COMMUNITY' }, ['d1']],
    ['a policymaker', { id: 'pol', role: 'POLICYMAKER' }, ['d2', 'd1']],
    ['an editor of another trust', editor('sam', 'ZB2'), ['d2', 'd1']],
    ['an editor of the trust', editor('asha', 'ZA1'), ['d3', 'd2', 'd1']],
    ['an admin', { id: 'admin', role: 'ADMIN' }, ['d3', 'd2', 'd1']],
  ])('diagrams follow their sharing (hidden = missing): %s', async (_name, viewer, expected) => {
    await stateAfter(db, driverDiagramsProjection, log);
    const queries = new DriverDiagramQueries(db);
    expect((await queries.diagrams(viewer)).map((d) => d.id)).toEqual(expected);
    expect((await queries.diagrams(viewer, { trustCode: 'ZA1' })).map((d) => d.id)).toEqual(expected);
    expect(await queries.diagrams(viewer, { trustCode: 'ZB2' })).toEqual([]);
    expect((await queries.diagram(viewer, 'd2'))?.id).toBe(expected.includes('d2') ? 'd2' : undefined);
  });

  it('the current version with its tree; inside it, a linked intervention the viewer may not see is absent', async () => {
    await stateAfter(db, driverDiagramsProjection, log);
    const queries = new DriverDiagramQueries(db);
    const idea = (d: Awaited<ReturnType<DriverDiagramQueries['diagram']>>) => d?.primaryDrivers[0]?.secondaryDrivers[0]?.changeIdeas[0]?.interventionIds;
    const forOwn = await queries.diagram(editor('asha', 'ZA1'), 'd1');
    expect(forOwn).toMatchObject({ aim: 'Raise 4-hour performance to 85% by March 2027', revision: 2, updatedAt: T2, definedAt: T });
    expect(forOwn?.primaryDrivers.map((p) => p.text)).toEqual(['Flow out of the department']);
    expect(forOwn?.primaryDrivers[0]?.secondaryDrivers.map((s) => s.text)).toEqual(['Beds free by noon', 'Senior review early']);
    expect(idea(forOwn)).toEqual(['i1', 'i2', 'i3']);
    expect(idea(await queries.diagram(null, 'd1'))).toEqual(['i1', 'i3']);
    expect(idea(await queries.diagram(editor('sam', 'ZB2'), 'd1'))).toEqual(['i1', 'i3']);
    expect(forOwn?.revisions).toEqual([
      {
        revision: 1,
        aim: 'Aim of d1 by March 2027',
        measure: 'ae-4hr',
        sharing: 'PUBLIC',
        note: null,
        by: { name: 'Asha Patel', role: 'TRUST_EDITOR', trustCode: 'ZA1' },
        at: T,
      },
      {
        revision: 2,
        aim: 'Raise 4-hour performance to 85% by March 2027',
        measure: 'ae-4hr',
        sharing: 'PUBLIC',
        note: 'Added the navigator',
        by: { name: 'Asha Patel', role: 'TRUST_EDITOR', trustCode: 'ZA1' },
        at: T2,
      },
    ]);
  });

  it('where an intervention sits: only in diagrams the viewer may see, and only when the viewer may see the intervention', async () => {
    await stateAfter(db, driverDiagramsProjection, log);
    const queries = new DriverDiagramQueries(db);
    const place = { primaryDriver: 'Flow out of the department', secondaryDriver: 'Beds free by noon', changeIdea: 'Discharge lounge' };
    expect(await queries.placements(null, 'i1')).toEqual([{ driverDiagramId: 'd1', aim: 'Raise 4-hour performance to 85% by March 2027', ...place }]);
    expect((await queries.placements(editor('asha', 'ZA1'), 'i1')).map((p) => p.driverDiagramId)).toEqual(['d3', 'd2', 'd1']);
    expect(await queries.placements(editor('sam', 'ZB2'), 'i2')).toEqual([]);
    expect((await queries.placements(editor('asha', 'ZA1'), 'i2')).map((p) => p.driverDiagramId)).toEqual(['d1']);
  });
});
