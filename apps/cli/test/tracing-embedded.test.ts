/**
 * Traces in the embedded mode (PGlite, the in-process event feed): one GraphQL mutation makes one
 * trace from the gateway's operation through the command service and the event store's append to
 * the projection follower's apply; with tracing off, nothing is recorded and no trace context is
 * written into the events.
 */
import { signDevToken } from '@longview/gateway';
import { startTracing, type RunningTracing } from '@longview/tracing';
import { InMemorySpanExporter, type ReadableSpan } from '@longview/tracing/testing';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '../src/platform/embedded-platform';
import { graphqlData } from './support';

jest.setTimeout(60000);

const REGISTER = `mutation RegisterEmbeddedTrust($input: RegisterTrustInput!) { registerTrust(input: $input) { position trust { code } } }`;
const input = (code: string) => ({
  input: { code, name: `Trace ${code} NHS Trust`, context: { kind: 'ACUTE', region: 'LONDON' }, effectiveFrom: '2020-04-01' },
});

describe('traces in the embedded mode', () => {
  const exporter = new InMemorySpanExporter();
  let platform: EmbeddedPlatform;
  let auth: Record<string, string>;
  let tracing: RunningTracing | undefined;

  beforeAll(async () => {
    platform = await startEmbeddedPlatform({ gatewayPort: 0, commandPort: 0, queryPort: 0 });
    auth = { authorization: `Bearer ${signDevToken({ role: 'ADMIN' }, platform.jwtSecret)}` };
  });
  afterAll(async () => {
    await tracing?.shutdown();
    await platform?.stop();
  });

  it('off (the default in tests): no spans, and the stored events carry no traceparent', async () => {
    await graphqlData(platform.gatewayUrl ?? '', REGISTER, input('ZE0'), auth);
    expect(exporter.getFinishedSpans()).toEqual([]);
    const { events } = await platform.eventStore.readStream('trust-ZE0');
    expect(events.map((e) => e.metadata.traceparent)).toEqual([undefined]);
  });

  it('on: gateway -> command-service -> decide + append -> projection follower, in one trace', async () => {
    tracing = startTracing({ serviceName: 'longview-test', exporter });
    const result = await graphqlData<{ registerTrust: { position: string } }>(platform.gatewayUrl ?? '', REGISTER, input('ZE1'), auth);
    const spans = await waitForSpans(
      exporter,
      (all) => all.some((s) => s.name === 'project TrustRegistered') && all.some((s) => s.name === 'RegisterEmbeddedTrust'),
    );
    const one = (name: string): ReadableSpan => {
      const found = spans.filter((s) => s.name === name);
      expect(found).toHaveLength(1);
      return found[0] as ReadableSpan;
    };
    const operation = one('RegisterEmbeddedTrust');
    const server = one('POST /commands/:type');
    const decide = one('decide RegisterTrust');
    const append = one('event-store.append');
    const project = one('project TrustRegistered');
    const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
    expect([parentOf(server), parentOf(decide), parentOf(append), parentOf(project)]).toEqual([
      operation.spanContext().spanId,
      server.spanContext().spanId,
      server.spanContext().spanId,
      append.spanContext().spanId,
    ]);
    expect([...new Set(spans.map((s) => s.spanContext().traceId))]).toEqual([operation.spanContext().traceId]);
    expect(project.attributes['longview.global_position']).toBe(result.registerTrust.position);

    // The append's context is what the event carries (and what the relay would publish with).
    const { events } = await platform.eventStore.readStream('trust-ZE1');
    expect(events.map((e) => e.metadata.traceparent)).toEqual([`00-${append.spanContext().traceId}-${append.spanContext().spanId}-01`]);
  });
});

async function waitForSpans(exporter: InMemorySpanExporter, done: (spans: readonly ReadableSpan[]) => boolean, timeoutMs = 20000): Promise<ReadableSpan[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const spans = exporter.getFinishedSpans();
    if (done(spans)) return spans;
    if (Date.now() > deadline) throw new Error(`spans did not arrive within ${timeoutMs} ms; have: ${spans.map((s) => s.name).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
