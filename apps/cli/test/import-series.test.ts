import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CommandServiceClient, QueryServiceClient } from '@longview/gateway';
import { median, quantile } from '@longview/analytics';
import { parseAeAttendances, SeriesImportError } from '../src/import';
import { importAeAttendances } from '../src/platform/ae-import';
import { importSeriesFile } from '../src/platform/series-import';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '../src/platform/embedded-platform';
import { cliClients } from '../src/platform/service-key';
import { aeFile, longview, odsFile, requireOrSkip } from './support';

jest.setTimeout(240_000);

const COLUMNS = { trust: 'org', date: 'month', value: 'pct', numerator: 'seen', denominator: 'attended' };
const HEADER = 'org,month,pct,seen,attended';

describe('longview import series through the command path', () => {
  let platform: EmbeddedPlatform;
  let commands: CommandServiceClient;
  let queries: QueryServiceClient;

  beforeAll(async () => {
    platform = await startEmbeddedPlatform({ withGateway: false, commandPort: 0, queryPort: 0 });
    ({ commands, queries } = cliClients({ commandUrl: platform.commandService.url, queryUrl: platform.queryService.url }, platform.serviceKey, {
      id: 'test',
      role: 'SYSTEM',
    }));
    for (const code of ['RZA', 'RZB']) {
      await commands.send('RegisterTrust', {
        data: { code, name: `${code} Hospitals NHS Trust`, context: { kind: 'ACUTE', region: 'LONDON' }, effectiveFrom: '2020-01-01' },
      });
    }
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const text = [HEADER, 'RZA,2024-01,90,900,1000', 'RZA,2024-02,91,910,1000', 'rzb,2024-01-01,80,80,100'].join('\n') + '\n';

  it('records each trust series with its counts, logs progress, and a re-run changes nothing', async () => {
    const lines: string[] = [];
    const first = await importSeriesFile({ text, metric: 'ae-4hr', columns: COLUMNS, commands, queries, log: (l) => lines.push(l) });
    expect(first).toMatchObject({ rows: 3, trusts: 2, observationsRecorded: 3, observationsCorrected: 0, observationsUnchanged: 0, commands: 2 });
    expect(lines).toContain('  2/2 commands');
    expect((await queries.getSeries('RZA', 'ae-4hr'))?.observations).toEqual([
      { period: '2024-01', value: 90, numerator: 900, denominator: 1000, corrected: false },
      { period: '2024-02', value: 91, numerator: 910, denominator: 1000, corrected: false },
    ]);
    const head = await platform.eventStore.headPosition();
    const again = await importSeriesFile({ text, metric: 'ae-4hr', columns: COLUMNS, commands, queries });
    expect(again).toMatchObject({ observationsRecorded: 0, observationsCorrected: 0, observationsUnchanged: 3, events: 0 });
    expect(await platform.eventStore.headPosition()).toBe(head);
  });

  it('records a changed month as a correction', async () => {
    const changed = text.replace('RZA,2024-02,91,910,1000', 'RZA,2024-02,92,920,1000');
    const result = await importSeriesFile({ text: changed, metric: 'ae-4hr', columns: COLUMNS, commands, queries });
    expect(result).toMatchObject({ observationsRecorded: 0, observationsCorrected: 1, observationsUnchanged: 2 });
    expect((await queries.getSeries('RZA', 'ae-4hr'))?.observations[1]).toMatchObject({ value: 92, numerator: 920, corrected: true });
  });

  it('writes nothing for a bad file or one naming a trust Longview does not know, and says where', async () => {
    const head = await platform.eventStore.headPosition();
    const bad = `${text}RZB,2024-02,eighty,80,100\n`;
    await expect(importSeriesFile({ text: bad, metric: 'ae-4hr', columns: COLUMNS, commands, queries })).rejects.toThrow(
      'line 5, column "pct": "eighty" is not a number',
    );
    const stranger = `${HEADER}\nRZA,2024-03,90,900,1000\nRZQ,2024-03,90,900,1000\n`;
    const error = await importSeriesFile({ text: stranger, metric: 'ae-4hr', columns: COLUMNS, commands, queries }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeriesImportError);
    expect((error as Error).message).toBe('line 3, column "org": trust RZQ is not registered in Longview (register it first)');
    expect(await platform.eventStore.headPosition()).toBe(head);
  });
});

describe('longview import series on the command line', () => {
  it('exits 2 on a bad file, naming the file, line and column', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'longview-import-series-'));
    try {
      const file = path.join(dir, 'mine.csv');
      fs.writeFileSync(file, `${HEADER}\nRZA,2024-01,90,900,1000\nRZA,2024-02,90,nine hundred,1000\n`);
      const args = ['--trust', 'org', '--metric', 'ae-4hr', '--date', 'month', '--value', 'pct', '--numerator', 'seen', '--denominator', 'attended'];
      const r = await longview('import', 'series', '--file', file, ...args, '--data', path.join(dir, 'data'));
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        'longview import series: mine.csv line 3, column "seen": "nine hundred" is not a whole number of 0 or more\nNothing was imported.\n',
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

const haveData = requireOrSkip(fs.existsSync(aeFile) && fs.existsSync(odsFile), `The NHS open data (${aeFile})`);

(haveData ? describe : describe.skip)('the real A&E data as a trust series file, benchmarked', () => {
  let platform: EmbeddedPlatform;
  let queries: QueryServiceClient;
  let commands: CommandServiceClient;

  beforeAll(async () => {
    platform = await startEmbeddedPlatform({ withGateway: false, commandPort: 0, queryPort: 0 });
    ({ commands, queries } = cliClients({ commandUrl: platform.commandService.url, queryUrl: platform.queryService.url }, platform.serviceKey, {
      id: 'test',
      role: 'SYSTEM',
    }));
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('imports the 140 type 1 trusts through `import series` as the A&E importer would, then benchmarks and funnels March 2019', async () => {
    const aeText = fs.readFileSync(aeFile, 'utf8');
    // Register the trusts (and their series) with the A&E importer, then send the same months
    // again as a generic series file: the two importers must agree to the count.
    const ae = await importAeAttendances({ text: aeText, odsText: fs.readFileSync(odsFile, 'utf8'), commands, queries });
    const rows = parseAeAttendances(aeText).series.flatMap((s) =>
      s.observations.map((o) => `${s.trustCode},${o.period}-01,${o.value},${o.numerator},${o.denominator}`),
    );
    const series = await importSeriesFile({ text: `${HEADER}\n${rows.join('\n')}\n`, metric: 'ae-4hr', columns: COLUMNS, commands, queries });
    expect(series).toMatchObject({ rows: ae.observationsRecorded, trusts: 140, observationsRecorded: 0, observationsCorrected: 0, events: 0 });
    expect(series.observationsUnchanged).toBe(ae.observationsRecorded);

    // March 2019 straight from the file: 100 (1 - breaches / attendances) per type 1 trust.
    const march = new Map<string, number>();
    for (const line of aeText.split('\n').slice(1)) {
      const [period, org, type, attendances, breaches] = line.replace(/"/g, '').split(',');
      if (period === '2019-03-01' && type === '1' && Number(attendances) > 0)
        march.set(org!, Math.round(10000 * (1 - Number(breaches) / Number(attendances))) / 100);
    }
    const values = [...march.values()];
    const rf4 = march.get('RF4')!;
    const benchmark = await queries.getTrustBenchmark('RF4', 'ae-4hr', '2019-03');
    expect(benchmark).toMatchObject({ period: '2019-03', value: rf4, n: values.length, rank: values.filter((v) => v > rf4).length + 1 });
    expect(benchmark?.nationalMedian).toBeCloseTo(median(values), 10);
    expect(benchmark?.q1).toBeCloseTo(quantile(values, 0.25), 10);

    const funnel = await queries.getFunnel('ae-4hr', '2019-03');
    expect(funnel.points).toHaveLength(values.length);
    const outside = funnel.points.filter((p) => p.outside998).length;
    // Over-dispersed (as the P chart shows): far more than 0.2% of trusts are outside the 99.8% limits.
    expect(outside).toBeGreaterThan(values.length / 4);
    console.log(`March 2019: ${values.length} trusts, national median ${benchmark?.nationalMedian}%, ${outside} outside the 99.8% funnel limits`);
  });
});
