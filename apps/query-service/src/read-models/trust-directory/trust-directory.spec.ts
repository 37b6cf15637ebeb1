import { SYSTEM_ACTOR_IDS, visibilityTier } from '@longview/domain';
import type { Database } from '@longview/event-store';
import { testDatabases } from '@longview/event-store/testing';
import { projectedLog, replayTwice, stateAfter } from '../testing/replay-twice';
import { proposed, SAMPLE_LOG, WORKFORCE } from '../testing/sample-log';
import { viewersOf, VISIBILITY_LOG } from '../testing/visibility-cases';
import { trustDirectoryProjection } from './trust-directory.projection';
import { TrustDirectoryQueries } from './trust-directory.queries';

/** What an admin sees (everything), for the tests that are not about visibility. */
const ALL = visibilityTier({ id: 'test-admin', role: 'ADMIN' });

describe.each(testDatabases())('trust-directory on $name', ({ open }) => {
  let db: Database;
  const log = projectedLog(SAMPLE_LOG);

  beforeAll(async () => {
    db = await open();
    for (const ddl of trustDirectoryProjection.schema) await db.query(ddl);
  });
  afterAll(() => db.close());

  it('leaves the same tables when the log is applied twice, each event twice, or its streams in another order', async () => {
    const { once, logTwice, eachEventTwice, streamsReordered } = await replayTwice(db, trustDirectoryProjection, log);
    expect((once as Record<string, unknown[]>)['rm_trusts']).toHaveLength(2);
    expect(logTwice).toEqual(once);
    expect(eachEventTwice).toEqual(once);
    expect(streamsReordered).toEqual(once);
  });

  it('counts distinct interventions and merges what arrived before the trust was registered', async () => {
    // A second proposal of the same intervention id (a redelivery under another stream version) is not a second intervention.
    const again = projectedLog([...SAMPLE_LOG, [`intervention-${WORKFORCE}`, proposed(WORKFORCE, 'ZB2')]]);
    await stateAfter(db, trustDirectoryProjection, again);
    const queries = new TrustDirectoryQueries(db);
    expect(await queries.trust(ALL, 'ZB2')).toMatchObject({ name: 'Borsetshire NHS Trust', interventionCount: 1, metrics: ['sickness-absence'] });
    const za1 = await queries.trust(ALL, 'ZA1');
    expect(za1).toMatchObject({ interventionCount: 1, metrics: ['ae-4hr'], context: { beds: 720 }, contextEffectiveFrom: '2025-04-01' });
    expect(za1?.contextHistory).toHaveLength(2);
  });

  it('looks up a batch of codes, alone or with the other filters', async () => {
    await stateAfter(db, trustDirectoryProjection, log);
    const queries = new TrustDirectoryQueries(db);
    expect((await queries.trusts(ALL, { codes: ['ZB2', 'NOPE', 'ZA1'] })).map((t) => t.code)).toEqual(['ZA1', 'ZB2']);
    expect((await queries.trusts(ALL, { codes: ['ZA1', 'ZB2'], search: 'borset' })).map((t) => t.code)).toEqual(['ZB2']);
    expect(await queries.trusts(ALL, { codes: ['ZA1'], region: 'LONDON' })).toEqual([]);
    expect(await queries.trusts(ALL, { codes: [] })).toEqual([]);
    expect(await queries.trusts(ALL, {})).toHaveLength(2);
  });

  it.each(viewersOf('ZA1', 'ZB2'))("counts a trust's interventions as %s may see them (after a change of sharing too)", async (_name, viewer, sees) => {
    await stateAfter(db, trustDirectoryProjection, projectedLog(VISIBILITY_LOG));
    const queries = new TrustDirectoryQueries(db);
    const tier = visibilityTier(viewer);
    // ZA1 has one PRIVATE (made private by a change), one TRUSTS and one PUBLIC intervention.
    expect((await queries.trust(tier, 'ZA1'))?.interventionCount).toBe(sees.size);
    expect((await queries.trusts(tier, {})).map((t) => [t.code, t.interventionCount])).toEqual([
      ['ZA1', sees.size],
      ['ZB2', 0],
    ]);
  });

  it('knows where each trust came from (who registered it), and filters and pages the list by it', async () => {
    const actors: Record<string, { id: string; role: 'SYSTEM' }> = {
      ZA1: { id: SYSTEM_ACTOR_IDS.demoLoader, role: 'SYSTEM' },
      ZB2: { id: SYSTEM_ACTOR_IDS.aeImport, role: 'SYSTEM' },
    };
    const withActors = log.map((e) => (e.event.type === 'TrustRegistered' ? { ...e, metadata: { ...e.metadata, actor: actors[e.event.data.code] } } : e));
    await stateAfter(db, trustDirectoryProjection, withActors);
    const queries = new TrustDirectoryQueries(db);
    expect((await queries.trusts(ALL, {})).map((t) => [t.code, t.source])).toEqual([
      ['ZA1', 'DEMO'],
      ['ZB2', 'IMPORTED'],
    ]);
    expect((await queries.trusts(ALL, { source: 'IMPORTED' })).map((t) => t.code)).toEqual(['ZB2']);
    // Paged: the count is over all pages; past the end, no items but still the count.
    expect(await queries.page(ALL, {}, { first: 1, offset: 0 })).toMatchObject({ items: [{ code: 'ZA1' }], totalCount: 2 });
    expect(await queries.page(ALL, {}, { first: 1, offset: 1 })).toMatchObject({ items: [{ code: 'ZB2' }], totalCount: 2 });
    expect(await queries.page(ALL, {}, { first: 1, offset: 5 })).toEqual({ items: [], totalCount: 2 });
    expect(await queries.page(ALL, { source: 'DEMO' }, { first: 10, offset: 0 })).toMatchObject({ items: [{ code: 'ZA1' }], totalCount: 1 });
    expect(await queries.page(ALL, { source: 'REGISTERED' }, { first: 10, offset: 0 })).toEqual({ items: [], totalCount: 0 });
  });

  it('counts a trust registered without a system actor as registered through the API', async () => {
    await stateAfter(db, trustDirectoryProjection, log);
    expect((await new TrustDirectoryQueries(db).trusts(ALL, {})).map((t) => t.source)).toEqual(['REGISTERED', 'REGISTERED']);
  });
});
