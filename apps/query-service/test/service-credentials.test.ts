/**
 * The query service answers only requests with a valid service credential: every data route,
 * each bad credential -> 401 ErrorBody; a valid one -> the data. /health holds no data and is open.
 * The viewer a route reads for is the credential's (request.viewer, @CurrentViewer()).
 */
import 'reflect-metadata';
import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { encodeEvent, type ErrorBody } from '@longview/contracts';
import type { Actor, Viewer } from '@longview/domain';
import { EventStore, type Database } from '@longview/event-store';
import { testDatabases } from '@longview/event-store/testing';
import { createServiceCredentialVerifier } from '@longview/service-auth';
import { authorizationFor, refusedAuthorizations } from '@longview/service-auth/testing';
import { CurrentViewer } from '../src/access/current-viewer.decorator';
import { SERVICE_CREDENTIAL_VERIFIER, ServiceCredentialGuard } from '../src/access/service-credential.guard';
import { TEST_SERVICE_KEY } from '../src/access/testing';
import { startQueryService, type RunningQueryService } from '../src/embedded';
import { NOW, SAMPLE_LOG, WORKFORCE } from '../src/read-models/testing/sample-log';

jest.setTimeout(60_000);

const ADMIN: Actor = { id: 'root', role: 'ADMIN' };

/**
 * Every data route of the query service, on data the sample log holds (so a valid credential gets
 * a 200). The intervention is a PUBLIC one, which the public viewer may read too.
 */
const DATA_ROUTES = [
  '/position',
  '/trusts',
  '/trusts?codes=ZA1,ZB2',
  '/trusts/ZA1',
  '/trusts/ZA1/series',
  '/trusts/ZA1/peers?limit=3',
  '/interventions',
  `/interventions?ids=${WORKFORCE}`,
  `/interventions/${WORKFORCE}`,
  `/interventions/${WORKFORCE}/outcomes`,
  `/outcomes?ids=${WORKFORCE}`,
  '/peers?codes=ZA1',
  '/series/ZA1/ae-4hr',
  '/series/ZA1/ae-4hr/spc',
  '/spc?series=ZA1:ae-4hr',
  '/metric-coverage',
  '/evidence?metric=ae-4hr',
  '/projection?metric=ae-4hr&horizonMonths=6&draws=100',
];

describe.each(testDatabases())('query-service credentials on $name', ({ open }) => {
  let db: Database;
  let service: RunningQueryService;

  const get = async (path: string, authorization: string | undefined): Promise<{ status: number; body: unknown }> => {
    const response = await fetch(`${service.url}${path}`, authorization === undefined ? {} : { headers: { authorization } });
    return { status: response.status, body: await response.json() };
  };

  beforeAll(async () => {
    db = await open();
    const store = new EventStore(db);
    await store.migrate();
    for (const [streamId, event] of SAMPLE_LOG) await store.appendToStream(streamId, [{ ...encodeEvent(event), metadata: { occurredAt: NOW } }]);
    service = await startQueryService({ database: db, followStore: store, port: 0, logger: false, consumers: [], serviceKey: TEST_SERVICE_KEY });
  });
  afterAll(async () => {
    await service?.close();
    await db?.close();
  });

  it('refuses every data route with a 401 ErrorBody for each bad credential', async () => {
    const refused = await refusedAuthorizations(TEST_SERVICE_KEY, ADMIN);
    for (const path of DATA_ROUTES) {
      for (const [name, authorization] of refused) {
        const { status, body } = await get(path, authorization);
        expect({ path, name, status }).toEqual({ path, name, status: 401 });
        expect(body).toEqual({ code: 'UNAUTHENTICATED', message: expect.any(String) } satisfies ErrorBody);
      }
    }
  });

  it('says why in plain English', async () => {
    expect((await get('/trusts', undefined)).body).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'No service credential: send Authorization: Bearer <credential> signed with the service key',
    });
    const [, expired] = (await refusedAuthorizations(TEST_SERVICE_KEY, ADMIN)).find(([name]) => name === 'expired')!;
    expect((await get('/trusts', expired)).body).toEqual({ code: 'UNAUTHENTICATED', message: 'The service credential has expired' });
  });

  it('answers every data route for a valid credential, signed-in or public', async () => {
    for (const viewer of [ADMIN, null] as const) {
      const authorization = await authorizationFor(TEST_SERVICE_KEY, viewer);
      for (const path of DATA_ROUTES) expect({ path, status: (await get(path, authorization)).status }).toEqual({ path, status: 200 });
    }
    // The data is there: the 200s above are answers, not empty doors.
    expect((await get('/trusts/ZA1', await authorizationFor(TEST_SERVICE_KEY, ADMIN))).body).toMatchObject({ code: 'ZA1' });
  });

  it('keeps /health open: it holds no data', async () => {
    const response = await fetch(`${service.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });
});

describe('the guard hands the credential’s viewer to @CurrentViewer()', () => {
  @Controller()
  class WhoController {
    @Get('who')
    who(@CurrentViewer() viewer: Viewer): { viewer: Viewer } {
      return { viewer };
    }
  }

  @Module({
    controllers: [WhoController],
    providers: [
      { provide: SERVICE_CREDENTIAL_VERIFIER, useValue: createServiceCredentialVerifier(TEST_SERVICE_KEY) },
      { provide: APP_GUARD, useClass: ServiceCredentialGuard },
    ],
  })
  class WhoModule {}

  let app: INestApplication;
  let url: string;
  beforeAll(async () => {
    app = await NestFactory.create(WhoModule, { logger: false });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(() => app?.close());

  const who = async (viewer: Viewer) =>
    (await (await fetch(`${url}/who`, { headers: { authorization: await authorizationFor(TEST_SERVICE_KEY, viewer) } })).json()) as unknown;

  it('as the actor it names, or null for a public viewer; never from the query string', async () => {
    const editor: Actor = { id: 'e', role: 'TRUST_EDITOR', trustCode: 'ZA1' };
    expect(await who(editor)).toEqual({ viewer: editor });
    expect(await who(null)).toEqual({ viewer: null });
    const spoofed = await fetch(`${url}/who?viewer=admin&role=ADMIN`, { headers: { authorization: await authorizationFor(TEST_SERVICE_KEY, null) } });
    expect(await spoofed.json()).toEqual({ viewer: null });
    expect((await fetch(`${url}/who`)).status).toBe(401);
  });
});
