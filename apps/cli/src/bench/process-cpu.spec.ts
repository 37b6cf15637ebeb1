import net from 'node:net';
import { CpuAccount, cpuMsFromStat, pidListeningOn, processCpuMs } from './process-cpu';

/** Spins until this process has used `ms` more CPU (by process.cpuUsage), however loaded the machine is. */
function burn(ms: number): void {
  const start = process.cpuUsage();
  let x = 0;
  for (;;) {
    for (let i = 0; i < 10_000; i++) x += Math.sqrt(x + i);
    const used = process.cpuUsage(start);
    if ((used.user + used.system) / 1000 >= ms) break;
  }
  if (x < 0) throw new Error('unreachable');
}

describe('process CPU from /proc', () => {
  it('reads utime and stime from a stat line, whatever the process is called', () => {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime ...
    const stat = '4242 (node (worker) 1) S 1 4242 4242 0 -1 4194560 9000 0 12 0 250 40 7 3 20 0 11 0 123 456';
    expect(cpuMsFromStat(stat, 100)).toBe(2900); // (250 + 40) ticks of 10 ms; cutime/cstime (children) left out
    expect(cpuMsFromStat(stat, 1000)).toBe(290);
    expect(cpuMsFromStat('4242 (node) S 1 2 3', 100)).toBeUndefined();
    expect(cpuMsFromStat('not a stat line', 100)).toBeUndefined();
  });

  it("reads this process's CPU time as process.cpuUsage counts it", () => {
    // Two clocks read one after the other on a shared machine: other threads of this process (GC, the
    // test runner) run between the readings, so only the order of magnitude is compared here; the
    // fields and their unit are checked exactly above.
    const before = processCpuMs(process.pid) as number;
    const usageBefore = process.cpuUsage();
    burn(300);
    const used = (processCpuMs(process.pid) as number) - before;
    const usage = process.cpuUsage(usageBefore);
    const expected = (usage.user + usage.system) / 1000;
    expect(used).toBeGreaterThan(expected / 2);
    expect(used).toBeLessThan(expected * 2);
  });

  it('has no reading for a process that does not exist', () => {
    expect(processCpuMs(2 ** 22 + 7)).toBeUndefined(); // above the kernel's pid_max limit
  });

  it('finds the process listening on a port, and none on a closed one', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      expect(pidListeningOn(port)).toBe(process.pid);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(pidListeningOn(port)).toBeUndefined();
  });

  it('accounts CPU per group between start and the last sample, a process joining later from zero', async () => {
    const members = [{ group: 'me', pid: process.pid }];
    const account = new CpuAccount(async () => members);
    await account.start();
    burn(200);
    // A member appearing after start() counts all of its CPU (it was created inside the interval).
    members.push({ group: 'late', pid: process.pid });
    await account.sample();
    const me = account.usedMs('me');
    const late = account.usedMs('late');
    expect(me.processes).toBe(1);
    expect(me.ms).toBeGreaterThan(100);
    expect(late.ms).toBeGreaterThan(me.ms); // counted from zero: the process's whole life
    expect(account.groupNames).toEqual(['me', 'late']);
    expect(account.usedMs('nobody')).toEqual({ ms: 0, processes: 0 });
  });
});
