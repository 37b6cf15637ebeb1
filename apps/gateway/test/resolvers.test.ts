import { InterventionNotFoundError, type Actor } from '@longview/domain';
import { ServiceError } from '../src/clients/service-error';
import { newAggregateId } from '../src/shared/new-ids';
import { FakeCommandService, FakeQueryService, interventionView, seriesView, trustView } from './fakes';
import { errorOf, useGatewayHarness } from './harness';

const editor: Actor = { id: 'alice', role: 'TRUST_EDITOR', trustCode: 'RJ1' };

const harness = useGatewayHarness(editor);
const run = harness.run;
let commands: FakeCommandService;
let queries: FakeQueryService;
beforeEach(() => {
  ({ commands, queries } = harness);
});

describe('queries', () => {
  it('trusts(filter) passes the filter to the query service and maps the context', async () => {
    queries.trusts = [trustView('RJ1'), trustView('RXH', { context: { kind: 'MENTAL_HEALTH', region: 'SOUTH_EAST' } })];
    const result = await run(
      `query($filter: TrustFilter) { trusts(filter: $filter) { code kind region context { beds cqcRating effectiveFrom }
         contextHistory { beds effectiveFrom reason } metrics } }`,
      { filter: { region: 'LONDON', search: null } },
    );
    expect(result.errors).toBeUndefined();
    expect(queries.callsTo('listTrusts')).toEqual([{ method: 'listTrusts', args: [{ region: 'LONDON' }], options: {} }]);
    expect(result.data?.trusts).toEqual([
      {
        code: 'RJ1',
        kind: 'ACUTE',
        region: 'LONDON',
        context: { beds: 900, cqcRating: 'GOOD', effectiveFrom: '2024-04-01' },
        contextHistory: [
          { beds: 850, effectiveFrom: '2023-04-01', reason: null },
          { beds: 900, effectiveFrom: '2024-04-01', reason: 'New wing' },
        ],
        metrics: ['ae-4hr'],
      },
    ]);
  });

  it('trust(code) that does not exist is null, not an error', async () => {
    const result = await run(`{ trust(code: "NOPE") { code } }`);
    expect(result).toEqual({ data: { trust: null } });
    expect(queries.callsTo('getTrust')[0]?.args).toEqual(['NOPE']);
  });

  it('Trust.series returns every series without a metric and one with it', async () => {
    queries.trusts = [trustView('RJ1')];
    queries.series = [seriesView('RJ1', 'ae-4hr'), seriesView('RJ1', 'rtt-18wk')];
    const result = await run(
      `{ trust(code: "RJ1") { all: series { metric } one: series(metric: "rtt-18wk") { metric } none: series(metric: "x") { metric } } }`,
    );
    expect(result.data?.trust).toEqual({ all: [{ metric: 'ae-4hr' }, { metric: 'rtt-18wk' }], one: [{ metric: 'rtt-18wk' }], none: [] });
    expect(queries.callsTo('listTrustSeries')).toHaveLength(1);
  });

  it('series(trustCode, metric) maps observations, corrections and the catalogue entry', async () => {
    queries.series = [seriesView('RJ1', 'ae-4hr', { rebasePeriods: ['2024-02'] })];
    const result = await run(`{ series(trustCode: "RJ1", metric: "ae-4hr") { trustCode metric rebasePeriods
      observations { period value numerator denominator corrected } corrections { reason }
      metricInfo { code unit improvement validMin validMax nationalStandard } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.series).toEqual({
      trustCode: 'RJ1',
      metric: 'ae-4hr',
      rebasePeriods: ['2024-02'],
      observations: [
        { period: '2024-01', value: 71.5, numerator: null, denominator: null, corrected: false },
        { period: '2024-02', value: 73.2, numerator: 732, denominator: 1000, corrected: true },
      ],
      corrections: [{ reason: 'Transposed digits' }],
      metricInfo: { code: 'ae-4hr', unit: '%', improvement: 'INCREASE', validMin: 0, validMax: 100, nationalStandard: 95 },
    });
    expect((await run(`{ series(trustCode: "RJ1", metric: "rtt-18wk") { metric } }`)).data).toEqual({ series: null });
  });

  it('metrics lists the catalogue', async () => {
    const result = await run(`{ metrics { code name standardDescription } }`);
    const metrics = result.data?.metrics as { code: string; standardDescription: string | null }[];
    expect(metrics.map((metric) => metric.code)).toEqual(expect.arrayContaining(['ae-4hr', 'ae-12hr', 'rtt-18wk', 'cancer-62d', 'bed-occupancy']));
    expect(metrics.find((metric) => metric.code === 'ae-12hr')?.standardDescription).toBeNull();
  });

  it('interventions(filter, first) is a Relay connection, and Intervention.trust costs one call per page', async () => {
    queries.trusts = [trustView('RJ1'), trustView('RXH'), trustView('R1H')];
    queries.page = () => ({
      items: [interventionView('a'), interventionView('b', { trustCode: 'RXH' }), interventionView('c', { trustCode: 'RJ1' })],
      totalCount: 7,
      hasNextPage: true,
      endCursor: 'service-cursor-c',
    });
    const result = await run(
      `query { interventions(filter: { status: PROPOSED, category: PATIENT_FLOW }, first: 3) {
         totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id trust { code name } targets { metric metricInfo { name } } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(queries.callsTo('listInterventions')[0]?.args).toEqual([{ status: 'PROPOSED', category: 'PATIENT_FLOW', first: 3 }]);
    const connection = result.data?.interventions as {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string };
      edges: { cursor: string; node: { id: string; trust: { code: string }; targets: { metricInfo: { name: string } }[] } }[];
    };
    expect(connection.totalCount).toBe(7);
    expect(connection.pageInfo.hasNextPage).toBe(true);
    expect(connection.edges.map((edge) => [edge.node.id, edge.node.trust.code])).toEqual([
      ['a', 'RJ1'],
      ['b', 'RXH'],
      ['c', 'RJ1'],
    ]);
    expect(connection.edges[0]?.node.targets[0]?.metricInfo.name).toBe('A&E 4-hour performance');
    expect(connection.pageInfo.endCursor).toBe(connection.edges[2]?.cursor);
    // Three rows, two trusts: one batch read of those two codes, not three single reads (nor the whole list).
    expect(queries.callsTo('getTrusts')).toEqual([{ method: 'getTrusts', args: [['RJ1', 'RXH']], options: {} }]);
    expect(queries.callsTo('getTrust')).toHaveLength(0);
    expect(queries.callsTo('listTrusts')).toHaveLength(0);

    // Resuming after the end cursor passes the service's own cursor on.
    await run(`query($after: String) { interventions(first: 2, after: $after) { totalCount } }`, { after: connection.pageInfo.endCursor });
    expect(queries.callsTo('listInterventions')[1]?.args).toEqual([{ first: 2, after: 'service-cursor-c' }]);

    // Resuming after a middle edge re-reads the same page and skips what was already seen.
    queries.page = (query) => ({
      items: query.after === undefined ? [interventionView('a'), interventionView('b'), interventionView('c')] : [],
      totalCount: 3,
      hasNextPage: false,
      endCursor: 'service-cursor-c',
    });
    const resumed = await run(`query($after: String) { interventions(first: 2, after: $after) { edges { node { id } } } }`, {
      after: connection.edges[0]?.cursor,
    });
    expect(queries.callsTo('listInterventions')[2]?.args).toEqual([{ first: 3 }]);
    expect(resumed.data).toEqual({ interventions: { edges: [{ node: { id: 'b' } }, { node: { id: 'c' } }] } });
  });

  it('interventions of one trust read that trust once', async () => {
    queries.trusts = [trustView('RJ1')];
    queries.interventions = [interventionView('a'), interventionView('b')];
    const result = await run(`{ trust(code: "RJ1") { interventions(first: 10) { totalCount edges { node { id trust { code } } } } } }`);
    expect(result.errors).toBeUndefined();
    expect(queries.callsTo('listInterventions')[0]?.args).toEqual([{ trustCode: 'RJ1', first: 10 }]);
    // trust(code) itself; the rows' trust is the one already read.
    expect(queries.callsTo('getTrust')).toHaveLength(1);
    expect(queries.callsTo('getTrusts')).toHaveLength(0);
  });

  it('an invalid cursor is BAD_USER_INPUT', async () => {
    const error = errorOf(await run(`{ interventions(after: "garbage!") { totalCount } }`));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'after', message: expect.any(String) }] });
  });

  it('intervention(id): missing is null; private is visible only to its own trust', async () => {
    queries.interventions = [interventionView('p', { sharing: 'PRIVATE' }), interventionView('t', { sharing: 'TRUSTS' })];
    expect((await run(`{ intervention(id: "missing") { id } }`)).data).toEqual({ intervention: null });
    expect((await run(`{ intervention(id: "p") { id } }`)).data).toEqual({ intervention: { id: 'p' } });
    expect((await run(`{ intervention(id: "p") { id } }`, {}, { id: 'bob', role: 'TRUST_EDITOR', trustCode: 'RXH' })).data).toEqual({ intervention: null });
    expect((await run(`{ intervention(id: "p") { id } }`, {}, null)).data).toEqual({ intervention: null });
    expect((await run(`{ intervention(id: "t") { id } }`, {}, null)).data).toEqual({ intervention: null });
    expect((await run(`{ intervention(id: "t") { id } }`, {}, { id: 'pm', role: 'POLICYMAKER' })).data).toEqual({ intervention: { id: 't' } });
  });
});

