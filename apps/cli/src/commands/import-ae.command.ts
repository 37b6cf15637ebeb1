import fs from 'node:fs';
import path from 'node:path';
import { commandUsageError, dataDirFrom, parseCommandLine, portsFrom, PORT_OPTIONS, PORTS_USAGE, UsageError, type Ports } from '../cli-options';
import { AeImportError, OdsImportError } from '../import';
import { importAeAttendances } from '../platform/ae-import';
import { openImportTarget } from '../platform/import-target';
import { AE_IMPORTER, cliClients } from '../platform/service-key';

const ODS_FILE = 'nhs-trusts-ods-2017.csv';

export const IMPORT_AE = {
  name: 'import ae',
  usage: `usage: longview import ae --file F [--ods F] [--data DIR] [--port N] [--command-port N] [--query-port N]
       longview import ae --file F [--ods F] --command-url URL --query-url URL

Imports NHS England's A&E attendances (tidy CSV: period, org_code, type, attendances, breaches,
admissions) as each trust's monthly ae-4hr series, through the command path. Idempotent; a
malformed row stops it, naming its line, before anything is written.

It writes into the platform that holds DIR while one runs (found through
DIR/longview-platform.json), else opens DIR itself; it says which. With only --port, the
platform on that port. A platform holding another folder is not written into.

  --file F           the attendances CSV
  --ods F            the ODS trusts file, to register trusts not yet known
                     (default: ${ODS_FILE} beside --file)
  --data DIR         the data folder (default .longview/data)
${PORTS_USAGE}  --command-url U, --query-url U
                     talk to these services (e.g. a distributed platform), whatever holds them
  -h, --help         this text
`,
  options: {
    file: { type: 'string' },
    ods: { type: 'string' },
    data: { type: 'string' },
    ...PORT_OPTIONS,
    'command-url': { type: 'string' },
    'query-url': { type: 'string' },
  },
} as const;

/** `longview import ae --file F`: see IMPORT_AE.usage. */
export async function runImportAe(args: readonly string[]): Promise<number> {
  const parsed = parseCommandLine(IMPORT_AE, args);
  if ('exitCode' in parsed) return parsed.exitCode;
  const { values } = parsed;
  let ports: Ports;
  try {
    ports = portsFrom(values);
  } catch (error) {
    if (error instanceof UsageError) return commandUsageError(IMPORT_AE, error.message);
    throw error;
  }
  if (!values.file) return commandUsageError(IMPORT_AE, '--file F is required (the tidy A&E attendances CSV)');
  if ((values['command-url'] === undefined) !== (values['query-url'] === undefined)) {
    return commandUsageError(IMPORT_AE, '--command-url and --query-url go together');
  }
  const file = path.resolve(values.file);
  if (!fs.existsSync(file)) return commandUsageError(IMPORT_AE, `no such file: ${file}`);
  const odsFile = values.ods ? path.resolve(values.ods) : path.join(path.dirname(file), ODS_FILE);
  if (values.ods && !fs.existsSync(odsFile)) return commandUsageError(IMPORT_AE, `no such file: ${odsFile}`);
  const odsText = fs.existsSync(odsFile) ? fs.readFileSync(odsFile, 'utf8') : undefined;
  const log = (line: string) => process.stdout.write(`${line}\n`);
  if (!odsText) log(`No ODS file (${ODS_FILE}) beside the data: trusts not yet registered will be skipped.`);

  const started = Date.now();
  const dataDir = dataDirFrom(values.data);
  const target = await openImportTarget('import ae', {
    ...(values['command-url'] ? { commandUrl: values['command-url'] } : {}),
    ...(values['query-url'] ? { queryUrl: values['query-url'] } : {}),
    dataDir,
    dataGiven: values.data !== undefined,
    ports,
    log,
  });
  if (!target) return 1;
  try {
    const result = await importAeAttendances({
      text: fs.readFileSync(file, 'utf8'),
      ...(odsText ? { odsText } : {}),
      ...cliClients(target, target.serviceKey, AE_IMPORTER),
      log,
    });
    log(
      `Imported in ${((Date.now() - started) / 1000).toFixed(1)} s: ${result.trusts} trusts (${result.trustsRegistered} newly registered), ` +
        `${result.observationsRecorded} months recorded, ${result.observationsCorrected} corrected, ${result.observationsUnchanged} unchanged, ` +
        `${result.events} events.`,
    );
    return 0;
  } catch (error) {
    if (error instanceof AeImportError || error instanceof OdsImportError) {
      const named = error instanceof AeImportError ? path.basename(file) : path.basename(odsFile);
      process.stderr.write(`longview import ae: ${named} ${error.message}\nNothing was imported.\n`);
      return 2;
    }
    throw error;
  } finally {
    await target.stop();
  }
}
