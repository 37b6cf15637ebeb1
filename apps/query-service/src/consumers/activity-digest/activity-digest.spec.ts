import { randomUUID } from 'node:crypto';
import { encodeEvent } from '@longview/contracts';
import type { LongviewEvent } from '@longview/domain';
import { EventStore, type Database } from '@longview/event-store';
import { testDatabases } from '@longview/event-store/testing';
import { startQueryService, type RunningQueryService } from '../../embedded';
import { projectedLog } from '../../read-models/testing/replay-twice';
import { FLOW, proposed, registered } from '../../read-models/testing/sample-log';
import { webhookReceiver } from '../testing/webhook-receiver';
import { ActivityDigestConsumer, activityDigestConsumer, digestsOf, type ActivityDigest } from './activity-digest.consumer';
import { TEST_SERVICE_KEY, withCredential } from '../../access/testing';

const NOW = '2026-01-15T10:00:00.000Z';

async function until(what: string, condition: () => Promise<boolean> | boolean, timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('activity digest', () => {
  it('is switched on by LONGVIEW_DIGEST_WEBHOOK_URL only', () => {
    expect(activityDigestConsumer({})).toBeUndefined();
    expect(activityDigestConsumer({ LONGVIEW_DIGEST_WEBHOOK_URL: 'http://127.0.0.1:9/x' })).toBeInstanceOf(ActivityDigestConsumer);
  });

  it('groups events per trust, in log order, with a digest id that depends only on the events', () => {
    const log = projectedLog([
      ['trust-ZA1', registered('ZA1')],
      ['trust-ZB2', registered('ZB2')],
      [`intervention-${FLOW}`, proposed(FLOW, 'ZA1')],
      [`intervention-${FLOW}`, { type: 'InterventionStarted', data: { interventionId: FLOW, startedOn: '2025-01-06' } }],
    ]);
    // The started event names no trust in its data: the command side's metadata does.
    const withTrust = log.map((e) => (e.event.type === 'InterventionStarted' ? { ...e, metadata: { ...e.metadata, trustCode: 'ZA1' } } : e));
    const digests = digestsOf(withTrust);
    expect(digests.map((d) => [d.trustCode, d.events.map((e) => e.summary)])).toEqual([
      ['ZA1', ['Trust registered', 'Intervention proposed (PATIENT_FLOW)', 'Intervention started on 2025-01-06']],
      ['ZB2', ['Trust registered']],
    ]);
    expect(digestsOf(withTrust)[0]?.digestId).toBe(digests[0]?.digestId);
    expect(digestsOf(log).find((d) => d.trustCode === 'ZA1')?.events).toHaveLength(2);
  });
});

describe.each(testDatabases())('activity digest in embedded mode on $name', ({ open }) => {
  let db: Database;
  let store: EventStore;
  let service: RunningQueryService | undefined;
  const closers: (() => Promise<void>)[] = [];
  // Every event id the test appended, per trust. The test waits on these, never on readAll: on a
  // shared PostgreSQL cluster readAll stops at the safe horizon, so a transaction open in another
  // test's database can hide the newest events, and a wait on readAll would pass on a prefix.
  const appended = new Map<string, string[]>();
  const idsOf = (...trustCodes: string[]) => trustCodes.flatMap((code) => appended.get(code) ?? []);

  beforeEach(async () => {
    appended.clear();
    db = await open();
    store = new EventStore(db);
    await store.migrate();
  });
  afterEach(async () => {
    await service?.close();
    for (const close of closers.splice(0)) await close();
    await db.close();
  });

  async function append(streamId: string, trustCode: string, ...events: LongviewEvent[]): Promise<void> {
    const stamped = events.map((e) => ({ ...encodeEvent(e), eventId: randomUUID(), metadata: { occurredAt: NOW, trustCode } }));
    appended.set(trustCode, [...(appended.get(trustCode) ?? []), ...stamped.map((e) => e.eventId)]);
    await store.appendToStream(streamId, stamped);
    service?.follower?.notify();
  }

  it('delivers digests with retries, parks a permanently refused stream without holding back the read models, and re-delivers on retry', async () => {
    let unavailable = 2; // the first two requests find the receiver down (503): retried with backoff
    let refuse = 'ZP1'; // digests of this trust are refused (422): permanent, parked
    const receiver = await webhookReceiver<ActivityDigest>((digest) => {
      if (unavailable > 0) {
        unavailable--;
        return 503;
      }
      return digest.trustCode === refuse ? 422 : 200;
    });
    closers.push(receiver.close);
    const consumer = new ActivityDigestConsumer({ webhookUrl: receiver.url });
    service = await startQueryService({
      database: db,
      serviceKey: TEST_SERVICE_KEY,
      followStore: store,
      port: 0,
      logger: false,
      consumers: [consumer],
      follow: { pollMs: 20 },
    });

    await append('trust-ZA1', 'ZA1', registered('ZA1'));
    await append('trust-ZP1', 'ZP1', registered('ZP1'));
    await append(`intervention-${FLOW}`, 'ZA1', proposed(FLOW, 'ZA1'), {
      type: 'InterventionStarted',
      data: { interventionId: FLOW, startedOn: '2025-01-06' },
    });
    const delivered = () => new Set(receiver.received.flatMap((d) => d.events.map((e) => e.eventId)));
    const za1Delivered = () => idsOf('ZA1').every((id) => delivered().has(id));
    await until('the ZA1 events delivered', za1Delivered);
    await until('the ZP1 event parked', async () => (await service!.runner.listParked()).length === 1);

    const [parked] = await service.runner.listParked();
    expect(parked).toMatchObject({ consumer: 'activity-digest', event: { streamId: 'trust-ZP1', streamVersion: 1 } });
    expect(parked?.error).toMatch(/^consumer activity-digest failed: webhook answered 422 for the digest of ZP1/);
    expect(unavailable).toBe(0);
    // The read models have everything, ZP1 included: a consumer's parking is its own.
    const trust = await fetch(`${service.url}/trusts/ZP1?stream=trust-ZP1&minVersion=1`, await withCredential());
    expect(trust.status).toBe(200);

    // A later ZP1 event waits behind the parked one; ZA1 goes on.
    await append('trust-ZP1', 'ZP1', {
      type: 'TrustContextChanged',
      data: { code: 'ZP1', context: { kind: 'ACUTE', region: 'LONDON', beds: 10 }, effectiveFrom: '2024-01-01' },
    });
    await append('trust-ZA1', 'ZA1', {
      type: 'TrustContextChanged',
      data: { code: 'ZA1', context: { kind: 'ACUTE', region: 'LONDON', beds: 11 }, effectiveFrom: '2024-01-01' },
    });
    await until('the new ZA1 event delivered', za1Delivered);
    await until('the second ZP1 event parked behind', async () => (await service!.runner.listParked()).length === 2);
    expect((await service.runner.listParked())[1]?.error).toMatch(/waiting behind parked version 1 of trust-ZP1/);

    refuse = '';
    expect(await service.runner.retryParked('trust-ZP1')).toEqual({ streams: 1, applied: 2, stillParked: 0 });
    expect(await service.runner.listParked()).toEqual([]);
    expect([...delivered()].sort()).toEqual(idsOf('ZA1', 'ZP1').sort());
    expect(idsOf('ZA1', 'ZP1')).toHaveLength(6);
    expect(receiver.received.every((d) => d.events.every((e) => e.summary !== '' && !JSON.stringify(e).includes('Open an SDEC unit')))).toBe(true);
  });
});
