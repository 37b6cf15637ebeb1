/**
 * `longview start`, `token` and `import ae` as a user runs them: the platform is a child process
 * started through bin/longview.js (so it needs `npm run build`), the other commands run in this
 * process through main(). Covers ports that follow --port, the one-line error for a port in
 * use, two platforms side by side, the run file through which import finds the platform holding
 * --data, and the one dev key per data folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { signDevToken } from '@longview/gateway';
import { DataInUseError, startEmbeddedPlatform, type EmbeddedPlatform } from '../src/platform/embedded-platform';
import { PortInUseError } from '../src/platform/ports';
import { readRunFile } from '../src/platform/run-file';
import { graphql, graphqlData, longview } from './support';

jest.setTimeout(120_000);

const BIN = path.resolve(__dirname, '../bin/longview.js');

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A port N with N, N+1 and N+2 free on 127.0.0.1. */
async function freeBase(): Promise<number> {
  for (;;) {
    const base = 20000 + Math.floor(Math.random() * 30000);
    if ((await canListen(base)) && (await canListen(base + 1)) && (await canListen(base + 2))) return base;
  }
}

function occupy(port: number): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

interface Child {
  readonly child: ChildProcess;
  output(): string;
  stderr(): string;
  readonly exited: Promise<number | null>;
}

function run(args: string[]): Child {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString();
    output += c.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, stderr: () => stderr, exited };
}

