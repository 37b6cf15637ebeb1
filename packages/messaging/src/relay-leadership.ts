import pg from 'pg';
import { errorMessage, silentLogger, type Logger } from './json-logger';
import type { OutboxRelay } from './outbox-relay';

/** Who may publish: one holder at a time, released when the holder's process or connection dies. */
export interface LeaderLock {
  /** Takes the lock if it is free; true when this instance holds it (also when it already did). */
  tryAcquire(): Promise<boolean>;
  /** Whether the lock is still ours (false once the connection holding it is gone). */
  stillHeld(): Promise<boolean>;
  release(): Promise<void>;
}

/** Arbitrary key of the relay leader's advisory lock, beside the event store's own keys. */
export const RELAY_LEADER_LOCK_KEY = '7401201508240101';

/**
 * A PostgreSQL session-level advisory lock on its own connection. PostgreSQL releases it the
 * moment that connection ends, so a leader killed with SIGKILL (its socket closed by the kernel)
 * frees it at once, and a standby polling `pg_try_advisory_lock` takes over.
 */
export class PostgresAdvisoryLeaderLock implements LeaderLock {
  private client: pg.Client | undefined;
  private held = false;

  constructor(
    private readonly connectionString: string,
    private readonly key: string = RELAY_LEADER_LOCK_KEY,
  ) {}

  async tryAcquire(): Promise<boolean> {
    if (this.held && (await this.stillHeld())) return true;
    const client = await this.connect();
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS ok', [this.key]);
    this.held = rows[0]?.ok === true;
    return this.held;
  }

  async stillHeld(): Promise<boolean> {
    if (!this.held || !this.client) return false;
    try {
      const { rows } = await this.client.query<{ n: string }>(
        `SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted
            AND ((classid::bigint << 32) | objid::bigint) = $1::bigint`,
        [this.key],
      );
      this.held = Number(rows[0]?.n) > 0;
    } catch {
      await this.drop();
    }
    return this.held;
  }

  async release(): Promise<void> {
    const client = this.client;
    this.held = false;
    this.client = undefined;
    if (!client) return;
    await client.query('SELECT pg_advisory_unlock($1::bigint)', [this.key]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }

  private async connect(): Promise<pg.Client> {
    if (this.client) return this.client;
    const client = new pg.Client({ connectionString: this.connectionString });
    // A broken connection means the lock is gone: forget it, the next round reconnects.
    client.on('error', () => void this.drop());
    await client.connect();
    this.client = client;
    return client;
  }

  private async drop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.held = false;
    await client?.end().catch(() => undefined);
  }
}

export interface LeaderElectedRelayOptions {
  /** How often a standby tries the lock and a leader checks it still holds it (default 1000 ms). */
  readonly pollMs?: number;
  readonly logger?: Logger;
}

/**
 * Runs `relay` only while this instance holds `lock`, so any number of command-service
 * instances publish through exactly one relay. On becoming leader it re-reads the checkpoint
 * (the previous leader moved it), so it continues where that one stopped: the batch a dead leader
 * had sent but not yet checkpointed is sent again (at-least-once), and nothing is skipped.
 */
export class LeaderElectedRelay {
  private leader = false;
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> = Promise.resolve();
  private readonly logger: Logger;

  constructor(
    private readonly relay: OutboxRelay,
    private readonly lock: LeaderLock,
    private readonly options: LeaderElectedRelayOptions = {},
  ) {
    this.logger = (options.logger ?? silentLogger).child({ component: 'relay-leadership' });
  }

  get isLeader(): boolean {
    return this.leader;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.round;
    if (this.leader) await this.relay.stop();
    this.leader = false;
    await this.lock.release();
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      this.round = this.check().finally(() => {
        if (this.running) this.schedule(this.options.pollMs ?? 1000);
      });
    }, ms);
  }

  private async check(): Promise<void> {
    try {
      if (this.leader) {
        if (await this.lock.stillHeld()) return;
        this.logger.warn('lost the relay leadership; publishing stops');
        this.leader = false;
        await this.relay.stop();
        return;
      }
      if (!(await this.lock.tryAcquire())) return;
      await this.relay.migrate();
      this.leader = true;
      this.logger.info('became the relay leader', { position: this.relay.position.toString() });
      this.relay.start();
    } catch (error) {
      this.logger.warn('relay leadership check failed', { error: errorMessage(error) });
    }
  }
}
