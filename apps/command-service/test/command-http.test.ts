import type { CommandAccepted, ErrorBody } from '@longview/contracts';
import { COMMAND_ROUTES, type Actor } from '@longview/domain';
import { EventStore, type Database } from '@longview/event-store';
import { testDatabases } from '@longview/event-store/testing';
import { authorizationFor, refusedAuthorizations } from '@longview/service-auth/testing';
import { Clock, startCommandService, type RunningService } from '../src';

class FixedClock extends Clock {
  now(): Date {
    return new Date('2026-03-10T09:00:00.000Z');
  }
}

const SERVICE_KEY = 'command-http-test-service-key-0123456789';
const SYSTEM: Actor = { id: 'system', role: 'SYSTEM' };

const REGISTER = {
  code: 'ZT1',
  name: 'Testbury Hospitals NHS Trust',
  context: { kind: 'ACUTE', region: 'SOUTH_WEST' },
  effectiveFrom: '2020-04-01',
};

const variants = testDatabases().flatMap((db) =>
  [false, true].map((groupCommit) => ({ ...db, groupCommit, label: `${db.name}${groupCommit ? ' with group commit' : ''}` })),
);

describe.each(variants)('command-service over HTTP on $label', ({ open, groupCommit }) => {
  let db: Database;
  let store: EventStore;
  let service: RunningService;
  const appended: bigint[] = [];

  /** POST a command with a valid service credential for `actor` (SYSTEM by default, signed as the CLI). */
  const post = async <T = CommandAccepted>(type: string, body: unknown, actor: Actor | null = SYSTEM): Promise<{ status: number; body: T }> =>
    postWith(type, body, await authorizationFor(SERVICE_KEY, actor));
  /** POST a command with exactly this Authorization header (none when undefined). */
  const postWith = async <T = CommandAccepted>(type: string, body: unknown, authorization: string | undefined): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${service.url}/commands/${type}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization !== undefined ? { authorization } : {}) },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  };

  beforeEach(async () => {
    db = await open();
    store = new EventStore(db, { groupCommit });
    await store.migrate();
    service = await startCommandService(
      { eventStore: store, clock: new FixedClock(), onAppended: (p) => appended.push(p) },
      { port: 0, logger: false, serviceKey: SERVICE_KEY },
    );
  });
  afterEach(async () => {
    await service.close();
    await db.close();
  });

  it('appends the decided events and answers with stream, version and position', async () => {
    const { status, body } = await post('RegisterTrust', { data: REGISTER });
    expect(status).toBe(200);
    expect(body).toMatchObject({ streamId: 'trust-ZT1', version: 1, events: ['TrustRegistered'] });
    expect(BigInt(body.position)).toBe(await store.headPosition());
    expect(appended.at(-1)).toBe(BigInt(body.position));
    const stream = await store.readStream('trust-ZT1');
    expect(stream.events[0]).toMatchObject({
      type: 'TrustRegistered',
      data: expect.objectContaining({ registeredAt: '2026-03-10T09:00:00.000Z' }),
      metadata: expect.objectContaining({ actor: { id: 'system', role: 'SYSTEM' }, trustCode: 'ZT1', occurredAt: '2026-03-10T09:00:00.000Z' }),
    });
  });

  it('treats a retried command id as a no-op with the first answer', async () => {
    const first = await post('RegisterTrust', { commandId: 'cmd-1', data: REGISTER });
    const retry = await post('RegisterTrust', { commandId: 'cmd-1', data: REGISTER });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual({ ...first.body, events: [] });
    expect((await store.readStream('trust-ZT1')).version).toBe(1);
  });

  it('answers 400 with field messages for invalid input', async () => {
    const { status, body } = await post<ErrorBody>('RegisterTrust', { data: { ...REGISTER, name: '', context: { kind: 'HOSPITAL', region: 'SOUTH_WEST' } } });
    expect(status).toBe(400);
    expect(body.code).toBe('BAD_USER_INPUT');
    expect(body.fields?.map((f) => f.path)).toEqual(expect.arrayContaining(['name', 'context.kind']));

    const noData = await post<ErrorBody>('RegisterTrust', { expectedVersion: -1 });
    expect(noData.status).toBe(400);
    expect(noData.body.fields?.map((f) => f.path)).toEqual(['data', 'expectedVersion']);
    expect((await post<ErrorBody>('RegisterTrust', [1, 2])).status).toBe(400);
  });

  it('answers 404 for an unknown stream or command type', async () => {
    const start = await post<ErrorBody>('StartIntervention', { data: { interventionId: 'f0e1d2c3-b4a5-4968-8776-655443322110', startedOn: '2026-01-01' } });
    expect(start).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    const record = await post<ErrorBody>('RecordObservations', {
      data: { trustCode: 'ZT9', metric: 'ae-4hr', observations: [{ period: '2025-01', value: 80 }] },
    });
    expect(record).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    expect((await post<ErrorBody>('DropTables', { data: {} })).status).toBe(404);
  });

  it('answers 409 on a stale expected version and on a rule the domain refuses', async () => {
    await post('RegisterTrust', { data: REGISTER });
    const stale = await post<ErrorBody>('UpdateTrustContext', {
      expectedVersion: 0,
      data: { code: 'ZT1', context: { kind: 'ACUTE', region: 'SOUTH_WEST', beds: 400 }, effectiveFrom: '2025-01-01' },
    });
    expect(stale).toMatchObject({ status: 409, body: { code: 'CONFLICT' } });
    expect((await post<ErrorBody>('RegisterTrust', { data: REGISTER })).status).toBe(409);
    expect((await store.readStream('trust-ZT1')).version).toBe(1);
  });

  it('answers 403 when a trust editor acts for another trust', async () => {
    await post('RegisterTrust', { data: REGISTER });
    const forbidden = await post<ErrorBody>(
      'RecordObservations',
      { data: { trustCode: 'ZT1', metric: 'ae-4hr', observations: [{ period: '2025-01', value: 80 }] } },
      { id: 'editor', role: 'TRUST_EDITOR', trustCode: 'RJ1' },
    );
    expect(forbidden).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
  });

  it('serialises concurrent commands on one stream without losing any', async () => {
    await post('RegisterTrust', { data: REGISTER });
    const months = Array.from({ length: 8 }, (_, i) => `2025-0${i + 1}`);
    const results = await Promise.all(
      months.map((period) => post('RecordObservations', { data: { trustCode: 'ZT1', metric: 'ae-4hr', observations: [{ period, value: 75 }] } })),
    );
    expect(results.map((r) => r.status)).toEqual(months.map(() => 200));
    expect((await store.readStream('series-ZT1-ae-4hr')).version).toBe(8);
  });

  describe('command ids are scoped to the actor', () => {
    const editorOf = (trustCode: string): Actor => ({ id: 'editor', role: 'TRUST_EDITOR', trustCode });
    const propose = (trustCode: string, interventionId: string, title = 'Same-day emergency care for frailty') => ({
      interventionId,
      trustCode,
      title,
      summary: 'Frailty team at the front door to avoid admissions.',
      category: 'PATIENT_FLOW',
      rootCause: 'Frail patients admitted for lack of assessment capacity',
      approach: 'SYSTEMIC',
      targets: [{ metric: 'ae-4hr', direction: 'INCREASE' }],
      sharing: 'PRIVATE',
    });
    const VICTIM_ID = '4f6b2a1e-8c3d-4e5f-9a0b-1c2d3e4f5a6b';
    const OTHER_ID = '5a7c3b2f-9d4e-4f60-8b1c-2d3e4f5a6b7c';

    beforeEach(async () => {
      expect((await post('RegisterTrust', { data: REGISTER })).status).toBe(200);
      expect((await post('RegisterTrust', { data: { ...REGISTER, code: 'ZT2', name: 'Otherton NHS Trust' } })).status).toBe(200);
    });

    it('a retry by the same actor gets the first answer, not an error', async () => {
      const request = { commandId: 'propose-1', data: propose('ZT1', VICTIM_ID) };
      const first = await post('ProposeIntervention', request, editorOf('ZT1'));
      expect(first).toMatchObject({ status: 200, body: { streamId: `intervention-${VICTIM_ID}`, version: 1, events: ['InterventionProposed'] } });
      // Key order of the payload does not make it a different command.
      const reordered = { ...request, data: Object.fromEntries(Object.entries(request.data).reverse()) };
      for (const retry of [request, reordered]) {
        const again = await post('ProposeIntervention', retry, editorOf('ZT1'));
        expect(again).toEqual({ status: 200, body: { ...first.body, events: [] } });
      }
      expect((await store.readStream(`intervention-${VICTIM_ID}`)).version).toBe(1);
    });

    it('the same id for a different command or payload is a 409 that says so', async () => {
      await post('ProposeIntervention', { commandId: 'propose-1', data: propose('ZT1', VICTIM_ID) }, editorOf('ZT1'));
      const message = `command id propose-1 was already used for a different command (ProposeIntervention on intervention-${VICTIM_ID}); use a new id`;
      const otherPayload = await post<ErrorBody>(
        'ProposeIntervention',
        { commandId: 'propose-1', data: propose('ZT1', VICTIM_ID, 'Another title') },
        editorOf('ZT1'),
      );
      expect(otherPayload).toEqual({ status: 409, body: { code: 'CONFLICT', message } });
      const otherStream = await post<ErrorBody>('ProposeIntervention', { commandId: 'propose-1', data: propose('ZT1', OTHER_ID) }, editorOf('ZT1'));
      expect(otherStream).toEqual({ status: 409, body: { code: 'CONFLICT', message } });
      const otherType = await post<ErrorBody>(
        'StartIntervention',
        { commandId: 'propose-1', data: { interventionId: VICTIM_ID, startedOn: '2026-01-01' } },
        editorOf('ZT1'),
      );
      expect(otherType).toEqual({ status: 409, body: { code: 'CONFLICT', message } });
      expect((await store.readStream(`intervention-${VICTIM_ID}`)).version).toBe(1);
      expect((await store.readStream(`intervention-${OTHER_ID}`)).version).toBe(0);
    });

    it("another actor's use of the same id never swallows yours", async () => {
      const claimed = await post('ProposeIntervention', { commandId: 'demo-20161-0', data: propose('ZT2', OTHER_ID) }, editorOf('ZT2'));
      expect(claimed).toMatchObject({ status: 200, body: { events: ['InterventionProposed'] } });
      const victim = await post('ProposeIntervention', { commandId: 'demo-20161-0', data: propose('ZT1', VICTIM_ID) }, editorOf('ZT1'));
      expect(victim).toMatchObject({ status: 200, body: { streamId: `intervention-${VICTIM_ID}`, version: 1, events: ['InterventionProposed'] } });
      const victimStream = await store.readStream(`intervention-${VICTIM_ID}`);
      expect(victimStream.events[0]?.metadata).toMatchObject({ commandId: 'demo-20161-0', actor: editorOf('ZT1') });
      // The same id and role in another trust, or as SYSTEM, is yet another actor.
      const asSystem = await post('StartIntervention', { commandId: 'demo-20161-0', data: { interventionId: VICTIM_ID, startedOn: '2026-01-01' } }, SYSTEM);
      expect(asSystem).toMatchObject({ status: 200, body: { version: 2, events: ['InterventionStarted'] } });
    });

    it("another trust's PRIVATE intervention answers a command exactly like a missing one (404), a visible one 403", async () => {
      await post('ProposeIntervention', { data: propose('ZT1', VICTIM_ID) }, editorOf('ZT1'));
      const start = (interventionId: string) => post<ErrorBody>('StartIntervention', { data: { interventionId, startedOn: '2026-01-01' } }, editorOf('ZT2'));
      const hidden = await start(VICTIM_ID);
      const missing = await start(OTHER_ID);
      expect(missing).toEqual({ status: 404, body: { code: 'NOT_FOUND', message: expect.stringContaining(OTHER_ID) } });
      expect(hidden).toEqual({ status: 404, body: { code: 'NOT_FOUND', message: missing.body.message.replace(OTHER_ID, VICTIM_ID) } });
      expect(hidden.body.message).not.toContain('ZT1');
      // Shared with other trusts, it is theirs to see but not to change.
      await post('ChangeSharing', { data: { interventionId: VICTIM_ID, sharing: 'TRUSTS' } }, editorOf('ZT1'));
      expect(await start(VICTIM_ID)).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
      expect((await store.readStream(`intervention-${VICTIM_ID}`)).version).toBe(2);
    });

    it('concurrent retries of one command by one actor apply it exactly once', async () => {
      const request = { commandId: 'propose-race', data: propose('ZT1', VICTIM_ID) };
      const results = await Promise.all(Array.from({ length: 6 }, () => post('ProposeIntervention', request, editorOf('ZT1'))));
      expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
      const applied = results.filter((r) => r.body.events.length > 0);
      expect(applied).toHaveLength(1);
      for (const r of results) expect(r.body).toEqual({ ...applied[0]!.body, events: r.body.events.length > 0 ? ['InterventionProposed'] : [] });
      expect((await store.readStream(`intervention-${VICTIM_ID}`)).version).toBe(1);
    });
  });

  describe('only a service credential says who acts', () => {
    const COMMUNITY: Actor = { id: 'carol', role: 'COMMUNITY' };
    const ADMIN: Actor = { id: 'root', role: 'ADMIN' };
    const COMMAND_TYPES = Object.keys(COMMAND_ROUTES);

    it('refuses every command route with 401 UNAUTHENTICATED for each bad credential, and writes nothing', async () => {
      const refused = await refusedAuthorizations(SERVICE_KEY, ADMIN);
      for (const type of COMMAND_TYPES) {
        for (const [name, authorization] of refused) {
          const { status, body } = await postWith<ErrorBody>(type, { data: REGISTER }, authorization);
          expect({ type, name, status, code: body.code }).toEqual({ type, name, status: 401, code: 'UNAUTHENTICATED' });
          expect(body.message).toEqual(expect.any(String));
        }
      }
      expect(await store.headPosition()).toBe(0n);
    });

    it('with a valid credential every command route is past the door: the domain answers', async () => {
      const authorization = await authorizationFor(SERVICE_KEY, ADMIN);
      for (const type of COMMAND_TYPES) {
        const { status, body } = await postWith<ErrorBody>(type, { data: {} }, authorization);
        // Empty data: the command's own validation (400) or a missing stream (404), never the credential;
        // an offer of mentorship is made by a trust editor for themselves, so the admin is refused for the role (403).
        const expected = type === 'OfferMentorship' ? /^FORBIDDEN$/ : /^(BAD_USER_INPUT|NOT_FOUND)$/;
        expect({ type, status, code: body.code }).toEqual({ type, status: expect.any(Number), code: expect.stringMatching(expected) });
      }
      expect((await postWith('RegisterTrust', { data: REGISTER }, authorization)).status).toBe(200);
    });

    it('a public viewer (a credential with no actor) may not run a command: 401, sign in', async () => {
      const { status, body } = await post<ErrorBody>('RegisterTrust', { data: REGISTER }, null);
      expect(status).toBe(401);
      expect(body).toEqual({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/^Sign in to run commands/) });
      expect(await store.headPosition()).toBe(0n);
    });

    it('never believes an actor in the body: a forged ADMIN with a COMMUNITY credential is a 400 and writes nothing', async () => {
      const forged = await post<ErrorBody>('RegisterTrust', { actor: ADMIN, data: REGISTER }, COMMUNITY);
      expect(forged.status).toBe(400);
      expect(forged.body).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('The actor comes from the service credential') });
      expect(forged.body.fields).toEqual([{ path: 'actor', message: expect.any(String) }]);
      // Even the actor the credential names, repeated in the body, is refused: the body never carries one.
      expect((await post<ErrorBody>('RegisterTrust', { actor: COMMUNITY, data: REGISTER }, COMMUNITY)).status).toBe(400);
      expect(await store.headPosition()).toBe(0n);
      // Without the forged actor the same command is the community member's, and the domain refuses it.
      expect((await post<ErrorBody>('RegisterTrust', { data: REGISTER }, COMMUNITY)).body.code).toBe('FORBIDDEN');
      expect(await store.headPosition()).toBe(0n);
    });

    it("records the credential's actor on the events", async () => {
      expect((await post('RegisterTrust', { data: REGISTER }, ADMIN)).status).toBe(200);
      expect((await store.readStream('trust-ZT1')).events[0]?.metadata).toMatchObject({ actor: ADMIN });
    });

    it('/health needs no credential (it holds no data)', async () => {
      const response = await fetch(`${service.url}/health`);
      expect(response.status).toBe(200);
    });
  });
});

