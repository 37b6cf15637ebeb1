import type { ApolloCache } from '@apollo/client';
/**
 * After a change to a trust's data or interventions, the cached answers that depend on it are
 * stale: its series and analyses, its interventions' outcomes, the lists and the pooled
 * analytics. These are evicted, so every query on screen that read them fetches them again
 * (and the next page to read them fetches them anew).
 */
type EvictingCache = Pick<ApolloCache, 'identify' | 'evict' | 'extract' | 'gc'>;

const ROOT_FIELDS = ['series', 'interventions', 'evidence', 'funnel', 'systemProjection', 'trusts', 'mentors'];
const TRUST_FIELDS = ['series', 'benchmark', 'interventions', 'interventionCount', 'context', 'contextHistory', 'kind', 'region', 'peers'];
const INTERVENTION_FIELDS = ['outcomes', 'lineage'];

export function evictTrustData(cache: EvictingCache, trustCode: string): void {
  const trustId = cache.identify({ __typename: 'Trust', code: trustCode });
  if (trustId) for (const fieldName of TRUST_FIELDS) cache.evict({ id: trustId, fieldName });
  for (const fieldName of ROOT_FIELDS) cache.evict({ id: 'ROOT_QUERY', fieldName });
  const stored = cache.extract() as Record<string, unknown>;
  for (const id of Object.keys(stored)) {
    if (id.startsWith('Intervention:')) for (const fieldName of INTERVENTION_FIELDS) cache.evict({ id, fieldName });
    // A series of this trust (keyed by trust and metric): its months and analyses.
    if (id.startsWith('MetricSeries:') && id.includes(`"trustCode":${JSON.stringify(trustCode)}`)) cache.evict({ id });
  }
  cache.gc();
}
