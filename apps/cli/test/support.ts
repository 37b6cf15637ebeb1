import * as fs from 'node:fs';
import * as path from 'node:path';
import { createGateway, signDevToken, type DevTokenOptions, type RunningGateway } from '@longview/gateway';
import { main } from '../src/main';
import { startEmbeddedPlatform, type EmbeddedOptions, type EmbeddedPlatform } from '../src/platform/embedded-platform';

/** The repository root: the nearest folder above this file holding turbo.json. */
export function findRepoRoot(from: string = __dirname): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'turbo.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no turbo.json above ${from}`);
    dir = parent;
  }
  return dir;
}

export const sharedDataDir = path.resolve(findRepoRoot(), '../shared/data');
export const aeFile = path.join(sharedDataDir, 'ae-attendances-2016-2019.csv');
export const odsFile = path.join(sharedDataDir, 'nhs-trusts-ods-2017.csv');
export const onCi = process.env.CI === 'true';

/**
 * For suites that need something outside the repository (the NHS open data, Chromium):
 * returns whether it is there. When it is not, the suite skips with a clear message, except
 * under CI=true, where one failing test says what is missing.
 */
export function requireOrSkip(available: boolean, what: string): boolean {
  if (available) return true;
  if (onCi) {
    test(`${what} is present under CI`, () => {
      throw new Error(`${what} is missing, and under CI (CI=true) these tests must run.`);
    });
  } else {
    console.warn(`${what} is missing: these tests are skipped.`);
  }
  return false;
}

export interface GraphQLResponse<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; fields?: { path: string; message: string }[] } }[];
}

export async function graphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}

/** The data of a response that must have succeeded. */
export async function graphqlData<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<T> {
  const result = await graphql<T>(url, query, variables, headers);
  if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data;
}

/** The code of an answer's first error (FORBIDDEN, UNAUTHENTICATED, NOT_FOUND, ...), if it has one. */
export const codeOf = (answer: GraphQLResponse<unknown>) => answer.errors?.[0]?.extensions?.code;

/**
 * The people most per-role GraphQL tests ask as: an editor of the trust under test (Asha Patel),
 * an editor of another trust (Sam Jones), a community member (Pat Doe), a policymaker (Poli Maker)
 * and an admin (Alex Admin). Tests assert these names where the API reports who acted.
 */
export function peopleAt(ownTrust: string, otherTrust: string) {
  return {
    owner: { role: 'TRUST_EDITOR', trust: ownTrust, name: 'Asha Patel', sub: 'asha' },
    other: { role: 'TRUST_EDITOR', trust: otherTrust, name: 'Sam Jones', sub: 'sam' },
    community: { role: 'COMMUNITY', name: 'Pat Doe', sub: 'pat' },
    policymaker: { role: 'POLICYMAKER', name: 'Poli Maker', sub: 'poli' },
    admin: { role: 'ADMIN', name: 'Alex Admin', sub: 'alex' },
  } satisfies Record<string, DevTokenOptions>;
}

/** An embedded platform behind a gateway of the test's own, asked through GraphQL as named people: see embeddedGraphQL. */
export interface EmbeddedGraphQL<Person extends string> {
  /** Starts the command and query services and the gateway (in beforeAll); `clock` is the platform's test clock. */
  start(options?: Pick<EmbeddedOptions, 'clock'>): Promise<void>;
  /** Stops what start started (in afterAll), also after a start that failed half way. */
  stop(): Promise<void>;
  /** The running platform (its event store, services and keys). */
  readonly platform: EmbeddedPlatform;
  /** The gateway's base URL (GraphQL at `${url}/graphql`). */
  readonly url: string;
  /** A bearer token for `token`, signed with the platform's local key. */
  tokenFor(token: DevTokenOptions): string;
  /** The request headers that sign in as `token`; none for null (a public viewer). */
  headersFor(token: DevTokenOptions | null): Record<string, string>;
  /** The whole answer, data and errors, to `query` asked as `person`, or with no token for null. */
  ask<T = Record<string, unknown>>(person: Person | null, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** The data of an answer to `query` asked as `person` that must have succeeded (it throws with the errors otherwise). */
  must<T = Record<string, unknown>>(person: Person | null, query: string, variables?: Record<string, unknown>): Promise<T>;
}

/**
 * For end-to-end tests per role: an embedded platform (command and query services, on free ports)
 * and a gateway started beside it rather than the platform's own. This gateway has no anonymous
 * actor, as in production, so a request without a token is a public viewer; the embedded
 * platform's gateway would act as an admin instead. `people` names whom the test asks as.
 *
 *   const api = embeddedGraphQL(peopleAt('ZB1', 'ZB2'));
 *   const { ask, must } = api;
 *   beforeAll(() => api.start());
 *   afterAll(() => api.stop());
 *   expect(codeOf(await ask('community', MUTATION, { input }))).toBe('FORBIDDEN');
 */
export function embeddedGraphQL<Person extends string = never>(
  people: Readonly<Record<Person, DevTokenOptions>> = {} as Record<Person, DevTokenOptions>,
): EmbeddedGraphQL<Person> {
  let platform: EmbeddedPlatform | undefined;
  let gateway: RunningGateway | undefined;
  const running = () => {
    if (!platform || !gateway) throw new Error('the embedded platform is not running: call start() in beforeAll');
    return { platform, gateway };
  };
  const tokenFor = (token: DevTokenOptions) => signDevToken(token, running().platform.jwtSecret);
  const headersFor = (token: DevTokenOptions | null): Record<string, string> => (token ? { authorization: `Bearer ${tokenFor(token)}` } : {});
  const headersOf = (person: Person | null) => headersFor(person === null ? null : people[person]);
  return {
    async start(options = {}) {
      platform = await startEmbeddedPlatform({ ...options, commandPort: 0, queryPort: 0, withGateway: false });
      gateway = await createGateway({
        commandServiceUrl: platform.commandService.url,
        queryServiceUrl: platform.queryService.url,
        port: 0,
        jwtSecret: platform.jwtSecret,
        serviceKey: platform.serviceKey,
      });
    },
    async stop() {
      await gateway?.stop();
      await platform?.stop();
    },
    get platform() {
      return running().platform;
    },
    get url() {
      return running().gateway.url;
    },
    tokenFor,
    headersFor,
    ask: <T>(person: Person | null, query: string, variables: Record<string, unknown> = {}) =>
      graphql<T>(running().gateway.url, query, variables, headersOf(person)),
    must: <T>(person: Person | null, query: string, variables: Record<string, unknown> = {}) =>
      graphqlData<T>(running().gateway.url, query, variables, headersOf(person)),
  };
}

/** Runs `longview ARGS` in this process; what it wrote to stdout and stderr, and its exit code. */
export async function longview(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += chunk.toString();
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += chunk.toString();
    return true;
  });
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
