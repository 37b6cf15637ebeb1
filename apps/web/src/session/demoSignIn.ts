import { print } from 'graphql';
import type { Role, ViewerQuery } from '../__generated__/graphql';
import { VIEWER_QUERY } from '../graphql/viewer';

/**
 * The embedded platform's demo sign-in (the gateway's /auth/demo-sign-in): offered only by
 * `longview start` to a browser on the same computer. Elsewhere it answers 404.
 */

const PATH = '/auth/demo-sign-in';

export type DemoAvailability = 'available' | 'unavailable';

export async function demoSignInAvailability(signal?: AbortSignal): Promise<DemoAvailability> {
  try {
    const response = await fetch(PATH, { headers: { accept: 'application/json' }, ...(signal ? { signal } : {}) });
    return response.ok ? 'available' : 'unavailable';
  } catch (error) {
    if (signal?.aborted) throw error;
    return 'unavailable';
  }
}

export type DemoSignInResult = { readonly token: string; readonly expiresAt: string } | { readonly error: string };

export async function demoSignIn(role: Role, trustCode: string | null): Promise<DemoSignInResult> {
  let response: Response;
  try {
    response = await fetch(PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ role, ...(trustCode ? { trustCode } : {}) }),
    });
  } catch {
    return { error: 'The Longview service could not be reached. Check that it is running and try again.' };
  }
  const body = (await response.json().catch(() => null)) as { token?: unknown; expiresAt?: unknown; message?: unknown } | null;
  if (response.ok && typeof body?.token === 'string' && typeof body.expiresAt === 'string') return { token: body.token, expiresAt: body.expiresAt };
  if (typeof body?.message === 'string') return { error: body.message };
  return { error: `Sign-in failed (the service answered with status ${response.status}). Try again.` };
}

/**
 * Asks the API who a token names, without keeping it: a token the server refuses is an error to
 * show on the sign-in form, not a sign-out.
 */
export async function checkToken(token: string): Promise<{ readonly ok: true } | { readonly error: string }> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: print(VIEWER_QUERY) }),
    });
  } catch {
    return { error: 'The Longview service could not be reached. Check your connection and try again.' };
  }
  const body = (await response.json().catch(() => null)) as { data?: ViewerQuery; errors?: { message?: unknown }[] } | null;
  if (response.ok && body?.data?.viewer) return { ok: true };
  const reason = typeof body?.errors?.[0]?.message === 'string' ? ` (${body.errors[0].message})` : '';
  return { error: `This access token was not accepted${reason}. Check that you copied all of it, or get a new one.` };
}
