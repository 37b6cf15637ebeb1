import { useSyncExternalStore } from 'react';

/**
 * Who is signed in, in this browser: the access token (a JWT: from the demo sign-in, from
 * `longview token`, or from an identity provider) kept in localStorage, and the notice shown
 * after a sign-in stopped working. Everything that signs in or out goes through here, so the
 * header, the pages and the Apollo links agree.
 */

export const TOKEN_STORAGE_KEY = 'longview.token';

export const EXPIRED_NOTICE = 'Your sign-in has expired or is not valid; you have been signed out.';

export interface Notice {
  readonly text: string;
  /** The page it was raised on: it is shown there only, not carried to the next page. */
  readonly pathname: string;
}

interface Session {
  readonly token: string | null;
  readonly notice: Notice | null;
}

const listeners = new Set<() => void>();
let current: Session = { token: storedToken(), notice: null };

function storedToken(): string | null {
  try {
    return window.localStorage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null;
  }
}

function update(next: Session): void {
  current = next;
  for (const listener of listeners) listener();
}

export function readToken(): string | null {
  return storedToken();
}

/** Signs in with a token (clearing any notice), or out with null. */
export function writeToken(token: string | null): void {
  try {
    if (token) window.localStorage.setItem(TOKEN_STORAGE_KEY, token);
    else window.localStorage.removeItem(TOKEN_STORAGE_KEY);
  } catch {
    // Storage unavailable (private mode): the token simply is not remembered.
  }
  update({ token, notice: null });
}

/** The server refused the token (expired, badly signed...): sign out and say so. */
export function signOutRefused(): void {
  writeToken(null);
  update({ token: null, notice: { text: EXPIRED_NOTICE, pathname: window.location.pathname } });
}

/**
 * After signing in or out, what the viewer may see has changed: empty the cache and refetch
 * what is on screen. A refetch that fails (or is cut short because the cache emptied under it)
 * shows its error where its data is shown, so the reset's own promise has nothing to add.
 */
export async function resetAfterSessionChange(client: { resetStore(): Promise<unknown> }): Promise<void> {
  await client.resetStore().catch(() => undefined);
}

export function dismissNotice(): void {
  if (current.notice) update({ ...current, notice: null });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab signing in or out.
  const onStorage = (event: StorageEvent) => {
    if (event.key === TOKEN_STORAGE_KEY || event.key === null) update({ ...current, token: storedToken() });
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function useSession(): Session {
  return useSyncExternalStore(
    subscribe,
    () => current,
    () => current,
  );
}
