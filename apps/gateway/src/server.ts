import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { answerClientErrorsWithJson } from '@longview/contracts';
import { signedInFromAuthorization, createTokenVerifier, InvalidTokenError, type JwksOptions } from './auth';
import { HttpCommandServiceClient, type CommandServiceConnection } from './clients/command-service.client';
import { HttpQueryServiceClient, type QueryServiceConnection } from './clients/query-service.client';
import { createGatewayContext, type GatewayContext } from './context';
import { loadResolvers, loadTypeDefs } from './schema';
import { formatError, unauthenticated } from './shared/errors';
import { apolloLimits, graphqlHttpGuards, hardeningConfigFromEnv, inputGuardPlugin, jsonErrorHandler, jsonNotFound, type HardeningConfig } from './hardening';
import { demoSignIn } from './sign-in/demo-sign-in';
import { serveActivityOverWebSocket } from './activity/activity.ws';
import { noSubscriptionsOverHttpRule } from './hardening/operation-types';
import { graphqlOperationSpan, operationSpanPlugin } from './tracing/operation-spans';
import { serveWebApp } from './web-app/serve-web-app';

export interface ApolloServerOptions {
  readonly plugins?: ApolloServerPlugin<GatewayContext>[];
  /** Default: on outside production. */
  readonly introspection?: boolean;
  /** Limits (depth, aliases, cost, ...); default: from the environment (src/hardening/config.ts). */
  readonly hardening?: HardeningConfig;
}

/** The Apollo server with the schema, resolvers and error mapping; transport-agnostic (tests call executeOperation). */
export function createApolloServer(options: ApolloServerOptions = {}): ApolloServer<GatewayContext> {
  const limits = apolloLimits(options.hardening ?? hardeningConfigFromEnv(process.env));
  return new ApolloServer<GatewayContext>({
    typeDefs: loadTypeDefs(),
    resolvers: loadResolvers(),
    formatError,
    ...limits,
    // Subscriptions are served over graphql-ws (src/activity/activity.ws.ts); over HTTP they are a 400.
    validationRules: [...(limits.validationRules ?? []), noSubscriptionsOverHttpRule],
    plugins: [inputGuardPlugin<GatewayContext>(), operationSpanPlugin<GatewayContext>(), ...(options.plugins ?? [])],
    ...(options.introspection !== undefined ? { introspection: options.introspection } : {}),
  });
}

export interface GatewayOptions {
  readonly commandServiceUrl: string;
  readonly queryServiceUrl: string;
  /** Default 4000; 0 picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** The built React app (apps/web/dist): see src/web-app/serve-web-app.ts. */
  readonly webDistDir?: string;
  /** HS256 secret for bearer tokens (the embedded mode's local key). */
  readonly jwtSecret?: string;
  /** An identity provider's key set (distributed mode): tokens signed by its keys, with its issuer (and audience). */
  readonly jwks?: JwksOptions;
  /**
   * The embedded mode's demo sign-in (POST /auth/demo-sign-in, src/sign-in/): tokens for any demo
   * role, signed with jwtSecret, for requests from this computer while the gateway listens on a
   * loopback address only. Never set in the distributed mode. Without a token every request is public.
   */
  readonly demoSignIn?: boolean;
  /** The key the services check service credentials with (LONGVIEW_SERVICE_KEY): every call to them carries one for the request's actor. */
  readonly serviceKey: string;
  /** Replace the HTTP clients (tests, in-process wiring). */
  readonly clients?: { readonly commands: CommandServiceConnection; readonly queries: QueryServiceConnection };
  /** Override limits from the environment (tests): see src/hardening/config.ts. */
  readonly hardening?: Partial<HardeningConfig>;
}

export interface RunningGateway {
  /** Base URL, e.g. http://127.0.0.1:4000 (GraphQL at `${url}/graphql`). */
  readonly url: string;
  stop(): Promise<void>;
}

export async function createGateway(options: GatewayOptions): Promise<RunningGateway> {
  if (!options.serviceKey) throw new Error('createGateway needs serviceKey to sign the service credentials it sends to the services');
  const commands = options.clients?.commands ?? new HttpCommandServiceClient(options.commandServiceUrl, { serviceKey: options.serviceKey });
  const queries = options.clients?.queries ?? new HttpQueryServiceClient(options.queryServiceUrl, { serviceKey: options.serviceKey });
  if (!options.jwtSecret && !options.jwks) throw new Error('createGateway needs jwtSecret, jwks or both to verify bearer tokens');
  const verifyToken = createTokenVerifier({
    ...(options.jwtSecret ? { secret: options.jwtSecret } : {}),
    ...(options.jwks ? { jwks: options.jwks } : {}),
  });
  const host = options.host ?? '127.0.0.1';
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  answerClientErrorsWithJson(httpServer);
  const hardening: HardeningConfig = { ...hardeningConfigFromEnv(process.env), ...options.hardening };
  const apollo = createApolloServer({ hardening, plugins: [ApolloServerPluginDrainHttpServer({ httpServer })] });
  await apollo.start();

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use(
    '/graphql',
    ...graphqlHttpGuards(hardening),
    graphqlOperationSpan,
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<GatewayContext> => {
        try {
          const signedIn = await signedInFromAuthorization(req.headers.authorization, verifyToken);
          return createGatewayContext({ commands, queries }, signedIn?.actor ?? null, signedIn?.name ?? null);
        } catch (error) {
          if (error instanceof InvalidTokenError) throw unauthenticated(error.message);
          throw error;
        }
      },
    }),
  );
  app.use('/auth/demo-sign-in', demoSignIn({ enabled: options.demoSignIn === true, host, secret: options.jwtSecret, queries: queries.forViewer(null) }));
  if (options.webDistDir) app.use(serveWebApp(options.webDistDir));
  // Last: unknown routes and every error answer JSON, never an HTML page with a stack trace.
  app.use(jsonNotFound, jsonErrorHandler);

  const websocket = serveActivityOverWebSocket({
    httpServer,
    services: { commands, queries },
    verifyToken,
    hardening,
    validationRules: apolloLimits(hardening).validationRules ?? [],
  });

  try {
    await listen(httpServer, options.port ?? 4000, host);
  } catch (error) {
    await websocket.stop();
    await apollo.stop();
    throw error;
  }
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let stopping: Promise<void> | undefined;
  return {
    url,
    // The drain plugin closes the HTTP server when Apollo stops.
    stop: () => (stopping ??= websocket.stop().then(() => apollo.stop())),
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolvePromise();
    });
  });
}
