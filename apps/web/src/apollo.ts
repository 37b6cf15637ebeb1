import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { ErrorLink } from '@apollo/client/link/error';
import { getMainDefinition } from '@apollo/client/utilities';
import { Kind, OperationTypeNode } from 'graphql';
import { Observable, type Subscription } from 'rxjs';
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

type LiveLink = ReturnType<typeof import('./live/liveLink').createLiveLink>;
let live: Promise<LiveLink> | undefined;

/** The live link's code (graphql-ws) loads with the first subscription, not with the page. */
function loadLive(): Promise<LiveLink> {
  return (live ??= import('./live/liveLink').then((m) => m.createLiveLink()));
}

/** Hands each subscription to the live link once its code has loaded. */
const lazyLiveLink = new ApolloLink(
  (operation) =>
    new Observable<ApolloLink.Result>((subscriber) => {
      let inner: Subscription | undefined;
      let closed = false;
      loadLive().then(
        ({ link }) => {
          if (!closed) inner = link.request(operation).subscribe(subscriber);
        },
        (error: unknown) => subscriber.error(error),
      );
      return () => {
        closed = true;
        inner?.unsubscribe();
      };
    }),
);

/** After signing in or out: reconnect the live socket so it reads as the new viewer (subscriptions resume on their own). */
export function restartLiveConnection(): void {
  void live?.then(({ restart }) => restart());
}

const isSubscription = ({ query }: ApolloLink.Operation) => {
  const definition = getMainDefinition(query);
  return definition.kind === Kind.OPERATION_DEFINITION && definition.operation === OperationTypeNode.SUBSCRIPTION;
};

export function createApolloClient(): ApolloClient {
  const http = ApolloLink.from([refusedTokenLink, authLink, new HttpLink({ uri: '/graphql' })]);
  return new ApolloClient({
    link: typeof window !== 'undefined' && typeof WebSocket !== 'undefined' ? ApolloLink.split(isSubscription, lazyLiveLink, http) : http,
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
