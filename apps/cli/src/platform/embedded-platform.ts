import fs from 'node:fs';
import path from 'node:path';
import { startCommandService, type RunningService } from '@longview/command-service';
import { EventStore, openPglite, type Database } from '@longview/event-store';
import { createGateway } from '@longview/gateway';
import { startQueryService, type RunningQueryService } from '@longview/query-service';
import { devJwtSecret } from './dev-secret';

export interface EmbeddedOptions {
  /** PGlite data directory; undefined = in memory (tests). */
  readonly dataDir?: string;
  /** Where the dev JWT secret is kept; defaults to dataDir's parent, or a fresh secret in memory. */
  readonly secretDir?: string;
  readonly host?: string;
  readonly gatewayPort?: number;
  readonly commandPort?: number;
  readonly queryPort?: number;
  /** Skip the gateway (import only needs the two services). */
  readonly withGateway?: boolean;
  readonly log?: (line: string) => void;
}

export interface EmbeddedPlatform {
  readonly database: Database;
  readonly eventStore: EventStore;
  readonly commandService: RunningService;
  readonly queryService: RunningQueryService;
  readonly gatewayUrl: string | undefined;
  readonly jwtSecret: string;
  stop(): Promise<void>;
}

/** The whole platform in one process: PGlite for events and read models, the in-process feed. */
export async function startEmbeddedPlatform(options: EmbeddedOptions = {}): Promise<EmbeddedPlatform> {
  const host = options.host ?? '127.0.0.1';
  if (options.dataDir) fs.mkdirSync(options.dataDir, { recursive: true });
  const database = await openPglite(options.dataDir ? { dataDir: options.dataDir } : {});
  const eventStore = new EventStore(database);
  await eventStore.migrate();

  // The command side wakes the query side's log follower after each append (the in-process feed).
  const feed: { query?: RunningQueryService } = {};
  const commandService = await startCommandService(
    { eventStore, onAppended: () => feed.query?.follower?.notify() },
    { host, port: options.commandPort ?? 4001 },
  );
  const queryService = await startQueryService({ database, followStore: eventStore, host, port: options.queryPort ?? 4002 });
  feed.query = queryService;

  const jwtSecret = devJwtSecret(options.secretDir ?? (options.dataDir ? path.dirname(options.dataDir) : undefined));
  let gateway: { url: string; stop(): Promise<void> } | undefined;
  if (options.withGateway !== false) {
    gateway = await createGateway({
      commandServiceUrl: commandService.url,
      queryServiceUrl: queryService.url,
      host,
      port: options.gatewayPort ?? 4000,
      jwtSecret,
      anonymousActor: { id: 'embedded-dev', role: 'ADMIN' },
      ...(webDistDir() ? { webDistDir: webDistDir() as string } : {}),
    });
  }
  return {
    database,
    eventStore,
    commandService,
    queryService,
    gatewayUrl: gateway?.url,
    jwtSecret,
    async stop() {
      await gateway?.stop();
      await commandService.close();
      await queryService.close();
      await database.close();
    },
  };
}

/** The built web client, if it has been built (npm run build). */
export function webDistDir(): string | undefined {
  try {
    const dir = path.join(path.dirname(require.resolve('@longview/web/package.json')), 'dist');
    return fs.existsSync(path.join(dir, 'index.html')) ? dir : undefined;
  } catch {
    return undefined;
  }
}
