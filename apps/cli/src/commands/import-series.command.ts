import fs from 'node:fs';
import path from 'node:path';
import { commandUsageError, dataDirFrom, parseCommandLine, portsFrom, PORT_OPTIONS, PORTS_USAGE, UsageError, type Ports } from '../cli-options';
import { SeriesImportError } from '../import';
import { openImportTarget } from '../platform/import-target';
import { importSeriesFile } from '../platform/series-import';
import { cliClients, SERIES_IMPORTER } from '../platform/service-key';

export const IMPORT_SERIES = {
  name: 'import series',
  usage: `usage: longview import series --file F --trust COL --metric CODE --date COL --value COL
                              [--numerator COL --denominator COL] [--data DIR] [--port N] ...
       longview import series ... --command-url URL --query-url URL

Imports any trust's own monthly series of a catalogue metric from a CSV whose columns you name,
through the command path. Every row is checked first (a bad row stops it, naming its line and
column, before anything is written); every trust must already be registered. Re-running it on
the same file changes nothing; a changed month is recorded as a correction.

  --file F           the CSV (a header row, then one row per trust and month)
  --trust COL        the column of the trust's ODS code
  --metric CODE      the catalogue metric, e.g. ae-4hr, rtt-18wk
  --date COL         the column of the month: YYYY-MM, or a date YYYY-MM-DD (its month)
  --value COL        the column of the value, in the metric's unit
  --numerator COL, --denominator COL
                     the columns of the counts (both or neither; whole numbers)
  --data DIR         the data folder (default .longview/data)
${PORTS_USAGE}  --command-url U, --query-url U
                     talk to these services (e.g. a distributed platform), whatever holds them
  -h, --help         this text
`,
  options: {
    file: { type: 'string' },
    trust: { type: 'string' },
    metric: { type: 'string' },
    date: { type: 'string' },
    value: { type: 'string' },
    numerator: { type: 'string' },
    denominator: { type: 'string' },
    data: { type: 'string' },
    ...PORT_OPTIONS,
    'command-url': { type: 'string' },
    'query-url': { type: 'string' },
  },
} as const;

/** `longview import series --file F ...`: see IMPORT_SERIES.usage. */
export async function runImportSeries(args: readonly string[]): Promise<number> {
  const parsed = parseCommandLine(IMPORT_SERIES, args);
  if ('exitCode' in parsed) return parsed.exitCode;
  const { values } = parsed;
  let ports: Ports;
  try {
    ports = portsFrom(values);
  } catch (error) {
    if (error instanceof UsageError) return commandUsageError(IMPORT_SERIES, error.message);
    throw error;
  }
  for (const required of ['file', 'trust', 'metric', 'date', 'value'] as const) {
    if (!values[required]) return commandUsageError(IMPORT_SERIES, `--${required} is required`);
  }
  if ((values.numerator === undefined) !== (values.denominator === undefined)) {
    return commandUsageError(IMPORT_SERIES, '--numerator and --denominator go together');
  }
  if ((values['command-url'] === undefined) !== (values['query-url'] === undefined)) {
    return commandUsageError(IMPORT_SERIES, '--command-url and --query-url go together');
  }
  const file = path.resolve(values.file!);
  if (!fs.existsSync(file)) return commandUsageError(IMPORT_SERIES, `no such file: ${file}`);
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const started = Date.now();
  const target = await openImportTarget('import series', {
    ...(values['command-url'] ? { commandUrl: values['command-url'] } : {}),
    ...(values['query-url'] ? { queryUrl: values['query-url'] } : {}),
    dataDir: dataDirFrom(values.data),
    dataGiven: values.data !== undefined,
    ports,
    log,
  });
  if (!target) return 1;
  try {
    const result = await importSeriesFile({
      text: fs.readFileSync(file, 'utf8'),
      metric: values.metric!,
      columns: {
        trust: values.trust!,
        date: values.date!,
        value: values.value!,
        ...(values.numerator !== undefined && values.denominator !== undefined ? { numerator: values.numerator, denominator: values.denominator } : {}),
      },
      ...cliClients(target, target.serviceKey, SERIES_IMPORTER),
      log,
    });
    log(
      `Imported in ${((Date.now() - started) / 1000).toFixed(1)} s: ${result.trusts} trusts, ${result.observationsRecorded} months recorded, ` +
        `${result.observationsCorrected} corrected, ${result.observationsUnchanged} unchanged, ${result.events} events.`,
    );
    return 0;
  } catch (error) {
    if (error instanceof SeriesImportError) {
      process.stderr.write(`longview import series: ${path.basename(file)} ${error.message}\nNothing was imported.\n`);
      return 2;
    }
    throw error;
  } finally {
    await target.stop();
  }
}
