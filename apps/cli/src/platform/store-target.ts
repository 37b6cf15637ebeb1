import fs from 'node:fs';
import path from 'node:path';
import { openPglite, openPostgres, type Database } from '@longview/event-store';
import { dataDirFrom, displayPath } from '../cli-options';
import { DEFAULT_EVENTS_DATABASE, DEFAULT_READ_DATABASE } from './distributed-platform';
import { isAlive, readRunFile, type RunInfo } from './run-file';

/** PGlite allows one process per folder: opening one a running platform holds could corrupt it. */
export class DataHeldError extends Error {
  override name = 'DataHeldError';

  constructor(
    readonly dataDir: string,
    readonly holder: RunInfo,
    what = 'stop it first',
  ) {
    super(`the platform at ${holder.gatewayUrl ?? holder.commandUrl} (pid ${holder.pid}) holds ${displayPath(dataDir)}: ${what}`);
  }
}

/** The event log and the read models an admin command works on, opened directly. */
export interface StoreTarget {
  readonly read: Database;
  /** The event log when it lives elsewhere (distributed); undefined = in `read` (embedded). */
  readonly events: Database | undefined;
  readonly describe: string;
  close(): Promise<void>;
}

export interface StoreTargetOptions {
  readonly data?: string | undefined;
  readonly 'database-url'?: string | undefined;
  readonly 'query-database-url'?: string | undefined;
}

/** The embedded platform holding `dir`, if one is alive. */
export function livePlatformHolding(dir: string): RunInfo | undefined {
  const holder = readRunFile(dir);
  return holder && isAlive(holder.pid) ? holder : undefined;
}

/** Whether `dir` holds a PGlite (PostgreSQL) cluster. */
export function holdsEmbeddedData(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'PG_VERSION'));
}

/** Opens the embedded data in `dir` (refusing when a live platform holds it). */
export async function openEmbeddedTarget(dir: string): Promise<StoreTarget> {
  const holder = livePlatformHolding(dir);
  if (holder) throw new DataHeldError(dir, holder);
  const db = await openPglite({ dataDir: dir });
  return { read: db, events: undefined, describe: `embedded data in ${path.relative(process.cwd(), dir) || dir}`, close: () => db.close() };
}

/** The distributed databases: the flags, else DATABASE_URL / QUERY_DATABASE_URL, else the local defaults. */
export function distributedUrls(values: StoreTargetOptions): { events: string; read: string } {
  const server = `postgres://postgres@127.0.0.1:${process.env['LONGVIEW_PG_PORT'] ?? '54329'}`;
  return {
    read: values['query-database-url'] ?? process.env['QUERY_DATABASE_URL'] ?? `${server}/${DEFAULT_READ_DATABASE}`,
    events: values['database-url'] ?? process.env['DATABASE_URL'] ?? `${server}/${DEFAULT_EVENTS_DATABASE}`,
  };
}

export async function openDistributedTarget(values: StoreTargetOptions): Promise<StoreTarget> {
  const urls = distributedUrls(values);
  const read = await openPostgres(urls.read, { max: 2 });
  const events = await openPostgres(urls.events, { max: 2 });
  return {
    read,
    events,
    describe: `read models in ${redact(urls.read)}, events in ${redact(urls.events)}`,
    close: async () => {
      await read.close();
      await events.close();
    },
  };
}

/**
 * Where the read models are: `--data DIR` (embedded PGlite; the platform must not be running),
 * else QUERY_DATABASE_URL / DATABASE_URL (or the flags), else the local distributed defaults.
 */
export async function openStoreTarget(values: StoreTargetOptions): Promise<StoreTarget> {
  if (values.data !== undefined) return openEmbeddedTarget(dataDirFrom(values.data));
  return openDistributedTarget(values);
}

/** A connection string fit to print: the password masked. */
export function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
