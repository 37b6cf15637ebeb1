import type { LongviewEvent, Sharing, Viewer } from '@longview/domain';
import { visibilityTier } from '@longview/domain';
import type { Database } from '@longview/event-store';
import { testDatabases } from '@longview/event-store/testing';
import { batchedAndOneByOne, projectedLog, replayTwice, stateAfter, streamsReversed } from '../testing/replay-twice';
import { proposed, registered, SAMPLE_LOG } from '../testing/sample-log';
import { activityFeedProjection } from './activity-feed.projection';
import { ActivityFeedQueries } from './activity-feed.queries';

const id = (n: number) => `ac000000-0000-4000-8000-00000000000${n}`;
const [PUB, PRIV, TRU, ADOPT] = [1, 2, 3, 4].map(id) as [string, string, string, string];

function withSharing(event: LongviewEvent, sharing: Sharing, extra: Record<string, unknown> = {}): LongviewEvent {
  return { ...event, data: { ...(event.data as object), sharing, ...extra } } as LongviewEvent;
}

const months = (year: number, from: number, n: number, value: (i: number) => number) =>
  Array.from({ length: n }, (_, i) => {
    const m = from - 1 + i;
    return { period: `${year + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`, value: value(i) };
  });

const series = (observations: { period: string; value: number }[]): LongviewEvent => ({
  type: 'ObservationsRecorded',
  data: { trustCode: 'ZA1', metric: 'ae-4hr', observations },
});

/**
 * ZA1: a PUBLIC intervention that starts and, as its A&E data come in, goes from insufficient
 * data to not yet evident to sustained; ZB2: a PRIVATE one; ZC3: a TRUSTS one and a PUBLIC
 * adoption of ZA1's.
 */
const LOG: readonly (readonly [string, LongviewEvent])[] = [
  ['trust-ZA1', registered('ZA1', 'Ambridge Hospitals NHS Foundation Trust')],
  ['series-ZA1-ae-4hr', series(months(2024, 1, 12, (i) => 80 + (i % 3)))],
  [`intervention-${PUB}`, proposed(PUB, 'ZA1', 'Same-day emergency care')],
  [`intervention-${PRIV}`, withSharing(proposed(PRIV, 'ZB2', 'Discharge lounge'), 'PRIVATE')],
  [`intervention-${TRU}`, withSharing(proposed(TRU, 'ZC3', 'Board walk-rounds'), 'TRUSTS')],
  [`intervention-${PUB}`, { type: 'InterventionStarted', data: { interventionId: PUB, startedOn: '2025-01-06' } }],
  [`intervention-${PRIV}`, { type: 'InterventionStarted', data: { interventionId: PRIV, startedOn: '2025-02-03' } }],
  ['series-ZA1-ae-4hr', series(months(2025, 1, 3, (i) => 92 + (i % 2)))],
  [
    `intervention-${ADOPT}`,
    withSharing(proposed(ADOPT, 'ZC3', 'SDEC, our way'), 'PUBLIC', { adoptedFrom: { interventionId: PUB, adaptations: 'Weekdays only' } }),
  ],
  ['series-ZA1-ae-4hr', series(months(2025, 4, 12, (i) => 92 + (i % 2)))],
  [`intervention-${PRIV}`, { type: 'InterventionCompleted', data: { interventionId: PRIV, completedOn: '2025-06-30' } }],
];

const author = { name: 'Lead', role: 'TRUST_EDITOR', trustCode: 'ZA1' };
const lesson = (lessonId: string, interventionId: string, sharing: Sharing): LongviewEvent =>
  ({
    type: 'LessonShared',
    data: {
      lessonId,
      interventionId,
      trustCode: 'ZA1',
      title: `Lesson ${lessonId}`,
      body: 'What we learned',
      sharing,
      author,
      sharedAt: '2025-07-01T00:00:00.000Z',
    },
  }) as LongviewEvent;
const comment = (commentId: string): LongviewEvent =>
  ({
    type: 'CommentPosted',
    data: { commentId, interventionId: PUB, trustCode: 'ZA1', author, body: 'Thanks', postedAt: '2025-07-02T00:00:00.000Z' },
  }) as LongviewEvent;

const anonymous: Viewer = null;
const editorOfZB2: Viewer = { id: 'editor-zb2', role: 'TRUST_EDITOR', trustCode: 'ZB2' };
const community: Viewer = { id: 'c-1', role: 'COMMUNITY' };
const policymaker: Viewer = { id: 'policy-1', role: 'POLICYMAKER' };
const admin: Viewer = { id: 'admin-1', role: 'ADMIN' };

