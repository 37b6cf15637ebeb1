import DataLoader from 'dataloader';
import type { PeerView, TrustPeersView } from '@longview/contracts';
import type { QueryServiceClient } from '../clients/query-service.client';
import type { ReadPosition } from '../shared/read-position';

export interface PeersKey {
  readonly trustCode: string;
  readonly limit: number;
}

/**
 * Peers by trust and limit: a list of trusts asking for `peers(limit: 10)` costs one
 * `GET /peers?codes=` per 200 trusts (one per distinct limit), not one call per trust.
 * A code that is not a trust answers null.
 */
export function peersLoader(queries: QueryServiceClient, position: ReadPosition): DataLoader<PeersKey, readonly PeerView[] | null, string> {
  return new DataLoader(
    async (keys) => {
      const byLimit = new Map<number, string[]>();
      for (const key of keys) byLimit.set(key.limit, [...(byLimit.get(key.limit) ?? []), key.trustCode]);
      const answers = new Map<string, readonly PeerView[]>();
      await Promise.all(
        [...byLimit].map(async ([limit, codes]) => {
          const found: readonly TrustPeersView[] = await queries.getPeersOf([...new Set(codes)], limit, position.options());
          for (const trust of found) answers.set(keyOf({ trustCode: trust.code, limit }), trust.peers);
        }),
      );
      return keys.map((key) => answers.get(keyOf(key)) ?? null);
    },
    { cacheKeyFn: keyOf },
  );
}

function keyOf(key: PeersKey): string {
  return `${key.trustCode}\u0000${key.limit}`;
}
