import fs from 'node:fs';
import { runPoolCommand, runSpcCommand } from '@longview/analytics';

/** `longview spc` and `longview pool`: the analytics package's command-line contract, on files. */
export async function runAnalyticsCommand(command: 'spc' | 'pool', args: readonly string[]): Promise<number> {
  const run = command === 'spc' ? runSpcCommand : runPoolCommand;
  const result = run([...args], (file: string) => fs.readFileSync(file, 'utf8'));
  if (result.stdout) process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
  return result.exitCode;
}