describe('mutations', () => {
  const propose = `mutation($input: ProposeInterventionInput!) {
    proposeIntervention(input: $input) { position intervention { id title status trust { code } } } }`;
  const proposeInput = {
    trustCode: 'RJ1',
    title: 'Same-day emergency care',
    summary: 'Open SDEC 7 days a week',
    category: 'PATIENT_FLOW',
    rootCause: null,
    approach: 'SYSTEMIC',
    targets: [{ metric: 'ae-4hr', direction: 'INCREASE' }],
    sharing: 'PUBLIC',
  };

  it('proposeIntervention sends ProposeIntervention with a new id and returns the intervention read at its position', async () => {
    queries.trusts = [trustView('RJ1')];
    commands.onSend = ({ request }) => {
      const data = request.data as { interventionId: string; title: string };
      queries.interventions.push(interventionView(data.interventionId, { title: data.title }));
    };
    const result = await run(propose, { input: { ...proposeInput, commandId: 'cmd-1' } });
    expect(result.errors).toBeUndefined();
    expect(commands.sent).toHaveLength(1);
    const [sent] = commands.sent;
    expect(sent?.type).toBe('ProposeIntervention');
    const data = sent?.request.data as Record<string, unknown>;
    // With a command id the new id is derived from the actor and that id (a retry names the same intervention).
    expect(data.interventionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(data.interventionId).toBe(newAggregateId({ actor: editor }, 'proposal', 'cmd-1'));
    // The actor is the one the command client was bound to (its service credential), not in the body.
    expect(sent?.actor).toEqual(editor);
    expect(sent?.request).toEqual({
      commandId: 'cmd-1',
      data: {
        interventionId: data.interventionId,
        trustCode: 'RJ1',
        title: 'Same-day emergency care',
        summary: 'Open SDEC 7 days a week',
        category: 'PATIENT_FLOW',
        approach: 'SYSTEMIC',
        // A target sent without a role is an outcome (TargetInput.role defaults to OUTCOME).
        targets: [{ metric: 'ae-4hr', direction: 'INCREASE', role: 'OUTCOME' }],
        sharing: 'PUBLIC',
      },
    });
    expect(result.data).toEqual({
      proposeIntervention: {
        position: '101',
        intervention: { id: data.interventionId, title: 'Same-day emergency care', status: 'PROPOSED', trust: { code: 'RJ1' } },
      },
    });
    // The read-back waits for the write: its position, and (distributed mode) its stream at its new version.
    expect(queries.callsTo('getIntervention')).toEqual([
      { method: 'getIntervention', args: [data.interventionId], options: { minPosition: '101', stream: 'stream-for-ProposeIntervention', minVersion: 1 } },
    ]);
    // Nested reads in the payload also wait for the write.
    expect(queries.callsTo('getTrusts')[0]?.options).toEqual({ minPosition: '101' });

    // Each proposal is a new intervention.
    await run(propose, { input: proposeInput });
    expect((commands.sent[1]?.request.data as { interventionId: string }).interventionId).not.toBe(data.interventionId);
    expect(commands.sent[1]?.request.commandId).toBeUndefined();
  });

  it('intervention mutations map their inputs, commandId and expectedVersion', async () => {
    queries.interventions = [interventionView('i1')];
    const fields = `{ position intervention { id } }`;
    await run(`mutation { startIntervention(input: { interventionId: "i1", startedOn: "2024-06-01", commandId: "c1", expectedVersion: 1 }) ${fields} }`);
    await run(`mutation { logPdsaCycle(input: { interventionId: "i1", plan: "P", do: "D", study: "S", act: "A", cycleDate: "2024-06-10" }) ${fields} }`);
    await run(`mutation { completeIntervention(input: { interventionId: "i1", completedOn: "2024-09-01", summary: "Done" }) ${fields} }`);
    const result = await run(`mutation { abandonIntervention(input: { interventionId: "i1", abandonedOn: "2024-09-01", reason: "No staff" }) ${fields} }`);
    expect(result.data).toEqual({ abandonIntervention: { position: '104', intervention: { id: 'i1' } } });
    expect(commands.sent.map(({ type, request, actor }) => [type, request, actor])).toEqual([
      ['StartIntervention', { commandId: 'c1', expectedVersion: 1, data: { interventionId: 'i1', startedOn: '2024-06-01' } }, editor],
      ['LogPdsaCycle', { data: { interventionId: 'i1', cycle: { plan: 'P', do: 'D', study: 'S', act: 'A', cycleDate: '2024-06-10' } } }, editor],
      ['CompleteIntervention', { data: { interventionId: 'i1', completedOn: '2024-09-01', summary: 'Done' } }, editor],
      ['AbandonIntervention', { data: { interventionId: 'i1', abandonedOn: '2024-09-01', reason: 'No staff' } }, editor],
    ]);
    expect(queries.callsTo('getIntervention').map((call) => call.options)).toEqual(
      ['StartIntervention', 'LogPdsaCycle', 'CompleteIntervention', 'AbandonIntervention'].map((type, i) => ({
        minPosition: String(101 + i),
        stream: `stream-for-${type}`,
        minVersion: i + 1,
      })),
    );
  });

  it('registerTrust sends RegisterTrust and returns the trust', async () => {
    commands.onSend = ({ request }) => {
      const data = request.data as { code: string; name: string };
      queries.trusts.push(trustView(data.code, { name: data.name }));
    };
    const result = await run(
      `mutation($input: RegisterTrustInput!) { registerTrust(input: $input) { position trust { code name } } }`,
      { input: { code: 'RXX', name: 'New Trust', context: { kind: 'ACUTE', region: 'MIDLANDS', beds: 500, cqcRating: null }, effectiveFrom: '2024-04-01' } },
      { id: 'root', role: 'ADMIN' },
    );
    expect(result.data).toEqual({ registerTrust: { position: '101', trust: { code: 'RXX', name: 'New Trust' } } });
    expect(commands.sent[0]).toEqual({
      type: 'RegisterTrust',
      request: {
        data: { code: 'RXX', name: 'New Trust', context: { kind: 'ACUTE', region: 'MIDLANDS', beds: 500 }, effectiveFrom: '2024-04-01' },
      },
      actor: { id: 'root', role: 'ADMIN' },
    });
    // The read-back reads as the same actor.
    expect(queries.boundTo).toEqual([{ id: 'root', role: 'ADMIN' }]);
    expect(queries.callsTo('getTrust')).toEqual([
      { method: 'getTrust', args: ['RXX'], options: { minPosition: '101', stream: 'stream-for-RegisterTrust', minVersion: 1 } },
    ]);
  });

  it('series mutations send their commands and return the series read at the position', async () => {
    queries.series = [seriesView('RJ1', 'ae-4hr')];
    const fields = `{ position series { trustCode metric } }`;
    const recorded = await run(`mutation($input: RecordObservationsInput!) { recordObservations(input: $input) ${fields} }`, {
      input: { trustCode: 'RJ1', metric: 'ae-4hr', observations: [{ period: '2024-03', value: 74, numerator: null }], source: 'NHSE' },
    });
    expect(recorded.data).toEqual({ recordObservations: { position: '101', series: { trustCode: 'RJ1', metric: 'ae-4hr' } } });
    await run(`mutation { correctObservation(input: { trustCode: "RJ1", metric: "ae-4hr", period: "2024-03", value: 75, reason: "Typo" }) ${fields} }`);
    await run(
      `mutation { rebaseSeries(input: { trustCode: "RJ1", metric: "ae-4hr", fromPeriod: "2024-03", reason: "New pathway", commandId: "c9" }) ${fields} }`,
    );
    expect(commands.sent.map(({ type, request }) => [type, request.data, request.commandId])).toEqual([
      ['RecordObservations', { trustCode: 'RJ1', metric: 'ae-4hr', observations: [{ period: '2024-03', value: 74 }], source: 'NHSE' }, undefined],
      ['CorrectObservation', { trustCode: 'RJ1', metric: 'ae-4hr', period: '2024-03', value: 75, reason: 'Typo' }, undefined],
      ['RebaseSeries', { trustCode: 'RJ1', metric: 'ae-4hr', fromPeriod: '2024-03', reason: 'New pathway' }, 'c9'],
    ]);
    expect(queries.callsTo('getSeries').map((call) => call.options)).toEqual([
      { minPosition: '101', stream: 'stream-for-RecordObservations', minVersion: 1 },
      { minPosition: '102', stream: 'stream-for-CorrectObservation', minVersion: 2 },
      { minPosition: '103', stream: 'stream-for-RebaseSeries', minVersion: 3 },
    ]);
  });

  it('a mutation without an actor is UNAUTHENTICATED and sends nothing', async () => {
    const error = errorOf(await run(propose, { input: proposeInput }, null));
    expect(error.extensions?.code).toBe('UNAUTHENTICATED');
    expect(commands.sent).toHaveLength(0);
  });
});

describe('error mapping', () => {
  const start = `mutation { startIntervention(input: { interventionId: "i1", startedOn: "2024-06-01" }) { position } }`;

  function rejectWith(status: number, body: ServiceError['body']): void {
    commands.onSend = () => {
      throw new ServiceError('command-service', status, body);
    };
  }

  it('400 with fields -> BAD_USER_INPUT with the field list', async () => {
    const fields = [{ path: 'startedOn', message: 'Must be YYYY-MM-DD' }];
    rejectWith(400, { code: 'BAD_USER_INPUT', message: 'Invalid StartIntervention', fields });
    const error = errorOf(await run(start));
    expect(error.message).toBe('Invalid StartIntervention');
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', fields });
  });

  it.each([
    [403, 'FORBIDDEN', 'FORBIDDEN'],
    [404, 'NOT_FOUND', 'NOT_FOUND'],
    [409, 'CONFLICT', 'CONFLICT'],
    [401, 'UNAUTHENTICATED', 'UNAUTHENTICATED'],
  ] as const)('%i %s -> %s', async (status, code, expected) => {
    rejectWith(status, { code, message: `nope: ${code}` });
    const result = await run(start);
    expect(result.data).toBeNull();
    expect(errorOf(result)).toMatchObject({ message: `nope: ${code}`, extensions: { code: expected } });
  });

  it('an unreachable service or a 500 is INTERNAL_SERVER_ERROR without internals', async () => {
    rejectWith(500, { code: 'INTERNAL', message: 'pg: connection refused at 10.0.0.3' });
    const error = errorOf(await run(start));
    expect(error.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(error.message).not.toContain('10.0.0.3');

    queries.failWith = new ServiceError('query-service', 502, { code: 'INTERNAL', message: 'query-service unreachable: ECONNREFUSED' });
    const readError = errorOf(await run(`{ trusts { code } }`));
    expect(readError).toMatchObject({ message: 'query-service is unavailable', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('an unexpected exception is masked as INTERNAL_SERVER_ERROR', async () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    queries.failWith = new TypeError('secret stack detail');
    const error = errorOf(await run(`{ trust(code: "RJ1") { code } }`));
    expect(error).toEqual(expect.objectContaining({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }));
    spy.mockRestore();
  });

  it('a write that cannot be read back says so and carries its position', async () => {
    const record = `mutation { recordObservations(input: { trustCode: "RJ1", metric: "ae-4hr", observations: [{ period: "2024-01", value: 70 }] }) { position } }`;
    const error = errorOf(await run(record));
    expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', position: '101' });
  });

  it("an intervention the viewer cannot read back (missing, or hidden from it) is NOT_FOUND in the command side's words for a missing one", async () => {
    queries.interventions = [interventionView('secret', { trustCode: 'RXH', sharing: 'PRIVATE' })];
    const startOf = (id: string) =>
      `mutation { startIntervention(input: { interventionId: "${id}", startedOn: "2024-06-01", commandId: "replayed" }) { intervention { id title } } }`;
    const hidden = await run(startOf('secret'));
    const missing = await run(startOf('i1'));
    expect(hidden.data).toBeNull();
    expect(errorOf(missing)).toEqual({
      message: new InterventionNotFoundError('i1').message,
      extensions: { code: 'NOT_FOUND' },
      locations: expect.any(Array),
      path: ['startIntervention'],
    });
    expect(errorOf(hidden)).toEqual({ ...errorOf(missing), message: new InterventionNotFoundError('secret').message });
    // The owning trust's editor reads the same answer back whole.
    const owner = await run(startOf('secret'), {}, { id: 'rxh-editor', role: 'TRUST_EDITOR', trustCode: 'RXH' });
    expect(owner.data).toEqual({ startIntervention: { intervention: { id: 'secret', title: 'Intervention secret' } } });
  });

  it('GraphQL validation errors keep their own codes', async () => {
    const error = errorOf(await run(`{ nope }`));
    expect(error.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('newAggregateId', () => {
  const alice: Actor = { id: 'alice', role: 'TRUST_EDITOR', trustCode: 'RJ1' };
  const bob: Actor = { id: 'bob', role: 'TRUST_EDITOR', trustCode: 'RXH' };
  it('is the same for the same actor and command id, and differs across actors and ids', () => {
    expect(newAggregateId({ actor: alice }, 'proposal', 'c1')).toBe(newAggregateId({ actor: alice }, 'proposal', 'c1'));
    expect(newAggregateId({ actor: alice }, 'proposal', 'c1')).not.toBe(newAggregateId({ actor: bob }, 'proposal', 'c1'));
    expect(newAggregateId({ actor: alice }, 'proposal', 'c1')).not.toBe(newAggregateId({ actor: alice }, 'proposal', 'c2'));
    // Two kinds of aggregate created with one command id get different ids.
    expect(newAggregateId({ actor: alice }, 'lesson', 'c1')).not.toBe(newAggregateId({ actor: alice }, 'comment', 'c1'));
    expect(newAggregateId({ actor: alice }, 'proposal', 'c1')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
  it('is a fresh random v4 id without a command id', () => {
    const id = newAggregateId({ actor: alice }, 'proposal', undefined);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(id).not.toBe(newAggregateId({ actor: alice }, 'proposal', undefined));
  });
});
