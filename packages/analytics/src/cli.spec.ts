import { parseCsv } from './csv';
import { runPoolCommand, runSpcCommand } from './cli';
import { BCG_STUDIES } from '../test/fixtures/bcg';
import { CDI_COUNTS, NHS_ACCIDENTS } from '../test/fixtures/qicharts2';

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

describe('runSpcCommand --chart run|p|pp|u|up', () => {
  const NHS =
    'week,seen,attendances\n' +
    NHS_ACCIDENTS.map(([w, r, n]) => `2021-${String(Math.ceil(w / 4)).padStart(2, '0')}-${String(((w - 1) % 4) * 7 + 1).padStart(2, '0')},${r},${n}`).join(
      '\n',
    ) +
    '\n';
  const CDI =
    'month,cases\n' + CDI_COUNTS.map((v, i) => `${2012 + Math.floor((i + 10) / 12)}-${String(((i + 10) % 12) + 1).padStart(2, '0')},${v}`).join('\n') + '\n';

  it('--chart pp prints the spec header and the P′ limits of the qicharts2 vignette (Case 5)', () => {
    const r = runSpcCommand(
      ['--input', 'a.csv', '--chart', 'pp', '--value', 'seen', '--denominator', 'attendances', '--date', 'week'],
      files({ 'a.csv': NHS }),
    );
    expect(r).toMatchObject({ exitCode: 0, stderr: '' });
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('group,period,y,cl,lcl,ucl,sigma_signal,runs_signal');
    expect(lines).toHaveLength(21);
    const last = (lines[20] as string).split(',');
    expect(last[1]).toBe('2021-05-22');
    expect(Number(last[2])).toBe(260989 / 273772);
    expect((Number(last[3]) * 100).toFixed(3)).toBe('95.290');
    expect((Number(last[4]) * 100).toFixed(3)).toBe('93.997');
    expect((Number(last[5]) * 100).toFixed(3)).toBe('96.582');
    expect(last.slice(6)).toEqual(['false', 'false']);
  });

  it('--chart p flags 16 of the 20 weeks, as the vignette shows', () => {
    const r = runSpcCommand(['--input', 'a.csv', '--chart', 'p', '--value', 'seen', '--denominator', 'attendances', '--date', 'week'], files({ 'a.csv': NHS }));
    expect(
      r.stdout
        .trimEnd()
        .split('\n')
        .slice(1)
        .filter((l) => l.split(',')[6] === 'true'),
    ).toHaveLength(16);
  });

  it('--chart run --summary: one row per group with the Anhøj statistics (cdi: median 17, signal)', () => {
    const r = runSpcCommand(['--input', 'c.csv', '--chart', 'run', '--value', 'cases', '--date', 'month', '--summary'], files({ 'c.csv': CDI }));
    expect(r).toMatchObject({ exitCode: 0, stderr: '' });
    // qicharts2 vignette Case 2 (median 17, 32 useful, signal); counts from charts_reference.py.
    expect(r.stdout).toBe('group,n_obs,n_useful,longest_run,longest_run_max,n_crossings,n_crossings_min,runs_signal,cl\n,36,32,14,8,6,11,true,17\n');
  });

  it('run chart points have empty limits; JSON has booleans and nulls', () => {
    const csv = runSpcCommand(['--input', 'c.csv', '--chart', 'run', '--value', 'cases', '--date', 'month'], files({ 'c.csv': CDI }));
    expect(csv.stdout.split('\n')[1]).toBe(',2012-11-01,17,17,,,false,true');
    const json = runSpcCommand(['--input', 'c.csv', '--chart', 'run', '--value', 'cases', '--date', 'month', '--format', 'json'], files({ 'c.csv': CDI }));
    expect((JSON.parse(json.stdout) as unknown[])[2]).toEqual({
      group: '',
      period: '2013-01-01',
      y: 27,
      cl: 17,
      lcl: null,
      ucl: null,
      sigma_signal: false,
      runs_signal: true,
    });
  });

  it('groups with --group, one summary row each', () => {
    const text = 'trust,month,cases,days\n' + ['A', 'B'].flatMap((t) => [1, 2, 3].map((m) => `${t},2020-0${m},${m + (t === 'B' ? 5 : 0)},100`)).join('\n');
    const r = runSpcCommand(
      ['--input', 't.csv', '--chart', 'u', '--value', 'cases', '--denominator', 'days', '--date', 'month', '--group', 'trust', '--summary'],
      files({ 't.csv': text }),
    );
    const rows = r.stdout.trimEnd().split('\n');
    expect(rows.map((l) => l.split(',')[0])).toEqual(['group', 'A', 'B']);
    // A: cl = (1+2+3)/300 = 0.02; B: (6+7+8)/300 = 0.07. Rates 0.01 0.02 0.03 about 0.02: 2 useful, 1 crossing.
    expect(rows[1]).toBe('A,3,2,1,4,1,0,false,0.02');
    expect(Number(rows[2]?.split(',')[8])).toBeCloseTo(0.07, 15);
  });

  it.each([
    [['--chart', 'p'], /^longview spc: --denominator COL is required with --chart p/],
    [['--chart', 'run', '--denominator', 'attendances'], /--denominator is for --chart p, pp, u or up/],
    [['--chart', 'xmr', '--denominator', 'attendances'], /--denominator is for --chart p, pp, u or up/],
    [['--chart', 'run', '--rebase', '2021-02-01'], /--rebase applies to --chart xmr only/],
    [['--chart', 'pp', '--denominator', 'attendances', '--target', '0.95'], /--target applies to --chart xmr only/],
    [['--chart', 'u', '--denominator', 'attendances', '--screen-outliers', 'true'], /--screen-outliers applies to --chart xmr, pp and up only, not u/],
    [['--chart', 'c'], /--chart must be one of xmr\|run\|p\|pp\|u\|up, got 'c'/],
    [['--chart', 'p', '--denominator', 'nope'], /missing column 'nope' \(named by --denominator\)/],
  ])('%j exits 2 with a plain message and nothing on stdout', (args, message) => {
    const r = runSpcCommand(['--input', 'a.csv', '--value', 'seen', '--date', 'week', ...args], files({ 'a.csv': NHS }));
    expect(r).toMatchObject({ exitCode: 2, stdout: '' });
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/\nusage: longview spc /);
  });

  it.each([
    ['w,y,n\n2020-01,5,10\n2020-02,11,10\n', 'p', /line 3, column 'y': 11 is larger than its denominator 10 \(column 'n'\), so it is not a proportion/],
    ['w,y,n\n2020-01,5,10\n2020-02,1,0\n', 'u', /line 3, column 'n': 0 is not a denominator > 0/],
    ['w,y,n\n2020-01,-5,10\n', 'up', /line 2, column 'y': -5 is a negative count/],
    ['w,y,n\n2020-01,5,ten\n', 'u', /line 2, column 'n': 'ten' is not a number/],
    ['w,y,n\n2020-01,5,10\n2020-01-01,5,10\n', 'pp', /line 3, column 'w': duplicate period 2020-01-01 \(first on line 2\)/],
  ])('bad row %j (--chart %s) names the line and column', (text, chart, message) => {
    const r = runSpcCommand(['--input', 'b.csv', '--chart', chart, '--value', 'y', '--denominator', 'n', '--date', 'w'], files({ 'b.csv': text }));
    expect(r).toMatchObject({ exitCode: 2, stdout: '' });
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
    const r = runPoolCommand(['--input', 'p.csv', '--estimator', 'REML'], files({ 'p.csv': 'yi,vi\n1,1\n' }));
    expect(r).toMatchObject({ exitCode: 2, stdout: '' });
    expect(r.stderr).toMatch(/unknown option --estimator/);
  });

  it("--method REML --test knha: metafor's README fit of dat.bcg, same row shape", () => {
    // metafor README: tau^2 0.3132, I^2 92.22%, Q 152.2330, estimate -0.7145, se 0.1808,
    // CI [-1.1084, -0.3206]; spec section 8: PI [-1.9960, 0.5670].
    for (const args of [
      ['--method', 'REML', '--test', 'knha'],
      ['--method=reml', '--test=knha'],
    ]) {
      const r = runPoolCommand(['--input', 'bcg.csv', ...args], files({ 'bcg.csv': BCG }));
      expect(r.exitCode).toBe(0);
      const [header, row] = r.stdout.split('\n');
      expect(header).toBe('k,estimate,se,ci_low,ci_high,tau2,i2,q,pi_low,pi_high');
      const v = (row as string).split(',').map(Number);
      const expected = [13, -0.7145, 0.1808, -1.1084, -0.3206, 0.3132, 92.22, 152.233, -1.996, 0.567];
      expected.forEach((e, i) => expect({ i, v: v[i] }).toEqual({ i, v: expect.closeTo(e, i === 6 ? 2 : 4) }));
    }
  });

  it('--method PM: tau^2 0.3181 (metafor tests, DLIT/SJIT); DL is the default', () => {
    const pm = runPoolCommand(['--input', 'bcg.csv', '--method', 'PM'], files({ 'bcg.csv': BCG }));
    expect(Number(pm.stdout.split('\n')[1]?.split(',')[5])).toBeCloseTo(0.3181, 4);
    const dl = runPoolCommand(['--input', 'bcg.csv', '--method', 'DL', '--test', 'z'], files({ 'bcg.csv': BCG }));
    expect(dl.stdout).toBe(runPoolCommand(['--input', 'bcg.csv'], files({ 'bcg.csv': BCG })).stdout);
  });

  it.each([
    [['--method', 'ML'], /^longview pool: --method must be one of DL\|REML\|PM, got 'ML'\n/],
    [['--test', 't'], /^longview pool: --test must be one of z\|knha, got 't'\n/],
  ])('bad %j exits 2 with the allowed values', (args, message) => {
    const r = runPoolCommand(['--input', 'bcg.csv', ...args], files({ 'bcg.csv': BCG }));
    expect(r).toMatchObject({ exitCode: 2, stdout: '' });
    expect(r.stderr).toMatch(message);
  });

  it('--test knha with one study says why it cannot', () => {
    const r = runPoolCommand(['--input', 'one.csv', '--test', 'knha'], files({ 'one.csv': 'study,yi,vi\nRJ1,0.5,0.01\n' }));
    expect(r).toMatchObject({ exitCode: 2, stdout: '' });
    expect(r.stderr).toMatch(/Knapp-Hartung adjustment needs at least two studies/);
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
