import DataLoader from 'dataloader';
import type { SpcView } from '@longview/contracts';
import type { QueryServiceClient } from '../clients/query-service.client';
import type { ReadPosition } from '../shared/read-position';

export interface SeriesKey {
  readonly trustCode: string;
  readonly metric: string;
}

/**
 * SPC views by series: a trust page (every series' `spc`) or a page of interventions' outcomes
 * (`InterventionOutcome.spc`) costs one `GET /spc?series=` per 200 series, not one call each.
 * A pair with no series answers null.
 */
export function spcLoader(queries: QueryServiceClient, position: ReadPosition): DataLoader<SeriesKey, SpcView | null, string> {
  return new DataLoader(
    async (keys) => {
      const found = new Map((await queries.getSpcOf(keys, position.options())).map((spc) => [keyOf(spc), spc]));
      return keys.map((key) => found.get(keyOf(key)) ?? null);
    },
    { cacheKeyFn: keyOf },
  );
}

function keyOf(key: SeriesKey): string {
  return `${key.trustCode}\u0000${key.metric}`;
}
