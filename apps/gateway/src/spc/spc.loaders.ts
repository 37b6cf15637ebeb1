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
 * SPC views by series: a trust page (every series' `spc`) or a page of interventions' outcomes
 * (`InterventionOutcome.spc`) costs one `GET /spc?series=` per 200 series, not one call each.
 * A pair with no series answers null.
 */
export function spcLoader(queries: QueryServiceClient, position: ReadPosition): DataLoader<SeriesKey, SpcView | null, string> {
  return new DataLoader(
    async (keys) => {
      // Now: one batch read. As of a date (time travel, a page rarely asks for many): one call each.
      const now = keys.filter((key) => !key.asOf);
      const found = new Map((now.length > 0 ? await queries.getSpcOf(now, position.options()) : []).map((spc) => [keyOf(spc), spc]));
      return Promise.all(
        keys.map((key) =>
          key.asOf
            ? queries.getSeriesSpcAsOf(key.trustCode, key.metric, key.asOf, undefined, position.options()).catch((error: unknown) => toError(error))
            : Promise.resolve(found.get(keyOf(key)) ?? null),
        ),
      );
    },
    { cacheKeyFn: keyOf },
  );
}

function keyOf(key: SeriesKey): string {
  return `${key.trustCode}\u0000${key.metric}\u0000${key.asOf ?? ''}`;
}

/** A failed key fails alone (DataLoader rejects the loads whose value is an Error). */
function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
