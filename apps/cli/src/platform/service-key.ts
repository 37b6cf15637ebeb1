import { SYSTEM_ACTOR_IDS, type Actor } from '@longview/domain';
import { HttpCommandServiceClient, HttpQueryServiceClient, type CommandServiceClient, type QueryServiceClient } from '@longview/gateway';
import { SERVICE_KEY_ENV, serviceKeyFromEnv } from '@longview/service-auth';
import { displayPath } from '../cli-options';
import { existingLocalKey, localKey } from './local-key';

export const SERVICE_KEY_FILE = 'service-key';

/** Who the demo loader and the imports (A&E, trust series) act as: SYSTEM, which only the CLI may sign for. */
// Their ids tell the query side where a trust came from (trustSourceOf: DEMO, IMPORTED).
export const DEMO_LOADER: Actor = { id: SYSTEM_ACTOR_IDS.demoLoader, role: 'SYSTEM' };
export const AE_IMPORTER: Actor = { id: SYSTEM_ACTOR_IDS.aeImport, role: 'SYSTEM' };
export const SERIES_IMPORTER: Actor = { id: SYSTEM_ACTOR_IDS.seriesImport, role: 'SYSTEM' };

/**
 * The key of the service credentials (see @longview/service-auth): the gateway and the CLI sign
 * with it, the command and query services check with it. One per data folder (DIR/service-key,
 * made on first use, like dev-jwt-secret), in memory without a folder; LONGVIEW_SERVICE_KEY, when
 * set, is the key for all of them. `start --distributed` uses the default data folder's key.
 */
export function serviceKey(dir: string | undefined): string {
  // Read as the services read it (trimmed, long enough), so both sides agree.
  if (process.env[SERVICE_KEY_ENV]) return serviceKeyFromEnv(process.env);
  return localKey(dir, SERVICE_KEY_FILE, SERVICE_KEY_ENV);
}

/** The key of a running platform is nowhere this process can read it. */
export class ServiceKeyMissingError extends Error {
  override name = 'ServiceKeyMissingError';
}

/** The key of a platform that already runs on `dir` (it made the key when it started); null: one with in-memory data. */
export function runningPlatformServiceKey(dir: string | null): string {
  if (process.env[SERVICE_KEY_ENV]) return serviceKeyFromEnv(process.env);
  const key = dir ? existingLocalKey(dir, SERVICE_KEY_FILE, SERVICE_KEY_ENV) : undefined;
  if (key) return key;
  throw new ServiceKeyMissingError(
    dir
      ? `${displayPath(dir)} has no ${SERVICE_KEY_FILE} to talk to its platform with; set ${SERVICE_KEY_ENV} to the platform's key`
      : `the platform keeps its data and its service key in memory; set ${SERVICE_KEY_ENV} to its key to talk to it`,
  );
}

/** Clients of the two services that send the CLI's credentials (issuer longview-cli) for `actor`. */
export function cliClients(
  urls: { readonly commandUrl: string; readonly queryUrl: string },
  key: string,
  actor: Actor,
): { commands: CommandServiceClient; queries: QueryServiceClient } {
  const options = { serviceKey: key, issuer: 'longview-cli' } as const;
  return {
    commands: new HttpCommandServiceClient(urls.commandUrl, options).forActor(actor),
    queries: new HttpQueryServiceClient(urls.queryUrl, options).forViewer(actor),
  };
}
