/**
 * `longview spc` on the real NHS England A&E file (../shared/data), for three trusts whose
 * limits and signals were checked by hand with an independent Python script (docs/analytics.md,
 * "Hand-checked cases"): RF4 (Barking, Havering and Redbridge), R1H (Barts Health) and RQ3
 * (Birmingham Women's and Children's, a clear downward shift from September 2018).
 * Type 1 departments only; value = 100 * (1 - breaches / attendances), unrounded.
 */
import * as fs from 'node:fs';
import { parseCsv as parseCsvRows, runSpcCommand } from '@longview/analytics';
import { aeFile, requireOrSkip } from './support';

const TRUSTS = ['RF4', 'R1H', 'RQ3'] as const;

/** Hand-checked: mean, limits (screened mean moving range x 2.66), moving ranges screened out. */
const EXPECTED = {
  RF4: {
    mean: 78.0124454104276,
    lpl: 68.8257991288586,
    upl: 87.1990916919966,
    amr: 3.45362642164248,
    n: 36,
    common: 4,
    improvement: 16,
    concern: 16,
    assurance: 'consistent_fail',
  },
  R1H: {
    mean: 79.82031272948777,
    lpl: 74.315936252236,
    upl: 85.32468920673954,
    amr: 2.0693144651322433,
    n: 36,
    common: 16,
    improvement: 11,
    concern: 9,
    assurance: 'consistent_fail',
  },
  RQ3: {
    mean: 92.80027436930865,
    lpl: 85.71600960993165,
    upl: 99.88453912868566,
    amr: 2.6632574283372192,
    n: 36,
    common: 4,
    improvement: 24,
    concern: 8,
    assurance: 'inconsistent',
  },
} as const;

/** Hand-checked special-cause points (period -> rule); every other point is Common Cause. */
const SIGNALS: Record<(typeof TRUSTS)[number], Record<string, string>> = {
  RF4: {},
  R1H: {
    '2016-04-01': '7 Points Above CL',
    '2016-05-01': '7 Points Above CL',
    '2016-06-01': '7 Points Above CL',
    '2016-07-01': '7 Points Above CL',
    '2016-08-01': 'Above UCL',
    '2016-09-01': 'Above UCL',
    '2016-10-01': '7 Points Above CL',
    '2016-11-01': '7 Points Above CL',
    '2017-01-01': 'Below LCL',
    '2017-06-01': 'Above UCL',
    '2017-07-01': '2 in 3 Above CL',
    '2017-08-01': '2 in 3 Above CL',
    '2018-08-01': '7 Point Trend (Decreasing)',
    '2018-09-01': '7 Point Trend (Decreasing)',
    '2018-10-01': '7 Point Trend (Decreasing)',
    '2018-11-01': '7 Point Trend (Decreasing)',
    '2018-12-01': '7 Point Trend (Decreasing)',
    '2019-01-01': 'Below LCL',
    '2019-02-01': 'Below LCL',
    '2019-03-01': 'Below LCL',
  },
  RQ3: {
    '2016-04-01': '7 Points Above CL',
    '2016-05-01': '7 Points Above CL',
    '2016-06-01': '7 Points Above CL',
    '2016-07-01': '7 Points Above CL',
    '2016-08-01': '7 Points Above CL',
    '2016-09-01': '7 Points Above CL',
    '2016-10-01': '7 Points Above CL',
    '2016-12-01': '7 Points Above CL',
    '2017-01-01': '7 Points Above CL',
    '2017-02-01': '7 Points Above CL',
    '2017-03-01': '7 Points Above CL',
    '2017-04-01': '7 Points Above CL',
    '2017-05-01': '7 Points Above CL',
    '2017-06-01': '7 Points Above CL',
    '2017-07-01': '7 Points Above CL',
    '2017-08-01': '7 Points Above CL',
    '2017-11-01': 'Below LCL',
    '2018-01-01': '7 Points Above CL',
    '2018-02-01': '7 Points Above CL',
    '2018-03-01': '7 Points Above CL',
    '2018-04-01': '7 Points Above CL',
    '2018-05-01': '7 Points Above CL',
    '2018-06-01': '7 Points Above CL',
    '2018-07-01': '7 Points Above CL',
    '2018-08-01': '7 Points Above CL',
    '2018-09-01': '7 Points Below CL',
    '2018-10-01': '7 Points Below CL',
    '2018-11-01': 'Below LCL',
    '2018-12-01': '7 Points Below CL',
    '2019-01-01': 'Below LCL',
    '2019-02-01': 'Below LCL',
    '2019-03-01': 'Below LCL',
  },
};
// RF4 has 32 special-cause points; listed by rule rather than one by one.
const RF4_RULE_COUNTS = {
  '7 Points Above CL': 8,
  '7 Point Trend (Decreasing)': 7,
  '2 in 3 Above CL': 6,
  '7 Points Below CL': 6,
  'Common Cause': 4,
  'Below LCL': 3,
  'Above UCL': 2,
};

