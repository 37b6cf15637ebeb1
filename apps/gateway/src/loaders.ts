import type { QueryServiceClient } from './clients/query-service.client';
import { lineageLoader } from './adoption/adoption.loaders';
import { interventionLoader } from './interventions/interventions.loaders';
import { localMeasuresLoader } from './measures/measures.loaders';
import { metricCoverageLoader } from './coverage/coverage.loaders';
import { outcomesLoader } from './outcomes/outcomes.loaders';
import { peersLoader } from './peers/peers.loaders';
import type { ReadPosition } from './shared/read-position';
import { spcLoader } from './spc/spc.loaders';
import { trustLoader } from './trusts/trusts.loaders';

/** The per-request DataLoaders of the areas that look things up by key: one line each. */
export function createLoaders(queries: QueryServiceClient, position: ReadPosition) {
  return {
    trusts: trustLoader(queries, position),
    interventions: interventionLoader(queries, position),
    spc: spcLoader(queries, position),
    metricCoverage: metricCoverageLoader(queries, position),
    lineage: lineageLoader(queries, position),
    peers: peersLoader(queries, position),
    outcomes: outcomesLoader(queries, position),
    localMeasures: localMeasuresLoader(queries, position),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

export function clearLoaders(loaders: Loaders): void {
  for (const loader of Object.values(loaders)) loader.clearAll();
}
