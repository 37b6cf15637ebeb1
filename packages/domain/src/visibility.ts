import type { Actor, Sharing } from './shared';

/**
 * Who may read what, by sharing level. One rule for every path (the query service's lists,
 * counts, evidence and projections; the gateway's payloads; later, subscriptions):
 * - PUBLIC: everyone, signed in or not;
 * - TRUSTS: signed-in NHS roles (trust editors, policymakers), admins and the system;
 * - PRIVATE: editors of the owning trust, admins and the system.
 * A viewer who may not see a thing must not learn that it exists: absent, uncounted, and
 * NOT_FOUND exactly like a missing one.
 */

/** Who is asking: an authenticated actor, or null for an anonymous (public) request. */
export type Viewer = Actor | null;

export function canSee(viewer: Viewer, item: { readonly sharing: Sharing; readonly trustCode: string }): boolean {
  const tier = visibilityTier(viewer);
  return tier.sharings.includes(item.sharing) || (item.sharing === 'PRIVATE' && tier.privateOfTrust === item.trustCode);
}

/**
 * What a viewer may see, as a cache key and the filter it stands for. Viewers with the same tier
 * see exactly the same things, so anything pooled over visible data (evidence, projections) is
 * computed once per tier, never per viewer.
 */
export interface VisibilityTier {
  /** 'public' | 'nhs' | 'trust:<code>' | 'all' */
  readonly key: string;
  /** Sharing levels visible regardless of the owning trust. */
  readonly sharings: readonly Sharing[];
  /** PRIVATE items of this trust are visible too (a trust editor's own trust). */
  readonly privateOfTrust?: string;
}

const PUBLIC_TIER: VisibilityTier = { key: 'public', sharings: ['PUBLIC'] };
const NHS_TIER: VisibilityTier = { key: 'nhs', sharings: ['PUBLIC', 'TRUSTS'] };
const ALL_TIER: VisibilityTier = { key: 'all', sharings: ['PUBLIC', 'TRUSTS', 'PRIVATE'] };

export function visibilityTier(viewer: Viewer): VisibilityTier {
  if (!viewer) return PUBLIC_TIER;
  switch (viewer.role) {
    case 'ADMIN':
    case 'SYSTEM':
      return ALL_TIER;
    case 'POLICYMAKER':
      return NHS_TIER;
    case 'TRUST_EDITOR':
      return viewer.trustCode ? { key: `trust:${viewer.trustCode}`, sharings: NHS_TIER.sharings, privateOfTrust: viewer.trustCode } : NHS_TIER;
    case 'COMMUNITY':
      return PUBLIC_TIER;
  }
}
