import DataLoader from 'dataloader';
import type { LocalMeasureView } from '@longview/contracts';
import type { QueryServiceClient } from '../clients/query-service.client';
import { inKeyOrder } from '../shared/batch';
import type { ReadPosition } from '../shared/read-position';

/** Each trust's local measures: every trust asked for in one tick costs one `GET /local-measures?trusts=`. */
export function localMeasuresLoader(queries: QueryServiceClient, position: ReadPosition): DataLoader<string, readonly LocalMeasureView[]> {
  return new DataLoader(async (codes) =>
    inKeyOrder(codes, await queries.listLocalMeasuresOf(codes, position.options()), (entry) => entry.trustCode).map((entry) => entry?.measures ?? []),
  );
}
