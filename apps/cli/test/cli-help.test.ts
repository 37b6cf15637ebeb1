import fs from 'node:fs';
import path from 'node:path';
import { portsFrom } from '../src/cli-options';
import { longview } from './support';

const SUBCOMMANDS = ['start', 'import ae', 'import series', 'token', 'parked', 'replay', 'backup', 'restore', 'export', 'bench pipeline', 'spc', 'pool'];

describe('longview --help', () => {
  it.each(['--help', '-h', 'help'])('longview %s prints every command and the port settings, exit 0', async (flag) => {
    const r = await longview(flag);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    for (const command of SUBCOMMANDS) expect(r.stdout).toContain(`\n  ${command} `);
    expect(r.stdout).toMatch(/LONGVIEW_PORT/);
    expect(r.stdout).toMatch(/--command-port \/ LONGVIEW_COMMAND_PORT and --query-port \/ LONGVIEW_QUERY_PORT/);
  });

  it('longview alone prints the usage and exits 2', async () => {
    expect(await longview()).toMatchObject({ code: 2, stdout: expect.stringMatching(/^longview <command>/) });
  });

  it('an unknown command or option is one line, then the usage, on stderr; exit 2', async () => {
    for (const args of [['frobnicate'], ['--frobnicate']]) {
      const r = await longview(...args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.split('\n')[0]).toMatch(/^longview: unknown (command "frobnicate"|option --frobnicate)$/);
      expect(r.stderr).toContain('longview <command> [options]');
    }
  });
});

describe.each(SUBCOMMANDS)('longview %s', (command) => {
  const words = command.split(' ');

  it.each(['--help', '-h'])('%s prints its usage on stdout and exits 0', async (flag) => {
    const r = await longview(...words, flag);
    expect(r).toEqual({ code: 0, stdout: expect.stringMatching(new RegExp(`^usage: longview ${command} `)), stderr: '' });
  });

  it('help names it too', async () => {
    const r = await longview('help', words[0] as string);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^usage: longview ${words[0]}`));
  });

  it('an unknown option is one line naming it, then the usage, on stderr; exit 2', async () => {
    const r = await longview(...words, '--no-such-option');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const [first, ...rest] = r.stderr.split('\n');
    expect(first).toBe(`longview ${command}: unknown option --no-such-option`);
    expect(rest.join('\n')).toMatch(new RegExp(`usage: longview ${command} `));
  });
});

describe('bad values are usage errors too', () => {
  it.each([
    [['start', '--port', 'eighty'], /^longview start: --port must be a TCP port number \(1-65535\), not "eighty"\n/],
    [['start', '--port'], /^longview start: Option '--port <value>' argument missing\n/],
    [['start', '--port', '4000', '--command-port', '4000'], /^longview start: the gateway, command-service and query-service need three different ports/],
    [['token', '--role', 'king'], /^longview token: --role must be one of trust-editor, policymaker, community, admin\n/],
    [['token', '--role', 'admin', '--hours', '25'], /^longview token: --hours must be a number above 0 and at most 24\n/],
    [['import', 'ae'], /^longview import ae: --file F is required/],
    [['import', 'xml'], /^longview import: unknown source "xml"/],
    [['import', 'series', '--file', 'x.csv'], /^longview import series: --trust is required/],
    [
      ['import', 'series', '--file', 'x.csv', '--trust', 'a', '--metric', 'ae-4hr', '--date', 'd', '--value', 'v', '--numerator', 'n'],
      /^longview import series: --numerator and --denominator go together/,
    ],
    [['replay'], /^longview replay: give --projection NAME \(repeatable\) or --all\n/],
    [['start', 'now'], /^longview start: unexpected argument now\n/],
  ])('longview %j', async (args, message) => {
    const r = await longview(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/\nusage: longview /);
  });
});

describe('portsFrom', () => {
  it('derives command-service and query-service from the gateway port', () => {
    expect(portsFrom({}, {})).toEqual({ gateway: 4000, command: 4001, query: 4002, chosen: false });
    expect(portsFrom({ port: '5000' }, {})).toEqual({ gateway: 5000, command: 5001, query: 5002, chosen: true });
  });

  it('lets each be overridden, flags before environment variables', () => {
    expect(portsFrom({ 'query-port': '6000' }, { LONGVIEW_PORT: '5000', LONGVIEW_COMMAND_PORT: '5500' })).toEqual({
      gateway: 5000,
      command: 5500,
      query: 6000,
      chosen: true,
    });
    expect(portsFrom({ port: '7000' }, { LONGVIEW_PORT: '5000' })).toMatchObject({ gateway: 7000, command: 7001, query: 7002 });
  });

  it('names the setting that holds a bad port', () => {
    expect(() => portsFrom({}, { LONGVIEW_QUERY_PORT: '70000' })).toThrow(/^LONGVIEW_QUERY_PORT must be a TCP port number/);
    expect(() => portsFrom({ port: '65535' }, {})).toThrow(/leaves no room/);
  });
});

describe('package.json', () => {
  it('points every export at a file the build emits (dist/X.js from src/X.ts)', () => {
    const root = path.join(__dirname, '..');
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      main: string;
      types: string;
      exports: Record<string, string | Record<string, string>>;
    };
    const targets = [pkg.main, pkg.types, ...Object.values(pkg.exports).flatMap((t) => (typeof t === 'string' ? [] : Object.values(t)))];
    for (const target of targets) {
      const source = path.join(root, target.replace(/^(\.\/)?dist\//, 'src/').replace(/\.d\.ts$|\.js$/, '.ts'));
      expect({ target, source: fs.existsSync(source) }).toEqual({ target, source: true });
    }
  });
});
