import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { createClient } from 'graphql-ws';
import { readToken, signOutRefused } from '../session/session';

/**
 * Subscriptions (the live activity feed) go over graphql-ws to the same /graphql address; the
 * signed-in token travels in connection_init, read anew at every (re)connection. Lazy: the
 * socket opens with the first subscription and closes after the last.
 *
 * This module (with graphql-ws) is loaded by apollo.ts only when the first subscription
 * starts, so it is not part of the first download.
 */
export function createLiveLink(): { link: GraphQLWsLink; restart: () => void } {
  const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/graphql`;
  const client = createClient({
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
  return { link: new GraphQLWsLink(client), restart: () => client.terminate() };
}
