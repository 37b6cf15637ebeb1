import * as fs from 'node:fs';
import {
  AE_CORRECTION_REASON,
  AeImportError,
  type AeImportCommand,
  type ExistingObservation,
  applyAeImportPlan,
  parseAeAttendances,
  parseOdsTrusts,
  planAeImport,
} from '../src/import';

import { aeFile, odsFile, sharedDataDir as dataDir, onCi } from './support';

const haveData = fs.existsSync(aeFile) && fs.existsSync(odsFile);

if (!haveData) {
  const message = `NHS open data not found in ${dataDir}: the tests on the real A&E and ODS files are skipped.`;
  if (onCi) {
    test('the shared NHS open data is present under CI', () => {
      throw new Error(`${message} Under CI (CI=true) they must run: provide ../shared/data beside the repository.`);
    });
  } else {
    console.warn(message);
  }
}
const describeWithData = haveData ? describe : describe.skip;

const HEADER = '"period","org_code","type","attendances","breaches","admissions"';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n') + '\n';

function knowledgeFrom(state: { trusts: Set<string>; observations: Map<string, Map<string, ExistingObservation>> }) {
  return {
    isTrustKnown: (code: string) => state.trusts.has(code),
    existingObservations: (code: string) => state.observations.get(code),
  };
}

describeWithData('A&E import on the real NHS England file', () => {
  const text = haveData ? fs.readFileSync(aeFile, 'utf8') : '';
  const parsed = haveData ? parseAeAttendances(text) : { series: [], rows: 0 };
  const ods = haveData ? parseOdsTrusts(fs.readFileSync(odsFile, 'utf8')) : new Map();

  it('reads every row and finds the 140 trusts with type 1 departments', () => {
    expect(parsed.rows).toBe(12765);
    expect(parsed.series).toHaveLength(140);
    const codes = parsed.series.map((s) => s.trustCode);
    expect([...codes].sort()).toEqual(codes);
  });

  it('gives 36 months (2016-04..2019-03) for trusts present throughout, ordered and within that window', () => {
    const full = parsed.series.filter((s) => s.observations.length === 36);
    expect(full.length).toBe(130);
    for (const s of parsed.series) {
      const periods = s.observations.map((o) => o.period);
      expect([...periods].sort()).toEqual(periods);
      expect(new Set(periods).size).toBe(periods.length);
      expect(periods[0]! >= '2016-04').toBe(true);
      expect(periods[periods.length - 1]! <= '2019-03').toBe(true);
    }
    for (const s of full) {
      expect(s.observations[0]!.period).toBe('2016-04');
      expect(s.observations[35]!.period).toBe('2019-03');
    }
  });

  it('computes a month by hand: RF4 in March 2017 (21289 attendances, 2879 breaches)', () => {
    // "2017-03-01","RF4","1",21289,2879,5060  ->  1 - 2879/21289 = 0.864766...
    const rf4 = parsed.series.find((s) => s.trustCode === 'RF4')!;
    expect(rf4.observations.find((o) => o.period === '2017-03')).toEqual({
      period: '2017-03',
      value: 86.48,
      numerator: 18410,
      denominator: 21289,
    });
  });

  it('keeps every value a valid percentage consistent with its counts', () => {
    for (const s of parsed.series) {
      for (const o of s.observations) {
        if (o.value < 0 || o.value > 100 || o.numerator > o.denominator) throw new Error(`${s.trustCode} ${o.period}`);
        expect(Math.abs(o.value - (100 * o.numerator) / o.denominator)).toBeLessThanOrEqual(0.005 + 1e-9);
      }
    }
  });

  it('finds every type 1 trust in the ODS file with an English region and a tidy name', () => {
    for (const s of parsed.series) expect(ods.get(s.trustCode)).toBeDefined();
    expect(ods.get('RF4')).toMatchObject({ name: 'Barking, Havering and Redbridge University Hospitals NHS Trust', region: 'LONDON' });
    expect(ods.get('RJ1')?.name).toBe("Guy's and St Thomas' NHS Foundation Trust");
    // No gor letter in the file: the postcode area (M13) decides.
    expect(ods.get('R0A')).toMatchObject({ name: 'Manchester University NHS Foundation Trust', region: 'NORTH_WEST' });
    const regions = new Set([...ods.values()].map((t) => t.region));
    expect(regions.size).toBe(7);
    // Welsh trusts (gor W) are left out.
    const welsh = fs
      .readFileSync(odsFile, 'utf8')
      .split('\n')
      .filter((l) => l.trim().endsWith(',W'));
    expect(welsh.length).toBeGreaterThan(0);
    for (const line of welsh) expect(ods.has(line.split(',')[0]!)).toBe(false);
  });

  it('plans a first import, then nothing when re-run, and a correction when a value changed', () => {
    const state = { trusts: new Set<string>(), observations: new Map<string, Map<string, ExistingObservation>>() };
    const first = planAeImport(parsed.series, { ...knowledgeFrom(state), ods });
    expect(first.skipped).toEqual([]);
    expect(first.summary.trustsRegistered).toBe(140);
    expect(first.summary.observationsRecorded).toBe(parsed.series.reduce((n, s) => n + s.observations.length, 0));
    expect(first.summary.observationsCorrected).toBe(0);
    const rf4 = first.commands.find((c) => c.type === 'RegisterTrust' && c.data.code === 'RF4');
    expect(rf4?.data).toEqual({
      code: 'RF4',
      name: 'Barking, Havering and Redbridge University Hospitals NHS Trust',
      context: { kind: 'ACUTE', region: 'LONDON' },
      effectiveFrom: '2016-04-01',
    });
    applyAeImportPlan(first.commands, state);

    const again = planAeImport(parsed.series, { ...knowledgeFrom(state), ods });
    expect(again.commands).toEqual([]);
    expect(again.summary.observationsUnchanged).toBe(first.summary.observationsRecorded);

    // Someone typed a wrong value for RF4 in March 2017: the import corrects it, explicitly.
    state.observations.get('RF4')!.set('2017-03', 80);
    const corrected = planAeImport(parsed.series, { ...knowledgeFrom(state), ods });
    expect(corrected.commands).toEqual([
      {
        type: 'CorrectObservation',
        data: {
          trustCode: 'RF4',
          metric: 'ae-4hr',
          period: '2017-03',
          value: 86.48,
          numerator: 18410,
          denominator: 21289,
          reason: AE_CORRECTION_REASON,
        },
      },
    ]);
  });
});

