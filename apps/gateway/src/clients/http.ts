import { injectTraceHeaders } from '@longview/tracing';
import type { CredentialSource } from './service-credentials';
import { ServiceError, serviceErrorFrom, unreachable } from './service-error';

/** JSON over global fetch, with the service credential of the caller, and failures turned into ServiceError. */
export async function fetchJson<T>(
  service: ServiceError['service'],
  url: string,
  init: { method: 'GET' | 'POST'; body?: unknown; timeoutMs: number; credential: CredentialSource },
): Promise<{ status: number; body: T | undefined }> {
  const authorization = await init.credential();
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method,
      headers: {
        accept: 'application/json',
        authorization,
        // The GraphQL operation's trace context (nothing when tracing is off).
        ...injectTraceHeaders(),
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(init.timeoutMs),
    });
  } catch (error) {
    throw unreachable(service, error);
  }
  if (!response.ok) throw await serviceErrorFrom(service, response);
  try {
    return { status: response.status, body: (await response.json()) as T };
  } catch (error) {
    throw unreachable(service, error);
  }
}

/**
 * One URL path segment from a caller's value. The gateway's input guard refuses bad ids first
 * (src/hardening/input-guard.ts); this is the last line: "", "." and ".." would make fetch
 * resolve a different route, and a lone surrogate cannot be percent-encoded at all.
 */
export function pathSegment(service: ServiceError['service'], value: string): string {
  const refuse = (why: string) => new ServiceError(service, 400, { code: 'BAD_USER_INPUT', message: `"${value.slice(0, 50)}" ${why}` });
  if (value === '' || value === '.' || value === '..') throw refuse('cannot be part of a URL path');
  try {
    return encodeURIComponent(value);
  } catch {
    throw refuse('is not valid Unicode');
  }
}

export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}
