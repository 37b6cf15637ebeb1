import type { InterventionPage } from '@longview/contracts';
import type { ResolversTypes } from '../__generated__/resolvers-types';
import { badUserInput } from '../shared/errors';

/**
 * Relay cursors over the query service's opaque page cursors. The service only returns the
 * cursor of a page's last item, so a gateway cursor is `(page cursor, items to skip)`: any
 * edge can be resumed from, whatever the service's cursor format.
 */
interface CursorParts {
  /** The query-service cursor the page was read after (absent = from the start). */
  readonly after?: string;
  readonly skip: number;
}

export const MAX_PAGE_SIZE = 100;

export function encodeCursor(parts: CursorParts): string {
  return Buffer.from(JSON.stringify(parts.after === undefined ? { s: parts.skip } : { a: parts.after, s: parts.skip }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): CursorParts {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { a?: unknown; s?: unknown };
    if (typeof value === 'object' && value !== null && Number.isInteger(value.s) && (value.s as number) >= 0) {
      if (value.a === undefined) return { skip: value.s as number };
      if (typeof value.a === 'string') return { after: value.a, skip: value.s as number };
    }
  } catch {
    // fall through
  }
  throw badUserInput('Invalid cursor', [{ path: 'after', message: 'Not a cursor returned by this API' }]);
}

/** The furthest `offset` (a page link) may start from. */
export const MAX_OFFSET = 100;

/** What to ask the query service for, given the GraphQL `first`/`after` (or `offset`: a page number's start). */
export function pageRequest(
  first: number | null | undefined,
  after: string | null | undefined,
  offset?: number | null,
): { first?: number; after?: string; skip: number } {
  if (first !== null && first !== undefined && (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE)) {
    throw badUserInput(`first must be between 0 and ${MAX_PAGE_SIZE}`, [{ path: 'first', message: `Must be 0-${MAX_PAGE_SIZE}` }]);
  }
  if (offset !== null && offset !== undefined) {
    if (after) throw badUserInput('Give after or offset, not both', [{ path: 'offset', message: 'Leave out offset when after is given' }]);
    if (!Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET) {
      throw badUserInput(`offset must be between 0 and ${MAX_OFFSET}`, [{ path: 'offset', message: `Must be 0-${MAX_OFFSET}` }]);
    }
  }
  const parts = after ? decodeCursor(after) : { skip: offset ?? 0 };
  return {
    ...(first !== null && first !== undefined ? { first: first + parts.skip } : {}),
    ...(parts.after !== undefined ? { after: parts.after } : {}),
    skip: parts.skip,
  };
}

/** Builds the Relay connection from a service page (already only what the viewer may see, and counted so). */
export function toConnection(page: InterventionPage, request: { first?: number; after?: string; skip: number }): ResolversTypes['InterventionConnection'] {
  const items = page.items.slice(request.skip);
  const edges = items.map((node, index) => ({
    node,
    cursor:
      index === items.length - 1 && page.endCursor !== null
        ? encodeCursor({ after: page.endCursor, skip: 0 })
        : encodeCursor({ ...(request.after !== undefined ? { after: request.after } : {}), skip: request.skip + index + 1 }),
  }));
  const lastCursor = edges.at(-1)?.cursor ?? null;
  return {
    edges,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: lastCursor },
    totalCount: page.totalCount,
  };
}
