import { DEFAULT_LIFETIME_SECONDS, signServiceCredential, type ServiceIssuer } from '@longview/service-auth';
import type { Viewer } from '@longview/domain';

/** How a client proves to the services whom it asks for: the shared service key, and who signs. */
export interface ServiceCredentialOptions {
  /** LONGVIEW_SERVICE_KEY: the key the services check credentials with. */
  readonly serviceKey: string;
  /** Default longview-gateway; the CLI signs as longview-cli (the only issuer that may speak for SYSTEM). */
  readonly issuer?: ServiceIssuer;
}

/** What the HTTP clients of the two services are made with. */
export interface ServiceClientOptions extends ServiceCredentialOptions {
  /** Per request; default 15 s (longer than the query service's own default wait of 5 s for read-your-writes). */
  readonly timeoutMs?: number;
}

/** The `Authorization` header value for one actor's requests. */
export type CredentialSource = () => Promise<string>;

/**
 * The credential of `viewer` (null: a public viewer), signed on first use and reused while it
 * has more than half its life left, so the many reads of one GraphQL request sign once.
 */
export function credentialFor(options: ServiceCredentialOptions, viewer: Viewer): CredentialSource {
  const issuer = options.issuer ?? 'longview-gateway';
  let cached: { header: Promise<string>; renewAt: number } | undefined;
  return () => {
    const now = Date.now();
    if (!cached || now >= cached.renewAt) {
      const header = signServiceCredential(options.serviceKey, { actor: viewer, issuer }).then((token) => `Bearer ${token}`);
      cached = { header, renewAt: now + (DEFAULT_LIFETIME_SECONDS * 1000) / 2 };
      // A failed signing is not kept.
      header.catch(() => (cached = undefined));
    }
    return cached.header;
  };
}
