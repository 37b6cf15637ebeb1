import type { Viewer } from '@longview/domain';
import { authorizationFor } from '@longview/service-auth/testing';

/** The service key the query service's tests start it with. */
export const TEST_SERVICE_KEY = 'query-service-tests-service-key-0123456789';

/** fetch() options that carry a valid service credential for `viewer` (default SYSTEM, signed as the CLI: reads everything). */
export async function withCredential(viewer: Viewer = { id: 'test', role: 'SYSTEM' }, init: RequestInit = {}): Promise<RequestInit> {
  return { ...init, headers: { ...(init.headers as Record<string, string> | undefined), authorization: await authorizationFor(TEST_SERVICE_KEY, viewer) } };
}