/** The fields of each row of a CSV file. */
function parseCsv(text: string): string[][] {
  return parseCsvRows(text).map((row) => row.fields);
}

/** The tidy per-trust 4-hour performance CSV for some trusts, from the real file. */
function tidyCsv(raw: string, trusts: readonly string[]): string {
  const rows = parseCsv(raw);
  const header = rows[0] as string[];
  const col = (name: string) => header.indexOf(name);
  const lines = ['org_code,period,value'];
  for (const r of rows.slice(1)) {
    if (r[col('type')] !== '1' || !trusts.includes(r[col('org_code')] as string)) continue;
    const attendances = Number(r[col('attendances')]);
    const breaches = Number(r[col('breaches')]);
    lines.push(`${r[col('org_code')]},${r[col('period')]},${100 * (1 - breaches / attendances)}`);
  }
  return `${lines.join('\n')}\n`;
}

const present = fs.existsSync(aeFile);
if (requireOrSkip(present, `The NHS A&E file ${aeFile}`)) {
  describe('longview spc on the real A&E data: hand-checked trusts', () => {
    const csv = tidyCsv(fs.readFileSync(aeFile, 'utf8'), TRUSTS);
    const readFile = (p: string) => {
      if (p !== 'ae4hr.csv') throw new Error(`unexpected read of ${p}`);
      return csv;
    };
    const args = ['--input', 'ae4hr.csv', '--value', 'value', '--date', 'period', '--group', 'org_code', '--direction', 'increase', '--target', '95'];
    const points = runSpcCommand(args, readFile);
    const summary = runSpcCommand([...args, '--summary'], readFile);
    const table = (out: string) => {
      const [head, ...body] = parseCsv(out).filter((r) => r.length > 1);
      return body.map((r) => Object.fromEntries((head as string[]).map((h, i) => [h, r[i] as string])));
    };

    it('runs cleanly', () => {
      expect(points.exitCode).toBe(0);
      expect(summary.exitCode).toBe(0);
      expect(points.stderr).toBe('');
    });

    it.each(TRUSTS)('%s: mean and limits as computed by hand', (trust) => {
      const e = EXPECTED[trust];
      const row = table(summary.stdout).find((r) => r.group === trust)!;
      expect(Number(row.mean)).toBeCloseTo(e.mean, 9);
      expect(Number(row.lpl)).toBeCloseTo(e.lpl, 9);
      expect(Number(row.upl)).toBeCloseTo(e.upl, 9);
      expect((Number(row.upl) - Number(row.mean)) / 2.66).toBeCloseTo(e.amr, 9);
      expect({
        n: Number(row.n),
        common: Number(row.common_cause),
        improvement: Number(row.special_cause_improvement),
        concern: Number(row.special_cause_concern),
      }).toEqual({
        n: e.n,
        common: e.common,
        improvement: e.improvement,
        concern: e.concern,
      });
      expect(row.variation_type).toBe('special_cause_concern');
      expect(row.assurance_type).toBe(e.assurance);
    });

    it.each(['R1H', 'RQ3'] as const)('%s: every point has the hand-checked rule', (trust) => {
      const got = table(points.stdout).filter((r) => r.group === trust);
      expect(got).toHaveLength(36);
      for (const r of got) expect([r.period, r.rule]).toEqual([r.period, SIGNALS[trust][r.period as string] ?? 'Common Cause']);
    });

    it('RF4: the hand-checked count of each rule', () => {
      const counts: Record<string, number> = {};
      for (const r of table(points.stdout).filter((x) => x.group === 'RF4')) counts[r.rule as string] = (counts[r.rule as string] ?? 0) + 1;
      expect(counts).toEqual(RF4_RULE_COUNTS);
    });
  });
}
