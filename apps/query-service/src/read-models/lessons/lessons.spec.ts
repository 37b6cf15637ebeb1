import type { LongviewEvent, Sharing, Viewer } from '@longview/domain';
import type { Database } from '@longview/event-store';
import { testDatabases } from '@longview/event-store/testing';
import { commentsProjection } from '../comments/comments.projection';
import { CommentQueries } from '../comments/comments.queries';
import { projectedLog, replayTwice, stateAfter } from '../testing/replay-twice';
import { proposed } from '../testing/sample-log';
import { lessonsProjection } from './lessons.projection';
import { LessonQueries } from './lessons.queries';

const T = '2026-01-10T09:00:00.000Z';
const asha = { id: 'asha', name: 'Asha Patel', role: 'TRUST_EDITOR' as const, trustCode: 'ZA1' };
const sam = { id: 'sam', name: 'Sam Jones', role: 'TRUST_EDITOR' as const, trustCode: 'ZB2' };
const pat = { id: 'pat', name: 'Pat Doe', role: 'COMMUNITY' as const };
const admin = { id: 'admin', name: 'Alex Admin', role: 'ADMIN' as const };

const lesson = (lessonId: string, sharing: Sharing, interventionId: string | undefined, title: string, trustCode = 'ZA1'): LongviewEvent => ({
  type: 'LessonShared',
  data: {
    lessonId,
    ...(interventionId ? { interventionId } : {}),
    trustCode,
    title,
    body: `${title}: what we learned`,
    sharing,
    author: trustCode === 'ZA1' ? asha : sam,
    sharedAt: T,
  },
});
const privateIntervention: LongviewEvent = { type: 'InterventionSharingChanged', data: { interventionId: 'i2', from: 'PUBLIC', to: 'PRIVATE' } };

const LOG: (readonly [string, LongviewEvent])[] = [
  ['intervention-i1', proposed('i1', 'ZA1', 'Streaming')],
  ['intervention-i2', proposed('i2', 'ZA1', 'Frailty unit')],
  ['intervention-i2', privateIntervention],
  ['lesson-l1', lesson('l1', 'PUBLIC', 'i1', 'Start small')],
  ['lesson-l2', lesson('l2', 'TRUSTS', 'i1', 'Ask the porters')],
  ['lesson-l3', lesson('l3', 'PUBLIC', 'i2', 'Frailty faded')],
  ['lesson-l4', lesson('l4', 'PUBLIC', undefined, 'Rota 100% fairness', 'ZB2')],
  ['lesson-l1', { type: 'LessonEndorsed', data: { lessonId: 'l1', endorser: sam, endorsedAt: T } }],
  ['lesson-l1', { type: 'LessonEndorsed', data: { lessonId: 'l1', endorser: pat, endorsedAt: T } }],
  ['comment-c1', { type: 'CommentPosted', data: { commentId: 'c1', interventionId: 'i1', trustCode: 'ZA1', author: pat, body: 'Did it last?', postedAt: T } }],
  ['comment-c2', { type: 'CommentPosted', data: { commentId: 'c2', interventionId: 'i1', trustCode: 'ZA1', author: sam, body: 'Rude words', postedAt: T } }],
  ['comment-c2', { type: 'CommentHidden', data: { commentId: 'c2', interventionId: 'i1', reason: 'Abusive', hiddenBy: admin, hiddenAt: T } }],
  ['comment-c3', { type: 'CommentPosted', data: { commentId: 'c3', interventionId: 'i1', trustCode: 'ZA1', author: pat, body: 'Oops', postedAt: T } }],
  ['comment-c3', { type: 'CommentRetracted', data: { commentId: 'c3', interventionId: 'i1', retractedAt: T } }],
  ['comment-c4', { type: 'CommentPosted', data: { commentId: 'c4', interventionId: 'i2', trustCode: 'ZA1', author: asha, body: 'Private note', postedAt: T } }],
];

const editor = (a: { id: string; trustCode: string }): Viewer => ({ id: a.id, role: 'TRUST_EDITOR', trustCode: a.trustCode });
const community: Viewer = { id: 'pat', role: 'COMMUNITY' };
const adminViewer: Viewer = { id: 'admin', role: 'ADMIN' };

