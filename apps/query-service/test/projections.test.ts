import { encodeEvent } from '@longview/contracts';
import { visibilityTier, type LongviewEvent } from '@longview/domain';
import { EventStore, type Database } from '@longview/event-store';
import { readWholeLog, testDatabases } from '@longview/event-store/testing';
import { ProjectionRunner } from '../src/runner/projection-runner';
import { ReadModelQueries } from '../src/read-models/read-model-queries';
import { READ_MODELS } from '../src/read-models/registry';

/** Reads as an admin sees them (everything): these tests are not about visibility. */
const ALL = visibilityTier({ id: 'test-admin', role: 'ADMIN' });

const NOW = '2026-01-15T10:00:00.000Z';
const INTERVENTION = '5b0f8a4e-8d1c-4c35-9a57-2f1a6c3f9e01';

const HISTORY: readonly [string, LongviewEvent][] = [
  [
    'trust-ZA1',
    {
      type: 'TrustRegistered',
      data: {
        code: 'ZA1',
        name: 'Ambridge Hospitals NHS Foundation Trust',
        context: { kind: 'ACUTE', region: 'MIDLANDS', beds: 700, oversightSegment: 3 },
        effectiveFrom: '2020-04-01',
        registeredAt: NOW,
      },
    },
  ],
  [
    `intervention-${INTERVENTION}`,
    {
      type: 'InterventionProposed',
      data: {
        interventionId: INTERVENTION,
        trustCode: 'ZA1',
        title: 'Same-day emergency care',
        summary: 'Open an SDEC unit next to ED',
        category: 'PATIENT_FLOW',
        approach: 'SYSTEMIC',
        targets: [{ metric: 'ae-4hr', direction: 'INCREASE' }],
        sharing: 'PUBLIC',
        proposedAt: NOW,
      },
    },
  ],
  [
    'trust-ZA1',
    {
      type: 'TrustContextChanged',
      data: {
        code: 'ZA1',
        context: { kind: 'ACUTE', region: 'MIDLANDS', beds: 720, oversightSegment: 2 },
        effectiveFrom: '2025-04-01',
        reason: 'NOF segment review',
      },
    },
  ],
  [`intervention-${INTERVENTION}`, { type: 'InterventionStarted', data: { interventionId: INTERVENTION, startedOn: '2025-01-06' } }],
  [
    `intervention-${INTERVENTION}`,
    {
      type: 'PdsaCycleLogged',
      data: {
        interventionId: INTERVENTION,
        cycleNumber: 1,
        cycle: { plan: 'Stream ambulatory patients', do: 'Two weeks of streaming', study: 'Breaches down', act: 'Adopt', cycleDate: '2025-02-01' },
        loggedAt: NOW,
      },
    },
  ],
  [
    'series-ZA1-ae-4hr',
    {
      type: 'ObservationsRecorded',
      data: {
        trustCode: 'ZA1',
        metric: 'ae-4hr',
        observations: [
          { period: '2025-02', value: 71.5 },
          { period: '2025-01', value: 70.2, numerator: 7020, denominator: 10000 },
        ],
      },
    },
  ],
  [
    'series-ZA1-ae-4hr',
    { type: 'ObservationCorrected', data: { trustCode: 'ZA1', metric: 'ae-4hr', period: '2025-02', previousValue: 71.5, value: 72.5, reason: 'Late returns' } },
  ],
  ['series-ZA1-ae-4hr', { type: 'SeriesRebased', data: { trustCode: 'ZA1', metric: 'ae-4hr', fromPeriod: '2025-02', reason: 'New ED opened' } }],
];

async function seed(store: EventStore): Promise<void> {
  for (const [streamId, event] of HISTORY) {
    const wire = encodeEvent(event);
    await store.appendToStream(streamId, [{ ...wire, metadata: { occurredAt: NOW } }]);
  }
}

/** Everything the read models hold, in a stable order, for comparing two states. */
async function snapshot(db: Database): Promise<unknown> {
  const queries = new ReadModelQueries(db);
  return {
    trusts: await queries.trusts(ALL, {}),
    publicTrusts: await queries.trusts(visibilityTier(null), {}),
    interventions: await queries.interventions(ALL, {}),
    series: await queries.seriesOfTrust('ZA1'),
  };
}

