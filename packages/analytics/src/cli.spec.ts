import { parseCsv } from './csv';
import { runPoolCommand, runSpcCommand } from './cli';
import { BCG_STUDIES } from '../test/fixtures/bcg';

function files(map: Record<string, string>): (path: string) => string {
  return (path) => {
    const text = map[path];
    if (text === undefined) throw new Error('ENOENT: no such file');
    return text;
  };
}

const Y = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1];
const day = (i: number): string => `2020-01-${String(i + 1).padStart(2, '0')}`;
const SIMPLE = 'when,attendances\n' + Y.map((v, i) => `${day(i)},${v}`).join('\n') + '\n';

describe('parseCsv', () => {
  it('handles quotes, escaped quotes, newlines in quotes, CRLF and a BOM', () => {
    const rows = parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\r\n"multi\nline",2\n\n');
    expect(rows.map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['multi\nline', '2'],
    ]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3]);
  });

  it('rejects an unclosed quote', () => {
    expect(() => parseCsv('a\n"open\n')).toThrow(/line 2: a quoted field is not closed/);
  });
});

describe('runSpcCommand', () => {
  it('prints one row per point with the exact header', () => {
    const r = runSpcCommand(['--input', 'a.csv', '--value', 'attendances', '--date', 'when'], files({ 'a.csv': SIMPLE }));
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('group,period,value,mean,lpl,upl,rule,point_type,rebase_group');
    expect(lines).toHaveLength(19);
    const fifth = (lines[5] as string).split(',');
    expect(fifth[1]).toBe('2020-01-05');
    expect(fifth[2]).toBe('10');
    expect(Number(fifth[3])).toBeCloseTo(1.944444, 6);
    expect(Number(fifth[5])).toBeCloseTo(4.604444, 6);
    expect(fifth.slice(6)).toEqual(['Above UCL', 'special_cause_improvement', '0']);
    expect(lines[1]).toBe(
      `,2020-01-01,1,${String(1.9444444444444444)},${String(-0.7155555555555557)},${String(4.604444444444445)},Common Cause,common_cause,0`,
    );
  });

  it('honours --screen-outliers false, --direction, --rebase and --format json', () => {
    const r = runSpcCommand(
      [
        '--input=a.csv',
        '--value=attendances',
        '--date=when',
        '--screen-outliers',
        'false',
        '--direction',
        'decrease',
        '--rebase',
        '2020-01-10',
        '--format',
        'json',
      ],
      files({ 'a.csv': SIMPLE }),
    );
    expect(r.exitCode).toBe(0);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(18);
    expect(rows[4]).toMatchObject({ group: '', period: '2020-01-05', value: 10, rebase_group: 0, point_type: 'common_cause' });
    expect(rows[9]).toMatchObject({ rebase_group: 1 });
    expect(rows[0]?.upl).toBeCloseTo((1 + 2 + 1 + 2 + 10 + 1 + 2 + 1 + 2) / 9 + (2.66 * (1 + 1 + 1 + 8 + 9 + 1 + 1 + 1)) / 8, 10);
  });

  it('groups by --group, quotes group names with commas, and summarises', () => {
    const text =
      'trust,month,value\n' +
      Y.map((v, i) => `"Trust, A",2020-${String((i % 12) + 1).padStart(2, '0')}-01,${v}`)
        .slice(0, 12)
        .join('\n') +
      '\n' +
      [5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 5, 6].map((v, i) => `B,${2021 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')},${v}`).join('\n');
    const r = runSpcCommand(
      ['--input', 'g.csv', '--value', 'value', '--date', 'month', '--group', 'trust', '--summary', '--target', '7', '--rebase', '2021-12-01'],
      files({ 'g.csv': text }),
    );
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('group,rebase_group,mean,lpl,upl,n,common_cause,special_cause_improvement,special_cause_concern,variation_type,assurance_type');
    expect(lines).toHaveLength(4);
    expect(lines[1]?.startsWith('"Trust, A",0,')).toBe(true);
    const a = parseCsv(r.stdout)[1]?.fields ?? [];
    expect(a[5]).toBe('12');
    expect(a[10]).toBe('consistent_fail');
    const b0 = parseCsv(r.stdout)[2]?.fields ?? [];
    const b1 = parseCsv(r.stdout)[3]?.fields ?? [];
    expect(b0.slice(0, 2)).toEqual(['B', '0']);
    expect(b0[10]).toBe(''); // assurance only on a series' last group
    expect(b1.slice(0, 2)).toEqual(['B', '1']);
    expect(b1[5]).toBe('3');
  });

  const bad = (argv: string[], text = SIMPLE): { exitCode: number; stdout: string; stderr: string } => runSpcCommand(argv, files({ 'a.csv': text }));
  const base = ['--input', 'a.csv', '--value', 'attendances', '--date', 'when'];

  it.each([
    [[...base, '--colour', 'red'], /unknown option --colour/],
    [['--input', 'a.csv', '--date', 'when'], /--value is required/],
    [[...base, '--direction', 'up'], /--direction must be one of increase\|decrease\|neutral/],
    [[...base, '--target', 'abc'], /--target must be a number/],
    [[...base, '--rebase', '2020-13-01'], /--rebase: '2020-13-01'/],
    [[...base, '--format'], /--format needs a value/],
    [['--input', 'missing.csv', '--value', 'v', '--date', 'd'], /cannot read missing.csv/],
    [['--input', 'a.csv', '--value', 'visits', '--date', 'when'], /missing column 'visits'/],
    [[...base, 'stray'], /unexpected argument 'stray'/],
  ])('usage error %j exits 2 with nothing on stdout', (argv, message) => {
    const r = bad(argv);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/usage: longview spc/);
  });

  it.each([
    ['when,attendances\n2020-01-01,1\n2020-01-02,abc\n', /line 3, column 'attendances': 'abc' is not a number/],
    ['when,attendances\n2020-01-01,1\n2020-01-02,\n', /line 3, column 'attendances': '' is not a number/],
    ['when,attendances\n2020-01-01,1\n01/02/2020,2\n', /line 3, column 'when': '01\/02\/2020' is not a date/],
    ['when,attendances\n2020-01-01,1\n2020-01-02,2\n2020-01-01,3\n', /line 4, column 'when': duplicate period 2020-01-01 \(first on line 2\)/],
    ['when,attendances\n2020-01-01,1,9\n', /line 2: 3 fields, but the header has 2/],
    ['when,attendances\n"2020-01-01,1\n', /quoted field is not closed/],
    ['', /empty/],
  ])('data error in %j exits 2 naming the row and column', (text, message) => {
    const r = bad(base, text);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });
});

