import type { Ports } from '../cli-options';
import { DataInUseError, startEmbeddedPlatform } from './embedded-platform';
import { locatePlatform, PlatformNotAnsweringError } from './locate-platform';
import { runningPlatformServiceKey, serviceKey, ServiceKeyMissingError } from './service-key';

/** Where an import writes: the services' URLs, the service key to sign with, and how to let go of them afterwards. */
export interface ImportTarget {
  readonly commandUrl: string;
  readonly queryUrl: string;
  readonly serviceKey: string;
  stop(): Promise<void>;
}

/**
 * The platform an import writes into (shared by `import ae` and `import series`): the services
 * given by URL, else the platform that holds the data folder while one runs, else the folder
 * opened in process. Says which on `log`. Null (after writing why on stderr) when it cannot.
 * Send through `cliClients(target, target.serviceKey, actor)` (see service-key.ts).
 */
export async function openImportTarget(
  command: string,
  options: { commandUrl?: string; queryUrl?: string; dataDir: string; dataGiven: boolean; ports: Ports; log: (line: string) => void },
): Promise<ImportTarget | null> {
  const { log } = options;
  try {
    if (options.commandUrl && options.queryUrl) {
      log(`Talking to the services at ${options.commandUrl} and ${options.queryUrl} (as given)`);
      // A distributed platform's key: LONGVIEW_SERVICE_KEY, else the default data folder's (what `start --distributed` uses).
      return { commandUrl: options.commandUrl, queryUrl: options.queryUrl, serviceKey: serviceKey(options.dataDir), stop: async () => undefined };
    }
    const located = await locatePlatform({ dataDir: options.dataDir, dataGiven: options.dataGiven, ports: options.ports });
    log(located.line);
    if (located.running) {
      return {
        commandUrl: located.platform.commandUrl,
        queryUrl: located.platform.queryUrl,
        serviceKey: runningPlatformServiceKey(located.platform.dataDir),
        stop: async () => undefined,
      };
    }
    const platform = await startEmbeddedPlatform({ dataDir: options.dataDir, withGateway: false, commandPort: 0, queryPort: 0 });
    return { commandUrl: platform.commandService.url, queryUrl: platform.queryService.url, serviceKey: platform.serviceKey, stop: () => platform.stop() };
  } catch (error) {
    if (error instanceof PlatformNotAnsweringError || error instanceof DataInUseError || error instanceof ServiceKeyMissingError) {
      process.stderr.write(`longview ${command}: ${error.message}\n`);
      return null;
    }
    throw error;
  }
}
