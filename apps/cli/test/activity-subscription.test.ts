import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { signDevToken, type DevTokenOptions } from '@longview/gateway';
import { PROPOSE, proposalOf, Subscriber, SUBSCRIPTION, latencyLine } from './activity-support';
import { embeddedGraphQL } from './support';

/**
 * Subscription.activity end to end over graphql-ws on an embedded platform: a subscriber sees
 * what it may see and nothing it may not, catches up after a reconnect with `since` (no gap, no
 * duplicate), a bad token closes the socket with 4401, and the delivery latency (mutation sent
 * -> event received) is measured and printed.
 */

jest.setTimeout(180_000);

const ROLES = {
  ours: { role: 'TRUST_EDITOR', trust: 'ZL1', name: 'Sam Jones', sub: 'lead-ZL1' },
  theirs: { role: 'TRUST_EDITOR', trust: 'ZL2', name: 'Kim Lee', sub: 'lead-ZL2' },
  admin: { role: 'ADMIN' },
} satisfies Record<string, DevTokenOptions>;
type RoleName = keyof typeof ROLES;

describe('live activity over graphql-ws (embedded)', () => {
  const api = embeddedGraphQL(ROLES);
  let wsUrl: string;
  let counter = 0;

  const token = (role: RoleName) => api.tokenFor(ROLES[role]);
  const propose = async (role: 'ours' | 'theirs', sharing: 'PRIVATE' | 'TRUSTS' | 'PUBLIC', title = `Idea ${++counter}`) => {
    const answer = await api.must<{ proposeIntervention: { intervention: { id: string } } }>(role, PROPOSE, proposalOf(ROLES[role].trust, title, sharing));
    return { id: answer.proposeIntervention.intervention.id, title };
  };

  beforeAll(async () => {
    await api.start();
    wsUrl = `${api.url.replace(/^http/, 'ws')}/graphql`;
    for (const code of ['ZL1', 'ZL2']) {
      await api.must('admin', `mutation($input: RegisterTrustInput!) { registerTrust(input: $input) { position } }`, {
        input: { code, name: `${code} Hospitals NHS Trust`, context: { kind: 'ACUTE', region: 'LONDON', beds: 600 }, effectiveFrom: '2020-04-01' },
      });
    }
  });
  afterAll(() => api.stop());

  it('delivers an event the subscriber may see and not one it may not (a PRIVATE intervention of another trust)', async () => {
    const ours = new Subscriber(wsUrl, token('ours'));
    const theirs = new Subscriber(wsUrl, token('theirs'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const secret = await propose('theirs', 'PRIVATE', 'Their private plan');
    const shared = await propose('theirs', 'PUBLIC', 'Their public plan');
    await ours.arrival((row) => row.interventionId === shared.id);
    // Their own editor sees both, in order.
    await theirs.arrival((row) => row.interventionId === shared.id);
    expect(theirs.rows.map((r) => r.row.interventionId)).toEqual([secret.id, shared.id]);
    expect(ours.rows.map((r) => r.row.interventionId)).toEqual([shared.id]);
    expect(ours.rows[0]?.row).toMatchObject({ kind: 'INTERVENTION_PROPOSED', trustCode: 'ZL2', summary: 'Proposed a new intervention: “Their public plan”' });
    await Promise.all([ours.stop(), theirs.stop()]);
  });

  it('catches up after a reconnect with since: what was missed, no gap and no duplicate', async () => {
    const first = new Subscriber(wsUrl, token('admin'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const before = await propose('ours', 'PUBLIC');
    await first.arrival((row) => row.interventionId === before.id);
    const last = Math.max(...first.positions());
    await first.stop();

    const missed = [await propose('ours', 'PUBLIC'), await propose('theirs', 'PRIVATE'), await propose('ours', 'TRUSTS')];
    const again = new Subscriber(wsUrl, token('admin'), { since: last });
    await again.arrival((row) => row.interventionId === missed[2]?.id);
    const live = await propose('ours', 'PUBLIC');
    await again.arrival((row) => row.interventionId === live.id);
    expect(again.rows.map((r) => r.row.interventionId)).toEqual([...missed.map((m) => m.id), live.id]);
    const positions = again.positions();
    expect(positions).toEqual(positions.map((_, i) => last + 1 + i));
    await again.stop();
  });

  it('filters by trust', async () => {
    const sub = new Subscriber(wsUrl, token('admin'), { filter: { trustCode: 'ZL1' } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const other = await propose('theirs', 'PUBLIC');
    const mine = await propose('ours', 'PUBLIC');
    await sub.arrival((row) => row.interventionId === mine.id);
    expect(sub.rows.map((r) => r.row.interventionId)).not.toContain(other.id);
    expect(sub.rows.every((r) => r.row.trustCode === 'ZL1')).toBe(true);
    await sub.stop();
  });

  it("checks a subscription's inputs as the HTTP endpoint does: a malformed trust code or a NUL is BAD_USER_INPUT", async () => {
    const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0 });
    const firstError = (variables: Record<string, unknown>) =>
      new Promise<unknown>((resolve) => {
        // A subscription the guard lets through just waits for activity: say so after 5 s instead of timing out.
        const unrefused = setTimeout(() => resolve([{ message: 'the subscription was accepted' }]), 5000);
        const done = (value: unknown) => (clearTimeout(unrefused), resolve(value));
        client.subscribe({ query: SUBSCRIPTION, variables }, { next: () => undefined, error: done, complete: () => done(undefined) });
      });
    const bad = (await firstError({ filter: { trustCode: '../RJ1' } })) as { message: string; extensions?: { code?: string } }[];
    expect(bad[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad[0]?.message).toBe('Argument filter.trustCode of activity is not a valid id: must not contain "/" or "\\"');
    const nul = (await firstError({ filter: { trustCode: 'RJ\u00001' } })) as { message: string; extensions?: { code?: string } }[];
    expect(nul[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(nul[0]?.message).toMatch(/^Variable \$filter at trustCode /);
    await client.dispose();
  });

  it('closes the connection with 4401 for a bad token', async () => {
    const bad = new Subscriber(wsUrl, 'not-a-token');
    expect(await bad.closed).toBe(4401);
    const forged = new Subscriber(wsUrl, signDevToken(ROLES.admin, 'some other secret'));
    expect(await forged.closed).toBe(4401);
  });

  it('answers a subscription over HTTP POST with 400 and a JSON error', async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: SUBSCRIPTION }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string }[] };
    expect(body.errors[0]?.message).toMatch(/WebSocket/);
  });

  it('refuses an eleventh subscription on one connection', async () => {
    const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0 });
    const errors: unknown[] = [];
    const stops = Array.from({ length: 11 }, () =>
      client.subscribe({ query: SUBSCRIPTION }, { next: () => undefined, error: (e) => errors.push(e), complete: () => undefined }),
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(errors).toHaveLength(1);
    expect(JSON.stringify(errors[0])).toMatch(/At most 10 subscriptions per connection/);
    for (const stop of stops) stop();
    await client.dispose();
  });

  it('measures delivery latency: mutation sent -> event received (median of 11)', async () => {
    const sub = new Subscriber(wsUrl, token('ours'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const latencies: number[] = [];
    for (let i = 0; i < 11; i += 1) {
      const title = `Latency probe ${i}`;
      const sent = performance.now();
      const arrived = sub.arrival((row) => row.interventionTitle === title);
      await propose('ours', 'PUBLIC', title);
      latencies.push((await arrived) - sent);
    }
    await sub.stop();
    const { median, line } = latencyLine('embedded', latencies);
    console.log(line);
    expect(median).toBeGreaterThan(0);
    expect(median).toBeLessThan(2000);
  });
});
