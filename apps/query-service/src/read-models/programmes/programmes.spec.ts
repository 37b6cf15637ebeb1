import type { LongviewEvent, Viewer } from '@longview/domain';
import { visibilityTier } from '@longview/domain';
import type { Database } from '@longview/event-store';
import { testDatabases } from '@longview/event-store/testing';
import { projectedLog, replayTwice, stateAfter } from '../testing/replay-twice';
import { proposed } from '../testing/sample-log';
import { programmesProjection } from './programmes.projection';
import { ProgrammeQueries } from './programmes.queries';

const T = '2026-01-10T09:00:00.000Z';
const priya = { id: 'priya', name: 'Priya Shah', role: 'POLICYMAKER' as const };
const asha = { id: 'asha', name: 'Asha Patel', role: 'TRUST_EDITOR' as const, trustCode: 'ZA1' };
const P = 'prog-1';

const LOG: (readonly [string, LongviewEvent])[] = [
  // A link delivered before its intervention (another stream): hidden until the intervention is known.
  [
    `programme-${P}`,
    {
      type: 'ProgrammeCreated',
      data: {
        programmeId: P,
        name: 'Flow collaborative',
        aim: 'Faster flow',
        category: 'PATIENT_FLOW',
        metric: 'ae-4hr',
        coordinator: priya,
        createdAt: '2025-01-05T09:00:00.000Z',
      },
    },
  ],
  [
    `programme-${P}`,
    { type: 'TrustJoinedProgramme', data: { programmeId: P, trustCode: 'ZA1', trustName: 'Trust ZA1', joinedBy: asha, joinedAt: '2025-01-10T09:00:00.000Z' } },
  ],
  [
    `programme-${P}`,
    { type: 'TrustJoinedProgramme', data: { programmeId: P, trustCode: 'ZB2', trustName: 'Trust ZB2', joinedBy: priya, joinedAt: '2025-01-11T09:00:00.000Z' } },
  ],
  [
    `programme-${P}`,
    {
      type: 'InterventionLinkedToProgramme',
      data: { programmeId: P, interventionId: 'i1', trustCode: 'ZA1', linkedBy: asha, linkedAt: '2025-02-01T09:00:00.000Z' },
    },
  ],
  ['intervention-i1', proposed('i1', 'ZA1', 'Streaming')],
  ['intervention-i1', { type: 'InterventionStarted', data: { interventionId: 'i1', startedOn: '2025-03-01' } }],
  ['intervention-i2', proposed('i2', 'ZA1', 'Frailty unit')],
  ['intervention-i2', { type: 'InterventionSharingChanged', data: { interventionId: 'i2', from: 'PUBLIC', to: 'PRIVATE' } }],
  [
    `programme-${P}`,
    {
      type: 'InterventionLinkedToProgramme',
      data: { programmeId: P, interventionId: 'i2', trustCode: 'ZA1', linkedBy: asha, linkedAt: '2025-02-02T09:00:00.000Z' },
    },
  ],
  ['intervention-i3', proposed('i3', 'ZB2', 'Discharge lounge')],
  ['intervention-i3', { type: 'InterventionSharingChanged', data: { interventionId: 'i3', from: 'PUBLIC', to: 'TRUSTS' } }],
  ['intervention-i3', { type: 'InterventionStarted', data: { interventionId: 'i3', startedOn: '2025-02-10' } }],
  ['intervention-i3', { type: 'InterventionAbandoned', data: { interventionId: 'i3', abandonedOn: '2025-06-10', reason: 'No staff' } }],
  [
    `programme-${P}`,
    {
      type: 'InterventionLinkedToProgramme',
      data: { programmeId: P, interventionId: 'i3', trustCode: 'ZB2', linkedBy: priya, linkedAt: '2025-02-03T09:00:00.000Z' },
    },
  ],
  [
    `programme-${P}`,
    {
      type: 'ProgrammeCoordinatorAppointed',
      data: { programmeId: P, coordinator: { id: 'omar', name: 'Omar Ali' }, appointedBy: priya, appointedAt: '2025-03-01T09:00:00.000Z' },
    },
  ],
  [
    'programme-prog-2',
    {
      type: 'ProgrammeCreated',
      data: { programmeId: 'prog-2', name: 'Workforce', aim: 'Keep staff', category: 'WORKFORCE', metric: 'vacancy-rate', coordinator: priya, createdAt: T },
    },
  ],
];

