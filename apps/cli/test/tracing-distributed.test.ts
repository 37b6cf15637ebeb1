/**
 * Traces in the distributed mode: one GraphQL mutation through the gateway, the command service,
 * the event store, the outbox relay, Kafka, the query-service consumer and the projections, all in
 * this process so one InMemorySpanExporter sees every span. Asserts one trace and each span's
 * parent. Needs KAFKA_BROKERS and LONGVIEW_TEST_PG_URL (npm test provides both); skipped without
 * them, failing under CI=true.
 */
import { randomBytes } from 'node:crypto';
import { startDistributedCommandService, type RunningDistributedCommandService } from '@longview/command-service';
import { openPostgres } from '@longview/event-store';
import { createGateway, signDevToken, type RunningGateway } from '@longview/gateway';
import { createKafka, ensureTopics, silentLogger } from '@longview/messaging';
import { testKafkaBrokers, uniqueGroupId, uniqueTopicNames } from '@longview/messaging/testing';
import { startDistributedQueryService, type RunningDistributedQueryService } from '@longview/query-service';
import { startTracing, type RunningTracing } from '@longview/tracing';
import { InMemorySpanExporter, type ReadableSpan } from '@longview/tracing/testing';
import { graphqlData } from './support';

const brokers = testKafkaBrokers();
const pgUrl = process.env['LONGVIEW_TEST_PG_URL'];
jest.setTimeout(120000);

const SERVICE_KEY = 'tracing-test-service-key-0123456789abcdef';
const JWT_SECRET = 'tracing-test-jwt-secret-0123456789abcdef';

