import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';

/** Where an access token (a JWT from `longview token ...`) is kept in the browser. */
export const TOKEN_STORAGE_KEY = 'longview.token';

export function readToken(): string | null {
  try {
    return window.localStorage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null;
  }
}

export function writeToken(token: string | null): void {
  try {
    if (token) window.localStorage.setItem(TOKEN_STORAGE_KEY, token);
    else window.localStorage.removeItem(TOKEN_STORAGE_KEY);
  } catch {
    // Storage unavailable (private mode): the token simply is not remembered.
  }
}

/** Adds `Authorization: Bearer <token>` when a token has been saved; no token = public read. */
const authFetch: typeof fetch = (input, init) => {
  const token = readToken();
  if (!token) return fetch(input, init);
  const headers = new Headers(init?.headers);
  headers.set('Authorization', `Bearer ${token}`);
  return fetch(input, { ...init, headers });
};

export function createApolloClient(): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri: '/graphql', fetch: authFetch }),
    cache: new InMemoryCache({
      typePolicies: {
        Trust: { keyFields: ['code'] },
        Metric: { keyFields: ['code'] },
        MetricSeries: { keyFields: ['trustCode', 'metric'] },
      },
    }),
  });
}
