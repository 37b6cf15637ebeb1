import fs from 'node:fs';
import path from 'node:path';

/**
 * While an embedded platform runs, its data folder holds this file: who holds the data (pid)
 * and where its services answer. `import` reads it to find the platform that owns a data
 * folder, and a second `start` on the same folder reads it to refuse (PGlite allows one
 * process per data folder).
 */
export const RUN_FILE = 'longview-platform.json';

export interface RunInfo {
  readonly pid: number;
  readonly dataDir: string;
  /** Undefined when the platform runs without a gateway (an import that opened the folder itself). */
  readonly gatewayUrl?: string;
  readonly commandUrl: string;
  readonly queryUrl: string;
  readonly startedAt: string;
}

export function runFilePath(dataDir: string): string {
  return path.join(dataDir, RUN_FILE);
}

/** The run file of a data folder, if there is one and it parses. */
export function readRunFile(dataDir: string): RunInfo | undefined {
  try {
    const info = JSON.parse(fs.readFileSync(runFilePath(dataDir), 'utf8')) as Partial<RunInfo>;
    if (typeof info.pid !== 'number' || typeof info.commandUrl !== 'string' || typeof info.queryUrl !== 'string') return undefined;
    return info as RunInfo;
  } catch {
    return undefined;
  }
}

export function writeRunFile(info: RunInfo): void {
  const file = runFilePath(info.dataDir);
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(info, null, 2)}\n`);
  fs.renameSync(`${file}.tmp`, file);
}

/** Removes the run file if it is still this process's (a later platform may have replaced it). */
export function removeRunFile(dataDir: string, pid: number = process.pid): void {
  if (readRunFile(dataDir)?.pid === pid) fs.rmSync(runFilePath(dataDir), { force: true });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The same folder, however it was spelled (symlinks, trailing slashes). */
export function sameDir(a: string, b: string): boolean {
  const real = (dir: string) => {
    try {
      return fs.realpathSync(dir);
    } catch {
      return path.resolve(dir);
    }
  };
  return real(a) === real(b);
}

/** What an embedded platform's command-service answers on GET /platform. */
export interface PlatformIdentity {
  readonly pid: number;
  readonly dataDir: string | null;
  readonly gatewayUrl?: string;
  readonly commandUrl: string;
  readonly queryUrl: string;
}

/** Asks `commandUrl` which platform it belongs to; undefined when nothing (or not an embedded Longview) answers. */
export async function askPlatform(commandUrl: string): Promise<PlatformIdentity | undefined> {
  try {
    const response = await fetch(`${commandUrl}/platform`, { signal: AbortSignal.timeout(2000) });
    if (!response.ok) return undefined;
    const body = (await response.json()) as Partial<PlatformIdentity>;
    return typeof body.pid === 'number' && typeof body.queryUrl === 'string' ? (body as PlatformIdentity) : undefined;
  } catch {
    return undefined;
  }
}
