import { SPC_USAGE, POOL_USAGE } from '@longview/analytics';
import { commandUsageError, USAGE, usageError, wantsHelp } from './cli-options';
import { IMPORT_AE, runImportAe } from './commands/import-ae.command';
import { IMPORT_SERIES, runImportSeries } from './commands/import-series.command';
import { runStart, START } from './commands/start.command';
import { runToken, TOKEN } from './commands/token.command';
import { runAnalyticsCommand } from './commands/analytics.command';
import { PARKED, REPLAY, runParked, runReplay } from './commands/read-model-admin.command';
import { BENCH_PIPELINE, runBench } from './commands/bench.command';
import { BACKUP, EXPORT, RESTORE, runBackup, runExport, runRestore } from './commands/backup.command';

/** Each command's usage, for `longview help COMMAND` (the commands print their own on --help). */
const COMMAND_USAGE: Readonly<Record<string, string>> = {
  start: START.usage,
  import: `${IMPORT_AE.usage}\n${IMPORT_SERIES.usage}`,
  token: TOKEN.usage,
  parked: PARKED.usage,
  replay: REPLAY.usage,
  bench: BENCH_PIPELINE.usage,
  backup: BACKUP.usage,
  restore: RESTORE.usage,
  export: EXPORT.usage,
  spc: `${SPC_USAGE}\n`,
  pool: `${POOL_USAGE}\n`,
};

/** Entry point; returns the process exit code. 2 = bad usage or bad input. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
      return runStart(rest);
    case 'import': {
      const [what, ...importArgs] = rest;
      if (what === 'ae') return runImportAe(importArgs);
      if (what === 'series') return runImportSeries(importArgs);
      if (what !== undefined && wantsHelp([what])) {
        process.stdout.write(`${IMPORT_AE.usage}\n${IMPORT_SERIES.usage}`);
        return 0;
      }
      return commandUsageError(
        { name: 'import', usage: `${IMPORT_AE.usage}\n${IMPORT_SERIES.usage}` },
        `unknown source "${what ?? ''}" (use "ae" or "series")`,
      );
    }
    case 'token':
      return runToken(rest);
    case 'parked':
      return runParked(rest);
    case 'replay':
      return runReplay(rest);
    case 'bench':
      return runBench(rest);
    case 'backup':
      return runBackup(rest);
    case 'restore':
      return runRestore(rest);
    case 'export':
      return runExport(rest);
    case 'spc':
    case 'pool':
      return runAnalyticsCommand(command, rest);
    case 'help': {
      const [about] = rest;
      if (about === undefined) break;
      const usage = COMMAND_USAGE[about];
      if (!usage) return usageError(`no command "${about}"`);
      process.stdout.write(usage);
      return 0;
    }
    case undefined:
    case '--help':
    case '-h':
      break;
    default:
      return usageError(command.startsWith('-') ? `unknown option ${command}` : `unknown command "${command}"`);
  }
  process.stdout.write(USAGE);
  return command === undefined ? 2 : 0;
}
