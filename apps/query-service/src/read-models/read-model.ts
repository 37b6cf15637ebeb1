import type { Type } from '@nestjs/common';
import type { Database } from '@longview/event-store';
import type { Projection } from '../runner/projection';

/**
 * One read model's slice, as the registry lists it: the projection that fills its tables, the
 * queries over those tables (constructed with the read database, injectable by their class) and
 * the Nest controllers of its HTTP surface.
 */
export interface ReadModel {
  readonly projection: Projection;
  readonly queries: new (db: Database) => object;
  readonly controllers: readonly Type<unknown>[];
}
