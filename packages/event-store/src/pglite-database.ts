import fs from 'node:fs';
import { PGlite, types, type Transaction } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';
import { type Database, type QueryResult, parseDateAsString, transactionHandleCannotClose } from './database';

export interface PgliteOptions {
  /** Directory for durable storage; omitted = in-memory (lost on close). */
  dataDir?: string;
  /**
   * With a dataDir: 'fsync' (default) makes PostgreSQL flush its WAL to the disk before a commit
   * returns, and its data files at checkpoints, as a server does, so a committed write survives
   * a power loss or an OS crash. 'none' is PGlite's own default: no flush at all, so writes
   * survive a killed process (the OS still has them) but not a power loss. See durableNodeFs.
   */
  durability?: 'fsync' | 'none';
}

/** PGlite starts PostgreSQL with `-F` (fsync off); the durable mode starts it without. */
const NO_FSYNC_FLAG = '-F';

/**
 * PGlite's Node filesystem, made to flush. Out of the box nothing reaches the disk on purpose:
 * PGlite passes `-F` (fsync = off), Emscripten's fdatasync() is a no-op, and its fsync() calls
 * the filesystem's `stream_ops.fsync`, which NODEFS does not define (pglite issue #1107). Here
 * that hook calls the host's fsync on the file (or directory) behind the stream, and PostgreSQL
 * runs with fsync on and wal_sync_method = fsync, so it goes through that hook: WAL at every
 * commit, data files and directories at checkpoints.
 */
class DurableNodeFS extends NodeFS {
  override async init(pg: PGlite, opts: Parameters<NodeFS['init']>[1]): ReturnType<NodeFS['init']> {
    const result = await super.init(pg, opts);
    const preRun = [...((result.emscriptenOpts.preRun as ((mod: unknown) => void)[] | undefined) ?? [])];
    preRun.push((mod) => installFsync(mod as EmscriptenWithNodefs));
    return { emscriptenOpts: { ...result.emscriptenOpts, preRun } };
  }
}

interface NodefsStream {
  nfd?: number;
  node: unknown;
}
interface EmscriptenWithNodefs {
  NODEFS: { stream_ops: { fsync?: (stream: NodefsStream) => number }; realPath(node: unknown): string };
}

function installFsync(mod: EmscriptenWithNodefs): void {
  const nodefs = mod.NODEFS;
  nodefs.stream_ops.fsync = (stream) => {
    if (typeof stream.nfd === 'number') {
      fs.fsyncSync(stream.nfd);
      return 0;
    }
    // Directories have no host descriptor in NODEFS: open the directory itself to flush its entries.
    const fd = fs.openSync(nodefs.realPath(stream.node), 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    return 0;
  };
}

/**
 * Opens an embedded PostgreSQL (PGlite, WASM). PGlite is a single connection: its own
 * `transaction()` holds a mutex, so queries issued outside a running transaction wait
 * for it instead of leaking into it. Transactions are therefore serialised.
 */
export async function openPglite(options: PgliteOptions = {}): Promise<Database> {
  const durable = options.dataDir !== undefined && (options.durability ?? 'fsync') === 'fsync';
  const pglite = await PGlite.create({
    ...(options.dataDir === undefined ? {} : durable ? { fs: new DurableNodeFS(options.dataDir) } : { dataDir: options.dataDir }),
    ...(durable ? { startParams: [...PGlite.defaultStartParams.filter((p) => p !== NO_FSYNC_FLAG), '-c', 'fsync=on', '-c', 'wal_sync_method=fsync'] } : {}),
    parsers: {
      // PGlite parses int8 into a JS number by default (losing precision past 2^53);
      // node-postgres returns strings. Keep both identical.
      [types.INT8]: (value: string) => value,
      [types.DATE]: parseDateAsString,
    },
  });
  return new PgliteDatabase(pglite);
}

class PgliteDatabase implements Database {
  readonly dialect = 'pglite' as const;
  private closed = false;

  constructor(private readonly pglite: PGlite) {}

  async query<R>(sql: string, params?: unknown[]): Promise<QueryResult<R>> {
    const result = await this.pglite.query<R>(sql, params);
    return { rows: result.rows };
  }

  transaction<T>(fn: (tx: Database) => Promise<T>): Promise<T> {
    return this.pglite.transaction((tx) => fn(new PgliteTransaction(tx)));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pglite.close();
  }
}

class PgliteTransaction implements Database {
  readonly dialect = 'pglite' as const;

  constructor(private readonly tx: Transaction) {}

  async query<R>(sql: string, params?: unknown[]): Promise<QueryResult<R>> {
    const result = await this.tx.query<R>(sql, params);
    return { rows: result.rows };
  }

  transaction<T>(fn: (tx: Database) => Promise<T>): Promise<T> {
    return fn(this);
  }

  close(): Promise<void> {
    return transactionHandleCannotClose();
  }
}