const withoutPosition = (state: Record<string, unknown[]>) => ({
  ...state,
  rm_activity: (state['rm_activity'] as Record<string, unknown>[])
    .map(({ position: _position, ...rest }) => rest)
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
});

describe.each(testDatabases())('activity-feed on $name', ({ open }) => {
  let db: Database;
  let queries: ActivityFeedQueries;
  const log = projectedLog(LOG);

  beforeAll(async () => {
    db = await open();
    for (const ddl of activityFeedProjection.schema) await db.query(ddl);
    queries = new ActivityFeedQueries(db);
  });
  afterAll(() => db.close());

  it('leaves the same tables when the log is applied twice or each event twice; another stream order numbers the same rows without a gap', async () => {
    for (const sample of [projectedLog(SAMPLE_LOG), log]) {
      const { once, logTwice, eachEventTwice } = await replayTwice(db, activityFeedProjection, sample);
      expect(logTwice).toEqual(once);
      expect(eachEventTwice).toEqual(once);
    }
    const once = (await replayTwice(db, activityFeedProjection, log)).once as Record<string, unknown[]>;
    expect(once['rm_activity']).toHaveLength(9);
    // Streams reversed (what a Kafka feed may deliver): the verdict rows depend on whether the
    // data came before the start; the rows of events are the same, numbered 1..n in the order applied.
    const reversed = await stateAfter(db, activityFeedProjection, streamsReversed(log));
    const eventRows = (state: Record<string, unknown[]>) =>
      withoutPosition(state)['rm_activity'].filter((r) => (r as { kind: string }).kind !== 'VERDICT_CHANGED');
    expect(eventRows(reversed)).toEqual(eventRows(once));
    const positions = (reversed['rm_activity'] as { position: string | number }[]).map((r) => Number(r.position)).sort((a, b) => a - b);
    expect(positions).toEqual(positions.map((_, i) => i + 1));
  });

  it('gives the same rows, verdicts and numbers with applyBatch as event by event, verdict changes inside a run of series events included', async () => {
    // The last year of data in monthly events after the start (a run of series events that the
    // batch folds in memory), a correction and a rebase among them, and a second started
    // intervention of ZA1 judged on the same metric.
    const second = id(5);
    const runs = projectedLog([
      ...LOG.slice(0, -2),
      [`intervention-${second}`, proposed(second, 'ZA1', 'Frailty at the front door')],
      [`intervention-${second}`, { type: 'InterventionStarted', data: { interventionId: second, startedOn: '2025-02-03' } }],
      ...months(2025, 4, 12, (i) => 92 + (i % 2)).map((m) => ['series-ZA1-ae-4hr', series([m])] as const),
      [
        'series-ZA1-ae-4hr',
        { type: 'ObservationCorrected', data: { trustCode: 'ZA1', metric: 'ae-4hr', period: '2025-05', previousValue: 93, value: 70, reason: 'Audit' } },
      ],
      ['series-ZA1-ae-4hr', { type: 'SeriesRebased', data: { trustCode: 'ZA1', metric: 'ae-4hr', fromPeriod: '2025-09', reason: 'New ED' } }],
      ['series-ZA1-ae-4hr', series(months(2026, 4, 3, () => 60))],
      LOG[LOG.length - 1]!,
      // Collaboration amid the series: a lesson, comments (one hidden), a change of sharing, a trust registered late.
      ['lesson-l1', lesson('l1', PUB, 'TRUSTS')],
      ['comment-c1', comment('c1')],
      ['series-ZA1-ae-4hr', series(months(2026, 7, 2, () => 95))],
      ['comment-c2', comment('c2')],
      [`intervention-${second}`, { type: 'InterventionSharingChanged', data: { interventionId: second, from: 'PUBLIC', to: 'PRIVATE' } }],
      [
        'comment-c2',
        {
          type: 'CommentHidden',
          data: { commentId: 'c2', interventionId: PUB, reason: 'Blames a person', hiddenBy: author, hiddenAt: '2025-07-03T00:00:00.000Z' },
        } as LongviewEvent,
      ],
      ['trust-ZC3', registered('ZC3', 'Casterbridge NHS Trust')],
    ]);
    const { expected, batched, reorderedExpected, reorderedBatched } = await batchedAndOneByOne(db, activityFeedProjection, runs);
    const verdictRows = (expected as Record<string, { kind: string }[]>)['rm_activity']!.filter((r) => r.kind === 'VERDICT_CHANGED');
    expect(verdictRows.length).toBeGreaterThanOrEqual(2);
    for (const [how, state] of Object.entries(batched)) expect({ how, state }).toEqual({ how, state: expected });
    expect(reorderedBatched).toEqual(reorderedExpected);
  });

  it('numbers rows by the feed counter in the order they were applied, and tells each in plain English', async () => {
    await stateAfter(db, activityFeedProjection, log);
    const page = await queries.activity(visibilityTier(admin), { since: 0n });
    expect(page.items.map((r) => [r.position, r.kind, r.interventionId])).toEqual([
      ['1', 'INTERVENTION_PROPOSED', PUB],
      ['2', 'INTERVENTION_PROPOSED', PRIV],
      ['3', 'INTERVENTION_PROPOSED', TRU],
      ['4', 'INTERVENTION_STARTED', PUB],
      ['5', 'INTERVENTION_STARTED', PRIV],
      ['6', 'VERDICT_CHANGED', PUB],
      ['7', 'INTERVENTION_ADOPTED', ADOPT],
      ['8', 'VERDICT_CHANGED', PUB],
      ['9', 'INTERVENTION_COMPLETED', PRIV],
    ]);
    expect(page.cursor).toBe('9');
    const [proposedRow, , , started, , firstVerdict, adopted, sustained] = page.items;
    expect(proposedRow).toMatchObject({
      trustName: 'Ambridge Hospitals NHS Foundation Trust',
      category: 'PATIENT_FLOW',
      summary: 'Proposed a new intervention: “Same-day emergency care”',
    });
    expect(started?.summary).toBe('Started “Same-day emergency care” on 2025-01-06');
    expect(firstVerdict).toMatchObject({ metric: 'ae-4hr', previousVerdict: 'INSUFFICIENT_DATA', verdict: 'NOT_YET_EVIDENT' });
    expect(sustained).toMatchObject({ previousVerdict: 'NOT_YET_EVIDENT', verdict: 'SUSTAINED' });
    expect(sustained?.summary).toBe('The verdict on “Same-day emergency care” for A&E 4-hour performance changed from not yet evident to sustained');
    // An adoption never names its source (which may be hidden from the reader).
    expect(adopted?.summary).toBe('Adopted “SDEC, our way” from another trust, adapted to local context');
    // A trust the feed has not seen registered is named by its code.
    expect(adopted?.trustName).toBe('ZC3');
  });

  it('shows each viewer only what they may see: PRIVATE to its trust and admins, TRUSTS to signed-in NHS roles, PUBLIC to everyone', async () => {
    await stateAfter(db, activityFeedProjection, log);
    const seen = async (viewer: Viewer) => (await queries.activity(visibilityTier(viewer), { since: 0n })).items.map((r) => r.position);
    expect(await seen(anonymous)).toEqual(['1', '4', '6', '7', '8']);
    expect(await seen(community)).toEqual(['1', '4', '6', '7', '8']);
    expect(await seen(policymaker)).toEqual(['1', '3', '4', '6', '7', '8']);
    expect(await seen(editorOfZB2)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(await seen(admin)).toHaveLength(9);
    // The cursor passes the hidden rows too: polling from it never asks for them again.
    expect((await queries.activity(visibilityTier(anonymous), { since: 8n })).cursor).toBe('9');
  });

  it('follows the current sharing: rows of an intervention made private later are hidden again, and made public shown', async () => {
    await stateAfter(
      db,
      activityFeedProjection,
      projectedLog([
        ...LOG,
        [`intervention-${PUB}`, { type: 'InterventionSharingChanged', data: { interventionId: PUB, from: 'PUBLIC', to: 'PRIVATE' } }],
        [`intervention-${TRU}`, { type: 'InterventionSharingChanged', data: { interventionId: TRU, from: 'TRUSTS', to: 'PUBLIC' } }],
      ]),
    );
    const page = await queries.activity(visibilityTier(anonymous), { since: 0n });
    expect(page.items.map((r) => r.position)).toEqual(['3', '7']);
    // A sharing change is not itself news in the feed.
    expect(page.cursor).toBe('9');
  });

  it('answers since, filters and limit: no gap, no duplicate, oldest first; without since the latest rows', async () => {
    await stateAfter(db, activityFeedProjection, log);
    const tier = visibilityTier(admin);
    const first = await queries.activity(tier, { since: 0n, limit: 4 });
    expect(first.items.map((r) => r.position)).toEqual(['1', '2', '3', '4']);
    expect(first.cursor).toBe('4');
    const rest = await queries.activity(tier, { since: BigInt(first.cursor), limit: 4 });
    expect(rest.items.map((r) => r.position)).toEqual(['5', '6', '7', '8']);
    const last = await queries.activity(tier, { since: BigInt(rest.cursor), limit: 4 });
    expect(last.items.map((r) => r.position)).toEqual(['9']);
    expect(last.cursor).toBe('9');
    expect((await queries.activity(tier, { since: 9n })).items).toEqual([]);
    expect((await queries.activity(tier, { limit: 2 })).items.map((r) => r.position)).toEqual(['8', '9']);
    expect((await queries.activity(tier, { since: 0n, trustCode: 'ZC3' })).items.map((r) => r.position)).toEqual(['3', '7']);
    expect((await queries.activity(tier, { since: 0n, category: 'WORKFORCE' })).items).toEqual([]);
    expect(await queries.head()).toBe('9');
  });

  it('starts empty at position 0', async () => {
    await stateAfter(db, activityFeedProjection, []);
    expect(await queries.activity(visibilityTier(admin), { since: 0n })).toEqual({ items: [], cursor: '0' });
    expect(await queries.head()).toBe('0');
  });

  it('hands positions out in commit order when transactions apply events concurrently', async () => {
    await stateAfter(db, activityFeedProjection, []);
    const many = projectedLog(Array.from({ length: 12 }, (_, n) => [`intervention-${id(n)}x`, proposed(`${id(n)}x`, 'ZA1', `Idea ${n}`)] as const));
    await Promise.all(many.map((event) => db.transaction((tx) => activityFeedProjection.apply(tx, event))));
    const page = await queries.activity(visibilityTier(admin), { since: 0n });
    expect(page.items.map((r) => r.position)).toEqual(Array.from({ length: 12 }, (_, i) => String(i + 1)));
    expect(new Set(page.items.map((r) => r.interventionId)).size).toBe(12);
  });

  it('tells of lessons and comments: a lesson only to whoever may see it and its intervention, a comment until it is retracted or hidden', async () => {
    const collaboration = projectedLog([
      ...LOG,
      ['lesson-l1', lesson('l1', PUB, 'TRUSTS')],
      ['lesson-l2', lesson('l2', PRIV, 'PUBLIC')],
      ['comment-c1', comment('c1')],
      ['comment-c2', comment('c2')],
      ['comment-c3', comment('c3')],
      [
        'comment-c2',
        {
          type: 'CommentHidden',
          data: { commentId: 'c2', interventionId: PUB, reason: 'Blames a person', hiddenBy: author, hiddenAt: '2025-07-03T00:00:00.000Z' },
        } as LongviewEvent,
      ],
      ['comment-c3', { type: 'CommentRetracted', data: { commentId: 'c3', interventionId: PUB, retractedAt: '2025-07-03T00:00:00.000Z' } }],
    ]);
    const { once, logTwice, eachEventTwice } = await replayTwice(db, activityFeedProjection, collaboration);
    expect(logTwice).toEqual(once);
    expect(eachEventTwice).toEqual(once);

    await stateAfter(db, activityFeedProjection, collaboration);
    const collaborationRows = async (viewer: Viewer) =>
      (await queries.activity(visibilityTier(viewer), { since: 0n })).items
        .filter((r) => r.kind === 'LESSON_SHARED' || r.kind === 'COMMENT_POSTED')
        .map((r) => [r.kind, r.interventionId, r.summary]);
    const c1 = ['COMMENT_POSTED', PUB, 'Commented on “Same-day emergency care”'];
    const l1 = ['LESSON_SHARED', PUB, 'Shared a lesson on “Same-day emergency care”: “Lesson l1”'];
    const l2 = ['LESSON_SHARED', PRIV, 'Shared a lesson on “Discharge lounge”: “Lesson l2”'];
    // The TRUSTS lesson on a PUBLIC intervention and the PUBLIC lesson on a PRIVATE one are both hidden from the public.
    expect(await collaborationRows(anonymous)).toEqual([c1]);
    expect(await collaborationRows(community)).toEqual([c1]);
    expect(await collaborationRows(policymaker)).toEqual([l1, c1]);
    expect(await collaborationRows(editorOfZB2)).toEqual([l1, l2, c1]);
    expect(await collaborationRows(admin)).toEqual([l1, l2, c1]);
  });
});
