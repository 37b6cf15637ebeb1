import { visibilityTier } from '@longview/domain';
import type { Database } from '@longview/event-store';
import { testDatabases } from '@longview/event-store/testing';
import { projectedLog, replayTwice, stateAfter } from '../testing/replay-twice';
import { FLOW, registered, SAMPLE_LOG, WORKFORCE } from '../testing/sample-log';
import { HIDDEN, viewersOf, VISIBILITY_LOG, visibleIds } from '../testing/visibility-cases';
import { interventionSummaryProjection } from './intervention-summary.projection';
import { InterventionSummaryQueries } from './intervention-summary.queries';

/** What an admin sees (everything), for the tests that are not about visibility. */
const ALL = visibilityTier({ id: 'test-admin', role: 'ADMIN' });

describe.each(testDatabases())('intervention-summary on $name', ({ open }) => {
  let db: Database;
  const log = projectedLog(SAMPLE_LOG);

  beforeAll(async () => {
    db = await open();
    for (const ddl of interventionSummaryProjection.schema) await db.query(ddl);
  });
  afterAll(() => db.close());

  it('leaves the same tables when the log is applied twice, each event twice, or its streams in another order', async () => {
    const { once, logTwice, eachEventTwice, streamsReordered } = await replayTwice(db, interventionSummaryProjection, log);
    expect((once as Record<string, unknown[]>)['rm_interventions']).toHaveLength(2);
    expect(logTwice).toEqual(once);
    expect(eachEventTwice).toEqual(once);
    expect(streamsReordered).toEqual(once);
  });

  it('shows the trust name from its own table, whichever of trust and proposal arrives first', async () => {
    await stateAfter(db, interventionSummaryProjection, log);
    const queries = new InterventionSummaryQueries(db);
    // ZB2's proposal came before ZB2 was registered; ZA1 was registered before its proposal.
    expect(await queries.intervention(ALL, WORKFORCE)).toMatchObject({ trustName: 'Borsetshire NHS Trust', status: 'ABANDONED' });
    const flow = await queries.intervention(ALL, FLOW);
    expect(flow).toMatchObject({ trustName: 'Ambridge Hospitals NHS Foundation Trust', status: 'COMPLETED', sharing: 'TRUSTS', startedOn: '2025-01-06' });
    expect(flow?.history.map((h) => h.type)).toEqual([
      'InterventionProposed',
      'InterventionStarted',
      'PdsaCycleLogged',
      'InterventionSharingChanged',
      'InterventionCompleted',
    ]);
    expect(flow?.pdsaCycles).toHaveLength(1);
    // Only its own tables: the trust directory's are not even there.
    expect((await db.query(`SELECT to_regclass('rm_trusts') IS NULL AS absent`)).rows[0]).toEqual({ absent: true });
  });

  it('renames nothing when a trust is registered again with the same name, and fills a name in when it arrives', async () => {
    await stateAfter(db, interventionSummaryProjection, projectedLog(SAMPLE_LOG.filter(([stream]) => stream !== 'trust-ZB2')));
    const queries = new InterventionSummaryQueries(db);
    expect((await queries.intervention(ALL, WORKFORCE))?.trustName).toBe('ZB2');
    await db.transaction((tx) => interventionSummaryProjection.apply(tx, projectedLog([['trust-ZB2', registered('ZB2', 'Borsetshire NHS Trust')]])[0]!));
    expect((await queries.intervention(ALL, WORKFORCE))?.trustName).toBe('Borsetshire NHS Trust');
  });

  it('looks up a batch of ids: exactly the ones found, in the order asked, with the filters', async () => {
    await stateAfter(db, interventionSummaryProjection, log);
    const queries = new InterventionSummaryQueries(db);
    const page = await queries.interventionsById(ALL, [WORKFORCE, '00000000-0000-4000-8000-000000000000', FLOW]);
    expect(page.items.map((i) => i.id)).toEqual([WORKFORCE, FLOW]);
    expect(page).toMatchObject({ totalCount: 2, hasNextPage: false, endCursor: null });
    expect((await queries.interventionsById(ALL, [WORKFORCE, FLOW], { trustCode: 'ZA1' })).items.map((i) => i.id)).toEqual([FLOW]);
    expect(await queries.interventionsById(ALL, [])).toMatchObject({ items: [], totalCount: 0 });
  });

  describe.each(viewersOf('ZA1', 'ZB2'))('as seen by %s', (_name, viewer, sees) => {
    const tier = visibilityTier(viewer);
    const expected = visibleIds(sees);
    let queries: InterventionSummaryQueries;
    beforeAll(async () => {
      await stateAfter(db, interventionSummaryProjection, projectedLog(VISIBILITY_LOG));
      queries = new InterventionSummaryQueries(db);
    });

    it.each(['PRIVATE', 'TRUSTS', 'PUBLIC'] as const)('reads the %s intervention (with its history) only if it may see it', async (sharing) => {
      const intervention = await queries.intervention(tier, HIDDEN[sharing]);
      if (sees.has(sharing)) {
        expect(intervention?.history.map((h) => h.type)).toEqual(expect.arrayContaining(['InterventionProposed', 'InterventionStarted']));
      } else {
        // Exactly what a missing id gives.
        expect(intervention).toBeUndefined();
        expect(await queries.intervention(tier, '7a000000-0000-4000-8000-0000000000ff')).toBeUndefined();
      }
    });

    it('lists and counts only what it may see, on every page', async () => {
      const page = await queries.interventions(tier, {});
      expect({ ids: page.items.map((i) => i.id), totalCount: page.totalCount }).toEqual({ ids: expected, totalCount: expected.length });
      expect((await queries.interventions(tier, { trustCode: 'ZA1', status: 'ACTIVE' })).totalCount).toBe(expected.length);
      // One at a time: the cursor walks the visible ones only, and says when there are no more.
      const walked: string[] = [];
      let after: string | undefined;
      for (let guard = 0; guard < 5; guard++) {
        const one = await queries.interventions(tier, { first: 1, ...(after ? { after } : {}) });
        expect(one.totalCount).toBe(expected.length);
        walked.push(...one.items.map((i) => i.id));
        if (!one.hasNextPage) break;
        after = one.endCursor ?? undefined;
      }
      expect(walked).toEqual(expected);
    });

    it('answers a batch of ids with only the visible ones (a hidden id is left out like a missing one)', async () => {
      const asked = [HIDDEN.PRIVATE, '7a000000-0000-4000-8000-0000000000ff', HIDDEN.TRUSTS, HIDDEN.PUBLIC];
      const page = await queries.interventionsById(tier, asked);
      expect({ ids: page.items.map((i) => i.id), totalCount: page.totalCount }).toEqual({
        ids: asked.filter((id) => expected.includes(id)),
        totalCount: expected.length,
      });
    });
  });
});
