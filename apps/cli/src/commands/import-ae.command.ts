import fs from 'node:fs';
import path from 'node:path';
import { commandUsageError, dataDirFrom, parseCommandLine, portsFrom, PORT_OPTIONS, PORTS_USAGE, UsageError, type Ports } from '../cli-options';
import { AeImportError, OdsImportError } from '../import';
import { importAeAttendances } from '../platform/ae-import';
import { DataInUseError, startEmbeddedPlatform } from '../platform/embedded-platform';
import { locatePlatform, PlatformNotAnsweringError } from '../platform/locate-platform';
import { AE_IMPORTER, cliClients, runningPlatformServiceKey, serviceKey, ServiceKeyMissingError } from '../platform/service-key';

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
  let target: { commandUrl: string; queryUrl: string; serviceKey: string; stop(): Promise<void> };
  try {
    if (values['command-url'] && values['query-url']) {
      log(`Talking to the services at ${values['command-url']} and ${values['query-url']} (as given)`);
      // A distributed platform's key: LONGVIEW_SERVICE_KEY, else the default data folder's (what `start --distributed` uses).
      target = { commandUrl: values['command-url'], queryUrl: values['query-url'], serviceKey: serviceKey(dataDir), stop: async () => undefined };
    } else {
      const located = await locatePlatform({ dataDir, dataGiven: values.data !== undefined, ports });
      log(located.line);
      if (located.running) {
        target = {
          commandUrl: located.platform.commandUrl,
          queryUrl: located.platform.queryUrl,
          serviceKey: runningPlatformServiceKey(located.platform.dataDir),
          stop: async () => undefined,
        };
      } else {
        const platform = await startEmbeddedPlatform({ dataDir, withGateway: false, commandPort: 0, queryPort: 0 });
        target = { commandUrl: platform.commandService.url, queryUrl: platform.queryService.url, serviceKey: platform.serviceKey, stop: () => platform.stop() };
      }
    }
  } catch (error) {
    if (error instanceof PlatformNotAnsweringError || error instanceof DataInUseError || error instanceof ServiceKeyMissingError) {
      process.stderr.write(`longview import ae: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
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
