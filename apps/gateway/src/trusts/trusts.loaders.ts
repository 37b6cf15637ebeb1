import DataLoader from 'dataloader';
import type { TrustView } from '@longview/contracts';
import type { QueryServiceClient } from '../clients/query-service.client';
import { inKeyOrder } from '../shared/batch';
import type { ReadPosition } from '../shared/read-position';

/** Trusts by ODS code: every code asked for in one tick costs one `GET /trusts?codes=`. */
export function trustLoader(queries: QueryServiceClient, position: ReadPosition): DataLoader<string, TrustView | null> {
  return new DataLoader(async (codes) => inKeyOrder(codes, await queries.getTrusts(codes, position.options()), (trust) => trust.code));
}