const community: Viewer = { id: 'pat', role: 'COMMUNITY' };
const editorOf = (trustCode: string): Viewer => ({ id: `e-${trustCode}`, role: 'TRUST_EDITOR', trustCode });

describe.each(testDatabases())('programmes on $name', ({ open }) => {
  let db: Database;
  const log = projectedLog(LOG);

  beforeAll(async () => {
    db = await open();
    for (const ddl of programmesProjection.schema) await db.query(ddl);
  });
  afterAll(() => db.close());

  it('the same tables when the log is applied twice, each event twice, or its streams in another order', async () => {
    const { once, logTwice, eachEventTwice, streamsReordered } = await replayTwice(db, programmesProjection, log);
    expect(logTwice).toEqual(once);
    expect(eachEventTwice).toEqual(once);
    expect(streamsReordered).toEqual(once);
  });

  it.each<[string, Viewer, string[]]>([
    ['the public', null, ['i1']],
    ['the community', community, ['i1']],
    ['an editor of another trust (ZB2)', editorOf('ZB2'), ['i1', 'i3']],
    ['an editor of the owning trust (ZA1)', editorOf('ZA1'), ['i1', 'i2', 'i3']],
    ['an admin', { id: 'admin', role: 'ADMIN' }, ['i1', 'i2', 'i3']],
  ])('linked interventions hidden from %s are absent and uncounted, everywhere', async (_name, viewer, expected) => {
    await stateAfter(db, programmesProjection, log);
    const queries = new ProgrammeQueries(db);
    const tier = visibilityTier(viewer);
    const programme = await queries.programme(tier, P);
    expect(programme?.links.map((l) => l.interventionId)).toEqual(expected);
    expect(programme?.interventionCount).toBe(expected.length);
    const za1 = expected.filter((id) => id !== 'i3').length;
    expect(programme?.members.map((m) => [m.code, m.interventionCount])).toEqual([
      ['ZA1', za1],
      ['ZB2', expected.includes('i3') ? 1 : 0],
    ]);
    const linkedInTimeline = programme?.timeline.filter((e) => e.interventionId !== null).map((e) => e.interventionId);
    expect([...new Set(linkedInTimeline)].sort()).toEqual(expected);
    const list = await queries.programmes(tier);
    expect(list.map((p) => [p.id, p.memberCount, p.interventionCount])).toEqual([
      ['prog-2', 0, 0],
      [P, 2, expected.length],
    ]);
    expect((await queries.programmes(tier, { trustCode: 'ZB2' })).map((p) => p.id)).toEqual([P]);
  });

  it('names coordinators, members and a dated timeline in order', async () => {
    await stateAfter(db, programmesProjection, log);
    const programme = await new ProgrammeQueries(db).programme(visibilityTier(editorOf('ZB2')), P);
    expect(programme).toMatchObject({
      name: 'Flow collaborative',
      metric: 'ae-4hr',
      coordinators: [
        { id: 'priya', name: 'Priya Shah' },
        { id: 'omar', name: 'Omar Ali' },
      ],
    });
    expect(programme?.timeline.map((e) => [e.date, e.type])).toEqual([
      ['2025-01-05', 'PROGRAMME_CREATED'],
      ['2025-01-10', 'TRUST_JOINED'],
      ['2025-01-11', 'TRUST_JOINED'],
      ['2025-02-01', 'INTERVENTION_LINKED'],
      ['2025-02-03', 'INTERVENTION_LINKED'],
      ['2025-02-10', 'INTERVENTION_STARTED'],
      ['2025-03-01', 'COORDINATOR_APPOINTED'],
      ['2025-03-01', 'INTERVENTION_STARTED'],
      ['2025-06-10', 'INTERVENTION_ABANDONED'],
    ]);
    expect(programme?.timeline[5]?.summary).toBe('Trust ZB2 started “Discharge lounge”');
    expect(await new ProgrammeQueries(db).programme(visibilityTier(null), 'nope')).toBeUndefined();
  });
});
