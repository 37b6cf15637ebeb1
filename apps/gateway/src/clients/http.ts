import { Agent, request } from 'undici';
import { injectTraceHeaders } from '@longview/tracing';
import type { CredentialSource } from './service-credentials';
import { ServiceError, serviceErrorFromBody, unreachable } from './service-error';

/**
 * Connections to one service origin, at most: a GraphQL operation that fans out (or many
 * operations at once) queue for a kept-alive connection instead of opening hundreds of sockets
 * and starving each other. Override with LONGVIEW_GATEWAY_CONNECTIONS.
 */
export const MAX_CONNECTIONS_PER_SERVICE = connectionsFrom(process.env.LONGVIEW_GATEWAY_CONNECTIONS, 32);

/** One bounded keep-alive pool per service origin, shared by every request of this process. */
const agent = new Agent({ connections: MAX_CONNECTIONS_PER_SERVICE, keepAliveTimeout: 10_000, pipelining: 1 });

/** JSON over HTTP (undici, a bounded keep-alive pool), with the service credential of the caller, and failures turned into ServiceError. */
export async function fetchJson<T>(
  service: ServiceError['service'],
  url: string,
  init: { method: 'GET' | 'POST'; body?: unknown; timeoutMs: number; credential: CredentialSource },
): Promise<{ status: number; body: T | undefined }> {
  const authorization = await init.credential();
  let response: Awaited<ReturnType<typeof request>>;
  try {
    response = await request(url, {
      method: init.method,
      dispatcher: agent,
      headers: {
        accept: 'application/json',
        authorization,
        // The GraphQL operation's trace context (nothing when tracing is off).
        ...injectTraceHeaders(),
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      signal: AbortSignal.timeout(init.timeoutMs),
    });
  } catch (error) {
    throw unreachable(service, error);
  }
  let text: string;
  try {
    text = await response.body.text();
  } catch (error) {
    throw unreachable(service, error);
  }
  if (response.statusCode < 200 || response.statusCode > 299) throw serviceErrorFromBody(service, response.statusCode, text);
  try {
    return { status: response.statusCode, body: (text === '' ? undefined : JSON.parse(text)) as T | undefined };
  } catch (error) {
    throw unreachable(service, error);
  }
}

function connectionsFrom(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1024) throw new Error(`LONGVIEW_GATEWAY_CONNECTIONS must be a whole number from 1 to 1024, got "${value}"`);
  return n;
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
