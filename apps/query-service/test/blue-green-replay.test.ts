import { encodeEvent } from '@longview/contracts';
import type { LongviewEvent } from '@longview/domain';
import { EventStore, type Database } from '@longview/event-store';
import { readWholeLog, testDatabases } from '@longview/event-store/testing';
import { REPLAY_SCHEMA, ReplayAborted, type ReplayProgress } from '../src/runner/blue-green-replay';
import { ProjectionRunner } from '../src/runner/projection-runner';
import { READ_MODELS } from '../src/read-models/registry';
import { tablesOf } from '../src/read-models/testing/replay-twice';
import { NOW, proposed, registered, SAMPLE_LOG } from '../src/read-models/testing/sample-log';

const projections = READ_MODELS.map((m) => m.projection);

async function everyTable(db: Database): Promise<unknown> {
  const dump: Record<string, unknown> = {};
  for (const projection of projections) dump[projection.name] = await tablesOf(db, projection);
  dump['checkpoints'] = (await db.query('SELECT projection, stream_id, version, position FROM rm_stream_checkpoints ORDER BY 1, 2')).rows;
  return dump;
}

function contextChanged(code: string, beds: number): LongviewEvent {
  return { type: 'TrustContextChanged', data: { code, context: { kind: 'ACUTE', region: 'LONDON', beds }, effectiveFrom: '2024-01-01' } };
}

async function shadowExists(db: Database): Promise<boolean> {
  const { rows } = await db.query<{ here: boolean }>(`SELECT to_regnamespace('${REPLAY_SCHEMA}') IS NOT NULL AS here`);
  return rows[0]?.here === true;
}

describe.each(testDatabases())('blue/green replay on $name', ({ open }) => {
  let db: Database;
  let store: EventStore;
  let live: ProjectionRunner;

  beforeEach(async () => {
    db = await open();
    store = new EventStore(db);
    await store.migrate();
    for (const [streamId, event] of SAMPLE_LOG) await store.appendToStream(streamId, [{ ...encodeEvent(event), metadata: { occurredAt: NOW } }]);
    for (let i = 0; i < 40; i++) await store.appendToStream(`trust-ZR${i}`, [{ ...encodeEvent(registered(`ZR${i}`)), metadata: { occurredAt: NOW } }]);
    live = new ProjectionRunner(db, projections, { consumers: [] });
    await live.migrate();
    await live.applyBatch(await readWholeLog(db, store));
  });
  afterEach(async () => {
    await db.close();
  });

  /** Appends and lets the live feed apply, as the running platform would during a replay. */
  async function liveWrite(streamId: string, event: LongviewEvent): Promise<void> {
    await store.appendToStream(streamId, [{ ...encodeEvent(event), metadata: { occurredAt: NOW } }]);
    await live.applyBatch(await readWholeLog(db, store, live.position));
  }

  it('rebuilds beside the live tables, which keep serving and taking new events, then switches to exactly what a full rebuild gives', async () => {
    const progress: ReplayProgress[] = [];
    const replaying = new ProjectionRunner(db, projections, { consumers: [] });
    let wroteDuringReplay = false;
    const result = await replaying.replay({
      batchSize: 10,
      onProgress: async (p) => {
        progress.push(p);
        if (wroteDuringReplay || p.phase !== 'catching-up') return;
        wroteDuringReplay = true;
        // The old tables still serve everything, and the live feed applies new events to them.
        expect(await db.query(`SELECT count(*)::int AS n FROM public.rm_trusts`)).toMatchObject({ rows: [{ n: 42 }] });
        await liveWrite('trust-ZN1', registered('ZN1', 'Written during the replay'));
        await liveWrite('trust-ZR3', contextChanged('ZR3', 333));
        await liveWrite('intervention-7d2a4c1e-0b3f-4e5a-9c6d-8e7f9a0b1c2d', proposed('7d2a4c1e-0b3f-4e5a-9c6d-8e7f9a0b1c2d', 'ZN1', 'Discharge lounge'));
        expect(await db.query(`SELECT count(*)::int AS n FROM public.rm_trusts`)).toMatchObject({ rows: [{ n: 43 }] });
      },
    });
    expect(wroteDuringReplay).toBe(true);
    expect(await shadowExists(db)).toBe(false);
    expect(result.position).toBe(await store.headPosition());
    expect(result.parked).toBe(0);
    expect(progress.filter((p) => p.phase === 'catching-up').length).toBeGreaterThan(3);
    expect(progress.at(-1)?.phase).toBe('switching');
    expect(progress.some((p) => p.etaSeconds !== undefined && p.eventsPerSecond > 0)).toBe(true);
    console.log(`blue/green replay: ${result.applied} events, switch-over pause ${result.switchPauseMs} ms`);

    // The events written while it ran are in the new tables (no gap)...
    const afterSwitch = await everyTable(db);
    expect(JSON.stringify(afterSwitch)).toContain('Written during the replay');
    expect(JSON.stringify(afterSwitch)).toContain('Discharge lounge');
    // ...and the new tables are what an in-place rebuild of the whole log gives.
    await new ProjectionRunner(db, projections, { consumers: [] }).rebuild();
    expect(await everyTable(db)).toEqual(afterSwitch);

    // The live feed goes on from the switched tables.
    await liveWrite('trust-ZN2', registered('ZN2', 'Written after the switch'));
    expect(await db.query(`SELECT count(*)::int AS n FROM rm_trusts`)).toMatchObject({ rows: [{ n: 44 }] });
  });

  it('rebuilds only the named projection and leaves the others as they are', async () => {
    const before = await everyTable(db);
    await db.query(`DELETE FROM rm_series`); // damage one read model; replaying it alone repairs it
    const result = await new ProjectionRunner(db, projections, { consumers: [] }).replay({ names: ['metric-series'], batchSize: 7 });
    expect(result.applied).toBeGreaterThan(0);
    expect(await everyTable(db)).toEqual(before);
  });

  it('when aborted, leaves the live tables untouched and no shadow behind; the next replay starts clean', async () => {
    const before = await everyTable(db);
    const controller = new AbortController();
    const replaying = new ProjectionRunner(db, projections, { consumers: [] });
    await expect(
      replaying.replay({
        batchSize: 5,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.applied >= 10) controller.abort();
        },
      }),
    ).rejects.toBeInstanceOf(ReplayAborted);
    expect(await shadowExists(db)).toBe(false);
    expect(await everyTable(db)).toEqual(before);

    // A crashed replay leaves its schema; the next one drops it first.
    await db.query(`CREATE SCHEMA ${REPLAY_SCHEMA}`);
    await db.query(`CREATE TABLE ${REPLAY_SCHEMA}.rm_trusts (leftover int)`);
    await replaying.replay({ batchSize: 50 });
    expect(await everyTable(db)).toEqual(before);
  });
});
