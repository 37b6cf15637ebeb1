import { displayPath, type Ports } from '../cli-options';
import { askPlatform, isAlive, readRunFile, runFilePath, sameDir, type PlatformIdentity } from './run-file';

export type Located =
  /** A running platform to send the commands to; `line` says which. */
  | { readonly running: true; readonly platform: PlatformIdentity; readonly line: string }
  /** None that holds the folder: open it directly; `line` says why. */
  | { readonly running: false; readonly line: string };

/** The data folder's platform is alive but does not answer: opening the folder too could corrupt it. */
export class PlatformNotAnsweringError extends Error {
  override name = 'PlatformNotAnsweringError';
}

/**
 * Which platform `--data` / `--port` name. The data folder's run file names the platform that
 * holds it (its pid and URLs); its command-service confirms on GET /platform which folder it
 * holds. A platform holding another folder is never written into unless only `--port` was given
 * (then the port names it, and the line says whose data it is).
 */
export async function locatePlatform(options: {
  readonly dataDir: string;
  /** Whether --data was given (else dataDir is the default folder). */
  readonly dataGiven: boolean;
  readonly ports: Ports;
  readonly host?: string;
}): Promise<Located> {
  const { dataDir } = options;
  const host = options.host ?? '127.0.0.1';
  const at = (p: PlatformIdentity) => p.gatewayUrl ?? p.commandUrl;
  const talking = (p: PlatformIdentity): Located => ({
    running: true,
    platform: p,
    line: `Talking to the platform at ${at(p)} (data ${p.dataDir ? displayPath(p.dataDir) : 'in memory'})`,
  });

  const holder = readRunFile(dataDir);
  if (holder && isAlive(holder.pid)) {
    const answer = await askPlatform(holder.commandUrl);
    if (answer && answer.dataDir && sameDir(answer.dataDir, dataDir)) return talking(answer);
    throw new PlatformNotAnsweringError(
      `the platform holding ${displayPath(dataDir)} (pid ${holder.pid}) does not answer at ${holder.commandUrl}; ` +
        `wait until it is ready, or stop it (if pid ${holder.pid} is not longview, delete ${displayPath(runFilePath(dataDir))})`,
    );
  }

  const commandUrl = `http://${host}:${options.ports.command}`;
  const answer = await askPlatform(commandUrl);
  if (answer) {
    if (answer.dataDir && sameDir(answer.dataDir, dataDir)) return talking(answer);
    if (!options.dataGiven && options.ports.chosen) return talking(answer);
    return {
      running: false,
      line: `The platform on port ${options.ports.gateway} holds ${answer.dataDir ? displayPath(answer.dataDir) : 'in-memory data'}, not ${displayPath(dataDir)}: opening ${displayPath(dataDir)} directly`,
    };
  }
  if (await answersHealth(commandUrl)) {
    // A distributed command-service (or another program) has no data folder to compare: never guess.
    return {
      running: false,
      line:
        `Port ${options.ports.command} answers, but not as an embedded platform holding ${displayPath(dataDir)}: opening ${displayPath(dataDir)} directly ` +
        '(to import into a distributed platform, give --command-url and --query-url)',
    };
  }
  return { running: false, line: `No platform running on port ${options.ports.gateway}: opening ${displayPath(dataDir)} directly` };
}

async function answersHealth(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}
