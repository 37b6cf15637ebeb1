import type { IncomingMessage, Server } from 'node:http';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { GraphQLError, OperationTypeNode, getOperationAST, parse, specifiedRules, validate, type DocumentNode, type ValidationRule } from 'graphql';
import type { Context as WsContext } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { signedInFromAuthorization, InvalidTokenError, type SignedIn, type TokenVerifier } from '../auth';
import { createGatewayContext, type GatewayServices } from '../context';
import { loadResolvers, loadTypeDefs } from '../schema';
import type { HardeningConfig } from '../hardening/config';
import { checkOperationInputs } from '../hardening/input-guard';
import { ActivityTicker } from './activity.feed';

/** Per connection: at most this many subscriptions at once. */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 10;
/** Per client address: at most this many open connections. */
export const MAX_CONNECTIONS_PER_ADDRESS = 50;
/** Close code for a bad token in connection_init (the HTTP API's 401). */
export const CLOSE_UNAUTHORIZED = 4401;
/** Close code when an address opens too many connections. */
export const CLOSE_TOO_MANY_CONNECTIONS = 4429;

type Extra = {
  readonly socket: WebSocket;
  readonly request: IncomingMessage;
};

interface ConnectionState {
  signedIn: SignedIn | null;
  readonly subscriptions: Set<string>;
}

export interface ActivityWebSocketOptions {
  readonly httpServer: Server;
  readonly services: GatewayServices;
  readonly verifyToken: TokenVerifier;
  readonly hardening: HardeningConfig;
  /** The same validation rules as the HTTP endpoint (depth, aliases, cost, directives). */
  readonly validationRules: readonly ValidationRule[];
}

/**
 * graphql-ws on the gateway's own port, path /graphql, for subscriptions only (queries and
 * mutations go over HTTP). connection_init's payload carries `Authorization: Bearer <token>`,
 * verified by the same code as HTTP's header; a bad one closes the socket with 4401, none is a
 * public viewer. Every subscription is parsed with the same token limit, validated with the same
 * rules and its inputs checked by the same guard as an HTTP operation, and runs with a context bound to its viewer, so the query
 * service decides what each subscriber may see.
 */
export function serveActivityOverWebSocket(options: ActivityWebSocketOptions): { stop(): Promise<void> } {
  const schema = makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers: loadResolvers() as never });
  const ticker = new ActivityTicker(async () => (await options.services.queries.forViewer(null).activityHead()).position);
  const wss = new WebSocketServer({ server: options.httpServer, path: '/graphql', maxPayload: options.hardening.maxBodyBytes });
  const perAddress = new Map<string, number>();
  const states = new WeakMap<object, ConnectionState>();
  const stateOf = (ctx: WsContext<Record<string, unknown>, Extra>): ConnectionState => {
    let state = states.get(ctx);
    if (!state) states.set(ctx, (state = { signedIn: null, subscriptions: new Set() }));
    return state;
  };

  wss.on('connection', (socket, request) => {
    const address = request.socket.remoteAddress ?? 'unknown';
    const open = (perAddress.get(address) ?? 0) + 1;
    perAddress.set(address, open);
    socket.once('close', () => {
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left <= 0) perAddress.delete(address);
      else perAddress.set(address, left);
    });
    if (open > MAX_CONNECTIONS_PER_ADDRESS) socket.close(CLOSE_TOO_MANY_CONNECTIONS, `At most ${MAX_CONNECTIONS_PER_ADDRESS} connections per address`);
  });

  const server = useServer<Record<string, unknown>, Extra>(
    {
      schema,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const header = params['Authorization'] ?? params['authorization'];
        if (header !== undefined && typeof header !== 'string') {
          ctx.extra.socket.close(CLOSE_UNAUTHORIZED, 'Authorization must be a string: Bearer <token>');
          return false;
        }
        try {
          stateOf(ctx).signedIn = await signedInFromAuthorization(header || undefined, options.verifyToken);
          return true;
        } catch (error) {
          const reason = error instanceof InvalidTokenError ? error.message : 'The sign-in token could not be checked';
          // Close frames carry at most 123 bytes of reason.
          ctx.extra.socket.close(CLOSE_UNAUTHORIZED, reason.slice(0, 120));
          return false;
        }
      },
      onSubscribe: (ctx, id, payload) => {
        const state = stateOf(ctx);
        if (state.subscriptions.size >= MAX_SUBSCRIPTIONS_PER_CONNECTION) {
          return [new GraphQLError(`At most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions per connection: end one before starting another`)];
        }
        let document: DocumentNode;
        try {
          document = parse(payload.query, { maxTokens: options.hardening.maxTokens });
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError('The operation could not be read')];
        }
        const errors = validate(schema, document, [...specifiedRules, ...options.validationRules]);
        if (errors.length > 0) return [...errors];
        const operation = getOperationAST(document, payload.operationName ?? undefined);
        if (!operation) return [new GraphQLError('Name the operation to run')];
        if (operation.operation !== OperationTypeNode.SUBSCRIPTION)
          return [new GraphQLError('This connection carries subscriptions only: send queries and mutations over HTTP')];
        // The same input checks as the HTTP endpoint (no NUL or lone surrogate, well-formed ids and trust codes).
        try {
          checkOperationInputs(schema, document, payload.variables, payload.operationName ?? null);
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError("The subscription's input could not be checked")];
        }
        state.subscriptions.add(id);
        const signedIn = state.signedIn;
        const base = createGatewayContext(options.services, signedIn?.actor ?? null, signedIn?.name ?? null);
        return {
          schema,
          document,
          operationName: payload.operationName ?? null,
          variableValues: payload.variables ?? null,
          contextValue: { ...base, activityTicker: ticker },
        };
      },
      onComplete: (ctx, id) => {
        stateOf(ctx).subscriptions.delete(id);
      },
      onError: (ctx, id) => {
        stateOf(ctx).subscriptions.delete(id);
      },
    },
    wss,
  );
  return {
    stop: async () => {
      ticker.stop();
      await server.dispose();
    },
  };
}
