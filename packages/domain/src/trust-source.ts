/**
 * Where a trust in Longview came from, known from who registered it: the demo loader
 * (generated trusts, codes Z..), an import of published data (NHS England A&E, a series file:
 * real trusts), or anyone else through the API.
 */
export const TRUST_SOURCES = ['DEMO', 'IMPORTED', 'REGISTERED'] as const;
export type TrustSource = (typeof TRUST_SOURCES)[number];

/** The ids of the CLI's system actors (the demo loader and the imports act as them). */
export const SYSTEM_ACTOR_IDS = {
  demoLoader: 'demo-loader',
  aeImport: 'ae-import',
  seriesImport: 'series-import',
} as const;

/** The source of a trust registered by `actor` (from the TrustRegistered event's metadata). */
export function trustSourceOf(actor: { readonly id: string; readonly role: string } | undefined): TrustSource {
  if (actor?.role !== 'SYSTEM') return 'REGISTERED';
  if (actor.id === SYSTEM_ACTOR_IDS.demoLoader) return 'DEMO';
  if (actor.id === SYSTEM_ACTOR_IDS.aeImport || actor.id === SYSTEM_ACTOR_IDS.seriesImport) return 'IMPORTED';
  return 'REGISTERED';
}