describe('parseAeAttendances on small files', () => {
  it('keeps type 1 rows only, computes performance, sorts by trust then period', () => {
    const result = parseAeAttendances(
      csv(
        '"2018-02-01","RB2","1",1000,250,300',
        '"2018-01-01","RB2","1",1000,100,300',
        '"2018-01-01","RA1","1",800,0,200',
        '"2018-01-01","RA1","other",500,2,0',
        '"2018-01-01","NX9","2",300,3,0',
      ),
    );
    expect(result.rows).toBe(5);
    expect(result.series).toEqual([
      { trustCode: 'RA1', observations: [{ period: '2018-01', value: 100, numerator: 800, denominator: 800 }] },
      {
        trustCode: 'RB2',
        observations: [
          { period: '2018-01', value: 90, numerator: 900, denominator: 1000 },
          { period: '2018-02', value: 75, numerator: 750, denominator: 1000 },
        ],
      },
    ]);
  });

  it('rounds to 2 decimal places and accepts CRLF line endings and unquoted fields', () => {
    const result = parseAeAttendances(`${HEADER}\r\n2018-01-01,RA1,1,3,1,0\r\n`);
    expect(result.series[0]!.observations[0]).toEqual({ period: '2018-01', value: 66.67, numerator: 2, denominator: 3 });
  });

  const malformed: [string, string, RegExp][] = [
    ['a wrong column count', '"2018-01-01","RA1","1",800,10', /line 3: expected 6 columns but found 5/],
    ['a non-numeric count', '"2018-01-01","RA1","1",eight hundred,10,0', /line 3: column "attendances" value "eight hundred" is not a whole number/],
    ['a negative count', '"2018-01-01","RA1","1",800,-10,0', /line 3: column "breaches" value "-10" is negative/],
    ['a fractional count', '"2018-01-01","RA1","1",800,10.5,0', /line 3: column "breaches" value "10.5"/],
    ['breaches above attendances', '"2018-01-01","RA1","1",800,900,0', /line 3: column "breaches" value "900" is greater than attendances \(800\)/],
    ['a bad date', '"2018-13-01","RA1","1",800,10,0', /line 3: column "period" value "2018-13-01"/],
    ['an impossible date', '"2018-02-30","RA1","1",800,10,0', /line 3: column "period" value "2018-02-30" is not a valid calendar date/],
    ['a non-date', '"Jan 2018","RA1","1",800,10,0', /line 3: column "period" value "Jan 2018" is not a date/],
    ['an unknown department type', '"2018-01-01","RA1","3",800,10,0', /line 3: column "type" value "3"/],
    ['a duplicate trust and period for type 1', '"2018-02-01","RA1","1",800,10,0', /line 3: duplicate type 1 row for org_code "RA1" and period "2018-02-01"/],
  ];
  it.each(malformed)('rejects %s, naming the line, column and value', (_label, row, message) => {
    const text = csv('"2018-02-01","RA1","1",700,10,0', row, '"2018-03-01","RA1","1",700,10,0');
    expect(() => parseAeAttendances(text)).toThrow(AeImportError);
    expect(() => parseAeAttendances(text)).toThrow(message);
  });

  it('carries the line number on the error, counting lines inside quoted fields', () => {
    const text = `${HEADER}\n"2018-01-01","RA1","1",800,10,0\n"2018-02-01","RA1\nX","1",800,10,0\n"2018-03-01","RA1","1",x,10,0\n`;
    try {
      parseAeAttendances(text);
      throw new Error('expected an AeImportError');
    } catch (e) {
      expect(e).toBeInstanceOf(AeImportError);
      // The record starting on line 3 spans two lines; its org_code is not a code.
      expect((e as AeImportError).line).toBe(3);
      expect((e as AeImportError).column).toBe('org_code');
    }
  });

  it('accepts the 6-character codes of GP practices on type 2 and other rows, but only a trust code on type 1', () => {
    // As in NHS England's file: minor injury units run by GP practices (C82009) or sites (NDA55).
    const result = parseAeAttendances(csv('"2018-01-01","C82009","other",40,0,0', '"2018-01-01","NDA55","2",30,1,0', '"2018-01-01","RA1","1",800,10,0'));
    expect(result.series.map((s) => s.trustCode)).toEqual(['RA1']);
    expect(() => parseAeAttendances(csv('"2018-01-01","C82009","1",40,0,0'))).toThrow(
      /line 2: column "org_code" value "C82009" has a type 1 department but is not a trust's ODS code/,
    );
    expect(() => parseAeAttendances(csv('"2018-01-01","RA1-X","other",40,0,0'))).toThrow(/line 2: column "org_code" value "RA1-X" is not an ODS code/);
  });

  it('accepts a repeated trust and period for non-type-1 departments but not type 1', () => {
    expect(() => parseAeAttendances(csv('"2018-01-01","RA1","other",10,1,0', '"2018-01-01","RA1","other",12,1,0'))).not.toThrow();
  });

  describe('a file cut off inside its last row (a truncated download) is refused, naming the line', () => {
    const complete = csv('"2018-01-01","RA1","1",800,10,0', '"2018-02-01","RA1","1",900,20,1292');
    const cutAt = (text: string, end: string) => text.slice(0, text.lastIndexOf(end) + end.length);

    it.each([
      // Quoted: the open quote of the cut field is never closed.
      ['inside a quoted field', csv('"2018-01-01","RA1","1",800,10,0').concat('"2018-02-01","RA'), /line 3: a quoted field is not closed/],
      // Unquoted, cut between fields: too few columns.
      ['between fields', cutAt(complete, '900,20,'), /line 3: column "admissions" value "" is not a whole number/],
      ['inside the fifth field', cutAt(complete, '900,2'), /line 3: expected 6 columns but found 5/],
      // Unquoted, cut inside the last number: "1292" read as "12" would be valid, so the missing line break decides.
      ['inside the last number', cutAt(complete, '900,20,12'), /line 3: the file ends inside this row, with no line break after it: it looks cut off/],
    ])('%s', (_label, text, message) => {
      expect(() => parseAeAttendances(text)).toThrow(AeImportError);
      expect(() => parseAeAttendances(text)).toThrow(message);
    });

    it('a complete file with or without a final line break after a quoted last field is read', () => {
      expect(parseAeAttendances(complete).series[0]?.observations).toHaveLength(2);
      expect(
        parseAeAttendances(`${HEADER}
"2018-01-01","RA1","1","800","10","0"`).series[0]?.observations,
      ).toHaveLength(1);
    });
  });

  it('rejects a file without the expected header', () => {
    expect(() => parseAeAttendances('"period","org","type"\n')).toThrow(/line 1: header has no column "org_code"/);
    expect(() => parseAeAttendances('')).toThrow(/line 1: the file is empty/);
  });
});

