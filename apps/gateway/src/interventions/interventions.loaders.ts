import DataLoader from 'dataloader';
import type { InterventionView } from '@longview/contracts';
import type { QueryServiceClient } from '../clients/query-service.client';
import { inKeyOrder } from '../shared/batch';
import type { ReadPosition } from '../shared/read-position';

/**
 * Interventions by id, as the request's viewer may see them (the query service leaves hidden ones
 * out, like missing ones): every id asked for in one tick costs one `GET /interventions?ids=`
 * (the client splits large batches).
 */
export function interventionLoader(queries: QueryServiceClient, position: ReadPosition): DataLoader<string, InterventionView | null> {
  return new DataLoader(async (ids) => inKeyOrder(ids, await queries.getInterventions(ids, position.options()), (intervention) => intervention.id));
}
