import fs from 'node:fs';
import path from 'node:path';
import { Clock, startCommandService, type RunningService } from '@longview/command-service';
import { EventStore, openPglite, type Database } from '@longview/event-store';
import { createGateway } from '@longview/gateway';
import { startQueryService, type RunningQueryService } from '@longview/query-service';
import { DEFAULT_GATEWAY_PORT, displayPath } from '../cli-options';
import { adminHandler } from './admin-routes';
import { devJwtSecret } from './dev-secret';
import { serviceKey as serviceKeyOf } from './service-key';
import { assertPortsFree, listening } from './ports';
import { isAlive, readRunFile, removeRunFile, runFilePath, writeRunFile, type PlatformIdentity, type RunInfo } from './run-file';

export interface EmbeddedOptions {
  /** PGlite data directory; undefined = in memory (tests). It also holds the dev key and, while running, the run file. */
  readonly dataDir?: string;
  readonly host?: string;
  /** Default 4000, 4001, 4002; 0 picks a free port (tests, and an import that opens the data itself). */
  readonly gatewayPort?: number;
  readonly commandPort?: number;
  readonly queryPort?: number;
  /** Skip the gateway (import only needs the two services). */
  readonly withGateway?: boolean;
  readonly log?: (line: string) => void;
  /**
   * Tests only: the clock of the command side and of the event store's recorded instant, so a
   * test can record events on chosen dates (time travel answers from what was recorded by a date).
   * Default: the system clock and the database's now().
   */
  readonly clock?: () => Date;
  /** Benches only: wraps the opened database (to count its statements). */
  readonly wrapDatabase?: (database: Database) => Database;
}

export interface EmbeddedPlatform {
  readonly database: Database;
  readonly eventStore: EventStore;
  readonly commandService: RunningService;
  readonly queryService: RunningQueryService;
  readonly gatewayUrl: string | undefined;
  readonly jwtSecret: string;
  /** The key of the service credentials the two services check (DIR/service-key). */
  readonly serviceKey: string;
  stop(): Promise<void>;
}

/** Another live process holds the data folder (its run file says so). */
export class DataInUseError extends Error {
  override name = 'DataInUseError';

  constructor(
    readonly dataDir: string,
    readonly holder: RunInfo,
  ) {
    super(
      `the data in ${displayPath(dataDir)} is in use by another longview process (pid ${holder.pid}, ${holder.gatewayUrl ?? holder.commandUrl}); ` +
        `stop it or choose another --data DIR (if that process is not longview, delete ${displayPath(runFilePath(dataDir))})`,
    );
  }
}

/**
 * The whole platform in one process: PGlite for events and read models, the in-process feed.
 * Every port is checked before anything starts (PortInUseError, one line naming the port and
 * its flag); a data folder already held by a live process is refused (DataInUseError).
 */
export async function startEmbeddedPlatform(options: EmbeddedOptions = {}): Promise<EmbeddedPlatform> {
  const host = options.host ?? '127.0.0.1';
  const withGateway = options.withGateway !== false;
  const claims = {
    gateway: { port: options.gatewayPort ?? DEFAULT_GATEWAY_PORT, service: 'gateway', flag: '--port' },
    command: { port: options.commandPort ?? DEFAULT_GATEWAY_PORT + 1, service: 'command-service', flag: '--command-port' },
    query: { port: options.queryPort ?? DEFAULT_GATEWAY_PORT + 2, service: 'query-service', flag: '--query-port' },
  };
  await assertPortsFree(host, withGateway ? [claims.gateway, claims.command, claims.query] : [claims.command, claims.query]);
  if (options.dataDir) {
    fs.mkdirSync(options.dataDir, { recursive: true });
    const holder = readRunFile(options.dataDir);
    if (holder && holder.pid !== process.pid && isAlive(holder.pid)) throw new DataInUseError(options.dataDir, holder);
  }
  const dataDir = options.dataDir;

  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop();
  };
  try {
    const opened = await openPglite(dataDir ? { dataDir } : {});
    stops.push(() => opened.close());
    const database = options.wrapDatabase ? options.wrapDatabase(opened) : opened;
    const eventStore = new EventStore(database, { groupCommit: true, ...(options.clock ? { clock: options.clock } : {}) });
    await eventStore.migrate();

    // One key per data folder: the gateway and the CLI sign the services' credentials with it.
    const serviceKey = serviceKeyOf(dataDir);
    // One key per data folder, the file `longview token --data DIR` signs with.
    const jwtSecret = devJwtSecret(dataDir);
    const admin = adminHandler({ database, jwtSecret });

    // The command side wakes the query side's log follower after each append (the in-process feed).
    const feed: { query?: RunningQueryService } = {};
    const identity: { value?: PlatformIdentity } = {};
    const commandService = await listening(host, claims.command, () =>
      startCommandService(
        { eventStore, onAppended: () => feed.query?.follower?.notify(), ...(options.clock ? { clock: clockOf(options.clock) } : {}) },
        {
          host,
          port: claims.command.port,
          serviceKey,
          // Who this platform is, so `import` can tell whether it holds the data folder it was given.
          beforeListen: (app) => {
            app.use('/platform', (_req: unknown, res: { json(body: unknown): void }) => res.json(identity.value ?? null));
            // Backups and exports of the running platform's data (PGlite allows no second process on the folder).
            app.use('/admin', admin);
          },
        },
      ),
    );
    stops.push(() => commandService.close());
    const queryService = await listening(host, claims.query, () =>
      startQueryService({ database, followStore: eventStore, host, port: claims.query.port, serviceKey }),
    );
    stops.push(() => queryService.close());
    feed.query = queryService;

    let gateway: { url: string; stop(): Promise<void> } | undefined;
    if (withGateway) {
      const web = webDistDir();
      gateway = await listening(host, claims.gateway, () =>
        createGateway({
          commandServiceUrl: commandService.url,
          queryServiceUrl: queryService.url,
          host,
          port: claims.gateway.port,
          jwtSecret,
          serviceKey,
          // The web client's demo sign-in (for a browser on this computer); without a token, reads only.
          demoSignIn: true,
          ...(web ? { webDistDir: web } : {}),
        }),
      );
      stops.push(() => (gateway as { stop(): Promise<void> }).stop());
    }
    identity.value = {
      pid: process.pid,
      dataDir: dataDir ?? null,
      ...(gateway ? { gatewayUrl: gateway.url } : {}),
      commandUrl: commandService.url,
      queryUrl: queryService.url,
    };
    if (dataDir) {
      writeRunFile({ ...identity.value, dataDir, startedAt: new Date().toISOString() });
      stops.splice(0, 0, async () => removeRunFile(dataDir));
    }
    return {
      database,
      eventStore,
      commandService,
      queryService,
      gatewayUrl: gateway?.url,
      jwtSecret,
      serviceKey,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll().catch(() => undefined);
    throw error;
  }
}

/** A command-side Clock reading the given function. */
function clockOf(now: () => Date): Clock {
  return new (class extends Clock {
    now(): Date {
      return now();
    }
  })();
}

/** The built web client, if it has been built (npm run build); LONGVIEW_WEB_DIST names another build (`npm run bench:web`). */
export function webDistDir(): string | undefined {
  try {
    const dir = process.env.LONGVIEW_WEB_DIST ?? builtWebClientDir();
    return fs.existsSync(path.join(dir, 'index.html')) ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** Where `npm run build` puts the web client (apps/web/dist). */
export function builtWebClientDir(): string {
  return path.join(path.dirname(require.resolve('@longview/web/package.json')), 'dist');
}
