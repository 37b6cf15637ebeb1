import DataLoader from 'dataloader';
import type { OutcomeView } from '@longview/contracts';
import type { QueryServiceClient } from '../clients/query-service.client';
import type { ReadPosition } from '../shared/read-position';

/**
 * Outcomes by intervention id: a page of interventions asking for `outcomes` costs one
 * `GET /outcomes?ids=` per 200 interventions, not one call each. An id that is missing or
 * hidden from the viewer answers null (the same answer).
 */
export function outcomesLoader(queries: QueryServiceClient, position: ReadPosition): DataLoader<string, readonly OutcomeView[] | null> {
  return new DataLoader(async (ids) => {
    const found = new Map((await queries.getOutcomesOf(ids, position.options())).map((answer) => [answer.interventionId, answer.outcomes]));
    return ids.map((id) => found.get(id) ?? null);
  });
}
