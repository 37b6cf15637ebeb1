import type { ActivityView } from '@longview/contracts';
import type { Actor } from '@longview/domain';
import { ActivityTicker, activityStream } from '../src/activity/activity.feed';
import { FakeQueryService, interventionView } from './fakes';
import { errorOf, useGatewayHarness } from './harness';

/** Query.recentActivity and the subscription's stream over the fake query service. */

const community: Actor = { id: 'reader', role: 'COMMUNITY' };
const harness = useGatewayHarness(community);

function row(position: number, interventionId: string, trustCode = 'RJ1'): ActivityView {
  return {
    position: String(position),
    kind: 'INTERVENTION_PROPOSED',
    occurredAt: '2026-01-10T09:00:00.000Z',
    interventionId,
    interventionTitle: `Intervention ${interventionId}`,
    trustCode,
    trustName: `${trustCode} NHS Trust`,
    category: 'PATIENT_FLOW',
    summary: `Proposed a new intervention: “Intervention ${interventionId}”`,
    metric: null,
    verdict: null,
    previousVerdict: null,
  };
}

function seed(queries: FakeQueryService): void {
  queries.interventions = [
    interventionView('pub-1'),
    interventionView('secret', { trustCode: 'RXH', sharing: 'PRIVATE' }),
    interventionView('pub-2', { trustCode: 'RXH' }),
  ];
  queries.activity = [row(1, 'pub-1'), row(2, 'secret', 'RXH'), row(3, 'pub-2', 'RXH')];
}

describe('Query.recentActivity', () => {
  it('answers the latest rows the viewer may see, newest first, with their interventions', async () => {
    seed(harness.queries);
    const result = await harness.run('{ recentActivity { position kind summary trustName intervention { id } } }');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      recentActivity: [
        {
          position: 3,
          kind: 'INTERVENTION_PROPOSED',
          summary: 'Proposed a new intervention: “Intervention pub-2”',
          trustName: 'RXH NHS Trust',
          intervention: { id: 'pub-2' },
        },
        {
          position: 1,
          kind: 'INTERVENTION_PROPOSED',
          summary: 'Proposed a new intervention: “Intervention pub-1”',
          trustName: 'RJ1 NHS Trust',
          intervention: { id: 'pub-1' },
        },
      ],
    });
    expect(harness.queries.callsTo('listActivity')[0]?.args).toEqual([{ limit: 20 }]);
  });

  it('passes since and the filter on, oldest first after since, and refuses a bad first or since', async () => {
    seed(harness.queries);
    const after = await harness.run('{ recentActivity(since: 1, filter: { trustCode: "RXH", category: PATIENT_FLOW }, first: 5) { position } }');
    expect(after.data).toEqual({ recentActivity: [{ position: 3 }] });
    expect(harness.queries.callsTo('listActivity')[0]?.args).toEqual([{ trustCode: 'RXH', category: 'PATIENT_FLOW', since: '1', limit: 5 }]);
    expect(errorOf(await harness.run('{ recentActivity(first: 500) { position } }'))).toMatchObject({
      message: 'first must be from 1 to 200',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(errorOf(await harness.run('{ recentActivity(since: -1) { position } }')).extensions?.['code']).toBe('BAD_USER_INPUT');
  });
});

describe('the subscription stream', () => {
  it('catches up from since, skips what the viewer may not see, then waits for the head to move and hands out only new rows', async () => {
    const queries = new FakeQueryService();
    seed(queries);
    const reader = queries.forViewer(null) as FakeQueryService;
    const ticker = new ActivityTicker(async () => (await queries.activityHead()).position, 10);
    const stream = activityStream({ queries: reader, ticker, filter: {}, since: 0 });
    expect((await stream.next()).value?.activity.position).toBe('1');
    expect((await stream.next()).value?.activity.position).toBe('3');
    const next = stream.next();
    queries.interventions.push(interventionView('pub-3'));
    queries.activity.push(row(4, 'pub-3'));
    expect((await next).value?.activity.interventionId).toBe('pub-3');
    // Each read asked from where the last one ended: no row twice.
    expect(queries.callsTo('listActivity').map((call) => (call.args[0] as { since: string }).since)).toEqual(['0', '3', '3']);
    const pending = stream.next();
    await stream.return?.();
    expect((await pending).done).toBe(true);
    ticker.stop();
  });

  it('without since starts at the head: only what happens next', async () => {
    const queries = new FakeQueryService();
    seed(queries);
    const ticker = new ActivityTicker(async () => (await queries.activityHead()).position, 10);
    const stream = activityStream({ queries: queries.forViewer(null), ticker, filter: {} });
    const next = stream.next();
    await new Promise((resolve) => setTimeout(resolve, 30));
    queries.interventions.push(interventionView('pub-4'));
    queries.activity.push(row(4, 'pub-4'));
    expect((await next).value?.activity.position).toBe('4');
    await stream.return?.();
    ticker.stop();
  });
});
