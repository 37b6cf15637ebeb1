import type { VisibilityTier } from '@longview/domain';

/**
 * The SQL condition "a viewer of this tier may see the row" (the rule of @longview/domain
 * visibility.ts, as a WHERE clause), with its values appended to `params`: the sharing levels
 * visible to every trust, and the one trust whose PRIVATE rows are visible too (none: null, and
 * `trust_code = NULL` matches nothing). Every read of interventions, or of anything counted or
 * pooled from them, filters with it, so lists, counts and cursors agree with what may be seen.
 */
export function visibleTo(tier: VisibilityTier, params: unknown[], columns: { sharing: string; trustCode: string } = DEFAULT_COLUMNS): string {
  params.push([...tier.sharings]);
  const sharings = `$${params.length}`;
  params.push(tier.privateOfTrust ?? null);
  const ownTrust = `$${params.length}`;
  return `(${columns.sharing} = ANY(${sharings}::text[]) OR (${columns.sharing} = 'PRIVATE' AND ${columns.trustCode} = ${ownTrust}::text))`;
}

const DEFAULT_COLUMNS = { sharing: 'sharing', trustCode: 'trust_code' };
