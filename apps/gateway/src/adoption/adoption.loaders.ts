import DataLoader from 'dataloader';
import type { LineageView } from '@longview/contracts';
import type { QueryServiceClient } from '../clients/query-service.client';
import type { ReadPosition } from '../shared/read-position';

/**
 * Lineages by intervention id, as the request's viewer may see them (null: missing or hidden):
 * asked once per intervention per request, however many of adoptions/lineage a query selects.
 */
export function lineageLoader(queries: QueryServiceClient, position: ReadPosition): DataLoader<string, LineageView | null> {
  return new DataLoader(async (ids) => Promise.all(ids.map((id) => queries.getInterventionLineage(id, position.options()))));
}
