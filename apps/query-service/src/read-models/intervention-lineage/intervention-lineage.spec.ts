import type { LongviewEvent, Sharing, Viewer } from '@longview/domain';
import { visibilityTier } from '@longview/domain';
import type { Database } from '@longview/event-store';
import { testDatabases } from '@longview/event-store/testing';
import { projectedLog, replayTwice, stateAfter } from '../testing/replay-twice';
import { proposed, registered } from '../testing/sample-log';
import { interventionLineageProjection } from './intervention-lineage.projection';
import { InterventionLineageQueries } from './intervention-lineage.queries';

const id = (n: number) => `1e000000-0000-4000-8000-00000000000${n}`;
const [A, B, C, D, E, F] = [1, 2, 3, 4, 5, 6].map(id) as [string, string, string, string, string, string];

function adoption(interventionId: string, trustCode: string, from: string, sharing: Sharing): LongviewEvent {
  const base = proposed(interventionId, trustCode, `Adoption ${interventionId.slice(-1)}`);
  return { ...base, data: { ...(base.data as object), sharing, adoptedFrom: { interventionId: from, adaptations: 'Nurse-led on weekdays' } } } as LongviewEvent;
}

/**
 * A (ZA1, PUBLIC) -> B (ZB2, PRIVATE) -> C (ZC3, PUBLIC) -> E (ZA1, TRUSTS)
 *                 -> D (ZB2, PRIVATE)
 *                 -> F (ZC3, PUBLIC)
 */
const LOG: readonly (readonly [string, LongviewEvent])[] = [
  ['trust-ZA1', registered('ZA1')],
  [`intervention-${A}`, proposed(A, 'ZA1', 'Original')],
  [`intervention-${B}`, adoption(B, 'ZB2', A, 'PUBLIC')],
  [`intervention-${B}`, { type: 'InterventionSharingChanged', data: { interventionId: B, from: 'PUBLIC', to: 'PRIVATE' } }],
  [`intervention-${C}`, adoption(C, 'ZC3', B, 'PUBLIC')],
  [`intervention-${D}`, adoption(D, 'ZB2', A, 'PRIVATE')],
  [`intervention-${E}`, adoption(E, 'ZA1', C, 'TRUSTS')],
  [`intervention-${F}`, adoption(F, 'ZC3', A, 'PUBLIC')],
  [`intervention-${A}`, { type: 'InterventionStarted', data: { interventionId: A, startedOn: '2025-01-06' } }],
];

const anonymous: Viewer = null;
const editorOfZB2: Viewer = { id: 'editor-zb2', role: 'TRUST_EDITOR', trustCode: 'ZB2' };
const policymaker: Viewer = { id: 'policy-1', role: 'POLICYMAKER' };

describe.each(testDatabases())('intervention-lineage on $name', ({ open }) => {
  let db: Database;
  let queries: InterventionLineageQueries;
  const log = projectedLog(LOG);

  beforeAll(async () => {
    db = await open();
    for (const ddl of interventionLineageProjection.schema) await db.query(ddl);
    queries = new InterventionLineageQueries(db);
  });
  afterAll(() => db.close());

  it('leaves the same tables when the log is applied twice, each event twice, or its streams in another order', async () => {
    const { once, logTwice, eachEventTwice, streamsReordered } = await replayTwice(db, interventionLineageProjection, log);
    expect((once as Record<string, unknown[]>)['rm_lineage']).toHaveLength(6);
    expect(logTwice).toEqual(once);
    expect(eachEventTwice).toEqual(once);
    expect(streamsReordered).toEqual(once);
  });

  it('names a hidden ancestor nowhere: it is a node without id, and adoptedFrom is null', async () => {
    await stateAfter(db, interventionLineageProjection, log);
    expect(await queries.lineage(visibilityTier(anonymous), C)).toEqual({
      interventionId: C,
      adoptedFrom: null,
      adoptions: [],
      ancestors: [
        { depth: 2, interventionId: A },
        { depth: 1, interventionId: null },
      ],
      // E (TRUSTS) is hidden from the public and has nothing visible below it: absent.
      descendants: [],
    });
  });

  it('keeps a hidden descendant only where it leads to a visible one, and lists only visible adoptions', async () => {
    await stateAfter(db, interventionLineageProjection, log);
    expect(await queries.lineage(visibilityTier(anonymous), A)).toEqual({
      interventionId: A,
      adoptedFrom: null,
      adoptions: [F],
      ancestors: [],
      descendants: [
        { depth: 1, interventionId: null },
        { depth: 2, interventionId: C },
        { depth: 1, interventionId: F },
      ],
    });
    const policy = await queries.lineage(visibilityTier(policymaker), A);
    expect(policy?.descendants).toEqual([
      { depth: 1, interventionId: null },
      { depth: 2, interventionId: C },
      { depth: 3, interventionId: E },
      { depth: 1, interventionId: F },
    ]);
  });

  it('shows the owning trust its private adoptions', async () => {
    await stateAfter(db, interventionLineageProjection, log);
    const lineage = await queries.lineage(visibilityTier(editorOfZB2), A);
    expect(lineage?.adoptions).toEqual([B, D, F]);
    expect(lineage?.descendants.map((n) => n.interventionId)).toEqual([B, C, E, D, F]);
    expect((await queries.lineage(visibilityTier(editorOfZB2), C))?.adoptedFrom).toBe(B);
  });

  it('answers a hidden intervention exactly like a missing one', async () => {
    await stateAfter(db, interventionLineageProjection, log);
    expect(await queries.lineage(visibilityTier(anonymous), B)).toBeUndefined();
    expect(await queries.lineage(visibilityTier(anonymous), id(9))).toBeUndefined();
  });

  it('follows sharing changes: a node made public appears', async () => {
    const opened = projectedLog([
      ...LOG,
      [`intervention-${E}`, { type: 'InterventionSharingChanged', data: { interventionId: E, from: 'TRUSTS', to: 'PUBLIC' } }],
    ]);
    await stateAfter(db, interventionLineageProjection, opened);
    expect((await queries.lineage(visibilityTier(anonymous), C))?.descendants).toEqual([{ depth: 1, interventionId: E }]);
  });
});
