import DataLoader from 'dataloader';
import type { SpcView } from '@longview/contracts';
import type { QueryServiceClient } from '../clients/query-service.client';
import type { ReadPosition } from '../shared/read-position';

export interface SeriesKey {
  readonly trustCode: string;
  readonly metric: string;
  /** Time travel: the series' SPC as of this day (YYYY-MM-DD); absent = now. */
  readonly asOf?: string;
}

/**
 * SPC views by series: the query service has no batch route for them, so this only makes each
 * series cost one call per request (MetricSeries.spc and InterventionOutcome.spc share it).
 */
export function spcLoader(queries: QueryServiceClient, position: ReadPosition): DataLoader<SeriesKey, SpcView | null, string> {
  return new DataLoader(
    (keys) =>
      Promise.all(
        keys.map((key) =>
          (key.asOf
            ? queries.getSeriesSpcAsOf(key.trustCode, key.metric, key.asOf, undefined, position.options())
            : queries.getSeriesSpc(key.trustCode, key.metric, position.options())
          ).catch((error: unknown) => toError(error)),
        ),
      ),
    { cacheKeyFn: (key) => `${key.trustCode}\u0000${key.metric}\u0000${key.asOf ?? ''}` },
  );
}

/** A failed key fails alone (DataLoader rejects the loads whose value is an Error). */
function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
