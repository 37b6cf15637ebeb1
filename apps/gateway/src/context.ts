import type { Actor } from '@longview/domain';
import type { CommandServiceClient } from './clients/command-service.client';
import type { QueryServiceClient } from './clients/query-service.client';
import { clearLoaders, createLoaders, type Loaders } from './loaders';
import { ReadPosition } from './shared/read-position';

export interface GatewayServices {
  readonly commands: CommandServiceClient;
  readonly queries: QueryServiceClient;
}

/** What every resolver gets: typed clients for the two services, the (authenticated) actor, and per-request state. */
export interface GatewayContext extends GatewayServices {
  /** Null for an anonymous request: public reads only, in every mode. */
  readonly actor: Actor | null;
  /** The signed-in person's name (Query.viewer); null when signed out. */
  readonly viewerName: string | null;
  /** The request's read position: a mutation moves it forward, every later read waits for it. */
  readonly position: ReadPosition;
  /** The request's DataLoaders (batched and cached look-ups by key). */
  readonly loaders: Loaders;
}

/** A new context per request: fresh loaders (nothing cached across requests or viewers). */
export function createGatewayContext(services: GatewayServices, actor: Actor | null, viewerName: string | null = null): GatewayContext {
  const position = new ReadPosition();
  const loaders = createLoaders(services.queries, position);
  // What was cached before a write is stale after it.
  position.onAdvance(() => clearLoaders(loaders));
  return { commands: services.commands, queries: services.queries, actor, viewerName: actor ? viewerName : null, position, loaders };
}