describe('planAeImport', () => {
  const series = parseAeAttendances(csv('"2018-01-01","RA1","1",1000,100,0', '"2018-02-01","RA1","1",1000,200,0', '"2018-01-01","RZZ9","1",500,50,0')).series;
  const ods = new Map([['RA1', { name: 'Aldwych Hospitals NHS Trust', region: 'LONDON' as const }]]);

  it('registers unknown trusts from ODS, skips those it cannot place, and records new months', () => {
    const plan = planAeImport(series, { isTrustKnown: () => false, existingObservations: () => undefined, ods });
    expect(plan.skipped).toEqual([{ trustCode: 'RZZ9', reason: expect.stringContaining('ODS') }]);
    expect(plan.commands.map((c) => c.type)).toEqual(['RegisterTrust', 'RecordObservations']);
    const record = plan.commands[1] as Extract<AeImportCommand, { type: 'RecordObservations' }>;
    expect(record.data).toEqual({
      trustCode: 'RA1',
      metric: 'ae-4hr',
      source: expect.stringContaining('NHS England'),
      observations: [
        { period: '2018-01', value: 90, numerator: 900, denominator: 1000 },
        { period: '2018-02', value: 80, numerator: 800, denominator: 1000 },
      ],
    });
  });

  it('records only the missing months of a known trust, corrects a different one, leaves an identical one', () => {
    const existing = new Map<string, ExistingObservation>([['2018-01', 85]]);
    const plan = planAeImport(series, {
      isTrustKnown: (code) => code !== 'NOPE',
      existingObservations: (code) => (code === 'RA1' ? existing : undefined),
    });
    expect(plan.commands).toEqual([
      {
        type: 'RecordObservations',
        data: expect.objectContaining({ trustCode: 'RA1', observations: [{ period: '2018-02', value: 80, numerator: 800, denominator: 1000 }] }),
      },
      {
        type: 'CorrectObservation',
        data: expect.objectContaining({ trustCode: 'RA1', period: '2018-01', value: 90, reason: AE_CORRECTION_REASON }),
      },
      { type: 'RecordObservations', data: expect.objectContaining({ trustCode: 'RZZ9' }) },
    ]);
    expect(plan.summary).toMatchObject({ trustsRegistered: 0, observationsRecorded: 2, observationsCorrected: 1, observationsUnchanged: 0 });
  });

  it('treats a value equal at 2 decimal places, or with equal counts, as unchanged; different counts as a correction', () => {
    const same = planAeImport(series.slice(0, 1), {
      isTrustKnown: () => true,
      existingObservations: () =>
        new Map<string, ExistingObservation>([
          ['2018-01', 90.001],
          ['2018-02', { value: 80, numerator: 800, denominator: 1000 }],
        ]),
    });
    expect(same.commands).toEqual([]);
    const counts = planAeImport(series.slice(0, 1), {
      isTrustKnown: () => true,
      existingObservations: () =>
        new Map<string, ExistingObservation>([
          ['2018-01', 90],
          ['2018-02', { value: 80, numerator: 80, denominator: 100 }],
        ]),
    });
    expect(counts.commands).toEqual([{ type: 'CorrectObservation', data: expect.objectContaining({ period: '2018-02', numerator: 800 }) }]);
  });

  it('splits long series into batches when asked', () => {
    const plan = planAeImport(
      series.slice(0, 1),
      { isTrustKnown: () => true, existingObservations: () => undefined },
      {
        maxObservationsPerCommand: 1,
      },
    );
    expect(plan.commands.map((c) => c.type)).toEqual(['RecordObservations', 'RecordObservations']);
  });
});
