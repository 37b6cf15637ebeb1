import type { TrustPageView } from '@longview/contracts';
import type { ResolversTypes } from '../__generated__/resolvers-types';
import { badUserInput } from '../shared/errors';

/**
 * The trust list is ordered by name and paged by position, so a cursor is the position after
 * its trust ({ o: offset + 1 }, base64url JSON): `after` resumes there, and `offset` jumps to
 * any page (a link to page N), which keyset cursors could not.
 */
export const TRUST_PAGE_DEFAULT = 25;
export const TRUST_PAGE_MAX = 100;

export function encodeTrustCursor(position: number): string {
  return Buffer.from(JSON.stringify({ o: position }), 'utf8').toString('base64url');
}

export function decodeTrustCursor(cursor: string): number {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o?: unknown };
    if (typeof value === 'object' && value !== null && Number.isInteger(value.o) && (value.o as number) >= 0) return value.o as number;
  } catch {
    // fall through
  }
  throw badUserInput('Invalid cursor', [{ path: 'after', message: 'Not a cursor returned by this API' }]);
}

/** `first`/`after`/`offset` as the query service's `first`/`offset`, checked. */
export function trustPageRequest(
  first: number | null | undefined,
  after: string | null | undefined,
  offset: number | null | undefined,
): { first: number; offset: number } {
  const size = first ?? TRUST_PAGE_DEFAULT;
  if (!Number.isInteger(size) || size < 1 || size > TRUST_PAGE_MAX) {
    throw badUserInput(`first must be between 1 and ${TRUST_PAGE_MAX}`, [{ path: 'first', message: `Must be 1-${TRUST_PAGE_MAX}` }]);
  }
  if (after && offset !== null && offset !== undefined) {
    throw badUserInput('Give after or offset, not both', [{ path: 'offset', message: 'Leave out offset when after is given' }]);
  }
  if (offset !== null && offset !== undefined && (!Number.isInteger(offset) || offset < 0)) {
    throw badUserInput('offset must be 0 or more', [{ path: 'offset', message: 'Must be a whole number, 0 or more' }]);
  }
  return { first: size, offset: after ? decodeTrustCursor(after) : (offset ?? 0) };
}

export function toTrustConnection(page: TrustPageView, request: { first: number; offset: number }): ResolversTypes['TrustConnection'] {
  const edges = page.items.map((node, i) => ({ node, cursor: encodeTrustCursor(request.offset + i + 1) }));
  return {
    edges,
    pageInfo: { hasNextPage: request.offset + page.items.length < page.totalCount, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: page.totalCount,
  };
}
