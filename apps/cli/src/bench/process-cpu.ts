import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** USER_HZ: the unit of utime/stime in /proc/<pid>/stat (100 on every Linux we run on; asked once). */
let ticksPerSecond: number | undefined;
function clockTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    let asked = Number.NaN;
    try {
      asked = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    } catch {
      // no getconf: the kernel's USER_HZ is 100 on all mainstream architectures
    }
    ticksPerSecond = Number.isFinite(asked) && asked > 0 ? asked : 100;
  }
  return ticksPerSecond;
}

/**
 * CPU time (user + system, all threads) a process has used so far, in ms, from /proc/<pid>/stat;
 * undefined when the process is gone or /proc is not there (not Linux). Resolution: one clock tick (10 ms).
 */
export function processCpuMs(pid: number): number | undefined {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  return cpuMsFromStat(stat, clockTicksPerSecond());
}

/** utime + stime of one /proc/<pid>/stat line, in ms, given the clock ticks per second; undefined if malformed. */
export function cpuMsFromStat(stat: string, ticksPerSecond: number): number | undefined {
  // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ')'.
  // After it, field 3 (state) is index 0, so utime (field 14) is index 11 and stime (15) index 12.
  const close = stat.lastIndexOf(')');
  if (close < 0) return undefined;
  const fields = stat.slice(close + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (fields.length < 13 || !Number.isFinite(utime) || !Number.isFinite(stime)) return undefined;
  return ((utime + stime) * 1000) / ticksPerSecond;
}

/**
 * The pid of the process listening on TCP `port` (IPv4 or IPv6, any local address), found through
 * /proc/net/tcp* (the socket's inode) and /proc/<pid>/fd; undefined if none is visible to this user.
 */
export function pidListeningOn(port: number): number | undefined {
  const inodes = new Set<string>();
  const portHex = port.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = fs.readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
      const cols = line.trim().split(/\s+/);
      if (cols.length > 9 && cols[1]?.endsWith(`:${portHex}`) && cols[3] === '0A') inodes.add(cols[9] as string);
    }
  }
  if (inodes.size === 0) return undefined;
  const wanted = new Set([...inodes].map((inode) => `socket:[${inode}]`));
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue; // gone, or another user's
    }
    for (const fd of fds) {
      try {
        if (wanted.has(fs.readlinkSync(`/proc/${entry}/fd/${fd}`))) return Number(entry);
      } catch {
        // closed meanwhile
      }
    }
  }
  return undefined;
}

/**
 * CPU used by groups of processes over an interval (e.g. a benchmark phase): `start()` reads every
 * known process, `sample()` reads them again (and takes in processes discovered since), `usedMs`
 * sums, per group, the last reading minus the first. A process that joins after `start()` (a new
 * PostgreSQL backend) counts from zero: it was created inside the interval. A process that exits
 * keeps its last reading, so sample often enough (about once a second) for short-lived ones.
 */
export class CpuAccount {
  private readonly groups = new Map<string, Map<number, { first: number; last: number }>>();
  private started = false;

  /** `processes` lists the processes to account, by group, at each sample (members may change: PostgreSQL backends come and go). */
  constructor(private readonly processes: () => Promise<ReadonlyArray<{ group: string; pid: number }>>) {}

  async start(): Promise<void> {
    this.started = false;
    this.groups.clear();
    await this.sample();
    this.started = true;
  }

  async sample(): Promise<void> {
    for (const { group, pid } of await this.processes()) {
      const ms = processCpuMs(pid);
      if (ms === undefined) continue;
      const members = this.groups.get(group) ?? new Map<number, { first: number; last: number }>();
      this.groups.set(group, members);
      const seen = members.get(pid);
      if (seen) seen.last = ms;
      else members.set(pid, { first: this.started ? 0 : ms, last: ms });
    }
  }

  /** CPU ms of `group` between `start()` and the last `sample()`, and how many processes it counted. */
  usedMs(group: string): { ms: number; processes: number } {
    const members = [...(this.groups.get(group)?.values() ?? [])];
    return { ms: members.reduce((sum, m) => sum + m.last - m.first, 0), processes: members.length };
  }

  get groupNames(): string[] {
    return [...this.groups.keys()];
  }
}
