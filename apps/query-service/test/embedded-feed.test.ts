/**
 * The embedded feed (EventLogFollower over the global log) applies by the same rule as the Kafka
 * feed: a poison event parks its stream only, every other stream and read model goes on, the
 * global position still advances (so `?minPosition=` answers), and a retry after the fix re-applies.
 */
import { encodeEvent } from '@longview/contracts';
import { visibilityTier, type LongviewEvent } from '@longview/domain';
import { EventStore, type Database } from '@longview/event-store';
import { testDatabases } from '@longview/event-store/testing';
import { startQueryService, type RunningQueryService } from '../src/embedded';
import { EventLogFollower } from '../src/feed/event-log-follower';
import { ReadModelQueries } from '../src/read-models/read-model-queries';
import { READ_MODELS } from '../src/read-models/registry';
import { FLOW, proposed, registered } from '../src/read-models/testing/sample-log';
import type { Projection } from '../src/runner/projection';
import { ProjectionRunner } from '../src/runner/projection-runner';
import { TEST_SERVICE_KEY, withCredential } from '../src/access/testing';

/** Reads as an admin sees them (everything): these tests are not about visibility. */
const ALL = visibilityTier({ id: 'test-admin', role: 'ADMIN' });

const NOW = '2026-01-15T10:00:00.000Z';

function beds(code: string, n: number): LongviewEvent {
  return {
    type: 'TrustContextChanged',
    data: { code, context: { kind: 'ACUTE', region: 'MIDLANDS', beds: n }, effectiveFrom: `2021-0${n % 9 || 1}-01`, reason: `beds ${n}` },
  };
}

async function append(store: EventStore, streamId: string, ...events: LongviewEvent[]): Promise<void> {
  await store.appendToStream(
    streamId,
    events.map((e) => ({ ...encodeEvent(e), metadata: { occurredAt: NOW } })),
  );
}