describe('runPoolCommand', () => {
  const BCG = 'study,yi,vi\n' + BCG_STUDIES.map((s, i) => `trial ${i + 1},${s.yi},${s.vi}`).join('\n');

  it('prints the header and one row', () => {
    const r = runPoolCommand(['--input', 'bcg.csv'], files({ 'bcg.csv': BCG }));
    expect(r.exitCode).toBe(0);
    const [header, row, extra] = r.stdout.split('\n');
    expect(header).toBe('k,estimate,se,ci_low,ci_high,tau2,i2,q,pi_low,pi_high');
    expect(extra).toBe('');
    const v = (row as string).split(',').map(Number);
    const expected = [13, -0.7141, 0.1787, -1.0644, -0.3638, 0.3088, 92.12, 152.233, -1.8582, 0.4299];
    expected.forEach((e, i) => expect(Math.abs((v[i] as number) - e)).toBeLessThan(i === 6 ? 0.005 : 0.00005 + 1e-3 * (i === 7 ? 1 : 0)));
  });

  it('k = 1 leaves the prediction interval empty', () => {
    const r = runPoolCommand(['--input', 'one.csv'], files({ 'one.csv': 'study,yi,vi\nRJ1,0.5,0.01\n' }));
    expect(r.stdout.split('\n')[1]?.endsWith(',,')).toBe(true);
  });

  it.each([
    ['study,yi\nA,1\n', /missing column 'vi'/],
    ['study,yi,vi\nA,1,0.1\nB,x,0.2\n', /line 3, column 'yi': 'x' is not a number/],
    ['study,yi,vi\nA,1,0\n', /line 2, column 'vi': 0 is not a variance > 0/],
    ['study,yi,vi\n', /no data rows/],
  ])('bad input %j exits 2', (text, message) => {
    const r = runPoolCommand(['--input', 'p.csv'], files({ 'p.csv': text }));
    expect(r).toMatchObject({ exitCode: 2, stdout: '' });
    expect(r.stderr).toMatch(message);
  });

  it('rejects unknown options', () => {
    const r = runPoolCommand(['--input', 'p.csv', '--method', 'REML'], files({ 'p.csv': 'yi,vi\n1,1\n' }));
    expect(r).toMatchObject({ exitCode: 2, stdout: '' });
    expect(r.stderr).toMatch(/unknown option --method/);
  });
});

describe('--help', () => {
  it.each([
    ['spc', runSpcCommand, /^usage: longview spc --input FILE.csv/],
    ['pool', runPoolCommand, /^usage: longview pool --input FILE.csv/],
  ] as const)('longview %s --help and -h print the usage on stdout and exit 0, reading no file', (_name, run, usage) => {
    for (const flag of ['--help', '-h']) {
      const r = run([flag], () => {
        throw new Error('read a file');
      });
      expect(r).toEqual({ exitCode: 0, stdout: expect.stringMatching(usage), stderr: '' });
    }
  });

  it('an unknown option is still an error with the usage on stderr', () => {
    const r = runPoolCommand(['--input', 'p.csv', '--bogus'], files({ 'p.csv': 'yi,vi\n1,1\n' }));
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^longview pool: unknown option --bogus\nusage: longview pool/);
  });
});