(brokers && pgUrl ? describe : describe.skip)('traces across the distributed mode (real Kafka, real PostgreSQL, services in this process)', () => {
  const exporter = new InMemorySpanExporter();
  const topics = uniqueTopicNames('trace');
  const databases: string[] = [];
  let tracing: RunningTracing;
  let commands: RunningDistributedCommandService;
  let queries: RunningDistributedQueryService;
  let gateway: RunningGateway;

  beforeAll(async () => {
    tracing = startTracing({ serviceName: 'longview-test', exporter });
    const admin = await openPostgres(pgUrl ?? '', { max: 1 });
    const urls: string[] = [];
    for (const kind of ['events', 'read']) {
      const name = `lv_test_trace_${kind}_${randomBytes(5).toString('hex')}`;
      await admin.query(`CREATE DATABASE ${name}`);
      databases.push(name);
      const url = new URL(pgUrl ?? '');
      url.pathname = `/${name}`;
      urls.push(url.toString());
    }
    await admin.close();
    const kafkaAdmin = createKafka({ brokers: brokers ?? [], clientId: 'trace-test-admin', logger: silentLogger }).admin();
    await kafkaAdmin.connect();
    await ensureTopics(kafkaAdmin, topics.all, 2);
    await kafkaAdmin.disconnect();
    commands = await startDistributedCommandService({
      databaseUrl: urls[0] ?? '',
      brokers: brokers ?? [],
      topics,
      partitions: 2,
      port: 0,
      serviceKey: SERVICE_KEY,
      logger: silentLogger,
    });
    queries = await startDistributedQueryService({
      databaseUrl: urls[1] ?? '',
      brokers: brokers ?? [],
      topics,
      groupId: uniqueGroupId('trace'),
      port: 0,
      serviceKey: SERVICE_KEY,
      logger: silentLogger,
      consumers: [],
    });
    gateway = await createGateway({
      commandServiceUrl: commands.url,
      queryServiceUrl: queries.url,
      port: 0,
      jwtSecret: JWT_SECRET,
      serviceKey: SERVICE_KEY,
    });
  });

  afterAll(async () => {
    await gateway?.stop();
    await queries?.close();
    await commands?.close();
    await tracing?.shutdown();
    const admin = await openPostgres(pgUrl ?? '', { max: 1 });
    for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.close();
  });

  it('records one trace per mutation: gateway -> command-service -> decide + append -> relay publish -> Kafka consumer -> projection', async () => {
    const token = signDevToken({ role: 'admin' }, JWT_SECRET);
    const result = await graphqlData<{ registerTrust: { position: string; trust: { code: string } } }>(
      gateway.url,
      `mutation RegisterTracedTrust($input: RegisterTrustInput!) { registerTrust(input: $input) { position trust { code } } }`,
      { input: { code: 'ZT1', name: 'Tracewell NHS Trust', context: { kind: 'ACUTE', region: 'LONDON', beds: 120 }, effectiveFrom: '2020-04-01' } },
      { authorization: `Bearer ${token}` },
    );
    expect(result.registerTrust.trust.code).toBe('ZT1');

    // The consumer's span ends once its batch transaction has committed, just after the read saw it.
    const spans = await waitForSpans(
      exporter,
      (all) => all.some((s) => s.name === 'project TrustRegistered') && all.some((s) => s.name === 'RegisterTracedTrust'),
    );
    const byName = (name: string, scope: string): ReadableSpan => {
      const found = spans.filter((s) => s.name === name && s.instrumentationScope.name === scope);
      expect(found.map((s) => `${s.instrumentationScope.name} ${s.name}`)).toEqual([`${scope} ${name}`]);
      return found[0] as ReadableSpan;
    };
    const operation = byName('RegisterTracedTrust', 'longview.gateway');
    const server = byName('POST /commands/:type', 'longview.command-service');
    const decide = byName('decide RegisterTrust', 'longview.command-service');
    const append = byName('event-store.append', 'longview.event-store');
    const publish = byName(`publish ${topics.forEventType('TrustRegistered')}`, 'longview.relay');
    const consume = byName(`process ${topics.forEventType('TrustRegistered')}`, 'longview.kafka-consumer');
    const project = byName('project TrustRegistered', 'longview.query-service');

    const traceId = operation.spanContext().traceId;
    expect(operation.parentSpanContext).toBeUndefined();
    const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
    expect({
      server: parentOf(server),
      decide: parentOf(decide),
      append: parentOf(append),
      publish: parentOf(publish),
      consume: parentOf(consume),
      project: parentOf(project),
    }).toEqual({
      server: operation.spanContext().spanId,
      decide: server.spanContext().spanId,
      append: server.spanContext().spanId,
      publish: append.spanContext().spanId,
      consume: publish.spanContext().spanId,
      project: consume.spanContext().spanId,
    });
    for (const span of [server, decide, append, publish, consume, project]) expect(span.spanContext().traceId).toBe(traceId);
    expect(server.attributes['longview.command_type']).toBe('RegisterTrust');
    expect(append.attributes['longview.global_position']).toBe(result.registerTrust.position);
    expect(publish.attributes['messaging.kafka.message.key']).toBe('trust-ZT1');

    // The mutation's read of the new trust is a query-service request in the same trace.
    const reads = spans.filter((s) => s.instrumentationScope.name === 'longview.query-service' && s.kind === 1 /* SERVER */);
    expect(reads.length).toBeGreaterThan(0);
    for (const read of reads) {
      expect(read.spanContext().traceId).toBe(traceId);
      expect(parentOf(read)).toBe(operation.spanContext().spanId);
    }

    // Every span of this run belongs to the mutation's trace (nothing untraced, e.g. the relay's polling, made one).
    expect([...new Set(spans.map((s) => s.spanContext().traceId))]).toEqual([traceId]);
  });
});

async function waitForSpans(exporter: InMemorySpanExporter, done: (spans: readonly ReadableSpan[]) => boolean, timeoutMs = 30000): Promise<ReadableSpan[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const spans = exporter.getFinishedSpans();
    if (done(spans)) return spans;
    if (Date.now() > deadline) throw new Error(`spans did not arrive within ${timeoutMs} ms; have: ${spans.map((s) => s.name).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
