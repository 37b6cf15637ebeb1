import { parseArgs } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { HttpCommandServiceClient, HttpQueryServiceClient } from '@longview/gateway';
import { dataDirFrom, parseOptions, usageError, UsageError } from '../cli-options';
import { AeImportError } from '../import';
import { importAeAttendances } from '../platform/ae-import';
import { startEmbeddedPlatform } from '../platform/embedded-platform';

const ODS_FILE = 'nhs-trusts-ods-2017.csv';

/**
 * `longview import ae --file F [--ods F] [--data DIR] [--command-url U --query-url U]`.
 * Talks to a running platform when one answers (default ports), else opens the data directory.
 */
export async function runImportAe(args: readonly string[]): Promise<number> {
  let values;
  try {
    values = parseOptions(() => parseArgs({ args: [...args], strict: true, options: {
      file: { type: 'string' },
      ods: { type: 'string' },
      data: { type: 'string' },
      'command-url': { type: 'string' },
      'query-url': { type: 'string' },
    } }).values);
    if (!values.file) throw new UsageError('--file F is required (the tidy A&E attendances CSV)');
  } catch (error) {
    if (error instanceof UsageError) return usageError(`import ae: ${error.message}`);
    throw error;
  }
  const file = path.resolve(values.file);
  if (!fs.existsSync(file)) return usageError(`import ae: no such file: ${file}`);
  const odsFile = values.ods ? path.resolve(values.ods) : path.join(path.dirname(file), ODS_FILE);
  if (values.ods && !fs.existsSync(odsFile)) return usageError(`import ae: no such file: ${odsFile}`);
  const odsText = fs.existsSync(odsFile) ? fs.readFileSync(odsFile, 'utf8') : undefined;
  const log = (line: string) => process.stdout.write(`${line}\n`);
  if (!odsText) log(`No ODS file (${ODS_FILE}) beside the data: trusts not yet registered will be skipped.`);

  const started = Date.now();
  const commandUrl = values['command-url'] ?? 'http://127.0.0.1:4001';
  const queryUrl = values['query-url'] ?? 'http://127.0.0.1:4002';
  const running = await answers(`${commandUrl}/health`) && (await answers(`${queryUrl}/health`));
  const platform = running ? undefined : await startEmbeddedPlatform({ dataDir: dataDirFrom(values.data), withGateway: false, commandPort: 0, queryPort: 0 });
  log(running ? `Importing into the running platform at ${commandUrl}` : `Importing into ${dataDirFrom(values.data)}`);
  try {
    const result = await importAeAttendances({
      text: fs.readFileSync(file, 'utf8'),
      ...(odsText ? { odsText } : {}),
      commands: new HttpCommandServiceClient(platform?.commandService.url ?? commandUrl),
      queries: new HttpQueryServiceClient(platform?.queryService.url ?? queryUrl),
      log,
    });
    log(
      `Imported in ${((Date.now() - started) / 1000).toFixed(1)} s: ${result.trusts} trusts (${result.trustsRegistered} newly registered), ` +
        `${result.observationsRecorded} months recorded, ${result.observationsCorrected} corrected, ${result.observationsUnchanged} unchanged, ` +
        `${result.events} events.`,
    );
    return 0;
  } catch (error) {
    if (error instanceof AeImportError) {
      process.stderr.write(`longview import ae: ${path.basename(file)} ${error.message}\nNothing was imported.\n`);
      return 2;
    }
    throw error;
  } finally {
    await platform?.stop();
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    return response.ok;
  } catch {
    return false;
  }
}
