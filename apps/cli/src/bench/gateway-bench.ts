/**
 * Gateway benchmark (not a test; no thresholds): `npm run bench:gateway`, or after a build
 * `node apps/cli/dist/bench/gateway-bench.js [--seconds 8] [--clients 8] [--rounds 3]`.
 *
 * An embedded platform in memory (PGlite) loaded with the generated demo data (seed 20161). Two
 * public (no token) GraphQL operations, each timed in interleaved rounds (medians reported):
 * - `gateway-dashboard`: the trust page of the demo trust with the most interventions: context,
 *   every series with its SPC analysis, its interventions with their outcomes, its peers;
 * - `gateway-list`: the first 50 interventions with their trust, targets and outcomes.
 * Each beside its baseline in the same run: bare graphql-js over node:http, the gateway's own
 * schema, answering the SAME payload (the gateway's answer, captured first) from memory with
 * graphql-js's default resolvers — what GraphQL execution and HTTP cost without any data access.
 * Both are driven by the same closed loop of `clients` concurrent requests.
 * Also printed: the query-service HTTP calls one operation makes (counted on undici's
 * diagnostics channel), and CPU ms per request of this process.
 * Ends with one JSON line per path: {"bench","value","unit","baseline","baselineName","ratio"}.
 */
import { subscribe } from 'node:diagnostics_channel';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { graphql, type GraphQLSchema } from 'graphql';
import { buildSchema as gatewaySchema } from '@longview/gateway';
import { DEMO_SEED, generateDemoData } from '../demo';
import { sendSteps } from '../platform/demo-loader';
import { cliClients } from '../platform/service-key';
import { startEmbeddedPlatform } from '../platform/embedded-platform';
import { benchLine, flag, median } from './bench-lines';

const DASHBOARD = `query Dashboard($code: ID!) {
  trust(code: $code) {
    code name kind region interventionCount
    context { kind region beds catchmentPopulation aeAttendances deprivation oversightSegment cqcRating effectiveFrom }
    series {
      metric
      metricInfo { code name unit improvement }
      observations { period value denominator corrected }
      rebasePeriods
      spc { chart variation assurance mean lpl upl }
    }
    interventions(first: 50) {
      totalCount
      edges { node { id title category status sharing startedOn outcomes { metric sustainability reason } } }
    }
    peers(limit: 5) { trust { code name } distance }
  }
}`;

const LIST = `query List {
  interventions(first: 50) {
    totalCount
    edges {
      node {
        id title category status sharing startedOn
        trust { code name region }
        targets { metric direction metricInfo { name unit } }
        outcomes { metric sustainability reason }
      }
    }
  }
}`;

interface Operation {
  readonly name: 'gateway-dashboard' | 'gateway-list';
  readonly query: string;
  readonly variables: Record<string, unknown>;
}

