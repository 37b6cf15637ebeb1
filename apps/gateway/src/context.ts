import type { Actor } from '@longview/domain';
import type { CommandServiceClient, CommandServiceConnection } from './clients/command-service.client';
import type { QueryServiceClient, QueryServiceConnection } from './clients/query-service.client';
import { clearLoaders, createLoaders, type Loaders } from './loaders';
import type { ActivityTicker } from './activity/activity.feed';
import { ReadPosition } from './shared/read-position';

/** The two services, for anyone: each request binds them to its actor. */
export interface GatewayServices {
  readonly commands: CommandServiceConnection;
  readonly queries: QueryServiceConnection;
}

/** What every resolver gets: typed clients for the two services bound to the (authenticated) actor, and per-request state. */
export interface GatewayContext {
  /** The command service, acting as `actor` (the service credential of every call names them). */
  readonly commands: CommandServiceClient;
  /** The query service, reading for `actor` as the viewer. */
  readonly queries: QueryServiceClient;
  /** Null for an anonymous request: public reads only, in every mode. */
  readonly actor: Actor | null;
  /** The signed-in person's name (Query.viewer); null when signed out. */
  readonly viewerName: string | null;
  /** The request's read position: a mutation moves it forward, every later read waits for it. */
  readonly position: ReadPosition;
  /** The request's DataLoaders (batched and cached look-ups by key). */
  readonly loaders: Loaders;
  /** Over graphql-ws only: the gateway's one poll of the activity feed that subscriptions wait on. */
  readonly activityTicker?: ActivityTicker;
}

/** A new context per request: clients bound to its actor, fresh loaders (nothing cached across requests or viewers). */
export function createGatewayContext(services: GatewayServices, actor: Actor | null, viewerName: string | null = null): GatewayContext {
  const position = new ReadPosition();
  // The command side records who acted by name too (a mentor, an author), from the verified token only.
  const commands = services.commands.forActor(actor && viewerName ? { ...actor, name: viewerName } : actor);
  const queries = services.queries.forViewer(actor);
  const loaders = createLoaders(queries, position);
  // What was cached before a write is stale after it.
  position.onAdvance(() => clearLoaders(loaders));
  return { commands, queries, actor, viewerName: actor ? viewerName : null, position, loaders };
}
