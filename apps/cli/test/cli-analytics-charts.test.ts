/**
 * `longview spc --chart ...` and `longview pool --method ... --test ...` end to end through
 * the CLI's main(), on files: the contract of spc-and-pooling.md sections 7 and 8.
 * Expected figures are published ones: the qicharts2 vignette (Case 5, nhs_accidents: P′
 * limits 93.997 / 95.290 / 96.582 %) and metafor's README (dat.bcg, REML + Knapp-Hartung).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { longview } from './support';

// qicharts2 data/nhs_accidents.rda: patients seen within 4 hours (r) of attendances (n), weeks 1-20.
const NHS: [number, number][] = [
  [266501, 280443],
  [264225, 276823],
  [276532, 291681],
  [281461, 296155],
  [269071, 282343],
  [261215, 275888],
  [270409, 283867],
  [279778, 295251],
  [270483, 284468],
  [270320, 282529],
  [267923, 279618],
  [271478, 283932],
  [255353, 266629],
  [256820, 268091],
  [261835, 276803],
  [259144, 271578],
  [255910, 266005],
  [260863, 273520],
  [264465, 278574],
  [260989, 273772],
];
// metafor dat.bcg (tpos, tneg, cpos, cneg); yi = log risk ratio, vi its variance (escalc "RR").
const BCG: [number, number, number, number][] = [
  [4, 119, 11, 128],
  [6, 300, 29, 274],
  [3, 228, 11, 209],
  [62, 13536, 248, 12619],
  [33, 5036, 47, 5761],
  [180, 1361, 372, 1079],
  [8, 2537, 10, 619],
  [505, 87886, 499, 87892],
  [29, 7470, 45, 7232],
  [17, 1699, 65, 1600],
  [186, 50448, 141, 27197],
  [5, 2493, 3, 2338],
  [27, 16886, 29, 17825],
];

describe('longview spc --chart / longview pool --method --test', () => {
  let dir: string;
  let nhsFile: string;
  let bcgFile: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'longview-charts-'));
    nhsFile = path.join(dir, 'nhs.csv');
    const week = (i: number): string => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`;
    fs.writeFileSync(nhsFile, 'week,seen,attendances\n' + NHS.map(([r, n], i) => `${week(i)},${r},${n}`).join('\n') + '\n');
    bcgFile = path.join(dir, 'bcg.csv');
    fs.writeFileSync(
      bcgFile,
      'study,yi,vi\n' +
        BCG.map(([a, b, c, d], i) => `${i + 1},${Math.log(a / (a + b) / (c / (c + d)))},${1 / a - 1 / (a + b) + 1 / c - 1 / (c + d)}`).join('\n') +
        '\n',
    );
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('spc --chart pp: the P′ chart of the qicharts2 vignette', async () => {
    const r = await longview('spc', '--input', nhsFile, '--chart', 'pp', '--value', 'seen', '--denominator', 'attendances', '--date', 'week');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('group,period,y,cl,lcl,ucl,sigma_signal,runs_signal');
    const last = (lines[20] as string).split(',').map(Number);
    expect([last[3], last[4], last[5]].map((x) => ((x as number) * 100).toFixed(3))).toEqual(['95.290', '93.997', '96.582']);
  });

  it('spc --chart run --summary', async () => {
    const r = await longview('spc', '--input', nhsFile, '--chart', 'run', '--value', 'attendances', '--date', 'week', '--summary');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('group,n_obs,n_useful,longest_run,longest_run_max,n_crossings,n_crossings_min,runs_signal,cl');
    // packages/analytics/test/reference/charts_reference.py (last line): median 279096, 20 useful,
    // longest run 8 > 7 = round(log2 20) + 3, 5 crossings < 6 = qbinom(0.05, 19, 0.5): a signal.
    expect(r.stdout.split('\n')[1]).toBe(',20,20,8,7,5,6,true,279096');
  });

  it('spc --chart p without --denominator: exit 2, plain message, usage, nothing on stdout', async () => {
    const r = await longview('spc', '--input', nhsFile, '--chart', 'p', '--value', 'seen', '--date', 'week');
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toMatch(/^longview spc: --denominator COL is required with --chart p /);
    expect(r.stderr).toMatch(/\nusage: longview spc /);
  });

  it('pool --method REML --test knha reproduces metafor', async () => {
    const r = await longview('pool', '--input', bcgFile, '--method', 'REML', '--test', 'knha');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const v = (r.stdout.split('\n')[1] as string).split(',').map(Number);
    // metafor README: estimate -0.7145, se 0.1808, CI [-1.1084, -0.3206], tau^2 0.3132; PI (spec) [-1.9960, 0.5670]
    expect(v.map((x) => x.toFixed(4))).toEqual([
      '13.0000',
      '-0.7145',
      '0.1808',
      '-1.1084',
      '-0.3206',
      '0.3132',
      expect.any(String),
      '152.2330',
      '-1.9960',
      '0.5670',
    ]);
  });

  it('pool --method ML is a usage error naming the allowed methods', async () => {
    const r = await longview('pool', '--input', bcgFile, '--method', 'ML');
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toMatch(/^longview pool: --method must be one of DL\|REML\|PM, got 'ML'\n/);
  });

  it('help names the new options', async () => {
    expect((await longview('spc', '--help')).stdout).toMatch(/--chart xmr\|run\|p\|pp\|u\|up\] \[--denominator COL\]/);
    expect((await longview('pool', '--help')).stdout).toMatch(/\[--method DL\|REML\|PM\] \[--test z\|knha\]/);
  });
});