describe.each(variants)('state cached by a command service, with another writer on the same log, on $label', ({ open, groupCommit }) => {
  let db: Database;
  let store: EventStore;
  let mine: RunningService;
  let theirs: RunningService;
  const INTERVENTION = '6b8d4c3a-0e5f-4a71-9c2d-3e4f5a6b7c8d';
  const editor: Actor = { id: 'editor', role: 'TRUST_EDITOR', trustCode: 'ZT1' };
  const cycle = (n: number) => ({ plan: `plan ${n}`, do: 'did it', study: 'looked', act: 'adopt', cycleDate: '2026-02-01' });

  /** POST as `actor` (in the service credential, never the body): `{ actor, ...request }` is split here. */
  const postTo = async <T = CommandAccepted>(
    service: RunningService,
    type: string,
    { actor = SYSTEM, ...request }: { actor?: Actor } & Record<string, unknown>,
  ): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${service.url}/commands/${type}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: await authorizationFor(SERVICE_KEY, actor) },
      body: JSON.stringify(request),
    });
    return { status: response.status, body: (await response.json()) as T };
  };

  beforeEach(async () => {
    db = await open();
    store = new EventStore(db, { groupCommit });
    await store.migrate();
    // Two services, two caches, one log: as two command-service processes.
    mine = await startCommandService({ eventStore: store, clock: new FixedClock() }, { port: 0, logger: false, serviceKey: SERVICE_KEY });
    theirs = await startCommandService(
      { eventStore: new EventStore(db, { groupCommit }), clock: new FixedClock() },
      { port: 0, logger: false, serviceKey: SERVICE_KEY },
    );
    expect((await postTo(mine, 'RegisterTrust', { data: REGISTER })).status).toBe(200);
    const proposed = await postTo(mine, 'ProposeIntervention', {
      actor: editor,
      data: {
        interventionId: INTERVENTION,
        trustCode: 'ZT1',
        title: 'Discharge before noon',
        summary: 'Plan discharges the day before.',
        category: 'PATIENT_FLOW',
        approach: 'SYSTEMIC',
        targets: [{ metric: 'ae-4hr', direction: 'INCREASE' }],
        sharing: 'PRIVATE',
      },
    });
    expect(proposed.status).toBe(200);
    // PGlite takes seconds to boot on a loaded machine.
  }, 60_000);
  afterEach(async () => {
    await mine.close();
    await theirs.close();
    await db.close();
  });

  it('a command decided on a stale state that would be refused is decided again on the fresh one', async () => {
    // Mine holds the intervention as PROPOSED; the other service starts it.
    expect((await postTo(theirs, 'StartIntervention', { actor: editor, data: { interventionId: INTERVENTION, startedOn: '2026-01-05' } })).status).toBe(200);
    const logged = await postTo(mine, 'LogPdsaCycle', { actor: editor, data: { interventionId: INTERVENTION, cycle: cycle(1) } });
    expect(logged).toMatchObject({ status: 200, body: { version: 3, events: ['PdsaCycleLogged'] } });
  });

  it('a command decided on a stale state that would succeed fails its expected version and is retried with the fresh state', async () => {
    expect((await postTo(mine, 'StartIntervention', { actor: editor, data: { interventionId: INTERVENTION, startedOn: '2026-01-05' } })).status).toBe(200);
    // Mine now holds ACTIVE with no cycles at version 2; the other service logs cycle 1.
    expect((await postTo(theirs, 'LogPdsaCycle', { actor: editor, data: { interventionId: INTERVENTION, cycle: cycle(1) } })).body).toMatchObject({
      version: 3,
    });
    const second = await postTo(mine, 'LogPdsaCycle', { actor: editor, data: { interventionId: INTERVENTION, cycle: cycle(2) } });
    expect(second).toMatchObject({ status: 200, body: { version: 4 } });
    const stream = await store.readStream(`intervention-${INTERVENTION}`);
    // Decided on the stale state it would have been cycle 1 again.
    expect(stream.events.filter((e) => e.type === 'PdsaCycleLogged').map((e) => (e.data as { cycleNumber: number }).cycleNumber)).toEqual([1, 2]);
  });

  it('an expected version that matches the stale cache but not the log is a 409; one that matches the log is accepted', async () => {
    expect((await postTo(theirs, 'StartIntervention', { actor: editor, data: { interventionId: INTERVENTION, startedOn: '2026-01-05' } })).status).toBe(200);
    const stale = await postTo<ErrorBody>(mine, 'ChangeSharing', {
      actor: editor,
      expectedVersion: 1,
      data: { interventionId: INTERVENTION, sharing: 'PUBLIC' },
    });
    expect(stale).toMatchObject({ status: 409, body: { code: 'CONFLICT' } });
    const fresh = await postTo(mine, 'ChangeSharing', { actor: editor, expectedVersion: 2, data: { interventionId: INTERVENTION, sharing: 'PUBLIC' } });
    expect(fresh).toMatchObject({ status: 200, body: { version: 3 } });
  });
});