describe.each(testDatabases())('projections on $name', ({ open }) => {
  let db: Database;
  let store: EventStore;
  let runner: ProjectionRunner;

  beforeEach(async () => {
    db = await open();
    store = new EventStore(db);
    await store.migrate();
    runner = new ProjectionRunner(db);
    await runner.migrate();
    await seed(store);
    await runner.applyBatch(await readWholeLog(db, store, 0n));
  });
  afterEach(async () => {
    await db.close();
  });

  it('builds the trust, intervention and series views', async () => {
    const queries = new ReadModelQueries(db);
    const trust = await queries.trust(ALL, 'ZA1');
    expect(trust).toMatchObject({
      name: 'Ambridge Hospitals NHS Foundation Trust',
      context: { beds: 720, oversightSegment: 2 },
      contextEffectiveFrom: '2025-04-01',
      interventionCount: 1,
      metrics: ['ae-4hr'],
    });
    expect(trust?.contextHistory).toHaveLength(2);

    const intervention = await queries.intervention(ALL, INTERVENTION);
    expect(intervention).toMatchObject({ status: 'ACTIVE', startedOn: '2025-01-06', trustName: 'Ambridge Hospitals NHS Foundation Trust' });
    expect(intervention?.pdsaCycles).toEqual([expect.objectContaining({ cycleNumber: 1, plan: 'Stream ambulatory patients' })]);
    expect(intervention?.history.map((h) => h.type)).toEqual(['InterventionProposed', 'InterventionStarted', 'PdsaCycleLogged']);

    const series = await queries.series('ZA1', 'ae-4hr');
    expect(series?.observations).toEqual([
      { period: '2025-01', value: 70.2, numerator: 7020, denominator: 10000, corrected: false },
      { period: '2025-02', value: 72.5, corrected: true },
    ]);
    expect(series?.rebasePeriods).toEqual(['2025-02']);
    expect(runner.position).toBe(await store.headPosition());
  });

  it('changes nothing when events are delivered again', async () => {
    const before = await snapshot(db);
    await runner.applyBatch(await readWholeLog(db, store, 0n));
    await runner.applyBatch(await readWholeLog(db, store, 3n));
    expect(await snapshot(db)).toEqual(before);
  });

  it('rebuilds to the same state from the log', async () => {
    const before = await snapshot(db);
    await runner.reset();
    expect(runner.position).toBe(0n);
    expect(await new ReadModelQueries(db).trusts(ALL, {})).toEqual([]);
    await runner.applyBatch(await readWholeLog(db, store, 0n));
    expect(await snapshot(db)).toEqual(before);
  });

  it('builds the same read models whatever the order of the registry', async () => {
    const expected = await snapshot(db);
    await runner.reset();
    const reversed = new ProjectionRunner(
      db,
      [...READ_MODELS].reverse().map((m) => m.projection),
    );
    await reversed.migrate();
    await reversed.applyBatch(await readWholeLog(db, store, 0n));
    expect(await snapshot(db)).toEqual(expected);
  });

  it('rebuilds on start a projection built by an older version of it (embedded upgrade)', async () => {
    const expected = await snapshot(db);
    // As version 2 of the trust directory left it after the upgrade's DDL: no sharing was kept, so
    // every intervention row has the column's default (PRIVATE), and the public count would be 0.
    await db.query(`UPDATE rm_trust_interventions SET sharing = 'PRIVATE'`);
    await db.query(`UPDATE rm_projection_versions SET version = 2 WHERE projection = 'trust-directory'`);
    const restarted = new ProjectionRunner(db);
    expect(await restarted.migrate()).toEqual({ stale: [] });
    expect(await snapshot(db)).toEqual(expected);
    expect((await db.query(`SELECT version FROM rm_projection_versions WHERE projection = 'trust-directory'`)).rows).toEqual([{ version: 4 }]);
    // Data from before versions were recorded counts as version 1 of everything.
    await db.query('DELETE FROM rm_projection_versions');
    await db.query(`UPDATE rm_interventions SET doc = jsonb_set(doc, '{trustName}', '"stale"')`);
    await new ProjectionRunner(db).migrate();
    expect(await snapshot(db)).toEqual(expected);
    expect(restarted.position).toBe(await store.headPosition());
  });

  it('answers waiters once the checkpoint reaches their position', async () => {
    const head = await store.headPosition();
    await expect(runner.waitFor(head, 10)).resolves.toBe(true);
    await expect(runner.waitFor(head + 1n, 20)).resolves.toBe(false);
    const waiting = runner.waitFor(head + 1n, 2000);
    await store.appendToStream('trust-ZB2', [
      {
        ...encodeEvent({
          type: 'TrustRegistered',
          data: {
            code: 'ZB2',
            name: 'Borsetshire NHS Trust',
            context: { kind: 'COMMUNITY', region: 'LONDON' },
            effectiveFrom: '2020-01-01',
            registeredAt: NOW,
          },
        }),
        metadata: { occurredAt: NOW },
      },
    ]);
    await runner.applyBatch(await readWholeLog(db, store, runner.position));
    await expect(waiting).resolves.toBe(true);
  });

  it('pages interventions newest first with a cursor and filters', async () => {
    const queries = new ReadModelQueries(db);
    const page = await queries.interventions(ALL, { first: 1 });
    expect(page).toMatchObject({ totalCount: 1, hasNextPage: false });
    expect((await queries.interventions(ALL, { status: 'COMPLETED' })).totalCount).toBe(0);
    expect((await queries.interventions(ALL, { trustCode: 'ZA1', category: 'PATIENT_FLOW' })).items).toHaveLength(1);
    const after = await queries.interventions(ALL, { after: page.endCursor as string });
    expect(after.items).toEqual([]);
    expect((await queries.trusts(ALL, { search: 'ambridge' })).map((t) => t.code)).toEqual(['ZA1']);
    expect(await queries.trusts(ALL, { region: 'LONDON' })).toEqual([]);
  });
});