describe.each(testDatabases())('the embedded feed on $name', ({ open }) => {
  let db: Database;
  let store: EventStore;

  beforeEach(async () => {
    db = await open();
    store = new EventStore(db);
    await store.migrate();
  });
  afterEach(() => db.close());

  it('parks a stream whose event a projection throws on, goes on with every other stream, and re-applies on retry', async () => {
    let failing = true;
    const picky: Projection = {
      name: 'picky',
      schema: [],
      tables: [],
      async apply(_tx, { event, streamId }) {
        if (failing && streamId === 'trust-ZA1' && event.type === 'TrustContextChanged' && event.data.reason === 'beds 702')
          throw new Error('picky cannot take 702 beds');
      },
    };
    const runner = new ProjectionRunner(db, [...READ_MODELS.map((m) => m.projection), picky]);
    await runner.migrate();
    const follower = new EventLogFollower(store, runner);
    await append(store, 'trust-ZA1', registered('ZA1'), beds('ZA1', 701), beds('ZA1', 702), beds('ZA1', 703));
    await append(store, 'trust-ZA2', registered('ZA2'), beds('ZA2', 702));
    await append(store, `intervention-${FLOW}`, proposed(FLOW, 'ZA1'));
    await follower.catchUp();

    const queries = new ReadModelQueries(db);
    const head = await store.headPosition();
    expect(runner.position).toBe(head); // the feed passed every event: ?minPosition= read-your-writes answers
    await expect(runner.waitFor(head, 10)).resolves.toBe(true);
    const parked = await runner.listParked();
    expect(parked.map((p) => [p.event.streamId, p.event.streamVersion])).toEqual([
      ['trust-ZA1', 3],
      ['trust-ZA1', 4],
    ]);
    expect(parked[0]?.error).toBe('projection failed: picky cannot take 702 beds');
    expect(parked[1]?.error).toMatch(/waiting behind parked version 3 of trust-ZA1/);
    // The parked stream stopped for every read model (their checkpoints stay in step); the others went on.
    expect((await queries.trust(ALL, 'ZA1'))?.context.beds).toBe(701);
    expect((await queries.trust(ALL, 'ZA2'))?.context.beds).toBe(702);
    expect((await queries.intervention(ALL, FLOW))?.trustName).toBe('Trust ZA1');
    expect(await runner.streamState('trust-ZA1')).toEqual({ version: 2, parkedFrom: 3 });
    expect(await runner.waitForStream('trust-ZA1', 3, 1000)).toBe('parked');

    // New events: the parked stream's wait behind; the others are applied.
    await append(store, 'trust-ZA1', beds('ZA1', 704));
    await append(store, 'trust-ZA2', beds('ZA2', 705));
    await follower.catchUp();
    expect((await runner.listParked()).map((p) => p.event.streamVersion)).toEqual([3, 4, 5]);
    expect((await queries.trust(ALL, 'ZA2'))?.context.beds).toBe(705);

    failing = false;
    expect(await runner.retryParked()).toEqual({ streams: 1, applied: 3, stillParked: 0 });
    expect(await runner.listParked()).toEqual([]);
    expect(await runner.streamState('trust-ZA1')).toEqual({ version: 5, parkedFrom: undefined });
    expect((await queries.trust(ALL, 'ZA1'))?.contextHistory).toHaveLength(5);
    // A restart continues from the stored positions and applies nothing twice.
    const restarted = new ProjectionRunner(db, [...READ_MODELS.map((m) => m.projection), picky]);
    await restarted.migrate();
    expect(restarted.position).toBe(await store.headPosition());
    expect(await new EventLogFollower(store, restarted).catchUp()).toBeUndefined();
    expect((await queries.trust(ALL, 'ZA1'))?.contextHistory).toHaveLength(5);
  });

  describe('through HTTP', () => {
    let service: RunningQueryService;
    beforeEach(async () => {
      service = await startQueryService({
        database: db,
        serviceKey: TEST_SERVICE_KEY,
        followStore: store,
        port: 0,
        logger: false,
        consumers: [],
        follow: { pollMs: 20 },
      });
    });
    afterEach(() => service.close());

    it('answers ?minPosition= past a poison event, and ?stream=&minVersion= of its stream with 504 parked', async () => {
      await append(store, 'trust-ZX1', registered('ZX1'));
      // Written behind the command side's back: data that breaks its contract.
      await store.appendToStream('trust-ZX1', [
        { type: 'TrustContextChanged', schemaVersion: 1, data: { code: 'ZX1', context: 'not a context' }, metadata: { occurredAt: NOW } },
      ]);
      await append(store, 'trust-ZX2', registered('ZX2'));
      service.follower?.notify();
      const head = await store.headPosition();
      const healthy = await fetch(`${service.url}/trusts/ZX2?minPosition=${head}&waitMs=5000`, await withCredential());
      expect(healthy.status).toBe(200);
      expect(await healthy.json()).toMatchObject({ code: 'ZX2' });
      const waited = await fetch(`${service.url}/trusts/ZX1?stream=trust-ZX1&minVersion=2&waitMs=5000`, await withCredential());
      expect(waited.status).toBe(504);
      expect(await waited.text()).toMatch(/parked/);
      const [poison] = await service.runner.listParked();
      expect(poison?.error).toMatch(/^cannot decode: Cannot decode TrustContextChanged/);
    });

    it('serves the batch lookups ?codes= and ?ids=, at most 200 keys each', async () => {
      await append(store, 'trust-ZA1', registered('ZA1', 'Ambridge'));
      await append(store, 'trust-ZA2', registered('ZA2', 'Borchester'));
      await append(store, `intervention-${FLOW}`, proposed(FLOW, 'ZA1'));
      service.follower?.notify();
      const position = await store.headPosition();
      const get = async (path: string) => {
        const response = await fetch(`${service.url}${path}${path.includes('?') ? '&' : '?'}minPosition=${position}`, await withCredential());
        return { status: response.status, body: (await response.json()) as unknown };
      };
      expect(await get('/trusts?codes=ZA2,NOPE,ZA1')).toMatchObject({ status: 200, body: [{ code: 'ZA1' }, { code: 'ZA2' }] });
      expect(await get('/trusts?codes=ZA1,ZA2&search=borch')).toMatchObject({ status: 200, body: [{ code: 'ZA2' }] });
      const tooMany = Array.from({ length: 201 }, (_, i) => `Z${i}`).join(',');
      expect(await get(`/trusts?codes=${tooMany}`)).toEqual({
        status: 400,
        body: { code: 'BAD_USER_INPUT', message: 'codes names 201 keys; at most 200 are allowed in one request' },
      });
      expect((await get(`/trusts?codes=${tooMany.split(',').slice(0, 200).join(',')}`)).status).toBe(200);

      const page = await get(`/interventions?ids=00000000-0000-4000-8000-000000000000,${FLOW}`);
      expect(page).toMatchObject({ status: 200, body: { items: [{ id: FLOW, trustName: 'Ambridge' }], totalCount: 1, hasNextPage: false, endCursor: null } });
      expect(await get(`/interventions?ids=${tooMany}`)).toMatchObject({ status: 400, body: { code: 'BAD_USER_INPUT' } });
      expect(await get(`/interventions?ids=${FLOW}&first=5`)).toMatchObject({ status: 400, body: { code: 'BAD_USER_INPUT' } });
      expect(await get('/interventions?first=5')).toMatchObject({ status: 200, body: { totalCount: 1 } });
    });
  });
});
