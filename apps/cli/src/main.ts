import { USAGE, usageError } from './cli-options';
import { runImportAe } from './commands/import-ae.command';
import { runStart } from './commands/start.command';
import { runToken } from './commands/token.command';
import { runAnalyticsCommand } from './commands/analytics.command';
import { runParked, runReplay } from './commands/read-model-admin.command';
import { runBench } from './commands/bench.command';


/** Entry point; returns the process exit code. 2 = bad usage or bad input. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
      return runStart(rest);
    case 'import': {
      const [what, ...importArgs] = rest;
      if (what !== 'ae') return usageError(`import: unknown source "${what ?? ''}" (only "ae" is supported)`);
      return runImportAe(importArgs);
    }
    case 'token':
      return runToken(rest);
    case 'parked':
      return runParked(rest);
    case 'replay':
      return runReplay(rest);
    case 'bench':
      return runBench(rest);
    case 'spc':
    case 'pool':
      return runAnalyticsCommand(command, rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      return usageError(`unknown command "${command}"`);
  }
}
