import type { PeerView, TrustView } from '@longview/contracts';
import type { GatewayContext } from '../context';
import { badUserInput } from '../shared/errors';

const MAX_PEERS = 50;

export async function trustPeers(context: GatewayContext, trust: TrustView, limit: number | null | undefined): Promise<readonly PeerView[]> {
  const n = limit ?? 5;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PEERS) {
    throw badUserInput(`limit must be between 1 and ${MAX_PEERS}`, [{ path: 'limit', message: `Must be 1-${MAX_PEERS}` }]);
  }
  return (await context.loaders.peers.load({ trustCode: trust.code, limit: n })) ?? [];
}
