import type { Resolvers } from '../__generated__/resolvers-types';
import { trustOf } from '../trusts/trusts.reads';
import * as reads from './peers.reads';

export const resolvers: Resolvers = {
  Trust: {
    peers: (trust, { limit }, ctx) => reads.trustPeers(ctx, trust, limit),
  },
  Peer: {
    // Batched with every other trust look-up of the request.
    trust: (peer, _, ctx) => trustOf(ctx, peer.code),
  },
};
