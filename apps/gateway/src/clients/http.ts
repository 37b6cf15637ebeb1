import type { CredentialSource } from './service-credentials';
import type { ServiceError } from './service-error';
import { serviceErrorFrom, unreachable } from './service-error';

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

export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}