async function untilReady(p: Child): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (!p.output().includes('Longview is ready')) {
    if (p.child.exitCode !== null) throw new Error(`longview start exited with ${p.child.exitCode}:\n${p.output()}`);
    if (Date.now() > deadline) throw new Error(`longview start not ready:\n${p.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const AE_HEADER = '"period","org_code","type","attendances","breaches","admissions"';
const aeFile = (dir: string, codes: readonly string[]) => {
  const rows = codes.flatMap((code) => ['2018-01-01', '2018-02-01', '2018-03-01'].map((p, i) => `"${p}","${code}","1",${1000 + i},${100 + i},300`));
  fs.writeFileSync(path.join(dir, 'ae.csv'), [AE_HEADER, ...rows].join('\n') + '\n');
  fs.writeFileSync(
    path.join(dir, 'nhs-trusts-ods-2017.csv'),
    ['code,name,postcode,gor', ...codes.map((code) => `${code},${code} HOSPITALS NHS TRUST,LS1 3EX,D`)].join('\n') + '\n',
  );
  return path.join(dir, 'ae.csv');
};

describe('a port in use', () => {
  it('stops `longview start` with one line naming the port and the flag, exit 1', async () => {
    const base = await freeBase();
    const held = await occupy(base + 1);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'longview-port-'));
    try {
      const p = run(['start', '--port', String(base), '--data', path.join(dir, 'data'), '--no-demo']);
      expect(await p.exited).toBe(1);
      expect(p.stderr()).toBe(
        `longview start: port ${base + 1} (command-service) is already in use on 127.0.0.1; choose another with --command-port N (or --port N to move all three)\n`,
      );
    } finally {
      held.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names --port for the gateway, and nothing is left listening', async () => {
    const base = await freeBase();
    const held = await occupy(base);
    try {
      const failure = startEmbeddedPlatform({ gatewayPort: base, commandPort: base + 1, queryPort: base + 2 });
      await expect(failure).rejects.toThrow(PortInUseError);
      await expect(failure).rejects.toThrow(`port ${base} (gateway) is already in use on 127.0.0.1; choose another with --port N`);
      expect(await canListen(base + 1)).toBe(true);
      expect(await canListen(base + 2)).toBe(true);
    } finally {
      held.close();
    }
  });
});

describe('two platforms, `token` and `import ae` by --data and --port', () => {
  let root: string;
  let one: { dir: string; base: number; url: string; process: Child };
  let two: { dir: string; platform: EmbeddedPlatform };
  let token: string;

  const trustCodes = async (url: string) => (await graphqlData<{ trusts: { code: string }[] }>(url, '{ trusts { code } }')).trusts.map((t) => t.code).sort();

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'longview-two-'));
    const dir = path.join(root, 'one');
    // The token first, so `token` makes the key that `start` must then use.
    const printed = await longview('token', '--data', dir, '--role', 'policymaker');
    expect(printed).toMatchObject({ code: 0, stderr: '' });
    token = printed.stdout.trim();
    const base = await freeBase();
    const child = run(['start', '--data', dir, '--port', String(base), '--no-demo']);
    await untilReady(child);
    one = { dir, base, url: `http://127.0.0.1:${base}`, process: child };
    const twoBase = await freeBase();
    two = {
      dir: path.join(root, 'two'),
      platform: await startEmbeddedPlatform({ dataDir: path.join(root, 'two'), gatewayPort: twoBase, commandPort: twoBase + 1, queryPort: twoBase + 2 }),
    };
  });
  afterAll(async () => {
    await two?.platform.stop();
    if (one) {
      one.process.child.kill('SIGINT');
      await one.process.exited;
    }
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('runs both, each on its own three ports, each with a run file in its data folder', async () => {
    expect(one.process.output()).toContain(`command-service http://127.0.0.1:${one.base + 1}, query-service http://127.0.0.1:${one.base + 2}`);
    expect(await trustCodes(one.url)).toEqual([]);
    expect(await trustCodes(two.platform.gatewayUrl as string)).toEqual([]);
    expect(readRunFile(one.dir)).toMatchObject({
      pid: one.process.child.pid,
      gatewayUrl: one.url,
      commandUrl: `http://127.0.0.1:${one.base + 1}`,
      queryUrl: `http://127.0.0.1:${one.base + 2}`,
    });
  });

  it('accepts the token `token --data DIR` printed, as the role it names; rejects one signed with another key', async () => {
    const auth = { authorization: `Bearer ${token}` };
    expect((await graphql(one.url, '{ trusts { code } }', {}, auth)).errors).toBeUndefined();
    const write = await graphql(
      one.url,
      'mutation { registerTrust(input: { code: "ZT9", name: "Token Test NHS Trust", context: { kind: ACUTE, region: LONDON }, effectiveFrom: "2020-04-01" }) { position } }',
      {},
      auth,
    );
    expect(write.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const stranger = signDevToken({ role: 'POLICYMAKER', sub: 'stranger', expiresInSeconds: 600 }, 'not-this-platforms-key');
    const rejected = await fetch(`${one.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${stranger}` },
      body: JSON.stringify({ query: '{ trusts { code } }' }),
    });
    const body = (await rejected.json()) as { data?: { trusts?: unknown }; errors?: unknown[] };
    expect(body.errors?.length).toBeGreaterThan(0);
    expect(body.data?.trusts).toBeUndefined();
  });

  it('refuses a second start on a data folder a platform holds', async () => {
    await expect(startEmbeddedPlatform({ dataDir: one.dir, withGateway: false, commandPort: 0, queryPort: 0 })).rejects.toThrow(DataInUseError);
    const base = await freeBase();
    const r = await longview('start', '--data', one.dir, '--port', String(base));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(
        `^longview start: the data in \\S+ is in use by another longview process \\(pid ${one.process.child.pid}, ${one.url}\\); stop it or choose another --data DIR`,
      ),
    );
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('import ae --data DIR talks to the platform holding DIR, whatever --port says', async () => {
    const file = aeFile(fs.mkdtempSync(path.join(root, 'files-')), ['ZA1']);
    const r = await longview('import', 'ae', '--file', file, '--data', one.dir, '--port', String(await freeBase()));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Talking to the platform at ${one.url} (data ${one.dir})`);
    expect(await trustCodes(one.url)).toEqual(['ZA1']);
    expect(await trustCodes(two.platform.gatewayUrl as string)).toEqual([]);
  });

  it('import ae --port N alone talks to the platform on that port, and says whose data it holds', async () => {
    const file = aeFile(fs.mkdtempSync(path.join(root, 'files-')), ['ZA2']);
    const r = await longview('import', 'ae', '--file', file, '--port', String(one.base));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Talking to the platform at ${one.url} (data ${one.dir})`);
    expect(await trustCodes(one.url)).toEqual(['ZA1', 'ZA2']);
  });

  it('does not write into a platform that holds another folder: opens the named one directly', async () => {
    const file = aeFile(fs.mkdtempSync(path.join(root, 'files-')), ['ZA3']);
    const three = path.join(root, 'three');
    const r = await longview('import', 'ae', '--file', file, '--data', three, '--port', String(one.base));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`The platform on port ${one.base} holds ${one.dir}, not ${three}: opening ${three} directly`);
    expect(r.stdout).toMatch(/1 trusts \(1 newly registered\)/);
    expect(await trustCodes(one.url)).toEqual(['ZA1', 'ZA2']);
    expect(readRunFile(three)).toBeUndefined();

    const four = path.join(root, 'four');
    const free = await freeBase();
    const alone = await longview('import', 'ae', '--file', file, '--data', four, '--port', String(free));
    expect(alone.code).toBe(0);
    expect(alone.stdout).toContain(`No platform running on port ${free}: opening ${four} directly`);
  });

  it('removes the run file when the platform stops', async () => {
    await two.platform.stop();
    expect(readRunFile(two.dir)).toBeUndefined();
    expect(fs.existsSync(path.join(two.dir, 'dev-jwt-secret'))).toBe(true);
  });
});
