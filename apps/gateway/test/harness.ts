import type { ApolloServer } from '@apollo/server';
import type { Actor } from '@longview/domain';
import { createGatewayContext, type GatewayContext } from '../src/context';
import { createApolloServer } from '../src/server';
import { FakeCommandService, FakeQueryService } from './fakes';

export interface Result {
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

export interface GatewayHarness {
  /** Fresh fakes before each test. */
  commands: FakeCommandService;
  queries: FakeQueryService;
  /** Runs an operation through Apollo's executeOperation as `actor` (default: the harness's). */
  run(query: string, variables?: Record<string, unknown>, actor?: Actor | null): Promise<Result>;
}

/** One Apollo server for the file, started and stopped by jest hooks, over in-memory fakes of the two services. */
export function useGatewayHarness(defaultActor: Actor | null): GatewayHarness {
  let server: ApolloServer<GatewayContext>;
  const harness: GatewayHarness = {
    commands: new FakeCommandService(),
    queries: new FakeQueryService(),
    async run(query, variables = {}, actor = defaultActor) {
      const response = await server.executeOperation(
        { query, variables },
        { contextValue: createGatewayContext({ commands: harness.commands, queries: harness.queries }, actor) },
      );
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return response.body.singleResult as Result;
    },
  };
  beforeAll(async () => {
    server = createApolloServer();
    await server.start();
  });
  afterAll(async () => {
    await server.stop();
  });
  beforeEach(() => {
    harness.commands = new FakeCommandService();
    harness.queries = new FakeQueryService();
  });
  return harness;
}

export function errorOf(result: Result): { message: string; extensions?: Record<string, unknown> } {
  const [error] = result.errors ?? [];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(result.data)}`);
  return error;
}
