import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { ErrorLink } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { Kind, OperationTypeNode } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { readToken, signOutRefused } from './session/session';

interface AuthContext {
  headers?: Record<string, string>;
  /** The token this attempt was sent with (null: none). */
  sentToken?: string | null;
}

/** Adds `Authorization: Bearer <token>` when signed in; no token = public read. Read anew on every attempt. */
const authLink = new ApolloLink((operation, forward) => {
  const token = readToken();
  operation.setContext((previous: AuthContext) => {
    const { authorization: _dropped, ...headers } = previous.headers ?? {};
    return { headers: token ? { ...headers, authorization: `Bearer ${token}` } : headers, sentToken: token };
  });
  return forward(operation);
});

/** Whether the server refused the request's credentials (an expired or invalid token). */
export function isUnauthenticated(error: unknown): boolean {
  if (CombinedGraphQLErrors.is(error)) return error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
  return ServerError.is(error) && error.statusCode === 401;
}

/**
 * A token the server refuses signs the browser out (with a notice), and a query is tried again
 * as public, so a page keeps working instead of breaking. A mutation is not retried: without a
 * token it could only be refused.
 */
const refusedTokenLink = new ErrorLink(({ error, operation, forward }) => {
  const { sentToken } = operation.getContext() as AuthContext;
  if (!sentToken || !isUnauthenticated(error)) return;
  // Several requests may fail with the same token; sign out once.
  if (readToken() === sentToken) signOutRefused();
  if (operation.operationType !== OperationTypeNode.QUERY) return;
  return forward(operation);
});

let liveClient: Client | undefined;

/**
 * Subscriptions (the live activity feed) go over graphql-ws to the same /graphql address; the
 * signed-in token travels in connection_init, read anew at every (re)connection. Lazy: the
 * socket opens with the first subscription and closes after the last.
 */
function liveLink(): GraphQLWsLink {
  const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/graphql`;
  liveClient = createClient({
    url,
    lazy: true,
    connectionParams: (): Record<string, string> => {
      const token = readToken();
      return token ? { Authorization: `Bearer ${token}` } : {};
    },
    // A refused token (4401) signs the browser out; the next connection is then public.
    on: {
      closed: (event) => {
        if ((event as CloseEvent | undefined)?.code === 4401 && readToken()) signOutRefused();
      },
    },
    retryAttempts: Infinity,
    shouldRetry: () => true,
  });
  return new GraphQLWsLink(liveClient);
}

/** After signing in or out: reconnect the live socket so it reads as the new viewer (subscriptions resume on their own). */
export function restartLiveConnection(): void {
  liveClient?.terminate();
}

const isSubscription = ({ query }: ApolloLink.Operation) => {
  const definition = getMainDefinition(query);
  return definition.kind === Kind.OPERATION_DEFINITION && definition.operation === OperationTypeNode.SUBSCRIPTION;
};

export function createApolloClient(): ApolloClient {
  const http = ApolloLink.from([refusedTokenLink, authLink, new HttpLink({ uri: '/graphql' })]);
  return new ApolloClient({
    link: typeof window !== 'undefined' && typeof WebSocket !== 'undefined' ? ApolloLink.split(isSubscription, liveLink(), http) : http,
    cache: new InMemoryCache({
      typePolicies: {
        Trust: { keyFields: ['code'] },
        Metric: { keyFields: ['code'] },
        MetricSeries: { keyFields: ['trustCode', 'metric'] },
        Viewer: { keyFields: false },
      },
    }),
  });
}
