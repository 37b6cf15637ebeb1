import type { Actor } from '@longview/domain';
import type { CommandServiceClient } from './clients/command-service.client';
import type { QueryServiceClient } from './clients/query-service.client';

/** What every resolver gets: typed clients for the two services and the (authenticated) actor. */
export interface GatewayContext {
  readonly commands: CommandServiceClient;
  readonly queries: QueryServiceClient;
  /** Null for an anonymous request (public reads only, unless the gateway has an `anonymousActor`). */
  readonly actor: Actor | null;
}