export async function runGatewayBench(options: { seconds: number; clients: number; rounds: number }, log: (line: string) => void): Promise<void> {
  const platform = await startEmbeddedPlatform({ gatewayPort: 0, commandPort: 0, queryPort: 0 });
  let baselineServer: Server | undefined;
  try {
    const plan = generateDemoData(DEMO_SEED);
    log(`loading the demo data (${plan.steps.length} commands)…`);
    const { commands } = cliClients({ commandUrl: platform.commandService.url, queryUrl: platform.queryService.url }, platform.serviceKey, {
      id: 'bench-loader',
      role: 'SYSTEM',
    });
    await sendSteps(commands, plan.steps, { idPrefix: `bench-${DEMO_SEED}` });
    await platform.queryService.follower?.catchUp();
    const gatewayUrl = `${platform.gatewayUrl as string}/graphql`;

    const trustCode = await busiestPublicTrust(gatewayUrl);
    const operations: Operation[] = [
      { name: 'gateway-dashboard', query: DASHBOARD, variables: { code: trustCode } },
      { name: 'gateway-list', query: LIST, variables: {} },
    ];
    log(`dashboard of ${trustCode}; ${options.clients} clients, ${options.seconds} s per run, ${options.rounds} rounds`);

    // The payloads, captured once from the gateway; the baseline answers them from memory.
    const queryOrigin = new URL(platform.queryService.url).origin;
    const payloads = new Map<string, unknown>();
    for (const operation of operations) {
      const calls = await countQueryServiceCalls(queryOrigin, () => post(gatewayUrl, operation));
      const answer = (await post(gatewayUrl, operation)) as { data?: unknown; errors?: unknown };
      if (answer.errors || !answer.data) throw new Error(`${operation.name} failed on the gateway: ${JSON.stringify(answer.errors)}`);
      payloads.set(operation.name, answer.data);
      log(`${operation.name}: ${calls} query-service calls per operation, ${JSON.stringify(answer).length} bytes`);
    }
    const schema = gatewaySchema();
    baselineServer = await bareGraphqlServer(schema, payloads);
    const baselineUrl = `http://127.0.0.1:${(baselineServer.address() as AddressInfo).port}/graphql`;

    const results = new Map<string, { gateway: number[]; bare: number[]; cpu: number[] }>();
    for (const operation of operations) results.set(operation.name, { gateway: [], bare: [], cpu: [] });
    for (let round = 1; round <= options.rounds; round++) {
      for (const operation of operations) {
        const result = results.get(operation.name) as { gateway: number[]; bare: number[]; cpu: number[] };
        const cpuBefore = process.cpuUsage();
        const gateway = await closedLoop(gatewayUrl, operation, options);
        const cpu = process.cpuUsage(cpuBefore);
        const bare = await closedLoop(baselineUrl, { ...operation, variables: { ...operation.variables, bench: operation.name } }, options);
        result.gateway.push(gateway.perSecond);
        result.bare.push(bare.perSecond);
        result.cpu.push((cpu.user + cpu.system) / 1000 / gateway.requests);
        log(
          `round ${round} ${operation.name}: gateway ${gateway.perSecond.toFixed(1)} req/s (p50 ${gateway.p50.toFixed(1)} ms, p99 ${gateway.p99.toFixed(1)} ms, ${result.cpu.at(-1)?.toFixed(2)} ms CPU/req, all processes in this one); bare graphql-js ${bare.perSecond.toFixed(1)} req/s`,
        );
      }
    }
    for (const operation of operations) {
      const result = results.get(operation.name) as { gateway: number[]; bare: number[]; cpu: number[] };
      log(`${operation.name}: median CPU ${median(result.cpu).toFixed(2)} ms per request (gateway + query service + PGlite, one process)`);
    }
    for (const operation of operations) {
      const result = results.get(operation.name) as { gateway: number[]; bare: number[] };
      log(benchLine(operation.name, median(result.gateway), 'req/s', median(result.bare), 'bare graphql-js over node:http, same schema and payload'));
    }
  } finally {
    await new Promise<void>((resolve) => (baselineServer ? baselineServer.close(() => resolve()) : resolve()));
    await platform.stop();
  }
}

async function post(url: string, operation: Operation): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query: operation.query, variables: operation.variables }),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
  return body;
}

/** The public demo trust with the most interventions (the heaviest dashboard). */
async function busiestPublicTrust(gatewayUrl: string): Promise<string> {
  const answer = (await post(gatewayUrl, { name: 'gateway-list', query: '{ trusts { code interventionCount } }', variables: {} })) as {
    data: { trusts: { code: string; interventionCount: number }[] };
  };
  const best = [...answer.data.trusts].sort((a, b) => b.interventionCount - a.interventionCount || a.code.localeCompare(b.code))[0];
  if (!best) throw new Error('no trusts in the demo data');
  return best.code;
}

/** The query-service requests `work` makes, seen on undici's diagnostics channel (fetch is undici). */
async function countQueryServiceCalls(origin: string, work: () => Promise<unknown>): Promise<number> {
  let calls = 0;
  const onCreate = (message: unknown) => {
    const request = (message as { request?: { origin?: unknown } }).request;
    if (String(request?.origin) === origin) calls += 1;
  };
  subscribe('undici:request:create', onCreate);
  try {
    await work();
  } finally {
    const { unsubscribe } = await import('node:diagnostics_channel');
    unsubscribe('undici:request:create', onCreate);
  }
  return calls;
}

/** graphql-js alone: the gateway's schema, default resolvers over the captured payload. */
async function bareGraphqlServer(schema: GraphQLSchema, payloads: Map<string, unknown>): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const { query, variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string; variables: Record<string, unknown> };
      const { bench, ...rest } = variables as { bench?: string };
      void graphql({ schema, source: query, rootValue: payloads.get(bench ?? ''), variableValues: rest }).then((result) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(result));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

async function closedLoop(
  url: string,
  operation: Operation,
  options: { seconds: number; clients: number },
): Promise<{ perSecond: number; requests: number; p50: number; p99: number }> {
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  await Promise.all(
    Array.from({ length: options.clients }, async () => {
      while (performance.now() < deadline) {
        const begun = performance.now();
        const answer = (await post(url, operation)) as { errors?: unknown };
        if (answer.errors) throw new Error(`${operation.name}: ${JSON.stringify(answer.errors).slice(0, 300)}`);
        latencies.push(performance.now() - begun);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { perSecond: latencies.length / elapsed, requests: latencies.length, p50: at(0.5), p99: at(0.99) };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  runGatewayBench({ seconds: flag(args, '--seconds', 8), clients: flag(args, '--clients', 8), rounds: flag(args, '--rounds', 3) }, (line) =>
    console.log(line),
  ).catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exitCode = 1;
  });
}