describe.each(testDatabases())('lessons and comments on $name', ({ open }) => {
  let db: Database;
  const log = projectedLog(LOG);

  beforeAll(async () => {
    db = await open();
    for (const ddl of [...lessonsProjection.schema, ...commentsProjection.schema]) await db.query(ddl);
  });
  afterAll(() => db.close());

  it.each([
    ['lessons', lessonsProjection],
    ['comments', commentsProjection],
  ])('%s: the same tables when the log is applied twice, each event twice, or its streams in another order', async (_name, projection) => {
    const { once, logTwice, eachEventTwice, streamsReordered } = await replayTwice(db, projection, log);
    expect(logTwice).toEqual(once);
    expect(eachEventTwice).toEqual(once);
    expect(streamsReordered).toEqual(once);
  });

  it.each<[string, Viewer, string[]]>([
    ['the public', null, ['l4', 'l1']],
    ['the community', community, ['l4', 'l1']],
    ['an editor of another trust', editor(sam), ['l4', 'l2', 'l1']],
    ['an editor of the trust', editor(asha), ['l4', 'l3', 'l2', 'l1']],
    ['an admin', adminViewer, ['l4', 'l3', 'l2', 'l1']],
  ])('lessons follow their own sharing and their intervention’s: %s', async (_name, viewer, expected) => {
    await stateAfter(db, lessonsProjection, log);
    const queries = new LessonQueries(db);
    const page = await queries.lessons(viewer);
    expect(page.items.map((l) => l.id)).toEqual(expected);
    expect(page.totalCount).toBe(expected.length);
    expect((await queries.lesson(viewer, 'l2'))?.id).toBe(expected.includes('l2') ? 'l2' : undefined);
  });

  it('filters by trust, category, metric and search; pages with a cursor; counts endorsements', async () => {
    await stateAfter(db, lessonsProjection, log);
    const queries = new LessonQueries(db);
    const viewer = editor(sam);
    expect((await queries.lessons(viewer, { trustCode: 'ZB2' })).items.map((l) => l.id)).toEqual(['l4']);
    expect((await queries.lessons(viewer, { category: 'PATIENT_FLOW' })).items.map((l) => l.id)).toEqual(['l2', 'l1']);
    expect((await queries.lessons(viewer, { metric: 'ae-4hr' })).totalCount).toBe(2);
    expect((await queries.lessons(viewer, { metric: 'nel-los' })).totalCount).toBe(0);
    expect((await queries.lessons(viewer, { search: 'porters' })).items.map((l) => l.id)).toEqual(['l2']);
    expect((await queries.lessons(viewer, { search: '100%' })).items.map((l) => l.id)).toEqual(['l4']);
    const first = await queries.lessons(viewer, { first: 2 });
    expect(first).toMatchObject({ totalCount: 3, hasNextPage: true });
    const rest = await queries.lessons(viewer, { first: 2, after: first.endCursor as string });
    expect(rest.items.map((l) => l.id)).toEqual(['l1']);
    expect(rest.hasNextPage).toBe(false);
    const l1 = await queries.lesson(viewer, 'l1');
    expect(l1).toMatchObject({ endorsements: 2, endorsedByViewer: true, author: { name: 'Asha Patel', trustCode: 'ZA1' } });
    expect((await queries.lesson(null, 'l1'))?.endorsedByViewer).toBe(false);
  });

  it.each<[string, Viewer, string[]]>([
    ['the public', null, ['c1']],
    ['the community', community, ['c1']],
    ['an editor', editor(sam), ['c1']],
    ['an admin', adminViewer, ['c1', 'c2']],
  ])('comments: retracted ones gone, hidden ones for admins only (with the reason): %s', async (_name, viewer, expected) => {
    await stateAfter(db, commentsProjection, log);
    const queries = new CommentQueries(db);
    const shown = await queries.ofIntervention(viewer, 'i1');
    expect(shown.map((c) => c.id)).toEqual(expected);
    expect((await queries.comment(viewer, 'c2'))?.hidden ?? null).toEqual(expected.includes('c2') ? { reason: 'Abusive', by: 'Alex Admin', at: T } : null);
    expect(await queries.comment(viewer, 'c3')).toBeUndefined();
  });

  it('comments follow their intervention’s visibility', async () => {
    await stateAfter(db, commentsProjection, log);
    const queries = new CommentQueries(db);
    expect(await queries.ofIntervention(editor(sam), 'i2')).toEqual([]);
    expect((await queries.ofIntervention(editor(asha), 'i2')).map((c) => c.body)).toEqual(['Private note']);
  });
});
