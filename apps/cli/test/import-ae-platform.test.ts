import fs from 'node:fs';
import type { CommandServiceClient, QueryServiceClient } from '@longview/gateway';
import { AeImportError } from '../src/import';
import { importAeAttendances } from '../src/platform/ae-import';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '../src/platform/embedded-platform';
import { AE_IMPORTER, cliClients } from '../src/platform/service-key';
import { aeFile, odsFile, requireOrSkip } from './support';

jest.setTimeout(180_000);

const haveData = requireOrSkip(fs.existsSync(aeFile) && fs.existsSync(odsFile), `The NHS open data (${aeFile})`);

(haveData ? describe : describe.skip)('importing the real A&E file through the command path', () => {
  let platform: EmbeddedPlatform;
  let commands: CommandServiceClient;
  let queries: QueryServiceClient;
  let text: string;
  let odsText: string;

  beforeAll(async () => {
    platform = await startEmbeddedPlatform({ withGateway: false, commandPort: 0, queryPort: 0 });
    ({ commands, queries } = cliClients({ commandUrl: platform.commandService.url, queryUrl: platform.queryService.url }, platform.serviceKey, AE_IMPORTER));
    text = fs.readFileSync(aeFile, 'utf8');
    odsText = fs.readFileSync(odsFile, 'utf8');
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('gives 140 trusts their monthly ae-4hr series, and a second run changes nothing', async () => {
    const first = await importAeAttendances({ text, odsText, commands, queries });
    expect(first).toMatchObject({ rows: 12765, trusts: 140, trustsRegistered: 140, observationsCorrected: 0, skipped: [] });

    const trusts = await queries.listTrusts();
    const withSeries = trusts.filter((t) => t.metrics.includes('ae-4hr'));
    expect(withSeries).toHaveLength(140);
    const rf4 = await queries.getSeries('RF4', 'ae-4hr');
    expect(rf4?.observations).toHaveLength(36);
    // RF4 (Barking, Havering and Redbridge), March 2017, type 1: 21289 attendances, 2879 breaches.
    expect(rf4?.observations.find((o) => o.period === '2017-03')).toMatchObject({ value: 86.48, numerator: 18410, denominator: 21289 });
    const recorded = (await Promise.all(withSeries.map((t) => queries.getSeries(t.code, 'ae-4hr')))).reduce((n, s) => n + (s?.observations.length ?? 0), 0);
    expect(recorded).toBe(first.observationsRecorded);

    const head = await platform.eventStore.headPosition();
    const second = await importAeAttendances({ text, odsText, commands, queries });
    expect(second).toMatchObject({ trustsRegistered: 0, observationsRecorded: 0, observationsCorrected: 0, events: 0 });
    expect(second.observationsUnchanged).toBe(first.observationsRecorded);
    expect(await platform.eventStore.headPosition()).toBe(head);
  });

  it('stops at a malformed row, naming its line, before writing anything', async () => {
    const head = await platform.eventStore.headPosition();
    const lines = text.split('\n');
    lines[5000] = lines[5000]?.replace(/,(\d+),(\d+),(\d+)$/, ',$1,lots,$3') ?? '';
    await expect(importAeAttendances({ text: lines.join('\n'), odsText, commands, queries })).rejects.toThrow(AeImportError);
    await expect(importAeAttendances({ text: lines.join('\n'), odsText, commands, queries })).rejects.toThrow(/line 5001/);
    expect(await platform.eventStore.headPosition()).toBe(head);
  });
});
