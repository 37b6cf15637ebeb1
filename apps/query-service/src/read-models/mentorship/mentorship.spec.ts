import type { LongviewEvent, Viewer } from '@longview/domain';
import type { Database } from '@longview/event-store';
import { testDatabases } from '@longview/event-store/testing';
import { projectedLog, replayTwice, stateAfter } from '../testing/replay-twice';
import { mentorshipProjection } from './mentorship.projection';
import { MentorshipQueries } from './mentorship.queries';

const T = '2026-01-10T09:00:00.000Z';
const asha = { id: 'asha', name: 'Asha Patel', role: 'TRUST_EDITOR' as const, trustCode: 'ZA1' };
const sam = { id: 'sam', name: 'Sam Jones', role: 'TRUST_EDITOR' as const, trustCode: 'ZB2' };
const kim = { id: 'kim', name: 'Kim Lee', role: 'TRUST_EDITOR' as const, trustCode: 'ZC3' };

const LOG: (readonly [string, LongviewEvent])[] = [
  [
    'mentorship-o1',
    {
      type: 'MentorshipOffered',
      data: { offerId: 'o1', mentor: asha, categories: ['PATIENT_FLOW'], metrics: ['ae-4hr'], capacity: 2, note: 'Streaming', offeredAt: T },
    },
  ],
  ['mentorship-o2', { type: 'MentorshipOffered', data: { offerId: 'o2', mentor: kim, categories: ['WORKFORCE'], metrics: [], capacity: 1, offeredAt: T } }],
  [
    'mentorship-o1',
    { type: 'MentorshipRequested', data: { offerId: 'o1', mentorshipId: 'm1', trustCode: 'ZB2', requester: sam, message: 'Help', requestedAt: T } },
  ],
  ['mentorship-o1', { type: 'MentorshipAccepted', data: { offerId: 'o1', mentorshipId: 'm1', respondedAt: T } }],
  [
    'mentorship-o1',
    { type: 'MentorshipRequested', data: { offerId: 'o1', mentorshipId: 'm2', trustCode: 'ZC3', requester: kim, message: 'Us too', requestedAt: T } },
  ],
  ['mentorship-o1', { type: 'MentorshipEnded', data: { offerId: 'o1', mentorshipId: 'm2', endedBy: kim, endedAt: T } }],
  ['mentorship-o2', { type: 'MentorshipOfferWithdrawn', data: { offerId: 'o2', withdrawnAt: T } }],
];

const viewer = (actor: { id: string; role: 'TRUST_EDITOR'; trustCode: string }): Viewer => ({ id: actor.id, role: actor.role, trustCode: actor.trustCode });

describe.each(testDatabases())('mentorship on $name', ({ open }) => {
  let db: Database;
  const log = projectedLog(LOG);

  beforeAll(async () => {
    db = await open();
    for (const ddl of mentorshipProjection.schema) await db.query(ddl);
  });
  afterAll(() => db.close());

  it('leaves the same tables when the log is applied twice, each event twice, or its streams in another order', async () => {
    const { once, logTwice, eachEventTwice, streamsReordered } = await replayTwice(db, mentorshipProjection, log);
    expect((once as Record<string, unknown[]>)['rm_mentorships']).toHaveLength(2);
    expect(logTwice).toEqual(once);
    expect(eachEventTwice).toEqual(once);
    expect(streamsReordered).toEqual(once);
  });

  it('counts places left from accepted mentorships; a withdrawn offer is no longer open', async () => {
    await stateAfter(db, mentorshipProjection, log);
    const queries = new MentorshipQueries(db);
    const open = await queries.offers(viewer(sam));
    expect(open.map((o) => [o.id, o.capacity, o.available])).toEqual([['o1', 2, 1]]);
    expect(open[0]?.mentor).toEqual({ id: 'asha', name: 'Asha Patel', role: 'TRUST_EDITOR', trustCode: 'ZA1' });
    expect((await queries.offers(viewer(kim), { mine: true })).map((o) => [o.id, o.status, o.available])).toEqual([['o2', 'WITHDRAWN', 0]]);
  });

  it('shows offers to NHS roles only', async () => {
    await stateAfter(db, mentorshipProjection, log);
    const queries = new MentorshipQueries(db);
    expect(await queries.offers(null)).toEqual([]);
    expect(await queries.offers({ id: 'c', role: 'COMMUNITY' })).toEqual([]);
    expect(await queries.offer({ id: 'c', role: 'COMMUNITY' }, 'o1')).toBeUndefined();
    expect(await queries.offers({ id: 'p', role: 'POLICYMAKER' })).toHaveLength(1);
  });

  it.each<[string, Viewer, string[]]>([
    ['the mentor', viewer(asha), ['m1', 'm2']],
    ['the requester', viewer(sam), ['m1']],
    ['another editor of the trust mentored', { id: 'sam2', role: 'TRUST_EDITOR', trustCode: 'ZB2' }, ['m1']],
    ['a third party', { id: 'zed', role: 'TRUST_EDITOR', trustCode: 'ZZ9' }, []],
    ['a policymaker', { id: 'p', role: 'POLICYMAKER' }, []],
    ['the public', null, []],
    ['an admin', { id: 'a', role: 'ADMIN' }, ['m1', 'm2']],
  ])('shows mentorships to their parties and admins only: %s', async (_name, who, expected) => {
    await stateAfter(db, mentorshipProjection, log);
    const queries = new MentorshipQueries(db);
    expect((await queries.mentorships(who)).map((m) => m.id).sort()).toEqual(expected);
    expect((await queries.mentorship(who, 'm1'))?.status).toBe(expected.includes('m1') ? 'ACCEPTED' : undefined);
  });
});
