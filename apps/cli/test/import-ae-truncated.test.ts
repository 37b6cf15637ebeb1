import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EventStore, openPglite } from '@longview/event-store';
import { longview } from './support';

/**
 * `longview import ae` on a file cut off inside its last row (an interrupted download) exits
 * non-zero naming the line, and writes nothing; the complete file imports. Quoted and unquoted
 * last fields: NHS England quotes its text columns and leaves the counts unquoted.
 */

jest.setTimeout(120_000);

const HEADER = '"period","org_code","type","attendances","breaches","admissions"';
const months = ['2018-01-01', '2018-02-01', '2018-03-01'];

function files(dir: string, quoteCounts: boolean): string {
  const count = (n: number) => (quoteCounts ? `"${n}"` : String(n));
  const rows = months.map((period, i) => `"${period}","RZ1","1",${count(1000 + i)},${count(100 + i)},${count(1292)}`);
  const complete = `${[HEADER, ...rows].join('\n')}\n`;
  fs.writeFileSync(path.join(dir, 'complete.csv'), complete);
  // Cut two characters into the last row's last field: "1292" becomes "12" (or `"12` when quoted).
  const cut = complete.slice(0, complete.lastIndexOf(quoteCounts ? '"1292"' : '1292') + (quoteCounts ? 3 : 2));
  fs.writeFileSync(path.join(dir, 'cut.csv'), cut);
  fs.writeFileSync(path.join(dir, 'nhs-trusts-ods-2017.csv'), 'code,name,postcode,gor\nRZ1,RZ1 HOSPITALS NHS TRUST,LS1 3EX,D\n');
  return dir;
}

async function eventsIn(dataDir: string): Promise<bigint> {
  const db = await openPglite({ dataDir });
  try {
    const store = new EventStore(db);
    await store.migrate();
    return await store.headPosition();
  } finally {
    await db.close();
  }
}

describe.each([
  ['unquoted', false, /cut\.csv line 4: the file ends inside this row, with no line break after it: it looks cut off/],
  ['quoted', true, /cut\.csv line 4: a quoted field is not closed/],
])('import ae of a file cut inside its last (%s) field', (_name, quoteCounts, message) => {
  let dir: string;
  beforeAll(() => {
    dir = files(fs.mkdtempSync(path.join(os.tmpdir(), 'longview-ae-cut-')), quoteCounts);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exits non-zero naming the line, and writes nothing', async () => {
    const data = path.join(dir, 'data-cut');
    // --port 1: no platform answers there, so the import opens the data folder itself.
    const result = await longview('import', 'ae', '--file', path.join(dir, 'cut.csv'), '--data', data, '--port', '1');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/Nothing was imported/);
    expect(await eventsIn(data)).toBe(0n);
  });

  it('the complete file imports (the check refuses only the cut one)', async () => {
    const data = path.join(dir, 'data-complete');
    const result = await longview('import', 'ae', '--file', path.join(dir, 'complete.csv'), '--data', data, '--port', '1');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/3 months recorded/);
    expect(await eventsIn(data)).toBeGreaterThan(0n);
  });
});
